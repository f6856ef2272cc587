"""The table exports (--export-svg, --export-html) in a real browser, in both languages: they render as a terminal
shows the table. In the SVG no glyph is squeezed or stretched (every textLength within 10 % of the width the glyphs
take by themselves) and no text is drawn over another; in the HTML every character starts at its own cell, so that
columns line up across Chinese, box lines, blocks and dashes (`2012—2019年`, `█`, `─`).

Needs Debian's Chromium and Playwright, as test_browser.py; skipped, saying why, without them.
"""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest

from .conftest import Tab
from .helpers import MockEnvironment, invoke

# Tables with Chinese, bars, rules and dashes in them, and their English twins.
TABLES = {
    "funding": ["funding", "--breakdown", "--chart"],
    "summary": ["summary", "--chart"],
    "compare": ["compare", "schools"],
    "trend": ["trend", "fujian_funding", "--chart"],
}
CASES = [(name, lang) for name in TABLES for lang in ("zh", "en")]


def _export(folder: Path, name: str, lang: str, kind: str) -> Path:
    target = folder / f"{name}-{lang}.{kind}"
    done = invoke(*TABLES[name], "--lang", lang, f"--export-{kind}", str(target), env=MockEnvironment({}))
    assert done.returncode == 0, done.stderr
    return target


def _page(tab: Tab, path: Path) -> Any:
    return tab.open(path, 1400)


# Each text with a textLength: that length, and the width of the same text without it (its glyphs' own).
SVG_TEXT_LENGTHS = """() => [...document.querySelectorAll('text[textLength]')].map(t => {
    const own = t.cloneNode(true);
    own.removeAttribute('textLength');
    t.parentNode.appendChild(own);
    const natural = own.getComputedTextLength();
    own.remove();
    return {text: t.textContent, asked: +t.getAttribute('textLength'), natural: natural};
})"""

# Each text's box on the page, by line (its y).
SVG_BOXES = """() => [...document.querySelectorAll('text')].map(t => {
    const b = t.getBBox();
    return {text: t.textContent, y: +t.getAttribute('y'), left: b.x, right: b.x + b.width};
})"""


@pytest.mark.parametrize(("name", "lang"), CASES)
def test_svg_glyphs_keep_their_own_width_and_never_overlap(tab: Tab, tmp_path: Path, name: str, lang: str) -> None:
    page = _page(tab, _export(tmp_path, name, lang, "svg"))
    lengths = page.evaluate(SVG_TEXT_LENGTHS)
    boxes = page.evaluate(SVG_BOXES)
    assert boxes, "no text in the SVG"
    squeezed = [t for t in lengths if t["natural"] and abs(t["asked"] / t["natural"] - 1) > 0.10]
    assert squeezed == [], f"{len(squeezed)} of {len(lengths)} texts squeezed or stretched, e.g. {squeezed[:3]}"
    overlapping = []
    for y in {b["y"] for b in boxes}:
        line = sorted((b for b in boxes if b["y"] == y), key=lambda b: b["left"])
        overlapping += [(a["text"], b["text"]) for a, b in pairwise(line) if a["right"] > b["left"] + 1]
    assert overlapping == [], f"texts drawn over each other: {overlapping[:5]}"


# Where each character of the <pre> starts, with the width of one cell ("0" in the same font).
HTML_STARTS = """() => {
    const code = document.querySelector('pre code') || document.querySelector('pre');
    const probe = document.createElement('span');
    probe.textContent = '0'.repeat(100);
    code.appendChild(probe);
    const cell = probe.getBoundingClientRect().width / 100;
    probe.remove();
    const walker = document.createTreeWalker(code, NodeFilter.SHOW_TEXT);
    const lines = [[]];
    let lineLeft = null;
    const range = document.createRange();
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        for (let i = 0; i < node.data.length; i++) {
            const ch = node.data[i];
            if (ch === '\\n') { lines.push([]); continue; }
            range.setStart(node, i);
            range.setEnd(node, i + 1);
            const box = range.getBoundingClientRect();
            lines[lines.length - 1].push([ch, box.left]);
        }
    }
    return {cell: cell, left: code.getBoundingClientRect().left, lines: lines};
}"""


@pytest.mark.parametrize(("name", "lang"), CASES)
def test_html_characters_start_at_their_own_cells(tab: Tab, tmp_path: Path, name: str, lang: str) -> None:
    from rich.cells import get_character_cell_size

    found = _page(tab, _export(tmp_path, name, lang, "html")).evaluate(HTML_STARTS)
    cell, left = found["cell"], found["left"]
    assert 5 < cell < 20, cell
    drifting = []
    checked = 0
    for number, line in enumerate(found["lines"]):
        column = 0
        for char, start in line:
            if char != " ":
                checked += 1
                if abs(start - left - column * cell) > 1.5:
                    drifting.append((number, column, char, round((start - left) / cell - column, 2)))
            column += get_character_cell_size(char)
    assert checked > 200
    assert drifting == [], f"{len(drifting)} characters off their cell (line, cell, char, cells off): {drifting[:5]}"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_exports_have_no_blanks_at_line_ends_and_fetch_nothing(tmp_path: Path, lang: str) -> None:
    html = _export(tmp_path, "funding", lang, "html").read_text(encoding="utf-8")
    svg = _export(tmp_path, "funding", lang, "svg").read_text(encoding="utf-8")
    assert not [line for line in html.splitlines() if line.endswith(" ")]
    for text in (html, svg):
        assert "http://fonts" not in text and "https://" not in text and "@font-face" not in text
    assert f'xml:lang="{lang}"' in svg and "<title>" in svg
