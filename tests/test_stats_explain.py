"""Tests of `csec-survey explain`: the provenance of one registry number, in words."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from conftest import registry_fragments

from csec_survey.cli import main
from csec_survey.core.codebook import load_instrument
from csec_survey.core.published import read_published_values
from csec_survey.reproduce.reproduction import reproduction_rows, rows_to_csv
from csec_survey.stats.explain import explain, paper_mentions
from csec_survey.stats.registry import Number, merge_fragments

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The registry, its JSON file and the reproduction CSV, built in-process."""
    folder = tmp_path_factory.mktemp("explain")
    config = yaml.safe_load((ROOT / "config" / "config.yaml").read_text(encoding="utf-8"))
    instrument = load_instrument(ROOT / config["instrument"])
    registry = merge_fragments(registry_fragments(folder))
    registry_path = folder / "numbers.json"
    registry_path.write_text(json.dumps(registry, indent=2), encoding="utf-8")
    rows = reproduction_rows(read_published_values(ROOT / config["published_figures"]),
                             registry, instrument, 144)
    reproduction = folder / "reproduction.csv"
    reproduction.write_text(rows_to_csv(rows), encoding="utf-8")
    paper = folder / "paper"
    paper.mkdir()
    (paper / "findings.qmd").write_text(
        "# Findings\n"
        "Most investigators ({{< num tech.most_cases >}}) saw technology.\n"
        "Over half: `{python} num(\"tech.over_half\")`.\n"
        "Girls: {{< num victim.mostly_girls >}}\n", encoding="utf-8")
    (paper / "methods.qmd").write_text(
        "We invited {{< num method.agencies_invited >}} agencies.\n"
        "Again: {{< num tech.most_cases >}}\n", encoding="utf-8")
    (paper / "notes.md").write_text("tech.over_half is in a .md, not a .qmd\n", encoding="utf-8")
    return {"registry": registry, "registry_path": registry_path, "reproduction": reproduction,
            "paper": paper, "rows": {row["id"]: row for row in rows}}


@pytest.fixture(scope="module")
def registry(built):
    return built["registry"]


@pytest.fixture(scope="module")
def empty_paper(tmp_path_factory):
    return tmp_path_factory.mktemp("no_paper")


# --- every id ---------------------------------------------------------------------------

def test_explain_accounts_for_every_registry_id(registry, empty_paper):
    assert len(registry) == 90  # the 89 published values and the intervals' level
    for number_id, entry in registry.items():
        text = explain(number_id, registry, empty_paper)
        assert text.startswith(f"{number_id}: {entry['display']}"), number_id
        assert f"rule {entry['rule']}" in text, number_id
        assert f"script {entry['script']}" in text, number_id
        for path, digest in entry["inputs"].items():
            assert f"{path}  sha256 {digest}" in text, (number_id, path)
        assert "not cited in the paper's sources" in text


def test_explain_with_the_reproduction_report_for_every_id(built):
    for number_id in built["rows"]:
        text = explain(number_id, built["registry"], built["paper"], built["reproduction"])
        row = built["rows"][number_id]
        assert f"status: {row['status']}" in text, number_id
        assert f"published in 2014: {row['published']}" in text, number_id


# --- kinds of number --------------------------------------------------------------------

def test_share_shows_its_fraction_base_and_interval(registry, empty_paper):
    text = explain("tech.most_cases", registry, empty_paper)
    entry = registry["tech.most_cases"]
    assert (entry["numerator"], entry["denominator"]) == (31, 45)
    assert "tech.most_cases: 69%" in text
    assert "computed as: 31 / 45 = 68.8889%, printed rounded half up" in text
    assert f"base: {entry['base']}" in text
    assert "45 respondents who had investigated a child sex trafficking case" in text
    assert "95% interval (Wilson): 54.3% to 80.5%" in text
    assert "item = tech_share" in text


def test_population_share_shows_its_base(registry, empty_paper):
    text = explain("unit.cac", registry, empty_paper)
    assert f"{registry['unit.cac']['numerator']} / 144" in text
    assert "base: share of all 144 respondents" in text


def test_count_shows_no_fraction(registry, empty_paper):
    text = explain("resp.taskforce", registry, empty_paper)
    assert "resp.taskforce: 38" in text
    assert "computed as" not in text
    assert "value: 38 (count)" in text


