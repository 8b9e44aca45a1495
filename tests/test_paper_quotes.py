"""Tests of the quotes: the coding file, the selection of quotable answers, the demo coding."""

from __future__ import annotations

import csv
import json
import re
from collections import Counter
from pathlib import Path

import pandas as pd
import pytest
import yaml

from csec_survey.cli import main
from csec_survey.deidentify.pseudonyms import DEMO_KEY, PseudonymKey, pseudonym
from csec_survey.ingest.records import read_records
from csec_survey.paper.quotes import (
    CODING_COLUMNS,
    coding_from_truth,
    misquoted,
    quote_numbers,
    read_coding,
    residual_risks,
    select_quotes,
    theme_numbers,
)

ROOT = Path(__file__).resolve().parents[1]
PHRASEBANKS = ROOT / "workflow" / "csec_survey" / "synthetic" / "phrasebank"
KEY = PseudonymKey(b"a test key, long enough to be a key", is_demo=False)


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


# --- read_coding ------------------------------------------------------------------------


def test_read_coding_reads_rows(tmp_path):
    path = _write(tmp_path / "coding.csv", "pseudonym,question,theme,claims,exemplar\n"
                  "P_1,oe_needs,funding,overtime grants,yes\nP_2,oe_needs,funding,,no\n")
    assert read_coding(path) == [
        {"pseudonym": "P_1", "question": "oe_needs", "theme": "funding",
         "claims": "overtime grants", "exemplar": "yes"},
        {"pseudonym": "P_2", "question": "oe_needs", "theme": "funding", "claims": "",
         "exemplar": "no"}]


# A coding file without claims (the format before claims were coded) is refused too:
# its quotes could not be matched to the points their lead-ins make.
@pytest.mark.parametrize("header", ["pseudonym,question,theme",
                                    "pseudonym,question,theme,exemplar",
                                    "pseudonym,theme,question,claims,exemplar",
                                    "pseudonym,question,theme,claims,exemplar,note"])
def test_read_coding_checks_columns(tmp_path, header):
    path = _write(tmp_path / "bad_columns.csv", header + "\n")
    with pytest.raises(ValueError, match=r"bad_columns\.csv.*expected columns"):
        read_coding(path)


@pytest.mark.parametrize("value", ["Yes", "true", "", "1"])
def test_read_coding_checks_exemplar_values_naming_file_and_line(tmp_path, value):
    path = _write(tmp_path / "bad_exemplar.csv", "pseudonym,question,theme,claims,exemplar\n"
                  f"P_1,oe_needs,funding,,yes\nP_2,oe_needs,funding,,{value}\n")
    with pytest.raises(ValueError, match=r"bad_exemplar\.csv, line 3: exemplar"):
        read_coding(path)


@pytest.mark.parametrize("claims", ["overtime,grants", "over-time", "grants; travel"])
def test_read_coding_checks_claim_ids_naming_file_and_line(tmp_path, claims):
    path = _write(tmp_path / "bad_claims.csv", "pseudonym,question,theme,claims,exemplar\n"
                  f'P_1,oe_needs,funding,"{claims}",yes\n')
    with pytest.raises(ValueError, match=r"bad_claims\.csv, line 2: claims"):
        read_coding(path)


# --- select_quotes ----------------------------------------------------------------------

LONG = "Investigators describe the buyers coming in from far away now"  # no digit, > 40


def _clean(rows: dict[str, dict[str, object]]) -> pd.DataFrame:
    return pd.DataFrame([{"pseudonym": p, **answers} for p, answers in rows.items()])


def _coding(*rows: tuple[str, ...]) -> list[dict[str, str]]:
    """Coding rows from (pseudonym, question, theme, exemplar), claims blank, or from
    (pseudonym, question, theme, claims, exemplar)."""
    return [dict(zip(CODING_COLUMNS, row if len(row) == 5 else (*row[:3], "", row[3]),
                     strict=True)) for row in rows]


