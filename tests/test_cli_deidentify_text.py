"""Tests for ``csec-survey deidentify-text``: JSON Lines in, scrubbed JSON Lines out.

The command runs in subprocesses (``python -m csec_survey.cli``), as a user
would run it. Each process pays for importing the scrubber (over a second),
so the subprocess runs are started together in one module-scoped fixture and
variants of the same refusal run in-process through `main`.
"""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys

import pytest

from csec_survey.cli import main

COMMAND = [sys.executable, "-m", "csec_survey.cli", "deidentify-text"]

RECORDS = [
    {"id": "1", "text": "Det. Ramirez of the Tulsa Police Department called 555-867-5309."},
    {"id": 2, "text": "Victims were recruited on Backpage and Kik."},
    {"id": "three", "text": "Email jdoe@example.com or see facebook.com/jsmith99 on 9/19."},
    {"text": "Ana Lucía Beltrán was seen in Mobile, AL \u2014 \u00e9t\u00e9."},
    {"id": "5", "text": ""},
    {"id": "6", "text": "Line one\nLine two with Maria Gonzalez", "extra": "ignored"},
]


NOT_AN_OBJECT = 'expected an object with a string "text"'
MALFORMED = {
    # name: (stdin, the line the message names, what it says); run as subprocesses
    "not json": ('{"id": "1", "text": "fine"}\n\n{"id": 2, "text": \n', 3, "not JSON"),
    "not an object": ('{"id": "1", "text": "fine"}\n["a", "list"]\n', 2, NOT_AN_OBJECT),
}
MORE_MALFORMED = {
    # the same checks, run in this process to spare the start-up of one more
    "no text": ('{"id": "1"}\n', 1, NOT_AN_OBJECT),
    "text not a string": ('\n{"id": "1", "text": 42}\n', 2, NOT_AN_OBJECT),
    "text null": ('{"id": "1", "text": null}\n', 1, NOT_AN_OBJECT),
    "a bare string": ('"just text"\n', 1, NOT_AN_OBJECT),
}


def good_input() -> str:
    lines = [json.dumps(record, ensure_ascii=False) for record in RECORDS]
    # Blank lines (empty, spaces, a tab) anywhere are skipped.
    lines.insert(0, "")
    lines.insert(3, "   ")
    lines.insert(5, "\t")
    return "\n".join(lines) + "\n\n"


@pytest.fixture(scope="module")
def runs(tmp_path_factory) -> dict[str, subprocess.CompletedProcess[str]]:
    """Every run of the module, started together (each process pays the import)."""
    cwd = tmp_path_factory.mktemp("cli")
    inputs = {"good": good_input(),
              **{name: stdin for name, (stdin, _, _) in MALFORMED.items()}}
    started = {name: (subprocess.Popen(COMMAND, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                       stderr=subprocess.PIPE, text=True, encoding="utf-8",
                                       cwd=cwd), stdin)
               for name, stdin in inputs.items()}
    done = {}
    for name, (process, stdin) in started.items():
        try:
            stdout, stderr = process.communicate(stdin, timeout=120)
        except subprocess.TimeoutExpired:
            process.kill()
            raise
        done[name] = subprocess.CompletedProcess(COMMAND, process.returncode, stdout, stderr)
    return done


@pytest.fixture(scope="module")
def completed(runs) -> subprocess.CompletedProcess[str]:
    return runs["good"]


@pytest.fixture(scope="module")
def output(completed) -> list[dict]:
    assert completed.returncode == 0, completed.stderr
    return [json.loads(line) for line in completed.stdout.splitlines()]


def test_one_output_line_per_record_in_order(output):
    assert len(output) == len(RECORDS)
    assert [item["id"] for item in output] == [record.get("id") for record in RECORDS]


def test_output_lines_have_id_text_entities_only(output, completed):
    assert all(line.strip() for line in completed.stdout.splitlines())
    for item in output:
        assert set(item) == {"id", "text", "entities"}
        assert isinstance(item["text"], str)
        for entity in item["entities"]:
            assert set(entity) == {"type", "start", "end"}


def test_entities_point_into_the_input(output):
    for record, item in zip(RECORDS, output, strict=True):
        text = record["text"]
        previous = 0
        pattern = []
        for entity in item["entities"]:
            assert previous <= entity["start"] < entity["end"] <= len(text)
            pattern += [re.escape(text[previous:entity["start"]]),
                        rf"\[{entity['type']}(?: \d+)?\]"]
            previous = entity["end"]
        pattern.append(re.escape(text[previous:]))
        assert re.fullmatch("".join(pattern), item["text"]), (record, item)


def test_texts_are_scrubbed(output):
    by_index = {index: item for index, item in enumerate(output)}
    assert by_index[0]["text"] == "Det. [PERSON] of the [AGENCY] called [PHONE]."
    assert by_index[1]["text"] == RECORDS[1]["text"]
    assert by_index[1]["entities"] == []
    assert by_index[2]["text"] == "Email [EMAIL] or see [URL] on [DATE]."
    first = RECORDS[0]["text"]
    assert [(e["type"], first[e["start"]:e["end"]]) for e in by_index[0]["entities"]] == [
        ("PERSON", "Ramirez"), ("AGENCY", "Tulsa Police Department"), ("PHONE", "555-867-5309")]


def test_unicode_and_line_breaks_survive(output):
    assert output[3]["text"] == "[PERSON] was seen in [PLACE] \u2014 \u00e9t\u00e9."
    assert output[4] == {"id": "5", "text": "", "entities": []}
    assert output[5]["text"] == "Line one\nLine two with [PERSON]"


def test_nothing_on_stderr_but_warnings(completed):
    assert "Traceback" not in completed.stderr


@pytest.mark.parametrize("name", MALFORMED)
def test_malformed_line_is_refused(runs, name):
    completed = runs[name]
    _, line, says = MALFORMED[name]
    assert completed.returncode == 1
    assert completed.stdout == ""
    assert f"stdin line {line}:" in completed.stderr
    assert says in completed.stderr
    assert completed.stderr.startswith("csec-survey deidentify-text:")
    assert "Traceback" not in completed.stderr


@pytest.mark.parametrize("name", MORE_MALFORMED)
def test_more_malformed_lines_are_refused(monkeypatch, capsys, name):
    stdin, line, says = MORE_MALFORMED[name]
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    assert main(["deidentify-text"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith(f"csec-survey deidentify-text: stdin line {line}: {says}")


def test_empty_input_gives_empty_output(monkeypatch, capsys):
    monkeypatch.setattr(sys, "stdin", io.StringIO("\n  \n\t\n"))
    assert main(["deidentify-text"]) == 0
    assert capsys.readouterr().out == ""