def test_external_number_shows_its_citation(registry, empty_paper):
    text = explain("ext.youth_internet", registry, empty_paper)
    assert "ext.youth_internet: 95% (teens who use the Internet)" in text
    assert "cited from: madden2013 (paper/references.bib)" in text
    assert "rule external_context" in text
    assert "data/external/context_statistics.csv  sha256 " in text


def test_design_number_shows_its_value_and_sum(registry, empty_paper):
    month = explain("method.fieldwork_start", registry, empty_paper)
    assert "method.fieldwork_start: November 2012" in month
    assert "value: 2012-11 (design)" in month
    total = explain("method.agencies_invited", registry, empty_paper)
    assert "method.agencies_invited: 3,800" in total
    assert "sum_of" in total and "method.affiliate_contacts_invited" in total
    assert "config/config.yaml#design  sha256 " in total


def test_reproduction_note_is_shown(built):
    text = explain("unit.cac", built["registry"], built["paper"], built["reproduction"])
    assert "published in 2014: 49% (unclear: all respondents or those in a unit);" in text
    assert "status: reproduced on another base" in text
    assert ("note: Base not stated; 71 of the 144 in the base gives 49%. The report does not "
            "say whether the unit shares") in text
    assert text.endswith("Multiple units possible.")
    inconsistent = explain("victim.mostly_girls", built["registry"], built["paper"],
                           built["reproduction"])
    assert "status: cannot hold at the stated base" in inconsistent
    assert "No whole count out of 45 gives 77%" in inconsistent


def test_a_missing_reproduction_file_is_skipped(registry, empty_paper, tmp_path):
    text = explain("tech.most_cases", registry, empty_paper, tmp_path / "absent.csv")
    assert "published in 2014" not in text


# --- mentions in the paper --------------------------------------------------------------

def test_paper_mentions_finds_ids_in_qmd_files(built):
    paper = built["paper"]
    assert paper_mentions("tech.most_cases", paper) == [
        f"{paper / 'findings.qmd'}:2", f"{paper / 'methods.qmd'}:2"]
    assert paper_mentions("tech.over_half", paper) == [f"{paper / 'findings.qmd'}:3"]
    assert paper_mentions("method.agencies_invited", paper) == [f"{paper / 'methods.qmd'}:1"]
    assert paper_mentions("victim.mostly_girls", paper) == [f"{paper / 'findings.qmd'}:4"]


def test_paper_mentions_does_not_match_a_longer_id(built, tmp_path):
    assert paper_mentions("tech.most", built["paper"]) == []
    assert paper_mentions("tech", built["paper"]) == []
    assert paper_mentions("most_cases", built["paper"]) == []
    (tmp_path / "a.qmd").write_text("x tech.most_cases.extra y\nprefixtech.most_cases\n",
                                    encoding="utf-8")
    assert paper_mentions("tech.most_cases", tmp_path) == []


def test_paper_mentions_without_a_paper(tmp_path):
    assert paper_mentions("tech.most_cases", tmp_path / "absent") == []
    assert paper_mentions("tech.most_cases", tmp_path) == []


def test_paper_mentions_finds_an_id_ending_a_sentence(tmp_path):
    (tmp_path / "a.qmd").write_text("The share is given as tech.most_cases.\n", encoding="utf-8")
    assert paper_mentions("tech.most_cases", tmp_path) == [f"{tmp_path / 'a.qmd'}:1"]


def test_explain_lists_the_mentions(built):
    text = explain("tech.most_cases", built["registry"], built["paper"])
    paper = built["paper"]
    assert f"in the paper: {paper / 'findings.qmd'}:2, {paper / 'methods.qmd'}:2" in text


# --- unknown ids ------------------------------------------------------------------------

def test_unknown_id_lists_ids_of_the_same_group(registry, empty_paper):
    with pytest.raises(KeyError) as error:
        explain("tech.most", registry, empty_paper)
    message = str(error.value)
    assert "tech.most" in message
    group = [key for key in registry if key.startswith("tech.")]
    assert len(group) == 4
    for key in group:
        assert key in message
    assert "juris." not in message and "victim." not in message


def test_unknown_group_gives_no_list(registry, empty_paper):
    with pytest.raises(KeyError) as error:
        explain("nothing.here", registry, empty_paper)
    assert "nothing.here" in str(error.value)
    assert "same group" not in str(error.value)


