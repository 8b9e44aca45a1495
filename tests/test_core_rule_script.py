"""Tests for csec_survey.core.rule_script: one clear message on failure, a record on success."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from csec_survey.core.rule_script import RuleFailed, rule_script


class Paths(list):
    """Snakemake's named lists, as far as rule_script reads them: iterable, by name."""

    def __init__(self, **named: str) -> None:
        super().__init__(named.values())
        self.__dict__.update(named)


def _job(tmp_path: Path, **params: str) -> SimpleNamespace:
    source = tmp_path / "in.txt"
    source.write_text("in\n")
    return SimpleNamespace(
        rule="some_rule", log=[str(tmp_path / "some_rule.log")],
        input=Paths(source=str(source)),
        output=Paths(made=str(tmp_path / "out.txt"), lineage=str(tmp_path / "lineage.json")),
        params=SimpleNamespace(**params))


def test_success_records_the_lineage(tmp_path):
    job = _job(tmp_path, export_sha256="a" * 64)
    with rule_script(job) as log:
        Path(job.output.made).write_text("out\n")
        log.info("made it")
    record = json.loads(Path(job.output.lineage).read_text())
    assert record["rule"] == "some_rule" and record["export_sha256"] == "a" * 64
    assert list(record["inputs"]) == [job.input.source]
    assert list(record["outputs"]) == [job.output.made]
    assert "made it" in Path(job.log[0]).read_text()


@pytest.mark.parametrize("error", [
    RuleFailed("the raw export does not meet its expectations"),
    ValueError("data/raw/x.csv: the file is empty"),
    FileNotFoundError("data/raw/x.csv"),
])
def test_a_user_error_is_one_message_in_the_log_and_on_the_terminal(tmp_path, capfd, error):
    job = _job(tmp_path)
    with pytest.raises(SystemExit) as stopped, rule_script(job):
        raise error
    assert stopped.value.code == 1
    assert capfd.readouterr().err.strip() == f"some_rule failed: {error}"
    assert str(error) in Path(job.log[0]).read_text()
    assert not Path(job.output.lineage).exists()


def test_a_bug_keeps_its_traceback(tmp_path):
    job = _job(tmp_path)
    with pytest.raises(ZeroDivisionError), rule_script(job):
        _ = 1 / 0


def test_a_failed_script_prints_no_traceback(tmp_path):
    # As Snakemake runs a rule script: its own process, standard error to the terminal.
    script = tmp_path / "script.py"
    script.write_text(
        "from types import SimpleNamespace\n"
        "from csec_survey.core.rule_script import rule_script\n"
        f"job = SimpleNamespace(rule='read_export', log=[{str(tmp_path / 'r.log')!r}],\n"
        "                      input=[], output=SimpleNamespace(), params=SimpleNamespace())\n"
        "with rule_script(job):\n"
        "    raise ValueError('data/raw/x.csv: expected a Qualtrics CSV export')\n")
    run = subprocess.run([sys.executable, str(script)], capture_output=True, text=True,
                         check=False)
    assert run.returncode == 1
    assert run.stderr == "read_export failed: data/raw/x.csv: expected a Qualtrics CSV export\n"


def test_warnings_reach_the_terminal(tmp_path):
    script = tmp_path / "script.py"
    script.write_text(
        "from csec_survey.core.logs import rule_logger\n"
        f"log = rule_logger({str(tmp_path / 'r.log')!r})\n"
        "log.info('only in the log')\n"
        "log.warning('using the public demo pseudonymisation key')\n")
    run = subprocess.run([sys.executable, str(script)], capture_output=True, text=True,
                         check=True)
    assert run.stderr == "WARNING: using the public demo pseudonymisation key\n"
    assert "only in the log" in (tmp_path / "r.log").read_text()
