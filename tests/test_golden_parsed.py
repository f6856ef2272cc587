"""Every golden output, read by the tool its format is meant for: JSON and NDJSON by a strict JSON parser, CSV by
Python's csv (rectangular, no cell a spreadsheet would run), Markdown by markdown-it (a table with every row whole,
no live HTML, no link), BibTeX by bibtexparser, CSL-JSON as JSON, SVG and HTML by XML and HTML parsers. test_golden
proves the files are what pairing prints; this proves what it prints is read as meant, by the tools people use."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from .golden_cases import GOLDEN

FILES = sorted(GOLDEN.iterdir())


def _strict_json(text: str) -> object:
    def refuse(constant: str) -> object:
        raise ValueError(f"{constant} is not JSON")

    return json.loads(text, parse_constant=refuse)


def _by_suffix(suffix: str) -> list[Path]:
    return [p for p in FILES if p.name.endswith(suffix) and not p.name.startswith("cite-")]


@pytest.mark.parametrize("path", _by_suffix(".json"), ids=lambda p: p.name)
def test_json_is_one_strict_document(path: Path) -> None:
    doc = _strict_json(path.read_text(encoding="utf-8"))
    assert isinstance(doc, dict)
    if ".zh." in path.name and "schema" not in path.name:
        assert doc.get("lang") == "zh" or doc.get("command") in ("show",), path.name


@pytest.mark.parametrize("path", _by_suffix(".ndjson"), ids=lambda p: p.name)
def test_ndjson_is_one_object_a_line(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.endswith("\n")
    lines = text.splitlines()
    assert lines and all(isinstance(_strict_json(line), dict) for line in lines)


def _number(cell: str) -> bool:
    """A negative number written as a number (a change of -6000.0) is data, not a formula."""
    try:
        float(cell)
    except ValueError:
        return False
    return True


@pytest.mark.parametrize("path", _by_suffix(".csv"), ids=lambda p: p.name)
def test_csv_is_rectangular_and_runs_nothing(path: Path) -> None:
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
    header, body = rows[0], rows[1:]
    assert body and len(set(header)) == len(header)
    assert all(len(row) == len(header) for row in body), path.name
    numeric = {"value", "start_year", "end_year", "year", "month", "day", "share_of_total", "usd_equivalent"}
    for row in body:
        for name, cell in zip(header, row, strict=True):
            if cell[:1] in ("=", "+", "@", "\t", "\r") or (
                cell[:1] == "-" and name not in numeric and not _number(cell)
            ):
                pytest.fail(f"{path.name}: column {name} starts with a formula character: {cell!r}")


@pytest.mark.parametrize("path", _by_suffix(".md"), ids=lambda p: p.name)
def test_markdown_is_a_whole_table_with_no_live_html(path: Path) -> None:
    tokens = MarkdownIt("commonmark").enable("table").parse(path.read_text(encoding="utf-8"))
    kinds = [t.type for t in tokens]
    assert "table_open" in kinds and "html_block" not in kinds
    inline = [child for t in tokens if t.children for child in t.children]
    # The one tag pairing writes itself: <br> for a line break inside a cell (a GFM table cell has no other way).
    live = [c for c in inline if c.type in ("link_open", "image") or (c.type == "html_inline" and c.content != "<br>")]
    assert live == [], path.name
    cells: list[int] = []
    for t in tokens:
        if t.type == "tr_open":
            cells.append(0)
        elif t.type in ("th_open", "td_open"):
            cells[-1] += 1
    assert len(set(cells)) == 1, (path.name, cells)  # every row as wide as the header: no '|' broke a row


@pytest.mark.parametrize("path", [p for p in FILES if ".bibtex." in p.name], ids=lambda p: p.name)
def test_bibtex_parses_to_one_entry(path: Path) -> None:
    import bibtexparser
    import pybtex.errors
    from pybtex.database import parse_string

    text = path.read_text(encoding="utf-8")
    library = bibtexparser.parse_string(text)
    assert len(library.entries) == 1 and not library.failed_blocks
    linked = "unlinked" not in path.name  # a source read on a spam site is cited with no address
    assert {"title", "year", *(["url"] if linked else [])} <= set(library.entries[0].fields_dict)
    assert linked == ("url" in library.entries[0].fields_dict)
    pybtex.errors.set_strict_mode(True)  # pybtex counts braces as BibTeX and biber do; bibtexparser does not
    assert len(parse_string(text, "bibtex").entries) == 1


@pytest.mark.parametrize("path", [p for p in FILES if ".csl-json." in p.name], ids=lambda p: p.name)
def test_csl_json_is_a_list_of_one_item(path: Path) -> None:
    items = _strict_json(path.read_text(encoding="utf-8"))
    assert isinstance(items, list) and len(items) == 1 and {"id", "type", "title", "issued"} <= items[0].keys()


@pytest.mark.parametrize("path", _by_suffix(".svg"), ids=lambda p: p.name)
def test_svg_is_xml_with_a_title(path: Path) -> None:
    root = ET.fromstring(path.read_text(encoding="utf-8"))
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert root.find(".//{http://www.w3.org/2000/svg}title") is not None or "terminal" in path.read_text()


@pytest.mark.parametrize("path", _by_suffix(".html"), ids=lambda p: p.name)
def test_html_parses_with_its_language_and_title(path: Path) -> None:
    found: dict[str, str] = {}

    class Reader(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            if tag == "html":
                found["lang"] = dict(attrs).get("lang") or ""
            if tag == "script":
                found["script"] = "yes"

        def handle_data(self, data: str) -> None:
            if self.lasttag == "title" and data.strip():
                found.setdefault("title", data.strip())

    Reader().feed(path.read_text(encoding="utf-8"))
    assert found.get("lang") == ("zh-Hans" if ".zh." in path.name else "en") and found.get("title")
    assert "script" not in found  # a table export runs nothing


def test_every_golden_file_is_read_by_some_parser() -> None:
    """No format slips through: each file is a .txt (a table or a citation in words) or is parsed above."""
    unparsed = [p.name for p in FILES if p.suffix not in (".json", ".ndjson", ".csv", ".md", ".svg", ".html", ".txt")]
    assert unparsed == []
    texts = [p for p in FILES if p.suffix == ".txt" and ".bibtex." not in p.name and ".csl-json." not in p.name]
    for path in texts:  # tables and citations for people: no control character reaches a terminal
        text = path.read_text(encoding="utf-8")
        assert not any(ord(c) < 32 and c != "\n" for c in text), path.name
