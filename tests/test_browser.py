"""The page and charts in a real browser (Debian's Chromium driven by Playwright), with the network refused: no
console error, no failed or outside request, the search box filters, axe-core finds no serious or critical
violation, and screenshots at 360 and 1600 pixels in both languages are kept in $PAIRING_ARTIFACTS
(default: tests/artifacts/). Each test says why it is skipped when the browser, Playwright or axe-core is missing.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from pairing_cli.cli import app

from .conftest import DATA, ROOT, Tab
from .helpers import InProcessRunner

AXE = Path(os.environ.get("PAIRING_AXE", ROOT / "tests" / "browser" / "node_modules" / "axe-core" / "axe.min.js"))
ARTIFACTS = Path(os.environ.get("PAIRING_ARTIFACTS", ROOT / "tests" / "artifacts"))


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory, report_files: dict[str, Path]) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("charts")
    made = dict(report_files)
    for name, argv in {"trend.svg": ["trend", "fujian_funding"], "compare.svg": ["compare", "schools"]}.items():
        result = InProcessRunner().invoke(app, [*argv, "--chart-file", str(folder / name)], env={"PAIRING_DATA": ""})
        assert result.exit_code == 0, result.output
        made[name] = folder / name
    return made


# Puts the page back as it loaded, after the search box was typed in and emptied: the status line empty, the box
# without focus, the page at its top (typing scrolled the box into view).
AS_LOADED = """() => {
  document.getElementById('filter-status').textContent = '';
  document.activeElement.blur();
  window.scrollTo(0, 0);
}"""


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_page_loads_offline_without_errors_and_filters(report_page: Callable[[str, int], Tab], lang: str) -> None:
    """On the report page opened once for the session (see conftest's report_page), put back as it loaded."""
    shown = report_page(lang, 1600)
    page = shown.page
    assert page.title() and page.locator("html").get_attribute("lang") in ("en", "zh-Hans")
    rows = page.locator("#figures tbody tr")
    total = rows.count()
    shipped = json.loads(DATA.read_text(encoding="utf-8"))
    assert total == sum(len(m["observations"]) for m in shipped["measures"])
    try:
        page.fill("#filter", "schools" if lang == "en" else "学校")
        filtered = page.locator("#figures tbody tr:not([hidden])").count()
        assert 0 < filtered < total
        assert str(filtered) in page.locator("#filter-status").inner_text()
    finally:
        page.fill("#filter", "")
        page.evaluate(AS_LOADED)
    assert page.locator("#figures tbody tr:not([hidden])").count() == total
    assert page.locator("table caption").count() >= 10 and page.locator("th[scope=col]").count() > 20
    assert page.locator("svg[role=img] title").count() >= 3
    assert shown.problems == []


@pytest.mark.parametrize("width", [360, 1600])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_screenshots_at_two_widths(report_page: Callable[[str, int], Tab], lang: str, width: int) -> None:
    shown = report_page(lang, width)  # the page test_page_layout reads, opened once
    page = shown.page
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    # The whole page on a phone, where its layout is at stake; the first screen on a desktop. JPEG encodes a long
    # page in a fraction of PNG's time.
    shot = ARTIFACTS / f"report-{lang}-{width}.jpeg"
    if width < 1000:
        # A phone-width page is some 120,000 px tall, past JPEG's limit: its first 12,000 px are kept, shot through
        # a window that tall. (The same image, byte for byte, as full_page=True with a clip, for which Playwright
        # lays the page out in a window of its whole height: four times the CPU.)
        page.set_viewport_size({"width": width, "height": 12000})
        try:
            page.screenshot(path=str(shot), type="jpeg", quality=80)
        finally:
            page.set_viewport_size({"width": width, "height": 900})
    else:
        page.screenshot(path=str(shot), type="jpeg", quality=80)
    assert shot.stat().st_size > 10_000
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1, f"the page is {overflow}px wider than a {width}px screen"
    assert shown.problems == []


@pytest.mark.parametrize("name", ["trend.svg", "compare.svg"])
def test_chart_files_render(tab: Tab, pages: dict[str, Path], name: str) -> None:
    page = tab.open(pages[name], 720)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / name.replace(".svg", ".png")))
    assert page.locator("svg title").first.text_content()
    assert tab.problems == []


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_no_serious_accessibility_violation(tab: Tab, pages: dict[str, Path], lang: str) -> None:
    if not AXE.is_file():
        pytest.skip(f"axe-core is not installed at {AXE}: run .ci/run, or npm install axe-core, or set PAIRING_AXE")
    page = tab.open(pages[lang], 1280)
    page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    serious = [
        f"{v['id']} ({v['impact']}): {v['help']} — {len(v['nodes'])} node(s)"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == []
    assert tab.problems == []
