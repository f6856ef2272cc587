"""The report page laid out in a real browser (Debian's Chromium through Playwright), in English and Chinese, on a
360-pixel phone and a 1600-pixel desktop: nothing wider than the screen, no chart text overlapping other text or
smaller than 8 px, no float noise, and on the Chinese page Chinese typesetting (full-width punctuation, no English
words, no line that starts with closing punctuation).

What counts as an allowed exception is listed here, once: text whose element declares another language (an English
source's headline, an outlet's name that has no Chinese version yet, which `pairing validate` warns of), URLs, `code`
(identifiers, the tool's name), `cite` (a headline as printed) and `.stated` (a figure as its source printed it).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest

from .conftest import Tab

WIDTHS = [360, 1600]
LANGS = ["en", "zh"]
# The ASCII words a Chinese page may carry, each a name no Chinese word replaces: the file formats of the downloads
# and the licence's name.
ASCII_WORDS = {"CSV", "SVG", "MIT"}


class Opened:
    """The report pages as the checks read them: each page opened once for the session (conftest's report_page),
    and what TEXT_NODES finds in it gathered once for the several checks that read it (none changes the page)."""

    def __init__(self, report_page: Callable[[str, int], Tab]) -> None:
        self.report_page = report_page
        self.texts: dict[tuple[str, int], list[Any]] = {}

    def __call__(self, lang: str, width: int) -> Any:
        return self.report_page(lang, width).page

    def text_nodes(self, lang: str, width: int) -> list[Any]:
        if (lang, width) not in self.texts:
            self.texts[lang, width] = self(lang, width).evaluate(TEXT_NODES)
        return self.texts[lang, width]


@pytest.fixture(scope="module")
def opened(report_page: Callable[[str, int], Tab]) -> Opened:
    """The page in one language at one width, opened once for all the checks on it."""
    return Opened(report_page)


# Every element (but those not drawn) whose box reaches past the screen's right or left edge, scrolled into a box or
# not: a table in a sideways-scrolling box is as hidden on a phone as one past the edge.
WIDER_THAN_SCREEN = """() => {
  const width = window.innerWidth, out = [];
  for (const el of document.body.querySelectorAll('*')) {
    if (el.closest('svg') && el.tagName.toLowerCase() !== 'svg') continue;  // a chart's own text: CHART_TEXT
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    if (r.right > width + 1 || r.left < -1)
      out.push(`${el.tagName.toLowerCase()}#${el.id} ${Math.round(r.left)}..${Math.round(r.right)}`);
  }
  return {scroll: document.documentElement.scrollWidth, inner: width, out: out.slice(0, 12), count: out.length};
}"""

# Each chart's text boxes as drawn: any two that intersect, any that leaves its chart, any below 8 px on screen.
CHART_TEXT = """() => {
  const overlaps = [], outside = [], small = [];
  document.querySelectorAll('figure svg').forEach((svg, n) => {
    const frame = svg.getBoundingClientRect();
    const texts = Array.from(svg.querySelectorAll('text')).filter(t => t.textContent.trim());
    const boxes = texts.map(t => [t, t.getBoundingClientRect()]);
    for (const [t, r] of boxes) {
      if (r.left < frame.left - 1 || r.right > frame.right + 1 || r.top < frame.top - 1 || r.bottom > frame.bottom + 1)
        outside.push(`chart ${n}: '${t.textContent}'`);
      // the rendered size: the text's font size times the chart's scale on screen
      const scale = frame.width / svg.viewBox.baseVal.width;
      const size = parseFloat(getComputedStyle(t).fontSize) * scale;
      if (size < 8) small.push(`chart ${n}: '${t.textContent}' ${size.toFixed(1)}px`);
    }
    for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i][1], b = boxes[j][1];
      const dx = Math.min(a.right, b.right) - Math.max(a.left, b.left);
      const dy = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
      if (dx > 0.5 && dy > 0.5)
        overlaps.push(`chart ${n}: '${boxes[i][0].textContent}' / '${boxes[j][0].textContent}'`);
    }
  });
  return {charts: document.querySelectorAll('figure svg').length, overlaps, outside, small};
}"""

# The text of every text node as [text, the language its element declares, whether it is exempt (code, cite),
# whether it is a chart's], for the Chinese checks; script and style are no text.
TEXT_NODES = """() => {
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!el || el.closest('script, style')) continue;
    const lang = el.closest('[lang]')?.getAttribute('lang') ?? '';
    out.push([node.textContent, lang, Boolean(el.closest("code, cite, .stated")), Boolean(el.closest("svg"))]);
  }
  return out;
}"""

# Each closing punctuation mark that begins a line as laid out: its rectangle starts left of the character before it
# and below it.
LINE_STARTS = """() => {
  const closing = /[）〕】》」』，。、；：！？”’・]/, out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!el || el.closest('script, style, svg')) continue;
    const text = node.textContent;
    for (let i = 0; i < text.length; i++) {
      if (!closing.test(text[i])) continue;
      const range = document.createRange();
      range.setStart(node, i); range.setEnd(node, i + 1);
      const mark = range.getBoundingClientRect();
      if (!mark.width) continue;
      let previous = null;
      if (i > 0) { range.setStart(node, i - 1); range.setEnd(node, i); previous = range.getBoundingClientRect(); }
      if (previous && previous.width && mark.top > previous.bottom - 2 && mark.left < previous.left)
        out.push(text.slice(Math.max(0, i - 12), i + 4));
    }
  }
  return out;
}"""


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", LANGS)
def test_nothing_is_wider_than_the_screen(opened: Opened, lang: str, width: int) -> None:
    found = opened(lang, width).evaluate(WIDER_THAN_SCREEN)
    assert found["scroll"] <= found["inner"], found
    assert found["count"] == 0, found


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", LANGS)
def test_chart_text_neither_overlaps_nor_leaves_its_chart(opened: Opened, lang: str, width: int) -> None:
    found = opened(lang, width).evaluate(CHART_TEXT)
    assert found["charts"] >= 3
    assert found["overlaps"] == [] and found["outside"] == []


@pytest.mark.parametrize("lang", LANGS)
def test_chart_text_is_legible_on_a_phone(opened: Opened, lang: str) -> None:
    found = opened(lang, 360).evaluate(CHART_TEXT)
    assert found["charts"] >= 3 and found["small"] == []


NOISE = re.compile(r"\d[.．]\d{5,}")


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", LANGS)
def test_numbers_are_rounded_for_reading(opened: Opened, lang: str, width: int) -> None:
    text = "\n".join(t for t, _, _, chart in opened.text_nodes(lang, width) if not chart)
    assert len(text) > 10_000
    assert [text[max(0, m.start() - 30) : m.end()] for m in NOISE.finditer(text)] == []


@pytest.mark.parametrize("lang", LANGS)
def test_chart_numbers_are_rounded_for_reading(opened: Opened, lang: str) -> None:
    texts = opened(lang, 1600).evaluate("() => Array.from(document.querySelectorAll('svg text'), t => t.textContent)")
    assert texts and [t for t in texts if NOISE.search(t)] == []


# An address, or a domain name standing for an outlet known only by its site (followed by Chinese: no \b there).
DOMAINS = re.compile(r"https?://\S+|www\.\S+|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|cn|net|org|gov|me)(?![a-z0-9-])")


def _chinese_text(opened: Opened, *, charts: bool = False) -> list[str]:
    """The page's text that is declared Chinese and is neither code nor a citation, with URLs and domain names (an
    outlet known only by its site) taken out: the page's own, or its charts'."""
    return [
        re.sub(
            r"https?://\S+|www\.\S+|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|cn|net|org|gov|me)(?![a-z0-9-])", " ", text
        )
        for text, lang, exempt, chart in opened.text_nodes("zh", 1600)
        if lang.startswith("zh") and not exempt and chart == charts
    ]


CJK = r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]"


def _half_width(texts: list[str]) -> list[str]:
    joined = "\n".join(texts)
    found = re.finditer(rf"{CJK}[,;:()]|[,;:()]{CJK}", joined)
    return [joined[max(0, m.start() - 10) : m.end() + 10] for m in found]


def _spaced(texts: list[str]) -> list[str]:
    return re.findall(r"\S{0,6}\d [\u4e00-\u9fff]{1,2}", "\n".join(texts))


def _english(texts: list[str]) -> set[str]:
    return {w for text in texts for w in re.findall(r"[A-Za-z]{3,}", text)} - ASCII_WORDS


@pytest.mark.parametrize("charts", [False, True], ids=["page", "charts"])
def test_the_chinese_page_has_chinese_punctuation(opened: Opened, charts: bool) -> None:
    texts = _chinese_text(opened, charts=charts)
    assert len("".join(texts)) > 1000
    assert _half_width(texts) == []


@pytest.mark.parametrize("charts", [False, True], ids=["page", "charts"])
def test_the_chinese_page_sets_numbers_and_units_solid(opened: Opened, charts: bool) -> None:
    assert _spaced(_chinese_text(opened, charts=charts)) == []


@pytest.mark.parametrize("charts", [False, True], ids=["page", "charts"])
def test_the_chinese_page_has_no_english_words(opened: Opened, charts: bool) -> None:
    assert _english(_chinese_text(opened, charts=charts)) == set()


@pytest.mark.parametrize("width", WIDTHS)
def test_no_line_of_the_chinese_page_starts_with_closing_punctuation(opened: Opened, width: int) -> None:
    page = opened("zh", width)
    assert page.evaluate(LINE_STARTS) == []
    starts = page.evaluate("() => Array.from(document.querySelectorAll('svg text'), t => t.textContent.trim())")
    assert [t for t in starts if re.match(r"[）〕】》」』，。、；：！？”’]", t)] == []
