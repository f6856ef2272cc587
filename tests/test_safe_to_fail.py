"""The issue "Safe to open, safe to fail": what each export promises a spreadsheet, a browser, a BibTeX processor
and a Markdown renderer, and that a failed run leaves every earlier file as it was. Each test here failed on the
code before its fix."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest

from pairing_cli.data.package import TABLES
from pairing_cli.formats import sqlite

from .conftest import DATA
from .helpers import invoke

FORMULA_STARTS = ("=", "+", "-", "@", "\t")


def _document() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(DATA.read_text(encoding="utf-8"))
    return loaded


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
    from pairing_cli import documents as data
    from pairing_cli.formats import datapackage
    from pairing_cli.text import neutralise_formula, restore_formula

    for text in ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "'=x", "''+x", "'", "plain", "", "a=b"]:
        assert restore_formula(neutralise_formula(text)) == text
        assert not neutralise_formula(text).startswith(FORMULA_STARTS)
    assert data.csv_text("=1+1") == neutralise_formula("=1+1")
    assert datapackage.table_csv(TABLES[1], [{"id": "x", "label": "@x", "label_zh": None}]).endswith("x,'@x,\n")


# --- 2: every address written anywhere is http(s) or dropped ---

BAD_ADDRESSES = ["javascript:alert(1)", " JaVaScRiPt:alert(1)", "data:text/html,<b>x</b>", "vbscript:x", "//evil"]


def test_an_address_that_is_not_http_is_written_nowhere(tmp_path: Path) -> None:
    document = _document()
    main = document["program"]["source"]
    for n, s in enumerate(document["sources"]):
        s["url"] = BAD_ADDRESSES[0] if s["id"] == main else BAD_ADDRESSES[n % len(BAD_ADDRESSES)]
        s["outlet_url"] = BAD_ADDRESSES[(n + 1) % len(BAD_ADDRESSES)]  # the outlet's own address: filtered too
    data = _write(tmp_path, document)
    d = ["--data", str(data)]
    written: list[str] = []
    assert (
        invoke(*d, "export", "--sqlite", str(tmp_path / "p.db"), "--datapackage", str(tmp_path / "pkg")).returncode == 0
    )
    written += [p.read_text(encoding="utf-8") for p in tmp_path.glob("p.db*.json")]
    written += [p.read_text(encoding="utf-8") for p in (tmp_path / "pkg").iterdir()]
    assert invoke(*d, "report", "--html", str(tmp_path / "r.html")).returncode == 0
    written.append((tmp_path / "r.html").read_text(encoding="utf-8"))
    for fmt in ("json", "ndjson", "csv", "markdown", "table"):
        for command in (
            ["sources"],
            ["facts"],
            ["compare"],
            ["show", "people_lifted_out_of_poverty"],
            ["show", "schools"],
        ):
            done = invoke(*d, *command, "--format", fmt)
            assert done.returncode == 0, done.stderr
            written.append(done.stdout)
    for style in ("text", "apa", "gbt7714", "bibtex", "csl-json"):
        for s in document["sources"]:
            written.append(invoke(*d, "cite", s["id"], "--style", style).stdout)
    import sqlite3

    with sqlite3.connect(tmp_path / "p.db") as db:
        written += [str(row) for row in db.execute("SELECT url, outlet_url FROM sources")]
    for text in written:
        for bad in ("javascript:", "JaVaScRiPt", "data:text", "vbscript", "//evil"):
            assert bad not in text, text[:2000]
    metadata = json.loads((tmp_path / "p.db.metadata.json").read_text(encoding="utf-8"))
    assert metadata["source_url"] is None
    # validate says so, as a warning: the dataset still answers
    found = invoke(*d, "validate", "--json")
    assert "http" in found.stdout and found.stdout.count("not an http") == 2 * len(document["sources"]), found.stdout


def test_web_address() -> None:
    from pairing_cli.text import web_address

    assert web_address("https://example.org/a?b=1") == "https://example.org/a?b=1"
    assert web_address("HTTP://example.org") == "HTTP://example.org"
    for bad in [*BAD_ADDRESSES, "https://exa mple.org", "http://", "https:\\\\x", "http://x\n", None, ""]:
        assert web_address(bad) is None, bad


# --- 3: BibTeX fields balanced in BibTeX's own sense, read by pybtex ---

HOSTILE_BIBTEX = [
    "x}}} @book(evil, title={pwned}) {{{",
    "lone { brace",
    "lone } brace",
    "}{",
    "back\\slash \\} and \\{ and a last \\",
    "100% of $5 & #1 in C_x ~ ^ @misc{y,",
]
_UNESCAPE = {
    r"\textbraceleft{}": "{",
    r"\textbraceright{}": "}",
    r"\textbackslash{}": "\\",
    r"\textasciitilde{}": "~",
    r"\textasciicircum{}": "^",
    **{"\\" + c: c for c in "&%$#_"},
}


def _unescape(text: str) -> str:
    import re

    return re.sub("|".join(re.escape(k) for k in _UNESCAPE), lambda m: _UNESCAPE[m.group()], text)


@pytest.mark.parametrize("title", HOSTILE_BIBTEX)
def test_bibtex_entry_is_one_whole_entry_for_pybtex(tmp_path: Path, title: str) -> None:
    import pybtex.errors
    from pybtex.database import parse_string

    document = _document()
    main = document["program"]["source"]
    source = next(s for s in document["sources"] if s["id"] == main)
    source["title"] = title
    source["publisher"] = title
    source["note"] = title
    out = invoke("--data", str(_write(tmp_path, document)), "cite", "--style", "bibtex").stdout
    pybtex.errors.set_strict_mode(True)
    entries = parse_string(out, "bibtex").entries
    assert list(entries) == [main], out
    entry = entries[main]
    assert _unescape(entry.fields["title"]) == "{" + title + "}"
    assert [_unescape(str(p)) for p in entry.persons["author"]] == ["{" + title + "}"]  # one name, as printed
    assert title in _unescape(entry.fields["note"])
    assert {"year", "date", "howpublished", "note", "title"} <= set(entry.fields)


# --- 11: Markdown renders no construct from a dataset's text, under GitHub's renderer and markdown-it's GFM ---

HOSTILE_MARKDOWN = [
    "_em_ and *em*",
    "__strong__ and **strong**",
    "~~strike~~ and ~strike~",
    "www.example.com and http://example.com/a_b and <http://auto.example>",
    "mail a@b.example or mailto:a@b.example",
    "# heading ##",
    "\tcode block",
    "    code block",
    "> quote",
    "- item",
    "+ item",
    "* item",
    "1. item",
    "2) item",
    "---",
    "===",
    "***",
    "```fence",
    "~~~fence",
    "`code`",
    "<b>bold</b> <!-- c -->",
    "[x](http://y.example) ![i](http://y.example/i.png) [ref]",
    "[^1] footnote",
    "&copy; &amp; &#65;",
    "a trailing backslash\\",
    "$x^2$ and $$y$$",
    "| a | b |",
    "[ ] task",
]
ALLOWED_TAGS = {"h2", "table", "thead", "tbody", "tr", "th", "td", "p", "br", "strong"}


def _renderers() -> list[Any]:
    import cmarkgfm
    from cmarkgfm.cmark import Options
    from markdown_it import MarkdownIt
    from mdit_py_plugins.footnote import footnote_plugin
    from mdit_py_plugins.tasklists import tasklists_plugin

    def github(text: str) -> str:
        return str(cmarkgfm.github_flavored_markdown_to_html(text, options=Options.CMARK_OPT_UNSAFE))

    mdit = MarkdownIt("gfm-like", {"linkify": True}).use(footnote_plugin).use(tasklists_plugin)
    assert mdit.linkify is not None
    mdit.linkify.set({"fuzzy_link": False})  # as GFM: a bare domain is a link only after 'www.' (cmark-gfm checks)
    return [github, mdit.render]


class _Html:
    def __init__(self, html: str) -> None:
        from html.parser import HTMLParser

        self.tags: set[str] = set()
        self.text: list[str] = []
        outer = self

        class Parser(HTMLParser):
            def handle_starttag(self, tag: str, attrs: Any) -> None:
                outer.tags.add(tag)

            def handle_data(self, data: str) -> None:
                outer.text.append(data)

        parser = Parser(convert_charrefs=True)
        parser.feed(html)
        parser.close()


@pytest.mark.parametrize("text", HOSTILE_MARKDOWN)
def test_markdown_shows_dataset_text_literally(tmp_path: Path, text: str) -> None:
    document = _document()
    measure = next(m for m in document["measures"] if m["id"] == "schools")
    measure["label"] = text
    measure["note"] = text
    measure["observations"][0]["as_stated"] = text
    d = ["--data", str(_write(tmp_path, document))]
    for command in (["compare", "schools"], ["facts", "--category", "infrastructure"], ["show", "schools"]):
        markdown = invoke(*d, *command, "--format", "markdown").stdout
        for render in _renderers():
            html = _Html(render(markdown))
            assert html.tags <= ALLOWED_TAGS, (command, html.tags - ALLOWED_TAGS, markdown)
            shown = " ".join("".join(html.text).replace("\u2060", "").split())  # the word joiner before '@'

            assert " ".join(text.split()) in shown, (command, markdown)


# --- 4 and 5: one all-or-nothing mechanism for a run's files ---


def _snapshot(root: Path) -> dict[str, bytes]:
    """Every file under root (hidden ones too) and its bytes."""
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def _export_twice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fail: Any) -> tuple[dict[str, bytes], Any]:
    """Export a package and a database, then export other data over them with --force while fail() breaks it."""
    out = tmp_path / "out"
    out.mkdir()
    first = invoke("export", "--datapackage", str(out / "pkg"), "--sqlite", str(out / "p.db"))
    assert first.returncode == 0, first.stderr
    before = _snapshot(out)
    document = _document()
    document["sources"][0]["title"] = "Another title"
    data = _write(tmp_path, document)
    fail(monkeypatch)
    again = invoke("--data", str(data), "export", "--datapackage", str(out / "pkg"), "--sqlite", str(out / "p.db"),
                   "--force")  # fmt: skip
    monkeypatch.undo()
    return before, again


def test_a_failed_database_keeps_the_earlier_package_and_leaves_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sqlite3

    def full_disk(monkeypatch: pytest.MonkeyPatch) -> None:
        def statements(dataset: Any) -> Any:
            raise sqlite3.OperationalError("database or disk is full")

        monkeypatch.setattr(sqlite, "sqlite_statements", statements)

    before, again = _export_twice(tmp_path, monkeypatch, full_disk)
    assert again.returncode == 1 and "disk is full" in again.stderr, again.stderr
    assert _snapshot(tmp_path / "out") == before  # the earlier package and database, and nothing else


def test_a_failed_last_move_restores_every_earlier_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    def metadata_fails(monkeypatch: pytest.MonkeyPatch) -> None:
        replace = os.replace

        def failing(src: Any, dst: Any) -> None:
            if str(dst).endswith(".metadata.json"):
                raise OSError(28, "No space left on device")
            replace(src, dst)

        monkeypatch.setattr(os, "replace", failing)

    before, again = _export_twice(tmp_path, monkeypatch, metadata_fails)
    assert again.returncode == 1 and "No space left" in again.stderr, again.stderr
    assert _snapshot(tmp_path / "out") == before


def test_a_failed_new_export_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import sqlite3

    def statements(dataset: Any) -> Any:
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(sqlite, "sqlite_statements", statements)
    done = invoke("export", "--datapackage", str(tmp_path / "pkg"), "--sqlite", str(tmp_path / "p.db"))
    assert done.returncode == 1
    assert list(tmp_path.iterdir()) == []


def test_force_keeps_a_replaced_files_mode(tmp_path: Path) -> None:
    import stat

    for args in (
        ["export", "--sqlite", str(tmp_path / "p.db")],
        ["summary", "--export-html", str(tmp_path / "t.html")],
    ):
        assert invoke(*args).returncode == 0
        written = [p for p in tmp_path.iterdir() if p.suffix in (".db", ".json", ".html")]
        for p in written:
            p.chmod(0o600)
        assert invoke(*args, "--force").returncode == 0
        for p in written:
            assert stat.S_IMODE(p.stat().st_mode) == 0o600, p


# --- 7: a package's tables are its own files: inside its folder, regular, never echoed ---


def _package(tmp_path: Path) -> Path:
    folder = tmp_path / "pkg"
    assert invoke("export", "--datapackage", str(folder)).returncode == 0
    return folder


def test_a_table_symlinked_out_of_its_package_is_refused_and_never_echoed(tmp_path: Path) -> None:
    import os

    folder = _package(tmp_path)
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "units.csv").write_bytes((folder / "units.csv").read_bytes())  # a valid table, but not the package's
    secret = outside / "secret.csv"
    secret.write_text("SECRET_TOKEN=hunter2,x\n", encoding="utf-8")
    for target in (outside / "units.csv", secret, Path("/proc/self/environ")):
        (folder / "units.csv").unlink()
        os.symlink(target, folder / "units.csv")
        done = invoke("--data", str(folder / "datapackage.json"), "summary")
        assert done.returncode == 1, (target, done.stderr)
        assert "outside the package folder" in done.stderr, done.stderr
        assert "hunter2" not in done.stderr and "SECRET" not in done.stderr and "PATH=" not in done.stderr
    # a symlink to a file of the package itself is its own file
    (folder / "units.csv").unlink()
    (folder / "units.csv").write_bytes((outside / "units.csv").read_bytes())
    (folder / "units.csv").rename(folder / "units-real.csv")
    os.symlink("units-real.csv", folder / "units.csv")
    assert invoke("--data", str(folder / "datapackage.json"), "summary").returncode == 0


def test_a_table_that_is_no_regular_file_is_refused(tmp_path: Path) -> None:
    import os

    folder = _package(tmp_path)
    (folder / "events.csv").unlink()
    os.mkfifo(folder / "events.csv")
    done = invoke("--data", str(folder / "datapackage.json"), "summary")
    assert done.returncode == 1 and "not a regular file" in done.stderr, done.stderr


def test_an_unknown_column_is_never_a_line_of_the_file(tmp_path: Path) -> None:
    folder = _package(tmp_path)
    (folder / "units.csv").write_text("SECRET_TOKEN=hunter2 and more,x\n", encoding="utf-8")
    done = invoke("--data", str(folder / "datapackage.json"), "summary")
    assert done.returncode == 1 and "hunter2" not in done.stderr and "column 1" in done.stderr, done.stderr


# --- 10: the package reader changes nothing silently ---


def _edit_table(folder: Path, name: str, edit: Any) -> None:
    path = folder / f"{name}.csv"
    path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")


@pytest.mark.parametrize("table", ["measures", "sources", "observations", "units", "events"])
def test_a_row_id_used_twice_is_refused(tmp_path: Path, table: str) -> None:
    folder = _package(tmp_path)
    _edit_table(folder, table, lambda text: text + text.splitlines()[1] + "\n")  # the first row again
    done = invoke("--data", str(folder / "datapackage.json"), "validate", "--json")
    assert done.returncode == 1 and "more than once" in done.stdout + done.stderr, (done.stdout, done.stderr)


def test_a_column_named_twice_is_refused(tmp_path: Path) -> None:
    folder = _package(tmp_path)
    _edit_table(folder, "units", lambda text: "\n".join(line + "," + line.split(",")[1] for line in text.splitlines()))
    done = invoke("--data", str(folder / "datapackage.json"), "summary")
    assert done.returncode == 1 and "twice" in done.stderr, done.stderr


@pytest.mark.parametrize("number", ["5_000", "١٢", "１２", " 12", "12 ", "+12", "0x10", "1e", "NaN", "Infinity", "012"])
def test_numbers_are_read_as_json_reads_them(tmp_path: Path, number: str) -> None:
    folder = _package(tmp_path)
    _edit_table(folder, "observations", lambda text: text.replace(",937000,", f",{number},", 1))
    done = invoke("--data", str(folder / "datapackage.json"), "summary")
    assert done.returncode == 1 and "not a valid number" in done.stderr, (number, done.stderr)


def test_numbers_json_reads_are_read(tmp_path: Path) -> None:
    folder = _package(tmp_path)
    before = invoke("--data", str(folder / "datapackage.json"), "summary", "--json").stdout
    _edit_table(folder, "observations", lambda text: text.replace(",22.9,", ",2.29E+1,", 1))
    done = invoke("--data", str(folder / "datapackage.json"), "summary", "--json")
    assert done.returncode == 0 and done.stdout == before, done.stderr


def test_a_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    folder = _package(tmp_path)
    before = invoke("--data", str(folder / "datapackage.json"), "facts", "--json").stdout
    for table in folder.glob("*.csv"):  # as Excel's "CSV UTF-8" saves them
        table.write_bytes(b"\xef\xbb\xbf" + table.read_bytes())
    done = invoke("--data", str(folder / "datapackage.json"), "facts", "--json")
    assert done.returncode == 0, done.stderr
    assert done.stdout == before


# --- 8: validate runs every check a command relies on ---

COMMANDS = [
    ["summary"],
    ["infrastructure"],
    ["funding", "--breakdown"],
    ["facts"],
    ["compare"],
    ["timeline"],
    ["sources"],
]


def _runs_or_refuses(tmp_path: Path, document: dict[str, Any], extra: list[list[str]]) -> str:
    """validate's verdict; and when it accepts, every command answers (no internal error) in every format."""
    data = _write(tmp_path, document)
    checked = invoke("validate", str(data), "--json")
    if checked.returncode == 0:
        for command in COMMANDS + extra:
            for fmt in ("table", "json", "csv", "markdown"):
                done = invoke("--data", str(data), *command, "--format", fmt)
                assert done.returncode == 0, (command, fmt, done.stderr)
        assert invoke("--data", str(data), "export", "--sqlite", str(tmp_path / "x.db")).returncode == 0
        assert invoke("--data", str(data), "report", "--html", str(tmp_path / "x.html")).returncode == 0
    return checked.stdout


