import ipaddress
import itertools
import json
import re
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest
import yaml
from faker import Faker

from csec_survey.cli import main
from csec_survey.core.granularity import round_half_up
from csec_survey.core.paths import companion_paths
from csec_survey.core.platforms import platform_mentions
from csec_survey.core.published import read_published_values
from csec_survey.ingest.records import ingest_export
from csec_survey.stats.items import evaluate
from csec_survey.synthetic.free_text import (
    SLOT_PLATFORMS,
    AnswerWriter,
    Respondent,
    marked_platforms,
)
from csec_survey.synthetic.generator import synthesize, write_synthetic_export
from csec_survey.synthetic.respondents import _unique

ROOT = Path(__file__).resolve().parents[1]
EXPORT = ROOT / "data" / "raw" / "synthetic_export.csv"


@pytest.fixture(scope="module")
def figures():
    return read_published_values(ROOT / "data" / "published" / "figures.csv")


@pytest.fixture(scope="module")
def responses(instrument):
    return ingest_export(EXPORT, instrument).responses


@pytest.fixture(scope="module")
def calibration():
    return json.loads(companion_paths(EXPORT)["calibration"].read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def truth():
    lines = companion_paths(EXPORT)["truth"].read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines]


@pytest.fixture(scope="module")
def raw_rows():
    from csec_survey.ingest.qualtrics import read_export

    return read_export(EXPORT).responses.set_index("ResponseId")


def test_cli_rewrites_the_committed_export_byte_for_byte(tmp_path):
    out = tmp_path / "export.csv"
    assert main(["synthesize", "--out", str(out)]) == 0
    for name, path in companion_paths(out).items():
        assert path.read_bytes() == companion_paths(EXPORT)[name].read_bytes(), name


def test_every_published_percentage_comes_out_of_the_data(instrument, figures, responses,
                                                          calibration):
    for figure in figures:
        if figure.kind != "survey":
            continue
        outcome = calibration["figures"][figure.value_id]
        result = evaluate(instrument, instrument.published[figure.value_id], responses)
        assert (result.numerator, result.denominator) == \
            (outcome["numerator"], outcome["denominator"]), figure.value_id
        shown = result.numerator if result.denominator is None else \
            round_half_up(Fraction(100 * result.numerator, result.denominator))
        if outcome["status"] != "not_reproduced":
            assert shown == int(figure.value), figure.value_id


def test_counts_after_exclusions(responses):
    assert len(responses) == 144
    assert (responses["agency_type"] == 1).sum() == 38
    assert (responses["agency_type"] == 2).sum() == 106
    assert (responses["cac_ever"] == 1).sum() == 133
    assert (responses["csec_ever"] == 1).sum() == 45


def test_calibration_record_lists_every_deviation(calibration):
    documented = {fid for fid, row in calibration["figures"].items()
                  if row["status"] != "reproduced"}
    assert documented == {d["figure_id"] for d in calibration["deviations"]}
    kinds = {d["kind"] for d in calibration["deviations"]}
    assert {"base_choice", "item_nonresponse"} <= kinds
    assert calibration["items"]["juris_size"]["nonresponse"] > 0
    assert calibration["export"]["excluded_records"] == \
        {"preview": 2, "test": 1, "incomplete": 7, "duplicate": 1}


def test_answers_have_a_joint_structure(responses):
    trafficking = responses["csec_ever"] == 1
    task_force = responses["agency_type"] == 1
    large = responses["juris_size"] == 3
    assert trafficking[task_force].mean() > trafficking[~task_force].mean() + 0.2
    assert trafficking[large].mean() > trafficking[~large].mean() + 0.1
    assert (responses.loc[trafficking, "cac_ever"] == 1).all()


def test_free_text_is_varied_and_not_repeated(instrument, responses):
    texts = [item.id for item in instrument.items if item.type == "text"]
    answers = responses[texts]
    distinct = set(answers.stack().dropna())
    assert len(distinct) >= 300
    for column in texts:
        given = answers[column].dropna()
        assert given.is_unique, column
    assert answers["oe_concerns"].isna().sum() > 5  # some leave it blank
    lengths = answers.stack().dropna().str.len()
    assert lengths.min() < 25 and lengths.max() > 200


