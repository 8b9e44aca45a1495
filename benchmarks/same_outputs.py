"""Do two revisions of the project build the same paper? Byte for byte, or why not.

    python benchmarks/same_outputs.py [--base HEAD~1] [--head WORKTREE]

Builds each revision in a scratch folder (``git archive`` of the revision, or the
working tree as it is) with that revision's own package on ``PYTHONPATH``, and
compares what a reader of the paper sees: the PDF, ``results/numbers.json``,
``results/reproduction.csv`` and every file under ``results/figures/``.

A file that is an input of the build and differs between the revisions (the
codebook, say) changes its SHA-256 wherever the outputs print it, and nothing
else should move. Such hashes are masked in both builds before the comparison,
and the PDF is then compared by its text; with no differing input, every file
must be identical in its bytes. Writes ``benchmarks/results/same_outputs.json``
and exits 1 if anything differs.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WORKTREE = "WORKTREE"
COMPARED = ("results/paper/paper.pdf", "results/numbers.json", "results/reproduction.csv")


def checkout(revision: str, folder: Path) -> Path:
    """The project at ``revision`` (a commit, or WORKTREE for the files as they are)."""
    folder.mkdir(parents=True)
    if revision == WORKTREE:
        listed = subprocess.run(["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=ROOT,
                                capture_output=True, check=True).stdout.decode().split("\0")
        for name in filter(None, listed):
            source = ROOT / name
            if source.is_file():
                (folder / name).parent.mkdir(parents=True, exist_ok=True)
                (folder / name).write_bytes(source.read_bytes())
    else:
        archive = subprocess.run(["git", "archive", revision], cwd=ROOT, capture_output=True,
                                 check=True).stdout
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(folder, filter="data")
    return folder


def build(project: Path) -> None:
    """A clean build of ``project`` with its own package, not the installed one."""
    env = {**os.environ, "PYTHONPATH": str(project / "workflow")}
    run = subprocess.run([sys.executable, "-m", "snakemake", "--cores", "2"], cwd=project,
                         env=env, capture_output=True, text=True, check=False)
    if run.returncode != 0:
        raise SystemExit(f"build of {project.name} failed:\n{run.stderr[-3000:]}")


def outputs(project: Path) -> dict[str, Path]:
    """The compared outputs of a build, by path relative to the project."""
    found = {name: project / name for name in COMPARED}
    for path in sorted((project / "results" / "figures").iterdir()):
        found[str(path.relative_to(project))] = path
    return found


def changed_inputs(base: Path, head: Path) -> dict[str, list[str]]:
    """Inputs of the registry whose SHA-256 differs between the builds: path -> [old, new]."""
    def inputs(project: Path) -> dict[str, str]:
        registry = json.loads((project / "results" / "numbers.json").read_text(encoding="utf-8"))
        return {path: digest for entry in registry.values()
                for path, digest in entry["inputs"].items()}

    old, new = inputs(base), inputs(head)
    return {path: [old[path], new[path]] for path in sorted(old.keys() & new.keys())
            if old[path] != new[path]}


def comparable(path: Path, masked: list[str]) -> bytes:
    """The bytes to compare: as they are, or with the masked hashes blanked out."""
    if not masked:
        return path.read_bytes()
    if path.suffix == ".pdf":
        import pypdfium2

        document = pypdfium2.PdfDocument(path)
        text = "\f".join(page.get_textpage().get_text_range() for page in document)
    elif path.suffix in {".json", ".csv", ".txt"}:
        text = path.read_text(encoding="utf-8")
    else:
        return path.read_bytes()
    for digest in masked:
        text = text.replace(digest, "<changed input>")
    return text.encode()


def compare(base: Path, head: Path) -> dict[str, object]:
    """What differs between two builds, after masking the hashes of changed inputs."""
    changed = changed_inputs(base, head)
    digests = {digest for pair in changed.values() for digest in pair}
    # Longest first: a full hash is masked before the 12-digit prefix the PDF prints.
    masked = sorted({*digests, *(digest[:12] for digest in digests)}, key=len, reverse=True)
    old, new = outputs(base), outputs(head)
    differing = sorted(name for name in old.keys() | new.keys()
                       if name not in old or name not in new
                       or comparable(old[name], masked) != comparable(new[name], masked))
    return {"compared": sorted(old.keys() | new.keys()), "differing": differing,
            "changed_inputs_masked": changed,
            "pdf_compared_by": "text, changed input hashes masked" if masked else "bytes"}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", default="HEAD~1", help="revision to compare against")
    parser.add_argument("--head", default=WORKTREE, help=f"revision compared ({WORKTREE}: the "
                        "working tree, committed or not)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="same-outputs-") as scratch:
        base = checkout(args.base, Path(scratch) / "base")
        head = checkout(args.head, Path(scratch) / "head")
        for project in (base, head):
            build(project)
        report = {"base": args.base, "head": args.head, **compare(base, head)}
    out = ROOT / "benchmarks" / "results" / "same_outputs.json"
    out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(report["differing"]) if report["differing"] else
          f"same outputs: {len(report['compared'])} files ({report['pdf_compared_by']})")
    return 1 if report["differing"] else 0


if __name__ == "__main__":
    sys.exit(main())