def test_exemplars_come_first_then_by_pseudonym():
    clean = _clean({p: {"oe_needs": f"{LONG}, says {p.lower()}."}
                    for p in ("P_a", "P_b", "P_c", "P_d")})
    coding = _coding(("P_a", "oe_needs", "funding", "no"), ("P_d", "oe_needs", "funding", "yes"),
                     ("P_c", "oe_needs", "funding", "no"), ("P_b", "oe_needs", "funding", "yes"))
    quotes = select_quotes(coding, clean)
    chosen = quotes["oe_needs"]["funding"]["quotes"]
    assert [q["pseudonym"] for q in chosen] == ["P_b", "P_d", "P_a", "P_c"]
    assert [q["exemplar"] for q in chosen] == ["yes", "yes", "no", "no"]
    assert set(chosen[0]) == {"pseudonym", "text", "claims", "exemplar"}


def test_claims_are_counted_and_each_gets_its_own_quotes():
    clean = _clean({f"P_{i}": {"oe_needs": f"{LONG}, number {i}."} for i in range(6)})
    coding = _coding(("P_0", "oe_needs", "funding", "overtime", "yes"),
                     ("P_1", "oe_needs", "funding", "overtime", "no"),
                     ("P_2", "oe_needs", "funding", "overtime grants", "no"),
                     ("P_3", "oe_needs", "funding", "overtime", "no"),
                     ("P_4", "oe_needs", "funding", "grants", "no"),
                     ("P_5", "oe_needs", "funding", "", "no"))
    funding = select_quotes(coding, clean, most=2)["oe_needs"]["funding"]
    assert funding["claims"] == {"overtime": 4, "grants": 2}
    assert funding["coded"] == 6
    # Overtime had its two by P_1, so P_2 is quoted for grants and P_3 is not examined;
    # an answer coded to no claim waits on the theme's count.
    assert [(q["pseudonym"], q["claims"]) for q in funding["quotes"]] == [
        ("P_0", ["overtime"]), ("P_1", ["overtime"]), ("P_2", ["overtime", "grants"]),
        ("P_4", ["grants"])]
    assert funding["examined"] == 4


def test_text_is_verbatim_stripped_cell():
    cell = "   Honestly the sheer number of johns is what overwhelms us, [PERSON] agrees.\n  "
    quotes = select_quotes(_coding(("P_a", "oe_dynamics", "larger_client_pool", "yes")),
                           _clean({"P_a": {"oe_dynamics": cell}}))
    assert quotes["oe_dynamics"]["larger_client_pool"]["quotes"][0]["text"] == cell.strip()


def test_length_limits_are_inclusive():
    answers = {"P_39": "a" * 39, "P_40": "a" * 40, "P_600": "a" * 600, "P_601": "a" * 601}
    coding = _coding(*((p, "oe_needs", "funding", "yes") for p in answers))
    quotes = select_quotes(coding, _clean({p: {"oe_needs": text} for p, text in answers.items()}))
    assert [q["pseudonym"] for q in quotes["oe_needs"]["funding"]["quotes"]] == ["P_40", "P_600"]
    # Every non-blank coded answer is counted, quotable or not.
    assert quotes["oe_needs"]["funding"]["coded"] == 4
    quotes = select_quotes(coding, _clean({p: {"oe_needs": t} for p, t in answers.items()}),
                           min_length=39, max_length=39)
    assert [q["pseudonym"] for q in quotes["oe_needs"]["funding"]["quotes"]] == ["P_39"]


def test_skips_answers_with_more_than_two_placeholders_but_keeps_digits():
    answers = {
        "P_two": f"[PERSON] at [AGENCY] said: {LONG}.",
        "P_three": f"[PERSON] at [AGENCY] in [PLACE] said: {LONG}.",
        "P_numbered": f"[PLACE 1] and [PLACE 2]: {LONG}.",
        # The audit checks quotes word for word, so a digit no longer bars an answer.
        "P_digit": f"{LONG}, over 100 of them.",
        "P_plain": f"{LONG}.",
    }
    coding = _coding(*((p, "oe_needs", "funding", "no") for p in answers))
    quotes = select_quotes(coding, _clean({p: {"oe_needs": t} for p, t in answers.items()}))
    kept = [q["pseudonym"] for q in quotes["oe_needs"]["funding"]["quotes"]]
    assert kept == ["P_digit", "P_numbered", "P_plain", "P_two"]
    assert quotes["oe_needs"]["funding"]["coded"] == 5