def _phone_digits(value: str) -> int:
    """How many digits a phone number holds, written as digits, as the letter O or as words."""
    words = re.findall(r"[a-z]+", value.lower())
    if len(words) >= 10:
        return sum(word in _DIGIT_WORDS for word in words)
    return len(re.sub(r"[^0-9O]", "", value))


_DIGIT_WORDS = {"oh", "zero", "one", "two", "three", "four", "five", "six", "seven", "eight",
                "nine"}


def test_ground_truth_points_at_what_was_planted(truth, raw_rows):
    checks = {
        "EMAIL": lambda value: "@" in value or re.search(r"\bat\b|\[at\]", value, re.I),
        "PHONE": lambda value: _phone_digits(value) >= 10,
        "IP_ADDRESS": lambda value: ipaddress.ip_address(value) is not None,
        # The whole URL, its site included: "facebook.com/tre.money".
        "URL": lambda value: re.fullmatch(r"(?:https?://)?(?:www\.)?[a-z0-9.-]+\.[a-z]{2,}/\S+",
                                          value),
        "HANDLE": lambda value: value.startswith("@") or re.fullmatch(r"[a-z0-9_.]+", value),
    }
    types = set()
    for row in truth:
        text = raw_rows.at[row["ResponseId"], row["column"]]
        spans = sorted(row["personal"], key=lambda span: span["start"])
        for span in spans:
            value = text[span["start"]:span["end"]]
            assert value.strip() == value and value, (row["ResponseId"], span)
            assert checks.get(span["type"], bool)(value), (span["type"], value)
            assert span["shape"], span  # every planted value says how it was drawn
            types.add(span["type"])
        for left, right in itertools.pairwise(spans):
            assert left["end"] <= right["start"]
        for span in row["keep"]:
            assert text[span["start"]:span["end"]][0].isalpha()
    assert types >= {"PERSON", "AGENCY", "PLACE", "ADDRESS", "PHONE", "EMAIL", "IP_ADDRESS",
                     "URL", "HANDLE", "CASE_NUMBER", "BADGE_NUMBER", "DATE"}


def test_keep_spans_are_the_platforms_the_generator_placed(truth, raw_rows):
    placed = {name.lower() for name in (*marked_platforms(), *SLOT_PLATFORMS)}
    shapes = set()
    for row in truth:
        text = raw_rows.at[row["ResponseId"], row["column"]]
        for span in row["keep"]:
            # Any case: a sentence may have been written in lower case.
            assert text[span["start"]:span["end"]].lower() in placed, (text, span)
            shapes.add(span["shape"])
    assert shapes == {"phrase_bank", "slot"}


def test_a_fresh_writer_records_each_platform_where_it_put_it():
    writer = AnswerWriter(np.random.default_rng(5), Faker("en_US"))
    respondent = Respondent("Ana", "Quell", "aquell@x.gov", "Quell PD", "Quell")
    placed = {name.lower() for name in (*marked_platforms(), *SLOT_PLATFORMS)}
    seen = 0
    for question in ("oe_after_ad", "oe_concerns", "oe_dynamics", "oe_unique"):
        for _ in range(60):
            answer = writer.write(question, respondent)
            assert "<<" not in answer.text and ">>" not in answer.text
            for span in answer.keep:
                assert answer.text[span.start:span.end].lower() in placed
                assert not any(p.start < span.end and span.start < p.end
                               for p in answer.personal)
                seen += 1
    assert seen > 50


def _bank_sentences(question: str) -> dict[str, tuple[str, str]]:
    """Each sentence of a phrase bank, slots as a pattern, by its (theme, claim)."""
    bank = yaml.safe_load((ROOT / "workflow" / "csec_survey" / "synthetic" / "phrasebank" /
                           f"{question}.yaml").read_text(encoding="utf-8"))
    return {sentence: (theme, claim) for theme, claims in bank["themes"].items()
            for claim, pool in claims.items() for sentence in pool}


