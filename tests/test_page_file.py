"""The report page as a file (no browser): each chart once with its data and drawing to download, the footer (version,
date, licence, how to cite), every program's page, the national overview, and `report --all`. The layout in a browser
is tests/test_page_layout.py's."""

from __future__ import annotations

import base64
import csv
import io
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from pairing_cli import __version__
from pairing_cli.cli import app
from pairing_cli.data.programs import shipped

from .helpers import InProcessRunner

ENV = {"PAIRING_DATA": "", "PAIRING_PROGRAM": "", "SOURCE_DATE_EPOCH": "1735689600"}  # 2025-01-01


def _page(tmp_path: Path, lang: str = "en", program: str | None = None) -> str:
    path = tmp_path / "page.html"
    chosen = ["--program", program] if program else []
    argv = [*chosen, "report", "--html", str(path), "--force", "--lang", lang]
    done = InProcessRunner().invoke(app, argv, env=ENV)
    assert done.exit_code == 0, done.output
    return path.read_text(encoding="utf-8")


def _downloads(page: str) -> list[tuple[str, str, bytes]]:
    """Each download link: its file name, its type and its bytes."""
    return [
        (name, kind, base64.b64decode(data))
        for kind, data, name in re.findall(
            r'href="data:([^;,]+)[^,]*;base64,([A-Za-z0-9+/=]+)" download="([^"]+)"', page
        )
    ]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_each_chart_once_with_its_data_and_drawing(tmp_path: Path, lang: str) -> None:
    page = _page(tmp_path, lang)
    figures = re.findall(r'<figure class="chart".*?</figure>', page, flags=re.S)
    assert len(figures) >= 5 and "<h3" not in page
    ids = re.findall(r'\bid="([^"]+)"', page)
    assert len(ids) == len(set(ids))  # two charts' titles are never one id
    for figure in figures:
        title = re.search(r"<title[^>]*>([^<]+)</title>", figure)
        assert title is not None
        caption = re.search(r"<figcaption.*?</figcaption>", figure, flags=re.S)
        assert caption is not None and title.group(1) not in caption.group(0)  # the name once: in the chart
        files = _downloads(figure)
        assert [name.rsplit(".", 1)[1] for name, _, _ in files] == ["csv", "svg"]
        table = list(csv.reader(io.StringIO(files[0][2].decode("utf-8-sig"))))
        assert table[0][:3] == ["label", "value", "unit"] and len(table) >= 2
        drawing = ET.fromstring(files[1][2].decode("utf-8"))
        assert drawing.tag.endswith("svg") and files[1][1] == "image/svg+xml"
    assert "data:text" not in page


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_footer_says_version_date_licence_and_how_to_cite(tmp_path: Path, lang: str) -> None:
    page = _page(tmp_path, lang)
    footer = page.split("<footer>", 1)[1]
    assert __version__ in footer and "MIT" in footer
    assert ("2025年1月1日" if lang == "zh" else "2025-01-01") in footer
    for words in ["引用方式", "许可", "生成日期"] if lang == "zh" else ["How to cite", "Licence", "Generated"]:
        assert words in footer
    again = _page(tmp_path, lang)
    assert again == page  # a fixed SOURCE_DATE_EPOCH makes the page reproducible


def test_a_bad_source_date_epoch_is_one_line(tmp_path: Path) -> None:
    done = InProcessRunner().invoke(
        app, ["report", "--html", str(tmp_path / "p.html")], env={**ENV, "SOURCE_DATE_EPOCH": "soon"}
    )
    assert done.exit_code == 2 and "SOURCE_DATE_EPOCH" in done.stderr and len(done.stderr.splitlines()) == 1
    assert not (tmp_path / "p.html").exists()


def test_the_chinese_page_shows_no_converted_float_noise(tmp_path: Path) -> None:
    page = _page(tmp_path, "zh")
    text = re.sub(r'href="[^"]*"|<svg.*?</svg>', "", page, flags=re.S)
    assert not re.search(r"\d\.\d{5,}", text)
    assert "15266.67公顷" in text and "15266.67 公顷" not in text