def test_a_change_from_a_near_zero_start_is_not_meaningful(tmp_path: Path) -> None:
    document = _document()
    measure = next(m for m in document["measures"] if m["id"] == "rural_income")  # a stock: its change has a rate
    measure["observations"][0]["value"] = 5e-324  # the smallest float: 10,415 over it passes any float
    _runs_or_refuses(tmp_path, document, [["trend", "rural_income"]])
    trend = json.loads(invoke("--data", str(tmp_path / "data.json"), "trend", "rural_income", "--json").stdout)
    assert any("not meaningful" in (p.get("no_growth") or "") for p in trend["points"]), trend["points"]


def test_a_conversion_from_a_count_is_refused_by_validate(tmp_path: Path) -> None:
    document = _document()
    document["derivations"].append(
        {
            "id": "people_in_usd",
            "kind": "conversion",
            "inputs": ["people_lifted_out_of_poverty"],
            "label": "x",
            "to_unit": "usd",
        }
    )
    found = _runs_or_refuses(tmp_path, document, [["show", "people_in_usd"]])
    assert "people_in_usd" in found or "derivations[" in found, found
    assert '"valid": false' in found


@pytest.mark.parametrize("inputs", [[], ["poverty_rate_2012"], ["poverty_rate_2012", "poverty_rate_2019", "x"]])
def test_a_derivation_with_the_wrong_number_of_inputs_is_refused(tmp_path: Path, inputs: list[str]) -> None:
    document = _document()
    document["derivations"].append({"id": "odd", "kind": "relative_change", "inputs": inputs, "label": "x"})
    found = _runs_or_refuses(tmp_path, document, [["show", "odd"]])
    assert '"valid": false' in found, found


