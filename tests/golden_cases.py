"""The commands whose whole output is kept under tests/golden/, compared byte for byte by test_golden.py.

Regenerate them all with `python -m tests.golden_cases` and review the change as a diff before committing.
"""

from __future__ import annotations

import sys
from pathlib import Path

from pairing_cli.data.vocabulary import CITATION_STYLES, FORMATS, LANGS

from .helpers import InProcessRunner

GOLDEN = Path(__file__).resolve().parent / "golden"
HOSTILE = Path(__file__).resolve().parent / "data" / "hostile.json"
# name -> the command line after `pairing`: every command that takes --format and --lang, on the shipped data and
# on a small dataset whose text is hostile (markup, HTML, formulas, Markdown, pipes) to every format.
COMMANDS = {
    "summary": ["summary"],
    "infrastructure": ["infrastructure"],
    "funding": ["funding", "--breakdown"],
    "facts": ["facts"],
    "facts-source-xinhua-2012": ["facts", "--source", "xinhua-2012-10-23"],
    "show-terraced_fields_built": ["show", "terraced_fields_built"],
    "show-fujian_funding_added": ["show", "fujian_funding_added_2011_2020"],
    "show-medical_institutions": ["show", "medical_institutions"],
    "timeline": ["timeline"],
    "sources": ["sources"],
    "compare": ["compare"],
    "compare-schools": ["compare", "schools"],
    "trend-fujian_funding": ["trend", "fujian_funding"],
    "trend-minning_population": ["trend", "minning_population"],
    "trend-minning_income": ["trend", "minning_income"],
    "trend-poverty_rate": ["trend", "poverty_rate"],  # a percentage: its change is in percentage points
    "measures": ["measures"],
    "programs": ["programs"],
    "across-fiscal_aid-2016-2020": ["across", "fiscal_aid", "--period", "2016-2020"],
    "guangdong-guangxi-trend-fiscal_aid_yearly": ["--program", "guangdong-guangxi", "trend", "fiscal_aid_yearly"],
    "national-compare": ["--program", "national", "compare"],
    "convert-units": ["convert-units", "--mu", "229000", "--yuan", "4856"],
    "hostile-summary": ["--data", str(HOSTILE), "summary"],
    "hostile-facts": ["--data", str(HOSTILE), "facts"],
    "hostile-compare": ["--data", str(HOSTILE), "compare"],
    "hostile-sources": ["--data", str(HOSTILE), "sources"],
    "hostile-funding": ["--data", str(HOSTILE), "funding", "--breakdown"],
    "hostile-timeline": ["--data", str(HOSTILE), "timeline"],
}
# Citations: every style in both languages, of the main source, a figure, a derived figure and another source.
# name -> root options (--data, --program) then the ids cited; "unlinked" is a source read on a spam site (no address).
CITED = {"main": [], "figure": ["rural_houses_renovated"], "derived": ["fujian_funding_added_2011_2020"],
         "source": ["xinhua-2012-10-23"], "hostile": ["--data", str(HOSTILE)],
         "unlinked": ["--program", "jiangsu-shaanxi", "sxdaily-2022-02-16"]}  # fmt: skip
SUFFIX = {"table": "txt", "json": "json", "ndjson": "ndjson", "csv": "csv", "markdown": "md"}


# Files the table exports and chart files write, compared after normalising what legitimately varies (Rich's
# per-run id in an SVG): name -> argv, with FILE standing for the file written.
FILES = {
    "export-summary.{lang}.svg": ["summary", "--chart", "--export-svg", "FILE"],
    "export-summary.{lang}.html": ["summary", "--chart", "--export-html", "FILE"],
    "export-compare.{lang}.html": ["compare", "--export-html", "FILE"],
    "chart-trend-fujian_funding.{lang}.svg": ["trend", "fujian_funding", "--chart-file", "FILE"],
    "chart-summary.{lang}.svg": ["summary", "--chart-file", "FILE"],
}


def file_cases() -> list[tuple[str, list[str]]]:
    return [(name.format(lang=lang), [*argv, "--lang", lang]) for name, argv in FILES.items() for lang in LANGS]


def file_output(argv: list[str]) -> str:
    """The file `pairing argv` writes (FILE in argv), normalised."""
    import re
    import tempfile

    from pairing_cli.cli import app

    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / ("out.svg" if "--chart-file" in argv else "out")
        args = [str(target) if a == "FILE" else a for a in argv]
        result = InProcessRunner().invoke(app, args, env={"COLUMNS": "100", "PAIRING_DATA": "", "PAIRING_LANG": ""})
        assert result.exit_code == 0, (argv, result.output)
        text = target.read_text(encoding="utf-8")
    return re.sub(r"terminal-\d+", "terminal-0", text)


def cases() -> list[tuple[str, list[str]]]:
    """(file name, argv) for every command in every format and language, and every citation style."""
    tables = [
        (f"{name}.{lang}.{SUFFIX[fmt]}", [*argv, "--format", fmt, "--lang", lang])
        for name, argv in COMMANDS.items()
        for fmt in FORMATS
        for lang in LANGS
    ]
    citations = []
    for name, args in CITED.items():
        data, ids = (args[:2], args[2:]) if args[:1] in (["--data"], ["--program"]) else ([], args)
        citations += [
            (f"cite-{name}.{style}.{lang}.txt", [*data, "cite", *ids, "--style", style, "--lang", lang])
            for style in CITATION_STYLES
            for lang in LANGS
        ]
    return tables + citations


def output(argv: list[str]) -> str:
    """What `pairing argv` prints on the shipped data, 100 columns wide, in-process."""
    from pairing_cli.cli import app

    result = InProcessRunner().invoke(app, argv, env={"COLUMNS": "100", "PAIRING_DATA": "", "PAIRING_LANG": ""})
    assert result.exit_code == 0, (argv, result.output)
    return result.stdout


def main() -> None:
    """Every golden file made anew: all outputs first (a failing case writes nothing), then each file written
    whole (a temporary file renamed over it); files no case makes any more are listed, and removed with --prune."""
    made = {name: output(argv) for name, argv in cases()}
    made.update((name, file_output(argv)) for name, argv in file_cases())
    GOLDEN.mkdir(exist_ok=True)
    changed = 0
    for name, text in made.items():
        path = GOLDEN / name
        if path.exists() and path.read_text(encoding="utf-8") == text:
            continue
        temporary = path.with_name(f".{name}.tmp")
        temporary.write_text(text, encoding="utf-8")
        temporary.replace(path)
        changed += 1
    prune = "--prune" in sys.argv[1:]
    for name in sorted(p.name for p in GOLDEN.iterdir() if p.is_file() and p.name not in made):
        if prune:
            (GOLDEN / name).unlink()
        print(f"stale: {name} ({'removed' if prune else 'no case makes it; --prune removes it'})", file=sys.stderr)
    print(f"{len(made)} golden files, {changed} changed, in {GOLDEN}", file=sys.stderr)


if __name__ == "__main__":
    main()