@pytest.mark.parametrize("program", list(shipped()))
def test_every_program_has_a_page(tmp_path: Path, program: str) -> None:
    for lang in ("en", "zh"):
        page = _page(tmp_path, lang, program)
        assert page.startswith("<!DOCTYPE html>") and "</footer>" in page
        assert ('id="pairings"' in page) == (program == "national")


def test_the_national_page_names_every_pair_with_its_fiscal_aid(tmp_path: Path) -> None:
    page = _page(tmp_path, "en", "national")
    section = page.split('id="pairings"', 1)[1].split("</section>", 1)[0]
    rows = re.findall(r"<tr><th scope=\"row\">(.*?)</tr>", section, flags=re.S)
    assert len(rows) == len(shipped()) - 1
    for program in shipped():
        if program != "national":
            assert program + ".html" not in section  # a page on its own links no sibling page that is not there
    assert sum("yuan" in row for row in rows) >= 7


def test_report_all_writes_every_page_and_an_index(tmp_path: Path) -> None:
    folder = tmp_path / "pages"
    done = InProcessRunner().invoke(app, ["report", "--all", str(folder), "--lang", "zh"], env=ENV)
    assert done.exit_code == 0, done.output
    names = sorted(p.name for p in folder.iterdir())
    assert names == sorted([*(f"{p}.html" for p in shipped()), "index.html"])
    index = (folder / "index.html").read_text(encoding="utf-8")
    for program in shipped():
        assert f'href="{program}.html"' in index
    national = (folder / "national.html").read_text(encoding="utf-8")
    assert 'href="fujian-ningxia.html"' in national
    again = InProcessRunner().invoke(app, ["report", "--all", str(folder)], env=ENV)
    assert again.exit_code == 2 and "--force" in again.stderr
    assert InProcessRunner().invoke(app, ["report", "--all", str(folder), "--force"], env=ENV).exit_code == 0


def test_report_needs_one_target(tmp_path: Path) -> None:
    for argv in (["report"], ["report", "--html", str(tmp_path / "a.html"), "--all", str(tmp_path / "b")]):
        done = InProcessRunner().invoke(app, argv, env=ENV)
        assert done.exit_code == 2 and len(done.stderr.splitlines()) == 1
    assert list(tmp_path.iterdir()) == []


def test_a_chart_csv_runs_no_formula_in_a_spreadsheet(tmp_path: Path) -> None:
    """The page's CSV downloads neutralise a text a spreadsheet would run as a formula, as every CSV the tool
    writes does (a hostile sweep found them raw)."""
    import json

    from .conftest import DATA

    document = json.loads(DATA.read_text(encoding="utf-8"))
    for m in document["measures"]:
        for o in m["observations"]:
            o["label"] = '=HYPERLINK("http://evil","x") ' + o.get("label", m["label"])
            o["scope"] = "@SUM(1+1) " + o["scope"]
    data = tmp_path / "formula.json"
    data.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    path = tmp_path / "page.html"
    done = InProcessRunner().invoke(app, ["--data", str(data), "report", "--html", str(path)], env=ENV)
    assert done.exit_code == 0, done.output
    tables = [raw for name, _, raw in _downloads(path.read_text(encoding="utf-8")) if name.endswith(".csv")]
    assert tables
    cells = [cell for raw in tables for row in csv.reader(io.StringIO(raw.decode("utf-8-sig"))) for cell in row]
    assert any(cell.startswith("'=HYPERLINK") for cell in cells)
    assert not [cell for cell in cells if cell[:1] in ("=", "+", "@", "\t", "\r")]


@pytest.mark.parametrize(
    ("argv", "env"),
    [(["--data", "x.json"], {}), (["--program", "national"], {}), ([], {"PAIRING_DATA": "x.json"})],
)
def test_report_all_refuses_a_single_dataset(tmp_path: Path, argv: list[str], env: dict[str, str]) -> None:
    """report --all writes every shipped program: a dataset named otherwise is refused, not silently ignored."""
    done = InProcessRunner().invoke(app, [*argv, "report", "--all", str(tmp_path / "pages")], env={**ENV, **env})
    assert done.exit_code == 2 and "--all" in done.stderr and done.stderr.count("\n") == 1, done.stderr
    assert not (tmp_path / "pages").exists()
