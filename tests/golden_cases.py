"""The commands whose whole output is kept under tests/golden/, compared byte for byte by test_golden.py.

Regenerate them all with `python -m tests.golden_cases` and review the change as a diff before committing.
"""

from __future__ import annotations

import sys
from pathlib import Path

from typer.testing import CliRunner

GOLDEN = Path(__file__).resolve().parent / "golden"
FORMATS = ("table", "json", "ndjson", "csv", "markdown")
LANGS = ("en", "zh")
# name -> the command line after `pairing`
COMMANDS = {
    "compare": ["compare"],
    "compare-schools": ["compare", "schools"],
    "trend-fujian_funding": ["trend", "fujian_funding"],
    "trend-minning_population": ["trend", "minning_population"],
    "show-medical_institutions": ["show", "medical_institutions"],
    "facts-source-xinhua-2012": ["facts", "--source", "xinhua-2012-10-23"],
    "sources": ["sources"],
}
SUFFIX = {"table": "txt", "json": "json", "ndjson": "ndjson", "csv": "csv", "markdown": "md"}


def cases() -> list[tuple[str, list[str]]]:
    """(file name, argv) for every command in every format and language."""
    return [
        (f"{name}.{lang}.{SUFFIX[fmt]}", [*argv, "--format", fmt, "--lang", lang])
        for name, argv in COMMANDS.items()
        for fmt in FORMATS
        for lang in LANGS
    ]


def output(argv: list[str]) -> str:
    """What `pairing argv` prints on the shipped data, 100 columns wide, in-process."""
    from pairing_cli.cli import app

    result = CliRunner().invoke(app, argv, env={"COLUMNS": "100", "PAIRING_DATA": "", "PAIRING_LANG": ""})
    assert result.exit_code == 0, (argv, result.output)
    return result.stdout


def main() -> None:
    GOLDEN.mkdir(exist_ok=True)
    for name, argv in cases():
        (GOLDEN / name).write_text(output(argv), encoding="utf-8")
    print(f"wrote {len(cases())} files in {GOLDEN}", file=sys.stderr)


if __name__ == "__main__":
    main()