@pytest.mark.parametrize("text, risks", [
    ("Training. We need training on phones, not just computers.", []),
    ("Backpage and Facebook ads; the FBI and [AGENCY] helped us in Ohio.", []),
    ("Det. [PERSON 1] and Sgt. [PERSON 2] called the DA about it.", []),
    # Platform names are found in the text as the check reads it, placeholders blanked.
    ("[PERSON 1] and [PERSON 2] at [AGENCY] met her on MocoSpace and Hi5.", []),
    ("[PERSON] told us Keyonna was fifteen when she met him.", ["unexplained word"]),
    ("the ad ran under tip 1188204 for a month", ["long number"]),
    # A word that is English and a name, capitalised inside a sentence: a nickname, maybe.
    ("we heard from Honey at the [AGENCY] that ads dropped", ["name-like word"]),
    ("Honey is what they call the new girls.", []),
    ("she was brought up from Georgia by car", []),
])
def test_residual_risks_name_the_kind_never_the_word(text, risks):
    assert residual_risks(text) == risks


def test_answers_with_a_residual_risk_are_withheld_and_counted():
    answers = {"P_safe": f"{LONG}.", "P_risky": f"{LONG}, Dravonte told us.",
               "P_number": f"{LONG}, case 2012004871."}
    coding = _coding(*((p, "oe_needs", "funding", "no") for p in answers))
    theme = select_quotes(coding, _clean({p: {"oe_needs": t} for p, t in answers.items()}))[
        "oe_needs"]["funding"]
    assert [q["pseudonym"] for q in theme["quotes"]] == ["P_safe"]
    assert (theme["coded"], theme["examined"], theme["withheld"]) == (3, 3, 2)


def test_quote_numbers_total_the_examined_and_withheld_answers_of_every_theme():
    quotes = {"oe_needs": {"funding": {"coded": 9, "examined": 7, "withheld": 2, "quotes": []},
                           "collaboration": {"coded": 3, "examined": 3, "withheld": 0,
                                             "quotes": []}},
              "oe_unique": {"digital_evidence": {"coded": 5, "examined": 4, "withheld": 1,
                                                 "quotes": []}}}
    trail = {"rule": "select_quotes", "script": "s.py", "inputs": {}}
    numbers = {n.id: n for n in quote_numbers(quotes, trail)}
    assert (numbers["quotes.examined"].value, numbers["quotes.withheld"].value) == (14, 3)
    assert numbers["quotes.withheld"].kind == "count"


def test_theme_numbers_count_who_raised_each_theme_among_the_coded_answers():
    clean = _clean({"P_a": {"oe_needs": f"{LONG}."}, "P_b": {"oe_needs": f"{LONG}, again."},
                    "P_c": {"oe_needs": None}, "P_d": {"oe_unique": f"{LONG}."}})
    coding = _coding(("P_a", "oe_needs", "funding", "yes"),
                     ("P_a", "oe_needs", "collaboration", "no"),
                     ("P_b", "oe_needs", "funding", "no"), ("P_c", "oe_needs", "funding", "no"),
                     ("P_d", "oe_unique", "digital_evidence", "no"))
    trail = {"rule": "count_quotes", "script": "s.py", "inputs": {}}
    numbers = {n.id: n.value for n in theme_numbers(coding, clean, trail)}
    # A blank answer is no answer; one answer may raise two themes.
    assert numbers == {"themes.oe_needs.answers": 2, "themes.oe_needs.funding": 2,
                       "themes.oe_needs.collaboration": 1, "themes.oe_unique.answers": 1,
                       "themes.oe_unique.digital_evidence": 1}
    # A theme whose every answer is blank counts 0, not nothing.
    blank = _coding(("P_c", "oe_needs", "funding", "no"))
    assert {n.id: n.value for n in theme_numbers(blank, clean, trail)} == \
        {"themes.oe_needs.answers": 0, "themes.oe_needs.funding": 0}


