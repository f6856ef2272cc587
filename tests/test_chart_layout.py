"""Every chart the CLI draws, measured in a real browser (Debian's Chromium driven by Playwright), as an editor would
check it before print: for the default program, guangdong-guangxi and national, in English and Chinese, every
chart of summary, funding --breakdown, compare, trend (each measure) and across (each concept):

- no two text boxes intersect (getBoundingClientRect of every <text>);
- every text box lies inside its SVG;
- no number is shown with five or more decimals;
- no text is under 8 px when the SVG is shown 360 px wide (a phone).

And the PNG of a chart is the SVG drawn at 2x: the same proportions, at least 1200 px wide.
"""

from __future__ import annotations

import html
import struct
from pathlib import Path

import pytest

from pairing_cli.cli.options import _chart_bytes
from pairing_cli.data import load
from pairing_cli.data.programs import shipped
from pairing_cli.data.vocabulary import CONCEPTS

from .conftest import Tab

PROGRAMS = ["fujian-ningxia", "guangdong-guangxi", "national"]
LANGS = ["en", "zh"]

# Measured in the page: the problems of each top-level <svg>, as lines.
MEASURE = """
() => {
  const problems = [];
  for (const holder of document.querySelectorAll('div.chart')) {
    const svg = holder.querySelector('svg');
    const name = holder.dataset.name;
    const frame = svg.getBoundingClientRect();
    const scale = frame.width / svg.viewBox.baseVal.width;
    const texts = [...svg.querySelectorAll('text')].filter(t => t.textContent.trim());
    const boxes = texts.map(t => t.getBoundingClientRect());
    texts.forEach((t, i) => {
      const b = boxes[i], words = JSON.stringify(t.textContent);
      if (b.left < frame.left - 0.5 || b.right > frame.right + 0.5 || b.top < frame.top - 0.5 ||
          b.bottom > frame.bottom + 0.5) problems.push(`${name}: ${words} leaves the chart`);
      const px = parseFloat(getComputedStyle(t).fontSize) * scale;
      if (px < 8) problems.push(`${name}: ${words} is ${px.toFixed(1)} px at 360 px`);
      if (/\\d[.,]\\d{5,}/.test(t.textContent)) problems.push(`${name}: ${words} has five or more decimals`);
      for (let j = 0; j < i; j++) {
        const o = boxes[j];
        const dx = Math.min(b.right, o.right) - Math.max(b.left, o.left);
        const dy = Math.min(b.bottom, o.bottom) - Math.max(b.top, o.top);
        if (dx > 0.5 && dy > 0.5) problems.push(`${name}: ${words} overlaps ${JSON.stringify(texts[j].textContent)}`);
      }
    });
    if (!texts.length) problems.push(`${name}: no text`);
  }
  return problems;
}
"""


def _charts(program: str, lang: str) -> dict[str, bytes]:
    """Every chart file the CLI makes for a program, by the command that makes it, drawn by the CLI's own code."""
    from pairing_cli.queries import compare, views
    from pairing_cli.queries.trend import trend

    dataset = load.load(shipped()[program])
    results: dict[str, object] = {
        "summary": views.summary(dataset),
        "funding --breakdown": views.funding(dataset, breakdown=True, rate=None),
        "compare": compare.compare(dataset, None),
    }
    for measure in dataset.measures:
        results[f"trend {measure.id}"] = trend(dataset, measure.id)
    made = {}
    for name, result in results.items():
        try:
            made[name] = _chart_bytes(result, "svg", lang)  # type: ignore[arg-type]
        except Exception as error:  # a result with no chart is refused by the CLI: nothing to measure
            if "no chart" not in str(error):
                raise
    return made


def _across(lang: str) -> dict[str, bytes]:
    from pairing_cli.queries import pairings

    made = {}
    for concept in CONCEPTS:
        result = pairings.across(concept)
        if result.rows:
            made[f"across {concept}"] = _chart_bytes(result, "svg", lang)  # type: ignore[arg-type]
    return made


def _page(charts: dict[str, bytes], lang: str) -> str:
    body = "".join(
        f'<div class="chart" data-name="{html.escape(name)}">{svg.decode("utf-8")}</div>'
        for name, svg in charts.items()
    )
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><style>body {{ margin: 0; }} '
        ".chart { width: 360px; margin: 0 0 24px; } .chart > svg { width: 360px; height: auto; display: block; }"
        f"</style></head><body>{body}</body></html>"
    )


def _measure(tab: Tab, tmp_path: Path, charts: dict[str, bytes], lang: str) -> list[str]:
    page_file = tmp_path / f"charts-{lang}.html"
    page_file.write_text(_page(charts, lang), encoding="utf-8")
    page = tab.open(page_file, 400)
    page.evaluate("document.fonts.ready")
    problems: list[str] = page.evaluate(MEASURE)
    return problems


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("program", PROGRAMS)
def test_every_chart_of_a_program_reads_cleanly_at_360px(tab: Tab, tmp_path: Path, program: str, lang: str) -> None:
    charts = _charts(program, lang)
    assert len(charts) >= 5  # summary or funding, compare, and the trends
    problems = _measure(tab, tmp_path, charts, lang)
    assert problems == [], f"{len(problems)} problems in {len(charts)} charts:\n" + "\n".join(problems[:40])


@pytest.mark.parametrize("lang", LANGS)
def test_every_across_chart_reads_cleanly_at_360px(tab: Tab, tmp_path: Path, lang: str) -> None:
    charts = _across(lang)
    assert len(charts) >= 8
    problems = _measure(tab, tmp_path, charts, lang)
    assert problems == [], f"{len(problems)} problems in {len(charts)} charts:\n" + "\n".join(problems[:40])


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


# A compare chart is a stack of panels, one per measure compared: guangdong-guangxi's (two panels, 618 px tall) is
# one of the kind at a thirteenth of the pixels of the default program's (8,016 px), whose PNG alone took 2.5 s.
@pytest.mark.parametrize(
    ("program", "command", "lang"),
    [("fujian-ningxia", "trend minning_income", "zh"), ("guangdong-guangxi", "compare", "en")],
)
def test_png_is_the_svg_at_twice_the_size(program: str, command: str, lang: str) -> None:
    """The PNG has the SVG's proportions (within a pixel of rounding) and is at least 1200 px wide."""
    pytest.importorskip("resvg_py", reason="PNG charts need resvg-py")
    from pairing_cli.queries import compare
    from pairing_cli.queries.trend import trend

    dataset = load.load(shipped()[program])
    result = trend(dataset, "minning_income") if command.startswith("trend") else compare.compare(dataset, None)
    svg = _chart_bytes(result, "svg", lang).decode("utf-8")  # type: ignore[arg-type]
    view = svg.split('viewBox="', 1)[1].split('"', 1)[0].split()
    svg_width, svg_height = float(view[2]), float(view[3])
    width, height = _png_size(_chart_bytes(result, "png", lang))  # type: ignore[arg-type]
    assert width >= 1200
    assert abs(height - width * svg_height / svg_width) <= 1.0, (width, height, svg_width, svg_height)
