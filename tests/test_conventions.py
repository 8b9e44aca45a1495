"""The project's conventions, checked by their own tools and by reading the package's imports.

Stages import from the core or from an earlier stage of the DAG, never sideways or back;
the synthetic-data generator, which produces test data and is no stage, imports the core
only, and no stage imports it.
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "workflow" / "csec_survey"
STAGES = ("core", "ingest", "validate", "deidentify", "stats", "reproduce", "figures", "paper")
GENERATOR = "synthetic"
# The one lint the README explains: the build is one pinned Python environment, not one
# conda environment or container per rule.
ALLOWED_LINT = "Specify a conda environment or container for each rule."


def _imports(path: Path) -> list[tuple[int, str]]:
    """Every csec_survey module ``path`` imports, at any depth, with its line."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
            found += [(node.lineno, name) for name in names[:1]]
        elif isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
    return [(line, name) for line, name in found if name.startswith("csec_survey.")]


def _folder(module: str) -> str:
    return module.split(".")[1]


def test_package_folders_are_the_stages_the_generator_and_the_command_line() -> None:
    folders = {path.name for path in PACKAGE.iterdir()
               if path.is_dir() and (path / "__init__.py").exists()}
    modules = {path.name for path in PACKAGE.glob("*.py")}
    assert folders == {*STAGES, GENERATOR}
    assert modules == {"__init__.py", "cli.py"}


def test_rule_files_mirror_the_stages() -> None:
    rule_files = {path.stem for path in (ROOT / "workflow" / "rules").glob("*.smk")}
    assert rule_files == {"common", *STAGES[1:]}


def test_imports_follow_the_stage_order() -> None:
    wrong = []
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE).parts
        if len(parts) == 1:
            continue  # cli.py dispatches to every stage
        here = parts[0]
        for line, module in _imports(path):
            there = _folder(module)
            if here == GENERATOR:
                allowed = there in ("core", GENERATOR)
            elif there == GENERATOR:
                allowed = False
            else:
                allowed = STAGES.index(there) <= STAGES.index(here)
            if not allowed:
                wrong.append(f"{path.relative_to(ROOT)}:{line} imports {module}")
    assert wrong == []


def test_no_module_shares_a_name_with_the_standard_library() -> None:
    clashes = [str(path.relative_to(ROOT)) for path in PACKAGE.rglob("*.py")
               if path.stem in sys.stdlib_module_names]
    assert clashes == []


def test_no_module_is_over_about_four_hundred_lines() -> None:
    long = {str(path.relative_to(ROOT)): lines for path in PACKAGE.rglob("*.py")
            if (lines := len(path.read_text(encoding="utf-8").splitlines())) > 420}
    assert long == {}


def test_package_docstring_maps_every_module() -> None:
    import csec_survey

    mapped = set(re.findall(r"`([a-z_]+(?:\.[a-z_]+)?)`", csec_survey.__doc__ or ""))
    modules = {".".join(path.relative_to(PACKAGE).with_suffix("").parts)
               for path in PACKAGE.rglob("*.py") if path.name != "__init__.py"}
    assert modules - mapped == set()


def _tool(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)


def test_snakefmt_leaves_the_workflow_as_it_is() -> None:
    run = _tool(sys.executable, "-m", "snakefmt", "--check", ".")
    assert run.returncode == 0, run.stderr + run.stdout


def test_ruff_finds_nothing() -> None:
    run = _tool(sys.executable, "-m", "ruff", "check", ".")
    assert run.returncode == 0, run.stdout


def test_snakemake_lint_finds_only_the_documented_exception() -> None:
    run = _tool(sys.executable, "-m", "snakemake", "--lint")
    lints = set(re.findall(r"^\s+\* (.+?):$", run.stdout + run.stderr, re.M))
    assert lints == {ALLOWED_LINT}, run.stdout + run.stderr