def test_explain_a_share_without_respondents(tmp_path):
    trail = {"rule": "r", "script": "s.py", "inputs": {"a.csv": "0" * 64}}
    registry = {"x.none": Number.share("x.none", 0, 0, **trail).as_json()}
    text = explain("x.none", registry, tmp_path)
    assert "n/a" in text


# --- the command line -------------------------------------------------------------------

def test_cli_prints_the_account(built, capsys, tmp_path):
    status = main(["explain", "tech.most_cases", "--registry", str(built["registry_path"]),
                   "--paper", str(built["paper"]), "--reproduction", str(built["reproduction"]),
                   "--claims", str(tmp_path / "no_claims.json")])
    out = capsys.readouterr().out
    assert status == 0
    assert out.strip() == explain("tech.most_cases", built["registry"], built["paper"],
                                  built["reproduction"])
    assert "computed as: 31 / 45" in out
    assert "published in 2014: 69% (had investigated a child sex trafficking case); " \
        "status: reproduced" in out


def test_cli_without_a_registry_fails_with_a_message(tmp_path, capsys):
    absent = tmp_path / "numbers.json"
    status = main(["explain", "tech.most_cases", "--registry", str(absent),
                   "--paper", str(tmp_path), "--reproduction", str(tmp_path / "r.csv")])
    captured = capsys.readouterr()
    assert status == 1
    assert captured.out == ""
    assert str(absent) in captured.err and "does not exist" in captured.err
    assert captured.err.startswith("csec-survey explain:")


def test_cli_unknown_id_fails_with_the_group(built, capsys):
    status = main(["explain", "tech.nope", "--registry", str(built["registry_path"]),
                   "--paper", str(built["paper"])])
    captured = capsys.readouterr()
    assert status == 1
    assert "tech.nope" in captured.err and "tech.most_cases" in captured.err


# --- claims -----------------------------------------------------------------------------

CLAIMS = {"source": "paper/paper.qmd", "claims": [
    {"claim": "most(demo.male)", "kind": "most", "args": ["demo.male"],
     "sentence": "Most respondents were men ({demo.male}).", "line": 63,
     "predicate": "each share is more than 50%", "values": {"demo.male": "76% (109 / 144)"},
     "holds": True},
    {"claim": "order(a.x, a.y+a.z)", "kind": "order", "args": ["a.x", "a.y+a.z"],
     "sentence": "X came first.", "line": 63, "predicate": "no share ...",
     "values": {"a.x": "1%", "a.y": "2%", "a.z": "0%"}, "holds": False,
     "why": "a.y is above a.x, which the sentence puts first"}]}


@pytest.fixture()
def claims_file(tmp_path):
    path = tmp_path / "claims.json"
    path.write_text(json.dumps(CLAIMS), encoding="utf-8")
    return path


def test_cli_explains_a_claim(built, claims_file, capsys):
    status = main(["explain", "most(demo.male)", "--claims", str(claims_file),
                   "--registry", str(built["registry_path"])])
    out = capsys.readouterr().out
    assert status == 0
    assert out.splitlines() == [
        "most(demo.male): true",
        '  sentence: "Most respondents were men ({demo.male})." (paper/paper.qmd:63)',
        "  claims: each share is more than 50%",
        "  demo.male = 76% (109 / 144)",
        "  checked by: rule check_claims, script workflow/scripts/check_claims.py "
        "(results/provenance/claims.json)"]


def test_cli_explains_the_claims_of_a_line_with_what_was_found(claims_file, capsys):
    assert main(["explain", "line:63", "--claims", str(claims_file)]) == 0
    out = capsys.readouterr().out
    assert "most(demo.male): true" in out and "order(a.x, a.y+a.z): false" in out
    assert "  found: a.y is above a.x, which the sentence puts first" in out


def test_cli_unknown_claim_fails_naming_the_kinds(claims_file, capsys):
    assert main(["explain", "few(demo.male)", "--claims", str(claims_file)]) == 1
    err = capsys.readouterr().err
    assert "few(demo.male)" in err and "most, order" in err


def test_a_number_lists_the_claims_that_name_it(built):
    text = explain("demo.male", built["registry"], built["paper"], None, CLAIMS["claims"])
    assert text.splitlines()[-2:] == ["  claims the paper makes with it:",
                                      "    most(demo.male): true (line 63)"]
    assert "claims the paper" not in explain("tech.most_cases", built["registry"],
                                             built["paper"], None, CLAIMS["claims"])