def test_an_answer_makes_one_claim_in_one_voice_and_every_point_comes_up_early():
    writer = AnswerWriter(np.random.default_rng(11), Faker("en_US"))
    respondent = Respondent("Ana", "Quell", "aquell@x.gov", "Quell PD", "Quell")
    question = "oe_recognise_ad"
    sentences = _bank_sentences(question)
    points = {(theme, claim) for theme, claim in sentences.values()
              if not claim.startswith("other_")}
    raised: set[tuple[str, str]] = set()
    for _ in range(60):
        answer = writer.write(question, respondent)
        if not answer.themes:
            continue
        assert len(answer.claims) == 1, answer
        claim = (answer.themes[0], answer.claims[0])
        assert claim in set(sentences.values()), answer
        if not claim[1].startswith("other_"):
            raised.add(claim)
        # No seam of case: an answer is typed throughout as it begins.
        letters = re.sub(r"\W", "", answer.text)
        if letters[:1].islower():
            assert not re.search(r"\. [A-Z][a-z]", answer.text), answer.text
    # Sixty answers over three themes: every point of every theme was made.
    assert raised == points


def test_every_platform_name_in_the_phrase_banks_is_marked():
    for path in sorted((ROOT / "workflow" / "csec_survey" / "synthetic" / "phrasebank")
                       .glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        unmarked = re.sub(r"<<[^<>]+>>|\{\w+\}", "#", text)
        found = [unmarked[start:end] for start, end in platform_mentions(unmarked)]
        assert found == [], (path.name, found)


def test_a_realistic_share_of_answers_carry_personal_data(truth):
    with_personal = sum(bool(row["personal"]) for row in truth) / len(truth)
    with_platform = sum(bool(row["keep"]) for row in truth) / len(truth)
    assert 0.15 < with_personal < 0.6
    assert with_platform > 0.2
    assert any(span.get("own_metadata") for row in truth for span in row["personal"])


def test_own_metadata_planted_is_the_respondents_own(truth, raw_rows):
    fields = {"EMAIL": "RecipientEmail", "AGENCY": "AgencyName", "PLACE": "AgencyCity"}
    seen = 0
    for row in truth:
        text = raw_rows.at[row["ResponseId"], row["column"]]
        for span in row["personal"]:
            if span.get("own_metadata") and span["type"] in fields:
                field = fields[span["type"]]
                assert text[span["start"]:span["end"]] == raw_rows.at[row["ResponseId"], field]
                seen += 1
    assert seen > 0


def test_scaling_keeps_the_published_shares(instrument, figures, tmp_path):
    export = synthesize(instrument, figures, respondents=600, seed=7)
    paths = write_synthetic_export(export, tmp_path / "big.csv")
    ingested = ingest_export(paths["export"], instrument)
    assert ingested.exclusions["kept"] == 600
    for figure in figures:
        if figure.kind != "survey" or figure.unit != "percent":
            continue
        result = evaluate(instrument, instrument.published[figure.value_id],
                          ingested.responses)
        share = 100 * result.numerator / result.denominator
        assert abs(share - int(figure.value)) <= 2.5, figure.value_id


def test_no_two_respondents_share_an_email_address():
    # The address is the duplicate key: a shared one would exclude a genuine response.
    used: set[str] = set()
    addresses = [_unique(email, used) for email in
                 ["jsmith@apd.org", "jsmith@apd.org", "jsmith@apd.org", "jsmith2@apd.org"]]
    assert addresses == ["jsmith@apd.org", "jsmith2@apd.org", "jsmith3@apd.org",
                         "jsmith22@apd.org"]
    assert used == set(addresses)


def test_a_failed_write_leaves_nothing_behind(instrument, figures, tmp_path, monkeypatch):
    export = synthesize(instrument, figures, respondents=20, seed=1)

    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr("csec_survey.synthetic.generator.write_export", broken)
    with pytest.raises(OSError):
        write_synthetic_export(export, tmp_path / "x.csv")
    assert list(tmp_path.iterdir()) == []


def test_too_few_respondents_is_refused(instrument, figures):
    with pytest.raises(ValueError, match="at least 10"):
        synthesize(instrument, figures, respondents=3)
