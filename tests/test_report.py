"""The page and the chart files as files: what they hold and what they never load. (tests/test_browser.py opens
them in Chromium.)"""

from __future__ import annotations

import html
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from pairing_cli.cli import app

from .helpers import InProcessRunner


def _run(*args: str) -> str:
    result = InProcessRunner().invoke(app, list(args), env={"PAIRING_DATA": "", "COLUMNS": "100"})
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_report_holds_every_figure_and_loads_nothing(tmp_path: Path, lang: str) -> None:
    path = tmp_path / "page.html"
    _run("report", "--html", str(path), "--lang", lang)
    page = path.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert f'<html lang="{"zh-Hans" if lang == "zh" else "en"}">' in page and "<title>" in page
    # nothing from the network: no stylesheet, script, image or font from elsewhere
    assert not re.search(r"<(link|img|iframe)\b|<script\s+src|@import|url\(\s*['\"]?https?:", page)
    facts = json.loads(_run("facts", "--stored", "--json"))["figures"]
    for figure in facts:  # every figure, as printed, is on the page
        assert figure["as_stated"].replace("&", "&amp;").replace('"', "&quot;").replace("'", "&#x27;") in page, figure
    sources = json.loads(_run("sources", "--json"))["sources"]
    for source in sources:
        cited = source.get("outlet_url") or (None if source.get("spam_site") else source["url"])
        if cited:
            assert f'href="{html.escape(cited)}"' in page
        if source.get("spam_site") and source["url"]:
            assert f'href="{html.escape(source["url"])}"' not in page  # a copy on a spam site is never linked
    assert page.count("<caption>") >= 10 and 'scope="col"' in page and 'scope="row"' in page
    assert page.count('<svg xmlns="http://www.w3.org/2000/svg"') >= 5


def test_report_is_written_only_to_a_new_file_or_with_force(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    _run("report", "--html", str(path))
    again = InProcessRunner().invoke(app, ["report", "--html", str(path)], env={"PAIRING_DATA": ""})
    assert again.exit_code == 2 and "--force" in again.stderr
    _run("report", "--html", str(path), "--force")


@pytest.mark.parametrize(
    "argv",
    [["summary"], ["funding", "--breakdown"], ["compare"], ["compare", "schools"], ["trend", "fujian_funding"]],
)
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_chart_file_svg_is_a_titled_chart(tmp_path: Path, argv: list[str], lang: str) -> None:
    path = tmp_path / "chart.svg"
    _run(*argv, "--chart-file", str(path), "--lang", lang)
    text = path.read_text(encoding="utf-8")
    root = ET.fromstring(text)  # well-formed XML
    assert root.tag.endswith("svg")
    titles = [el.text for el in root.iter() if el.tag.endswith("title") and el.text]
    assert titles and all("http" not in t for t in titles)
    assert ("来源：" if lang == "zh" else "Source: ") in text
    assert "@font-face" not in text and "https://" not in text


def test_chart_file_png(tmp_path: Path) -> None:
    pytest.importorskip("resvg_py", reason="PNG charts need resvg-py")
    path = tmp_path / "chart.png"
    _run("trend", "fujian_funding", "--chart-file", str(path), "--lang", "zh")
    assert path.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")


def test_chart_file_refuses_other_suffixes_and_charts_that_are_not(tmp_path: Path) -> None:
    bad = InProcessRunner().invoke(
        app, ["summary", "--chart-file", str(tmp_path / "chart.txt")], env={"PAIRING_DATA": ""}
    )
    assert bad.exit_code == 2 and ".svg or .png" in bad.stderr
    none = InProcessRunner().invoke(
        app, ["compare", "people_lifted", "--chart-file", str(tmp_path / "c.svg")], env={"PAIRING_DATA": ""}
    )
    assert none.exit_code == 2 and "no chart" in none.stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_table_exports_load_no_web_font_and_say_their_language(tmp_path: Path, lang: str) -> None:
    html, svg = tmp_path / "t.html", tmp_path / "t.svg"
    _run("summary", "--lang", lang, "--export-html", str(html), "--export-svg", str(svg))
    page = html.read_text(encoding="utf-8")
    assert f'<html lang="{"zh-Hans" if lang == "zh" else "en"}">' in page and "<title>" in page
    assert "cdnjs" not in page and "@font-face" not in page
    drawing = svg.read_text(encoding="utf-8")
    assert "cdnjs" not in drawing and "@font-face" not in drawing and f'xml:lang="{lang}"' in drawing