def test_uncoded_missing_and_unknown_answers_never_appear():
    clean = _clean({
        "P_coded": {"oe_needs": f"{LONG}.", "oe_unique": f"{LONG}, uncoded question."},
        "P_uncoded": {"oe_needs": f"{LONG}, but nobody coded it.", "oe_unique": None},
        "P_missing": {"oe_needs": pd.NA, "oe_unique": None},
    })
    coding = _coding(("P_coded", "oe_needs", "funding", "no"),
                     ("P_missing", "oe_needs", "funding", "yes"),
                     ("P_not_in_table", "oe_needs", "funding", "yes"),
                     ("P_coded", "oe_practices", "listservs_bulletins", "yes"))
    quotes = select_quotes(coding, clean)
    assert quotes == {"oe_needs": {"funding": {
        "coded": 1, "claims": {}, "examined": 1, "withheld": 0,
        "quotes": [{"pseudonym": "P_coded", "text": f"{LONG}.", "claims": [], "exemplar": "no"}]}}}
    texts = json.dumps(quotes)
    assert "nobody coded it" not in texts and "uncoded question" not in texts


def test_themes_are_kept_apart():
    clean = _clean({"P_a": {"oe_needs": f"{LONG}, money."},
                    "P_b": {"oe_needs": f"{LONG}, training."}})
    coding = _coding(("P_a", "oe_needs", "funding", "yes"),
                     ("P_b", "oe_needs", "training_assistance", "yes"))
    quotes = select_quotes(coding, clean)
    assert {theme: [q["pseudonym"] for q in chosen["quotes"]]
            for theme, chosen in quotes["oe_needs"].items()} == \
        {"funding": ["P_a"], "training_assistance": ["P_b"]}


# --- coding_from_truth ------------------------------------------------------------------


def _truth(response_id, item, themes, personal=0, keep=0, claims=("overtime",)):
    return {"ResponseId": response_id, "column": "Q99", "item": item, "themes": themes,
            "claims": list(claims) if themes else [],
            "personal": [{"type": "PERSON", "start": i, "end": i + 1} for i in range(personal)],
            "keep": [{"type": "PLATFORM", "start": i, "end": i + 1} for i in range(keep)]}


TRUTH = [
    _truth("R_1", "oe_needs", ["funding"], personal=3),
    _truth("R_2", "oe_needs", ["funding"], personal=0, keep=0),
    _truth("R_3", "oe_needs", ["funding"], personal=1),
    _truth("R_4", "oe_needs", ["funding"], personal=0, keep=2),
    _truth("R_5", "oe_needs", ["funding"], personal=2, claims=("overtime", "grants")),
    _truth("R_1", "oe_needs", ["funding", "training_assistance"]),   # two themes
    _truth("R_2", "oe_concerns", []),                                 # no theme
    _truth("R_incomplete", "oe_needs", ["funding"]),                  # not complete
    _truth("R_3", "other_text", ["funding"]),                         # not an open question
    _truth("R_6", "oe_concerns", ["prosecutors"], personal=4),
]
COMPLETE = {"R_1", "R_2", "R_3", "R_4", "R_5", "R_6"}


