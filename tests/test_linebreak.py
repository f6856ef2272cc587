"""Chinese line breaking in tables: numbers and words stay whole, punctuation stays with its text, lines fit."""

from __future__ import annotations

import itertools

from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len

from pairing_cli.render.linebreak import CLOSING, OPENING, break_offsets, units

from .helpers import MockEnvironment, invoke


def _lines(text: str, width: int) -> list[str]:
    offsets = break_offsets(text, width, cell_len)
    return [text[a:b] for a, b in zip([0, *offsets], [*offsets, len(text)], strict=True)]


def test_the_cases_that_broke() -> None:
    """'201' / '2年' and a lone '，' or '）' at a line's start: what Rich's own wrapping did to these cells."""
    assert _lines("贫困发生率，2012年", 8) == ["贫困发生", "率，", "2012年"]
    assert _lines("2012年（推断）", 10) == ["2012年（推", "断）"]
    assert _lines("闽宁镇居民人均可支配收入：14961 元", 30) == ["闽宁镇居民人均可支配收入：", "14961 元"]
    assert units("93.7万人") == ["93.7万", "人"]
    assert units("Pairing-up program reduces poverty") == ["Pairing-up ", "program ", "reduces ", "poverty"]


pieces = st.sampled_from(["福建", "宁夏", "，", "。", "（", "）", "“", "”", "2012", "93.7", "年", "万", " ", "km", "—"])


@given(st.lists(pieces, max_size=30).map("".join))
def test_units_keep_numbers_whole_and_punctuation_with_its_text(text: str) -> None:
    found = units(text)
    assert "".join(found) == text
    for before, after in itertools.pairwise(found):
        assert not (before[-1].isdigit() and after[0].isdigit()), (before, after)
        assert after[0] not in CLOSING or before[-1].isspace(), (before, after)
        assert before.rstrip()[-1:] not in OPENING or before[-1].isspace(), (before, after)


@given(st.lists(pieces, max_size=30).map("".join), st.integers(min_value=2, max_value=40))
def test_lines_fit_and_break_only_between_units_unless_one_is_too_wide(text: str, width: int) -> None:
    lines = _lines(text, width)
    assert "".join(lines) == text
    assert all(cell_len(line.rstrip()) <= width for line in lines), lines
    boundaries, at, too_wide = set(), 0, []
    for unit in units(text):
        if cell_len(unit.rstrip()) > width:
            too_wide.append(range(at, at + len(unit)))
        at += len(unit)
        boundaries.add(at)
    for offset in break_offsets(text, width, cell_len):
        assert offset in boundaries or any(offset in r for r in too_wide), (text, width, offset)


def test_tables_in_chinese_break_no_number_at_80_and_100_columns() -> None:
    """Every Chinese table at 80 and 100 columns: no line wider than the terminal, and no cell broken inside a
    year (a line ending in digits whose next line goes on with digits in the same column)."""
    for columns in (80, 100):
        for argv in (["summary"], ["facts"], ["compare"], ["timeline"], ["trend", "minning_population"]):
            out = invoke(*argv, "--lang", "zh", env=MockEnvironment(columns=columns)).stdout
            rows = out.splitlines()
            assert max(cell_len(r) for r in rows) <= columns, (argv, columns)
            assert "201\n" not in out and not any(r.lstrip().startswith(("，", "）", "。")) for r in rows), argv
