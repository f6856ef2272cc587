"""The README's examples are what `pairing` prints, so the documentation cannot drift from the behaviour."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from .conftest import ROOT
from .helpers import MockEnvironment, invoke

README = (ROOT / "README.md").read_text(encoding="utf-8")
# Sections whose whole text block is one command's output, by heading.
SECTION_COMMANDS = {
    "### `pairing summary`": "summary",
    "### `pairing infrastructure`": "infrastructure",
    "### `pairing funding --breakdown`": "funding --breakdown",
    "### `pairing convert-units --mu 229000 --yuan 4856`": "convert-units --mu 229000 --yuan 4856",
}
# Examples that need files the README only describes (a broken dataset, an export made by the line before).
NEEDS_FILES = ("mine.json", "truncated.json", "--export-svg")


def _section_block(heading: str) -> str:
    start = README.index("```text\n", README.index(heading)) + len("```text\n")
    return README[start : README.index("\n```", start)]


def _transcripts() -> list[tuple[str, str]]:
    """Each `$ pairing ...` line of a text block with what the README shows after it."""
    found = []
    for block in re.findall(r"```text\n(\$ pairing .*?)\n```", README, flags=re.S):
        parts = re.split(r"^\$ (.*)$", block, flags=re.M)
        found.extend(zip(parts[1::2], (p.strip("\n") for p in parts[2::2]), strict=True))
    return [(command, shown) for command, shown in found if not any(n in command for n in NEEDS_FILES)]


def _output(command: str, tmp_path: Path) -> str:
    argv = shlex.split(command)
    settings = {}
    while "=" in argv[0]:  # `PYTHONIOENCODING=ascii pairing ...`
        name, _, value = argv.pop(0).partition("=")
        settings[name] = value
    assert argv[0] == "pairing"
    done = invoke(*argv[1:], cwd=tmp_path, env=MockEnvironment(dict(COLUMNS="100", **settings)))
    return "\n".join(line.rstrip() for line in (done.stdout + done.stderr).splitlines()).rstrip("\n")


@pytest.mark.parametrize("heading", sorted(SECTION_COMMANDS))
def test_section_example_is_the_real_output(heading: str, tmp_path: Path) -> None:
    assert _output(f"pairing {SECTION_COMMANDS[heading]}", tmp_path) == _section_block(heading)


@pytest.mark.parametrize(("command", "shown"), _transcripts(), ids=lambda value: value[:40])
def test_transcript_is_the_real_output(command: str, shown: str, tmp_path: Path) -> None:
    """A transcript that starts with '...' shows an excerpt of the output, its lines in one piece."""
    output = _output(command, tmp_path)
    if shown.startswith("...\n"):
        assert shown.removeprefix("...\n") in output
    else:
        assert output == shown