def test_coding_from_truth_codes_complete_single_theme_open_answers():
    rows = coding_from_truth(TRUTH, KEY, COMPLETE)
    assert all(tuple(row) == CODING_COLUMNS for row in rows)
    codes = {pseudonym(rid, KEY): rid for rid in COMPLETE | {"R_incomplete"}}
    coded = sorted((codes[row["pseudonym"]], row["question"], row["theme"]) for row in rows)
    assert coded == [("R_1", "oe_needs", "funding"), ("R_2", "oe_needs", "funding"),
                     ("R_3", "oe_needs", "funding"), ("R_4", "oe_needs", "funding"),
                     ("R_5", "oe_needs", "funding"), ("R_6", "oe_concerns", "prosecutors")]
    assert all(re.fullmatch(r"P_[0-9a-f]{16}", row["pseudonym"]) for row in rows)
    # The claims of an answer's sentences, as ids separated by spaces.
    assert {codes[row["pseudonym"]]: row["claims"] for row in rows
            if row["question"] == "oe_needs"}["R_5"] == "overtime grants"
    assert rows == sorted(rows, key=lambda r: (r["question"], r["theme"], r["pseudonym"]))


def test_coding_from_truth_pseudonyms_depend_on_the_key():
    other = PseudonymKey(b"another key, also long enough here", is_demo=False)
    ours = {row["pseudonym"] for row in coding_from_truth(TRUTH, KEY, COMPLETE)}
    theirs = {row["pseudonym"] for row in coding_from_truth(TRUTH, other, COMPLETE)}
    assert ours == {pseudonym(rid, KEY) for rid in COMPLETE}
    assert not ours & theirs
    assert pseudonym("R_1", KEY) == pseudonym("R_1", KEY.secret)


def test_coding_from_truth_exemplars_are_the_first_pseudonyms():
    rows = coding_from_truth(TRUTH, KEY, COMPLETE)
    exemplars = {row["pseudonym"] for row in rows if row["exemplar"] == "yes"}
    funding = sorted(pseudonym(rid, KEY) for rid in ("R_1", "R_2", "R_3", "R_4", "R_5"))
    # A theme with a single answer has it as its exemplar.
    assert exemplars == {*funding[:3], pseudonym("R_6", KEY)}
    assert {row["exemplar"] for row in rows} == {"yes", "no"}


def test_coding_from_truth_never_reads_what_an_answer_holds():
    """Exemplars must not prefer answers with little to redact: that would hide the
    scrubber's misses from the reader. The truth's personal and platform spans are
    not read at all."""
    bare = [{key: value for key, value in row.items() if key not in ("personal", "keep")}
            for row in TRUTH]
    assert coding_from_truth(bare, KEY, COMPLETE) == coding_from_truth(TRUTH, KEY, COMPLETE)
    heavier = [{**row, "personal": row["personal"] * 5} for row in TRUTH]
    assert coding_from_truth(heavier, KEY, COMPLETE) == coding_from_truth(TRUTH, KEY, COMPLETE)


def test_coding_from_truth_at_most_three_exemplars_per_question_and_theme():
    truth = [_truth(f"R_{i}", question, ["funding"], personal=0)
             for i in range(8) for question in ("oe_needs", "oe_concerns")]
    rows = coding_from_truth(truth, KEY, {f"R_{i}" for i in range(8)})
    counts = Counter((row["question"], row["theme"]) for row in rows if row["exemplar"] == "yes")
    assert counts == {("oe_needs", "funding"): 3, ("oe_concerns", "funding"): 3}


# --- the committed coding file -----------------------------------------------------------


@pytest.fixture(scope="module")
def coding_path(tmp_path_factory):
    """The coding the CLI (and the rule code_quotes) writes for the committed export."""
    path = tmp_path_factory.mktemp("coding") / "coding.csv"
    assert main(["code-quotes", "--out", str(path)]) == 0
    return path


@pytest.fixture(scope="module")
def committed(coding_path):
    return read_coding(coding_path)


@pytest.fixture(scope="module")
def complete_ids():
    config = yaml.safe_load((ROOT / "config" / "config.yaml").read_text(encoding="utf-8"))
    records = read_records(ROOT / config["raw_export"],
                           config["exclusions"]["duplicate_key"]).records
    return set(records.loc[records["exclusion"].isna(), "ResponseId"])


