"""The issue "Safe to open, safe to fail": what each export promises a spreadsheet, a browser, a BibTeX processor
and a Markdown renderer, and that a failed run leaves every earlier file as it was. Each test here failed on the
code before its fix."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

from .conftest import DATA
from .helpers import invoke

FORMULA_STARTS = ("=", "+", "-", "@", "\t")


def _document() -> dict[str, Any]:
    return json.loads(DATA.read_text(encoding="utf-8"))


def _write(tmp_path: Path, document: dict[str, Any], name: str = "data.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return path


def _hostile_texts(document: dict[str, Any]) -> dict[str, Any]:
    """Every table of the package gets text that starts like a formula (and one with a quote before it)."""
    starts = [*FORMULA_STARTS, "'=", "'"]
    n = 0

    def mark(item: dict[str, Any], key: str) -> None:
        nonlocal n
        item[key] = starts[n % len(starts)] + 'HYPERLINK("http://example.invalid","x") ' + str(item.get(key) or "")
        n += 1

    for s in document["sources"]:
        mark(s, "title")
        mark(s, "note")
    for c in document["categories"]:
        mark(c, "label")
    for u in document["units"]:
        mark(u, "label")
    for m in document["measures"]:
        mark(m, "label")
        for o in m["observations"]:
            mark(o, "as_stated")
            mark(o, "scope")
            mark(o["period"], "label")
    for d in document["derivations"]:
        mark(d, "label")
    for e in document["events"]:
        mark(e, "label")
        mark(e, "when")
    return document


# --- 1: formulas never reach a spreadsheet, in any export a spreadsheet opens ---


def test_datapackage_tables_neutralise_every_formula_start_and_read_back_whole(tmp_path: Path) -> None:
    data = _write(tmp_path, _hostile_texts(_document()))
    assert invoke("--data", str(data), "validate").returncode == 0
    folder = tmp_path / "pkg"
    done = invoke("--data", str(data), "export", "--datapackage", str(folder))
    assert done.returncode == 0, done.stderr
    for table in folder.glob("*.csv"):
        rows = list(csv.reader(io.StringIO(table.read_text(encoding="utf-8"), newline="")))
        assert rows
        for row in rows[1:]:
            for cell in row:
                assert not cell.startswith(FORMULA_STARTS), (table.name, cell)
    # Nothing changed on the way: the package reads back into the very same figures.
    ours = invoke("--data", str(data), "facts", "--json")
    back = invoke("--data", str(folder / "datapackage.json"), "facts", "--json")
    assert back.returncode == 0, back.stderr
    assert back.stdout == ours.stdout
    timeline = invoke("--data", str(data), "timeline", "--json").stdout
    assert invoke("--data", str(folder / "datapackage.json"), "timeline", "--json").stdout == timeline


def test_csv_format_and_datapackage_share_one_neutraliser() -> None:
    from pairing_cli import package
    from pairing_cli.render import data
    from pairing_cli.text import neutralise_formula, restore_formula

    for text in ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "'=x", "''+x", "'", "plain", "", "a=b"]:
        assert restore_formula(neutralise_formula(text)) == text
        assert not neutralise_formula(text).startswith(FORMULA_STARTS)
    assert data.csv_text("=1+1") == neutralise_formula("=1+1")
    assert package.table_csv(package.TABLES[1], [{"id": "x", "label": "@x", "label_zh": None}]).endswith("x,'@x,\n")