# --- 12: '-' and long names in every writer ---


def test_dash_is_no_folder_name(tmp_path: Path) -> None:
    done = invoke("export", "--datapackage", "-", cwd=tmp_path)
    assert done.returncode == 2 and "'-'" in done.stderr, done.stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("option", ["--datapackage", "--sqlite"])
def test_a_long_name_is_replaced_with_force(tmp_path: Path, option: str) -> None:
    name = "p" * 236 + ".db" if option == "--sqlite" else "p" * 245  # the metadata file's name: 253 characters
    assert invoke("export", option, name, cwd=tmp_path).returncode == 0
    again = invoke("export", option, name, "--force", cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


# --- 9: migrate writes valid JSON to any stdout ---


@pytest.mark.parametrize("encoding", ["ascii", "latin-1", "cp1252"])
def test_migrate_writes_valid_json_to_a_stdout_that_is_not_utf8(tmp_path: Path, encoding: str) -> None:
    from .helpers import MockEnvironment

    v1 = (Path(__file__).parent / "data" / "program-v1.json").read_text(encoding="utf-8")
    document = json.loads(v1)
    document["program"]["name"] = "Café 福建 – ✓"
    data = _write(tmp_path, document)
    env = MockEnvironment({"PYTHONIOENCODING": encoding})
    done = invoke("migrate", str(data), env=env)
    assert done.returncode == 0, done.stderr
    migrated = json.loads(done.stdout)  # \u escapes, never a backslash-replaced byte ('caf\xe9')
    assert migrated["program"]["name"] == "Café 福建 – ✓"


# --- 8: schema-1 shapes: a value that is no id is refused with one line, by validate and by every command ---

V1 = Path(__file__).parent / "data" / "program-v1.json"


def _v1_total_and_part(figures: list[dict[str, Any]]) -> tuple[dict[str, Any], dict[str, Any]]:
    total = next(f for f in figures if any(g.get("part_of") == f["id"] for g in figures))
    return total, next(g for g in figures if g.get("part_of") == total["id"])


@pytest.mark.parametrize(
    ("key", "value"),
    [("id", ["x"]), ("id", {"a": 1}), ("unit", ["people"]), ("unit", {}), ("part_of", ["x"]), ("part_of", {}),
     ("id", None)],
)  # fmt: skip
def test_a_schema_1_figure_with_no_usable_id_is_refused_in_one_line(tmp_path: Path, key: str, value: Any) -> None:
    document = json.loads(V1.read_text(encoding="utf-8"))
    total, part = _v1_total_and_part(document["figures"])
    mu = next(f for f in document["figures"] if f.get("unit") == "mu")
    for figure in (total, part, mu):
        if value is None:
            figure.pop(key, None)
        else:
            figure[key] = value
    data = _write(tmp_path, document)
    for args in (["validate", str(data)], ["--data", str(data), "summary"], ["migrate", str(data)]):
        done = invoke(*args)
        assert done.returncode == 1, (args, done.stderr)
        assert "internal error" not in done.stderr and len(done.stderr.splitlines()) == 1, (args, done.stderr)


# --- 8: calendar dates, plausible years, self-relations, -0.0, derivations a dataset leaves undefined ---


def _findings(tmp_path: Path, document: dict[str, Any]) -> list[dict[str, Any]]:
    done = invoke("validate", str(_write(tmp_path, document)), "--json")
    return list(json.loads(done.stdout)["findings"])


def test_an_event_on_31_february_is_refused(tmp_path: Path) -> None:
    document = _document()
    document["events"][0].update(year=2020, month=2, day=31)
    found = _findings(tmp_path, document)
    assert [(f["location"], f["rule"]) for f in found] == [("events[0]", "calendar-date")], found
    assert "2020-02-31" in found[0]["message"]
    document["events"][0].update(month=None, day=3)
    assert _findings(tmp_path, document)[0]["message"] == "a day needs its month"
    document["events"][0].update(month=2, day=29)  # 2020 is a leap year
    assert _findings(tmp_path, document) == []


def test_an_as_of_date_not_in_the_calendar_is_refused(tmp_path: Path) -> None:
    document = _document()
    document["measures"][0]["observations"][0]["as_of"] = "2019-04-31"
    found = _findings(tmp_path, document)
    assert [f["rule"] for f in found] == ["calendar-date"], found


def test_a_launch_after_the_source_is_refused(tmp_path: Path) -> None:
    document = _document()
    document["program"]["launch_year"] = 2200
    found = _findings(tmp_path, document)
    assert [(f["location"], f["rule"]) for f in found] == [("program.launch_year", "year")], found
    done = invoke("--data", str(tmp_path / "data.json"), "summary")
    assert done.returncode == 1 and "launches in 2200" in done.stderr and "-180" not in done.stderr


@pytest.mark.parametrize(("where", "year"), [("program", 1850), ("event", 1899), ("period", 2201)])
def test_a_year_out_of_range_says_it_is_a_year(tmp_path: Path, where: str, year: int) -> None:
    document = _document()
    if where == "program":
        document["program"]["launch_year"] = year
    elif where == "event":
        document["events"][0]["year"] = year
    else:
        document["measures"][0]["observations"][0]["period"]["end_year"] = year
    found = _findings(tmp_path, document)
    assert found and all(f["rule"] == "year" for f in found), found
    assert f"{year} is not a plausible year" in found[0]["message"], found


def test_a_measure_related_to_itself_is_refused(tmp_path: Path) -> None:
    document = _document()
    measure = next(m for m in document["measures"] if m.get("related"))
    measure["related"].append(measure["id"])
    found = _findings(tmp_path, document)
    assert [f["rule"] for f in found] == ["self-relation"], found


def test_minus_zero_is_refused(tmp_path: Path) -> None:
    document = _document()
    observation = next(o for m in document["measures"] for o in m["observations"] if o["unit"] == "percent")
    observation["value"] = -0.0
    found = _findings(tmp_path, document)
    assert [f["rule"] for f in found] == ["non-negative"] and "-0.0" in found[0]["message"], found
    observation["value"] = 0.0
    assert all(f["severity"] == "warning" for f in _findings(tmp_path, document))


def test_a_derivation_the_data_leaves_undefined_is_reported(tmp_path: Path) -> None:
    document = _document()
    funding = next(m for m in document["measures"] if any(o["id"] == "funding_total" for o in m["observations"]))
    total = next(o for o in funding["observations"] if o["id"] == "funding_total")
    total["value"] = 0  # a share of a zero total is undefined
    found = [f for f in _findings(tmp_path, document) if f["rule"] == "derivation-undefined"]
    assert {f["location"] for f in found} >= {"derivations[5]", "derivations[6]"}, found
    assert all(f["severity"] == "warning" for f in found)
    assert "funding_provincial_share" in found[0]["message"] and "zero" in found[0]["message"], found


# --- 14: smaller: a folder that takes no files, the API's errors, immutable models, one size limit a package ---


def test_a_target_in_a_folder_that_takes_no_files_says_so(tmp_path: Path) -> None:
    if not Path("/proc/version").exists():
        pytest.skip("no /proc here")
    for args in (["summary", "--export-html", "/proc/version", "--force"], ["export", "--datapackage", "/proc/x"]):
        done = invoke(*args)
        assert done.returncode == 1, done.stderr
        assert "cannot write" in done.stderr and "takes no new files" in done.stderr, done.stderr
        assert "No such file" not in done.stderr


def test_the_api_raises_its_own_errors() -> None:
    import pairing_cli
    from pairing_cli.errors import DataError, QueryError

    with pytest.raises(DataError, match="NUL"):
        pairing_cli.load("a\x00b")
    data = pairing_cli.load()
    for call in (data.observations, data.compare, data.trend):
        with pytest.raises(QueryError, match="no measure 'nope'"):
            call("nope")
    assert data.observations("schools") and {o["measure"] for o in data.observations("schools")} == {"schools"}


def test_models_are_immutable_to_callers() -> None:
    import dataclasses

    import pairing_cli

    data = pairing_cli.load()
    before = (data.records(), data.observations())
    with pytest.raises(AttributeError):
        data.dataset.measures[0].observations.append(data.dataset.measures[0].observations[0])  # type: ignore[attr-defined]
    with pytest.raises(AttributeError):
        data.dataset.figures.append(data.dataset.figures[0])  # type: ignore[attr-defined]
    with pytest.raises(dataclasses.FrozenInstanceError):
        data.dataset.figures[0].value = 1  # type: ignore[misc]
    data.records()[0]["value"] = -1  # what a call returned is the caller's own
    data.observations()[0]["period_start_year"] = 0
    data.trend("schools")["program"]["partners"].clear()
    assert (data.records(), data.observations()) == before
    assert data.trend("schools")["program"]["partners"]


def test_the_size_limit_is_one_for_a_whole_package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from pairing_cli import files

    folder = _package(tmp_path)
    sizes = [p.stat().st_size for p in folder.glob("*.csv")]
    monkeypatch.setattr(files, "MAX_BYTES", max(sizes) + 1)  # each table alone is under it, all together over
    done = invoke("--data", str(folder / "datapackage.json"), "summary")
    assert done.returncode == 1 and "all their files together" in done.stderr, done.stderr
    monkeypatch.setattr(files, "MAX_BYTES", sum(sizes) + 1)
    assert invoke("--data", str(folder / "datapackage.json"), "summary").returncode == 0


# --- 13: outputs that grow with the data stay linear ---


def _one_measure(tmp_path: Path, points: int) -> Path:
    """The shipped dataset with `points` observations of one measure (a stock), over 35 years."""
    document = _document()
    measure = next(m for m in document["measures"] if m["id"] == "rural_income")
    first = {k: v for k, v in measure["observations"][0].items() if k != "part_of"}
    for i in range(points - len(measure["observations"])):
        year = 1990 + i % 35
        period = {**first["period"], "start_year": year, "end_year": year, "label": str(year)}
        measure["observations"].append({**first, "id": f"ri_{i}", "value": 1000 + i, "period": period})
    return _write(tmp_path, document)


def _trend_table_seconds(folder: Path, points: int) -> float:
    """The CPU seconds `trend --format table` takes over `points` observations, after checking its table."""
    import time

    folder.mkdir()
    data = _one_measure(folder, points)
    start = time.process_time()  # the time this process computed: another busy one does not count
    done = invoke("--data", str(data), "trend", "rural_income", "--format", "table")
    took = time.process_time() - start
    assert done.returncode == 0, done.stderr
    assert done.stdout.count("China Daily") >= points
    return took


def test_a_trend_table_takes_time_linear_in_its_points(tmp_path: Path) -> None:
    """Five times the points take about five times as long: Rich's own table took 15 s for 20,000 points, and a
    scan per row made the time grow with the square of them. Both sizes are past terminal.LARGE_TABLE (2,000 rows),
    so both are drawn line by line. (This was one run of 20,000 points under 20 s: two smaller runs and their ratio
    catch the same growth, and sooner, in half the time.)"""
    small = _trend_table_seconds(tmp_path / "small", 2_000)
    large = _trend_table_seconds(tmp_path / "large", 10_000)
    assert large < 10, f"{large:.1f} s"  # about 1 s here
    # Linear time gives 5 (less, with a run's fixed cost); the square of the points, 25.
    assert large / small < 12, f"{small:.2f} s for 2,000 points, {large:.2f} s for 10,000"


@pytest.mark.parametrize("columns", [30, 64, 80, 120])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_large_table_is_the_table_rich_draws(monkeypatch: pytest.MonkeyPatch, columns: int, lang: str) -> None:
    from pairing_cli.render import terminal

    from .helpers import MockEnvironment

    for command in (["facts"], ["compare"], ["trend", "rural_income"], ["sources"], ["timeline"]):
        args = [*command, "--lang", lang]
        monkeypatch.setattr(terminal, "LARGE_TABLE", 10**9)
        rich = invoke(*args, env=MockEnvironment(columns=columns)).stdout
        monkeypatch.setattr(terminal, "LARGE_TABLE", 1)
        ours = invoke(*args, env=MockEnvironment(columns=columns)).stdout
        assert ours == rich and rich.count("\n") > 5, (command, columns, lang)