def test_committed_coding_has_the_expected_columns(committed, coding_path):
    with coding_path.open(encoding="utf-8", newline="") as handle:
        assert tuple(next(csv.reader(handle))) == CODING_COLUMNS
    assert committed
    assert {row["exemplar"] for row in committed} == {"yes", "no"}
    keys = [(row["pseudonym"], row["question"]) for row in committed]
    assert len(keys) == len(set(keys)), "an answer is coded twice"


def test_committed_coding_themes_exist_in_the_phrase_banks(committed):
    banks = {path.stem: yaml.safe_load(path.read_text(encoding="utf-8"))["themes"]
             for path in PHRASEBANKS.glob("*.yaml")}
    for row in committed:
        assert row["question"] in banks, row
        assert row["theme"] in banks[row["question"]], row


def test_committed_coding_pseudonyms_are_complete_responses_under_the_demo_key(
        committed, complete_ids):
    demo = {pseudonym(rid, PseudonymKey(DEMO_KEY, is_demo=True)) for rid in complete_ids}
    assert len(complete_ids) == 144
    unknown = sorted({row["pseudonym"] for row in committed} - demo)
    assert not unknown, f"pseudonyms of no complete response under the demo key: {unknown[:5]}"


def test_committed_coding_is_what_the_ground_truth_gives(committed, complete_ids):
    truth_path = ROOT / "data" / "raw" / "synthetic_export.truth.jsonl"
    with truth_path.open(encoding="utf-8") as handle:
        truth = [json.loads(line) for line in handle]
    assert coding_from_truth(truth, PseudonymKey(DEMO_KEY, is_demo=True),
                             complete_ids) == committed


def test_committed_coding_has_at_most_three_exemplars_per_theme(committed):
    counts = Counter((row["question"], row["theme"]) for row in committed
                     if row["exemplar"] == "yes")
    assert counts and max(counts.values()) <= 3


def test_every_theme_the_paper_quotes_is_coded(committed):
    source = (ROOT / "paper" / "paper.qmd").read_text(encoding="utf-8")
    coded = Counter((row["question"], row["theme"]) for row in committed)
    claims = Counter((row["question"], row["theme"], claim) for row in committed
                     for claim in row["claims"].split())
    shortcodes = re.findall(r"\{\{<\s*quotes\s+(\S+)\s+(\S+)\s+(\d+)((?:\s+\w+)*)\s*>\}\}",
                            source)
    assert shortcodes
    for question, theme, count, named in shortcodes:
        assert coded[(question, theme)] >= int(count), (question, theme)
        # Each quote names the claims its lead-in makes, never one no lead-in makes; in the
        # committed export each of them is raised (the generator makes each point once
        # before any twice).
        assert named.split(), (question, theme)
        for claim in named.split():
            assert not claim.startswith("other_"), (question, theme, claim)
            assert claims[(question, theme, claim)], (question, theme, claim)


def test_misquoted_names_quotes_that_are_not_the_answer_word_for_word():
    clean = _clean({"P_a": {"oe_needs": f"  {LONG}.  "}, "P_b": {"oe_needs": None}})
    right = {"pseudonym": "P_a", "question": "oe_needs", "text": f"{LONG}."}
    assert misquoted([right], clean) == []
    wrong = [{**right, "text": f"{LONG}!"}, {**right, "pseudonym": "P_b"},
             {**right, "pseudonym": "P_nobody"}, {**right, "question": "oe_unique"}]
    assert misquoted(wrong, clean) == ["P_a / oe_needs", "P_b / oe_needs",
                                       "P_nobody / oe_needs", "P_a / oe_unique"]


def test_a_theme_keeps_at_most_so_many_quotes_but_counts_every_coded_answer():
    answers = {f"P_{i:02d}": f"{LONG}, number {i}." for i in range(5)}
    coding = _coding(*((p, "oe_needs", "funding", "no") for p in answers))
    theme = select_quotes(coding, _clean({p: {"oe_needs": t} for p, t in answers.items()}),
                          most=3)["oe_needs"]["funding"]
    assert [q["pseudonym"] for q in theme["quotes"]] == ["P_00", "P_01", "P_02"]
    assert theme["coded"] == 5
