"""The examples of README.md and of every page of docs/ are what `pairing` prints, so the documentation cannot drift
from the behaviour.

An example is a ```text block whose first line is `$ pairing ...`: each `$ ` line is a command (optionally led by
VARIABLE=value settings, optionally ending in `> /dev/null`, which drops its standard output), and the lines after it
are what it prints, stdout then stderr, 100 columns wide. The commands of one block run in order in one empty
folder, so a later command sees the files an earlier one wrote; the folder also holds the broken datasets the
pages name (FIXTURES). What is shown after a command that starts with
`...` is an excerpt: its lines must appear in the output in one piece. `python -m tests.update_readme` rewrites every
whole transcript from the real output.
"""

from __future__ import annotations

import json
import re
import shlex
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from .conftest import DATA, ROOT
from .helpers import MockEnvironment, invoke

BLOCK = re.compile(r"```text\n(\$ pairing .*?)\n```", flags=re.S)
EXCERPT = "..."


def _mistyped() -> str:
    """A schema-1 dataset of the reader's own whose first figure's value is text."""
    document = json.loads((ROOT / "tests" / "data" / "program-v1.json").read_text(encoding="utf-8"))
    document["figures"][0]["value"] = "937,000"
    return json.dumps(document, ensure_ascii=False, indent=2)


def _truncated() -> str:
    """The shipped dataset cut off inside a string of its 13th line."""
    lines = DATA.read_text(encoding="utf-8").splitlines(keepends=True)
    return "".join(lines[:12]) + lines[12][:24]


# The files the pages' examples read, made in each example's folder before it runs.
FIXTURES: dict[str, Callable[[], str]] = {"mine.json": _mistyped, "truncated.json": _truncated}


def prepare(where: Path) -> None:
    for name, make in FIXTURES.items():
        (where / name).write_text(make(), encoding="utf-8")


def pages() -> list[Path]:
    """README.md and every Markdown page of docs/."""
    return [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]


@dataclass(frozen=True)
class Step:
    command: str
    shown: str
    gap: bool  # a blank line follows it, before the next command


def steps(block: str) -> list[Step]:
    parts = re.split(r"^\$ (.*)$", block, flags=re.M)
    return [
        Step(command, shown.strip("\n"), shown.endswith("\n\n"))
        for command, shown in zip(parts[1::2], parts[2::2], strict=True)
    ]


def blocks(page: Path) -> list[tuple[int, list[Step]]]:
    """Each example block of a page with the line it starts on."""
    text = page.read_text(encoding="utf-8")
    return [(text.count("\n", 0, m.start()) + 1, steps(m.group(1))) for m in BLOCK.finditer(text)]


def output(command: str, where: Path) -> str:
    """What `command` prints (stdout then stderr), each line without trailing spaces, no blank lines around it."""
    argv = shlex.split(command)
    settings = {"COLUMNS": "100"}
    while argv and "=" in argv[0]:  # `PYTHONIOENCODING=ascii pairing ...`
        name, _, value = argv.pop(0).partition("=")
        settings[name] = value
    quiet = argv[-2:] == [">", "/dev/null"]
    if quiet:
        argv = argv[:-2]
    assert argv[0] == "pairing", command
    done = invoke(*argv[1:], cwd=where, env=MockEnvironment(settings))
    text = done.stderr if quiet else done.stdout + done.stderr
    return "\n".join(line.rstrip() for line in text.splitlines()).strip("\n")


def matches(step: Step, printed: str) -> bool:
    if step.shown.startswith(EXCERPT + "\n"):
        return step.shown.removeprefix(EXCERPT + "\n") in printed
    return printed == step.shown


def _cases() -> list[tuple[Path, int, list[Step]]]:
    return [(page, line, found) for page in pages() for line, found in blocks(page)]


@pytest.mark.parametrize(
    ("page", "line", "found"),
    [pytest.param(*case, id=f"{case[0].relative_to(ROOT)}:{case[1]}") for case in _cases()],
)
def test_transcript_is_the_real_output(page: Path, line: int, found: list[Step], tmp_path: Path) -> None:
    prepare(tmp_path)
    for step in found:
        printed = output(step.command, tmp_path)
        assert matches(step, printed), (
            f"{page.relative_to(ROOT)}:{line}: `{step.command}` printed something else; "
            "run `python -m tests.update_readme` and review the diff\n" + printed
        )


def test_every_page_has_examples_and_they_are_found() -> None:
    """The block pattern finds the README's examples (a changed fence would make every page pass unchecked)."""
    assert sum(len(found) for _, found in blocks(ROOT / "README.md")) >= 5
    assert sum(len(found) for _, _, found in _cases()) >= 40
