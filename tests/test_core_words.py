"""The core says nothing in Chinese: queries build English notes (titles, rate bases, chart titles) whose Chinese
is in language/words.py's phrasebook, and render says them in the language asked for."""

from __future__ import annotations

import re
from collections.abc import Iterator
from fractions import Fraction
from pathlib import Path

import pytest

from pairing_cli.data.models import Dataset
from pairing_cli.language import words
from pairing_cli.queries import compare, figures, sources, trend, views
from pairing_cli.text import Note

CORE = Path(__file__).parent.parent / "src" / "pairing_cli" / "queries"
IDEOGRAPH = re.compile("[\u4e00-\u9fff]")


def _results(dataset: Dataset) -> list[object]:
    return [
        views.summary(dataset),
        views.infrastructure(dataset),
        views.funding(dataset, breakdown=True, rate=None),
        views.funding(dataset, breakdown=True, rate=Fraction(7)),
        figures.facts(dataset),
        figures.show(dataset, "fujian_funding_provincial"),
        compare.compare(dataset),
        compare.measures(dataset),
        trend.trend(dataset, "fujian_funding"),
        sources.timeline(dataset),
    ]


def _notes(result: object) -> Iterator[Note]:
    """Every note a result carries: its title, its charts' titles, its rate's basis and its notes."""
    for name in ("title", "rate_basis"):
        value = getattr(result, name, None)
        if isinstance(value, Note):
            yield value
    basis = getattr(result, "meta", {}).get("rate_basis")
    if isinstance(basis, Note):
        yield basis
    yield from (c.title for c in getattr(result, "charts", []))
    yield from getattr(result, "notes", [])


def _templates(note: Note) -> Iterator[str]:
    """The phrasebook templates a note is said with (its values' too); data texts (Note.both) have none."""
    if note.zh is not None:
        return
    yield note.template
    for value in note.values.values():
        if isinstance(value, Note):
            yield from _templates(value)


def test_the_queries_hold_no_chinese() -> None:
    for path in sorted(CORE.glob("*.py")):
        code = [line.split("#")[0] for line in path.read_text(encoding="utf-8").splitlines()]
        found = [line for line in code if IDEOGRAPH.search(line)]
        assert not found, f"{path.name}: {found}"


def test_every_note_of_a_result_has_its_chinese(shipped: Dataset) -> None:
    templates = {t for result in _results(shipped) for note in _notes(result) for t in _templates(note)}
    assert "{program}: {title}" in templates and "given with --rate" in templates
    missing = sorted(t for t in templates if t not in words._ZH)
    assert not missing


@pytest.mark.parametrize(
    ("note", "english", "chinese"),
    [
        (Note("{count} figures", count="12"), "12 figures", "12项数据"),
        (Note("{count} comparison, {differ} different", count="1", differ="0"), "1 comparison, 0 different",
         "1项比较，0项不一致"),
        (Note("{total}: shares of the total", total=Note.both("Funding", "资金")), "Funding: shares of the total",
         "资金：构成"),
        (Note("{first}; {rest}", first=Note.both("a (2019)", "甲（2019年）"), rest=Note.both("b", "乙")),
         "a (2019); b", "甲（2019年）；乙"),
    ],
)  # fmt: skip
def test_a_note_is_said_in_either_language(note: Note, english: str, chinese: str) -> None:
    assert (words.say(note, "en"), str(note), words.say(note, "zh")) == (english, english, chinese)


def test_a_funding_title_and_basis_in_chinese(shipped: Dataset) -> None:
    report = views.funding(shipped, breakdown=True, rate=None)
    assert words.say(report.title, "zh") == "闽宁对口扶贫协作：帮扶资金"
    assert words.say(report.meta["rate_basis"], "zh").startswith("按来源所述“4,856 yuan ($692.47)”推算：")
    assert str(report.meta["rate_basis"]).startswith("implied by the source's '4,856 yuan ($692.47)': ")
