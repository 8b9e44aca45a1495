"""The ``csec-survey`` command line."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from csec_survey.core import paths

__all__ = ["main"]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the process exit status."""
    parser = argparse.ArgumentParser(prog="csec-survey", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    synth = commands.add_parser(
        "synthesize", help="write a synthetic Qualtrics export calibrated to the 2014 figures")
    synth.add_argument("--out", type=Path, required=True, help="path of the CSV to write")
    synth.add_argument("--seed", type=int, default=None, help="random seed (default: the "
                       "committed export's)")
    synth.add_argument("--respondents", type=int, default=None,
                       help="complete responses (default 144, the published sample)")
    synth.add_argument("--instrument", type=Path, default=paths.INSTRUMENT)
    synth.add_argument("--figures", type=Path, default=paths.PUBLISHED_VALUES)

    inspect = commands.add_parser(
        "inspect", help="describe an export: layout, columns and what exclusions would drop")
    inspect.add_argument("path", type=Path)
    inspect.add_argument("--instrument", type=Path, default=paths.INSTRUMENT)

    explain = commands.add_parser(
        "explain", help="the provenance of one number of the paper, by its registry id, or "
        "of one of its claims")
    explain.add_argument("id", help="registry id, such as tech.most_cases; or a claim, such as "
                         "'most(demo.male)' or line:147 (the claims made on a line)")
    explain.add_argument("--registry", type=Path, default=paths.ROOT / "results" / "numbers.json")
    explain.add_argument("--paper", type=Path, default=paths.ROOT / "paper")
    explain.add_argument("--reproduction", type=Path,
                         default=paths.ROOT / "results" / "reproduction.csv")
    explain.add_argument("--claims", type=Path,
                         default=paths.ROOT / "results" / "provenance" / "claims.json")

    code = commands.add_parser(
        "code-quotes", help="write the quote coding file of a synthetic export from its "
        "ground truth (the generator's themes stand in for a human coder)")
    code.add_argument("--export", type=Path, default=paths.SYNTHETIC_EXPORT)
    code.add_argument("--out", type=Path, required=True, help="coding CSV to write")
    code.add_argument("--key-env", default="CSEC_PSEUDONYM_KEY")

    commands.add_parser(
        "deidentify-text",
        help="scrub free text: JSON Lines {id, text} on stdin, {id, text, entities} on stdout")

    args = parser.parse_args(argv)
    try:
        if args.command == "synthesize":
            return _synthesize(args)
        if args.command == "deidentify-text":
            return _deidentify_text()
        if args.command == "explain":
            return _explain(args)
        if args.command == "code-quotes":
            return _code_quotes(args)
        return _inspect(args)
    except (OSError, ValueError, KeyError) as error:
        print(f"csec-survey {args.command}: {error}", file=sys.stderr)
        return 1


def _synthesize(args: argparse.Namespace) -> int:
    from csec_survey.core.codebook import load_instrument
    from csec_survey.core.published import PUBLISHED_SAMPLE_SIZE, read_published_values
    from csec_survey.synthetic.generator import DEFAULT_SEED, synthesize, write_synthetic_export

    export = synthesize(
        load_instrument(args.instrument), read_published_values(args.figures),
        respondents=args.respondents or PUBLISHED_SAMPLE_SIZE,
        seed=DEFAULT_SEED if args.seed is None else args.seed)
    written = write_synthetic_export(export, args.out)
    print(json.dumps({name: str(path) for name, path in written.items()}, indent=2))
    return 0


def _inspect(args: argparse.Namespace) -> int:
    from csec_survey.core.codebook import load_instrument
    from csec_survey.ingest.export_summary import describe_export

    report = describe_export(args.path, load_instrument(args.instrument))
    print(json.dumps(report, indent=2, ensure_ascii=False))
    return 0


def _explain(args: argparse.Namespace) -> int:
    from csec_survey.stats.explain import explain, explain_claim
    from csec_survey.stats.registry import read_registry

    is_claim = "(" in args.id or args.id.startswith("line:")
    needed = args.claims if is_claim else args.registry
    if not needed.exists():
        raise ValueError(f"{needed} does not exist: build the paper first "
                         f"(snakemake --cores 4) or pass --{'claims' if is_claim else 'registry'}")
    claims = (json.loads(args.claims.read_text(encoding="utf-8"))
              if args.claims.exists() else {"claims": [], "source": ""})
    if is_claim:
        print(explain_claim(args.id, claims["claims"], claims["source"]))
    else:
        print(explain(args.id, read_registry(args.registry), args.paper, args.reproduction,
                      claims["claims"]))
    return 0


def _code_quotes(args: argparse.Namespace) -> int:
    from csec_survey.core.paths import companion_paths
    from csec_survey.deidentify.pseudonyms import resolve_key
    from csec_survey.ingest.records import read_records
    from csec_survey.paper.quotes import coding_from_truth, write_coding

    truth_path = companion_paths(args.export)["truth"]
    if not truth_path.exists():
        raise ValueError(f"{truth_path} does not exist: only a synthetic export has the "
                         "ground truth this command codes from")
    records = read_records(args.export).records
    complete = set(records.loc[records["exclusion"].isna(), "ResponseId"])
    key = resolve_key(args.key_env, args.export, [paths.SYNTHETIC_EXPORT])
    with truth_path.open(encoding="utf-8") as handle:
        rows = coding_from_truth((json.loads(line) for line in handle), key, complete)
    write_coding(rows, args.out)
    print(f"{len(rows)} coded answers written to {args.out}")
    return 0


def _deidentify_text() -> int:
    from csec_survey.deidentify.scrubber import Scrubber

    records = []
    for number, line in enumerate(sys.stdin, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            raise ValueError(f"stdin line {number}: not JSON ({error.msg}); expected one "
                             'object per line such as {"id": "1", "text": "..."}') from None
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            raise ValueError(f'stdin line {number}: expected an object with a string "text"')
        records.append(record)
    scrubber = Scrubber()
    results = scrubber.scrub_many((record["text"], None) for record in records)
    for record, result in zip(records, results, strict=True):
        print(json.dumps({"id": record.get("id"), "text": result.text,
                          "entities": [{"type": e.type, "start": e.start, "end": e.end}
                                       for e in result.entities]}, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
