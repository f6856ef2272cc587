"""The data where analysts work: a Frictionless data package, SQLite for Datasette, and the Python API — each
checked with the tools people use (frictionless, sqlite-utils, Datasette), not read back by the code that wrote it."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
from collections.abc import Coroutine
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

import pytest
import sqlite_utils

from pairing_cli.cli import INTERNAL_ERROR, app
from pairing_cli.formats import datapackage, sqlite

from .conftest import DATA
from .helpers import InProcessRunner

T = TypeVar("T")


def _run_async(work: Coroutine[Any, Any, T]) -> T:
    """asyncio.run(work) in a thread of its own: this worker's Chromium (Playwright's sync API) may already hold
    an event loop in the main thread, where asyncio.run refuses to start another."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, work).result()


def _run(*args: str) -> Any:
    result = InProcessRunner().invoke(app, list(args), env={"PAIRING_DATA": ""})
    return result


def _facts(*data: str) -> str:
    result = _run(*data, "facts", "--json")
    assert result.exit_code == 0, result.output
    return str(result.stdout)


def test_datapackage_is_valid_and_reads_back_whole(tmp_path: Path) -> None:
    from frictionless import validate

    folder = tmp_path / "pkg"
    assert _run("export", "--datapackage", str(folder)).exit_code == 0
    assert sorted(p.name for p in folder.iterdir()) == sorted(datapackage.datapackage_names())
    report = validate(str(folder / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "message"])
    descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    observations = next(r for r in descriptor["resources"] if r["name"] == "observations")
    assert observations["schema"]["primaryKey"] == "id"  # one program: keyed by id, each row naming its program
    assert {k["fields"] for k in observations["schema"]["foreignKeys"]} == {"measure", "source", "part_of"}
    assert observations["schema"]["fields"][0]["name"] == "program"
    shipped = json.loads(DATA.read_text(encoding="utf-8"))
    assert descriptor["licenses"] and len(descriptor["sources"]) == len(shipped["sources"])
    # nothing lost: the same facts --json from the package as from the shipped file
    assert _facts("--data", str(folder / "datapackage.json")) == _facts()
    for command in (["compare", "--json"], ["trend", "fujian_funding", "--json"], ["timeline", "--json"]):
        ours = _run(*command).stdout
        assert _run("--data", str(folder / "datapackage.json"), *command).stdout == ours


def test_datapackage_with_a_broken_table_is_a_data_error(tmp_path: Path) -> None:
    folder = tmp_path / "pkg"
    _run("export", "--datapackage", str(folder))
    observations = folder / "observations.csv"
    text = observations.read_text(encoding="utf-8")
    observations.write_text(text.replace(",937000,", ",lots,", 1), encoding="utf-8")
    result = _run("--data", str(folder / "datapackage.json"), "summary")
    assert result.exit_code == 1
    assert "observations.csv: line 2, column value" in result.stderr and "not a valid number" in result.stderr
    (folder / "units.csv").unlink()
    missing = _run("--data", str(folder / "datapackage.json"), "summary")
    assert missing.exit_code == 1 and "units.csv" in missing.stderr


def test_sqlite_opens_in_sqlite_utils_with_keys_indexes_and_search(tmp_path: Path) -> None:
    path = tmp_path / "pairing.db"
    assert _run("export", "--sqlite", str(path)).exit_code == 0
    db = sqlite_utils.Database(path)
    counts = {t.name: t.count for t in db.tables}
    shipped = json.loads(DATA.read_text(encoding="utf-8"))
    observed = sum(len(m["observations"]) for m in shipped["measures"])
    assert counts["observations"] == observed and counts["sources"] == len(shipped["sources"])
    assert counts["measures"] == len(shipped["measures"])
    observations = db.table("observations")
    assert observations.pks == ["id"]
    assert {(fk.column, fk.other_table) for fk in observations.foreign_keys} == {
        ("measure", "measures"),
        ("source", "sources"),
        ("part_of", "observations"),
    }
    assert {tuple(i.columns) for i in observations.indexes} >= {("measure",), ("source",), ("period_end_year",)}
    found = {
        row[0]
        for row in db.execute(
            "SELECT id FROM observations WHERE rowid IN "
            "(SELECT rowid FROM observations_fts WHERE observations_fts MATCH 'schools')"
        ).fetchall()
    }
    assert {"schools_built", "schools_cd2020sep"} <= found
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    row = db.execute("SELECT value, qualifier, as_stated FROM observations WHERE id = 'funding_total'").fetchone()
    assert row == (3044000000, "exact", "3.044 billion yuan")


def test_datasette_shows_a_documented_database(tmp_path: Path) -> None:
    from datasette.app import Datasette

    path = tmp_path / "pairing.db"
    _run("export", "--sqlite", str(path))
    metadata = json.loads(path.with_name("pairing.db.metadata.json").read_text(encoding="utf-8"))
    assert metadata["databases"]["pairing"]["tables"]["observations"]["columns"]["as_stated"]

    async def fetch() -> tuple[Any, Any, Any, Any]:
        ds = Datasette([str(path)], metadata=metadata)
        await ds.invoke_startup()
        table = await ds.client.get("/pairing/observations.json?_shape=array&measure=schools")
        search = await ds.client.get("/pairing/observations.json?_shape=array&_search=Minning")
        page = await ds.client.get("/pairing/observations")
        home = await ds.client.get("/")
        return table, search, page, home

    table, search, page, home = _run_async(fetch())
    assert table.status_code == 200
    shipped = json.loads(DATA.read_text(encoding="utf-8"))
    schools = next(m for m in shipped["measures"] if m["id"] == "schools")["observations"]
    assert sorted(r["as_stated"] for r in table.json()) == sorted(o["as_stated"] for o in schools)
    assert search.status_code == 200 and search.json()
    assert page.status_code == 200 and "the figure as printed and where in the page" in page.text
    assert home.status_code == 200 and metadata["title"] in home.text


@pytest.mark.parametrize("option", ["--datapackage", "--sqlite"])
def test_export_never_replaces_without_force(tmp_path: Path, option: str) -> None:
    target = tmp_path / "out"
    assert _run("export", option, str(target)).exit_code == 0
    again = _run("export", option, str(target))
    assert again.exit_code == 2 and "--force" in again.stderr
    assert _run("export", option, str(target), "--force").exit_code == 0


def test_force_replaces_only_an_earlier_export(tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "notes.txt").write_text("keep me", encoding="utf-8")
    refused = _run("export", "--datapackage", str(folder), "--force")
    assert refused.exit_code == 2 and "notes.txt" in refused.stderr
    assert (folder / "notes.txt").read_text(encoding="utf-8") == "keep me"
    fifo = tmp_path / "pipe.db"
    import os

    os.mkfifo(fifo)
    not_a_file = _run("export", "--sqlite", str(fifo), "--force")
    assert not_a_file.exit_code == 2 and "not a regular file" in not_a_file.stderr


def test_a_failed_export_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: Any) -> Any:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(sqlite, "datasette_metadata", lambda *a: {"x": object()})  # not JSON: fails late
    # A bug that fails late (here, metadata that is not JSON) is one line naming it, and leaves nothing behind.
    late = InProcessRunner().invoke(app, ["export", "--sqlite", str(tmp_path / "a.db")])
    assert late.exit_code == 1 and late.stderr.startswith(f"pairing: {INTERNAL_ERROR}: TypeError")
    assert sorted(p.name for p in tmp_path.iterdir()) == []
    monkeypatch.setattr(datapackage, "datapackage_files", lambda d: {"datapackage.json": "{}", "x.csv": "a"})
    monkeypatch.setattr("os.fsync", broken)
    failed = _run("export", "--datapackage", str(tmp_path / "pkg"))
    assert failed.exit_code == 1 and "No space left" in failed.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == []


# --- the Python API ---


def test_api_gives_the_same_rows_as_the_cli() -> None:
    from pairing_cli import load

    data = load()
    assert data.records() == json.loads(_facts())["figures"]
    assert data.compare() == json.loads(_run("compare", "--json").stdout)["measures"]
    assert data.trend("schools") == json.loads(_run("trend", "schools", "--json").stdout)
    shipped = json.loads(DATA.read_text(encoding="utf-8"))
    assert len(data.observations()) == sum(len(m["observations"]) for m in shipped["measures"]) and {
        o["measure"] for o in data.observations("schools")
    } == {"schools"}
    assert [m["id"] for m in data.measures()][:2] == ["people_lifted", "poverty_rate"]
    assert data.sources()[0]["id"] == "chinadaily-2020-07-08"
    assert load(DATA).records() == data.records()


def test_api_names_are_stable() -> None:
    import pairing_cli
    from pairing_cli.api import Pairing

    assert sorted(pairing_cli.__all__) == ["DataError", "Pairing", "QueryError", "__version__", "load", "programs"]
    public = sorted(n for n in vars(Pairing) if not n.startswith("_"))
    assert public == ["compare", "measures", "observations", "records", "sources", "trend"]


def test_api_errors_are_data_errors(tmp_path: Path) -> None:
    from pairing_cli import DataError, load

    with pytest.raises(DataError, match="no such file"):
        load(tmp_path / "missing.json")


def test_importing_the_package_loads_nothing_heavy() -> None:
    """`import pairing_cli` in a fresh interpreter imports neither pydantic, typer nor rich (nor even typing)."""
    code = (
        "import sys, pairing_cli; print(sorted(m for m in ('pydantic', 'typer', 'rich', 'typing') if m in sys.modules))"
    )
    # Not under coverage's own start-up (pytest --cov measures subprocesses), which imports typing itself.
    env = {k: v for k, v in os.environ.items() if not k.startswith("COVERAGE")}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env)
    assert done.stdout.strip() == "[]"


def test_api_questions_the_data_cannot_answer_are_query_errors() -> None:
    """The library names its own parameter, never a command-line option: that spelling is the CLI's alone."""
    from pairing_cli import QueryError, load

    data = load(DATA)
    for call, parameter in ((lambda: data.trend("nope"), "measure_id"),
                            (lambda: data.records(category="nope"), "category"),
                            (lambda: data.records(source="nope"), "source")):  # fmt: skip
        with pytest.raises(QueryError) as caught:
            call()
        assert caught.value.parameter == parameter and "--" not in str(caught.value)


# --- Datasette: Chinese search, no year as a quantity, the figures view, canned queries, one link per source ---

_SEARCHED = ("as_stated", "statement", "statement_zh", "label", "label_zh", "scope", "note")


def _datasette(path: Path, *urls: str) -> list[Any]:
    from datasette.app import Datasette

    metadata = json.loads(sqlite.metadata_path(path).read_text(encoding="utf-8"))

    async def fetch() -> list[Any]:
        ds = Datasette([str(path)], metadata=metadata)
        await ds.invoke_startup()
        return [await ds.client.get(url) for url in urls]

    return _run_async(fetch())


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("db") / "pairing.db"
    assert _run("export", "--sqlite", str(path)).exit_code == 0
    return path


@pytest.mark.parametrize("word", ["闽宁", "贫困", "梯田", "闽宁镇", "福建"])
def test_datasette_search_finds_chinese_words(database: Path, word: str) -> None:
    """`_search=闽宁` finds exactly the observations whose searched text holds the word (unicode61 alone found none)."""
    from urllib.parse import quote

    (found,) = _datasette(database, f"/pairing/observations.json?_shape=array&_size=max&_search={quote(word)}")
    assert found.status_code == 200, found.text
    hits = {row["id"] for row in found.json()}
    db = sqlite_utils.Database(database)
    holding = {row["id"] for row in db["observations"].rows if any(word in (row[c] or "") for c in _SEARCHED)}
    assert holding and hits == holding


def test_datasette_search_finds_the_minning_rows(database: Path) -> None:
    (found,) = _datasette(database, "/pairing/observations.json?_shape=array&_size=max&_search=%E9%97%BD%E5%AE%81")
    measures = {row["measure"] for row in found.json()}
    assert {"minning_population", "minning_income"} <= measures


def test_datasette_shows_no_year_as_a_quantity(database: Path) -> None:
    metadata = json.loads(sqlite.metadata_path(database).read_text(encoding="utf-8"))
    assert all("units" not in t for t in metadata["databases"]["pairing"]["tables"].values())
    (page,) = _datasette(database, "/pairing/observations?period_end_year=2020")
    assert page.status_code == 200
    assert " ka" not in page.text and ">2020<" in page.text


def test_datasette_figures_view_and_canned_queries(database: Path) -> None:
    figures, compare, by_period = _datasette(
        database,
        "/pairing/figures.json?_shape=array&id=funding_total",
        "/pairing/compare.json?_shape=array",
        "/pairing/measure_by_period.json?_shape=array&measure=schools",
    )
    (row,) = figures.json()
    assert row["measure_label"] and row["source_publisher"] and row["as_stated"] == "3.044 billion yuan"
    assert row["value"] == 3044000000 and row["program"] == "fujian-ningxia"
    assert compare.status_code == 200 and compare.json()
    assert all(r["figures"] > 1 and r["highest"] - r["lowest"] == r["gap"] for r in compare.json())
    shipped = json.loads(DATA.read_text(encoding="utf-8"))
    schools = next(m for m in shipped["measures"] if m["id"] == "schools")["observations"]
    assert sorted(r["as_stated"] for r in by_period.json()) == sorted(o["as_stated"] for o in schools)
    ends = [r["period_end_year"] for r in by_period.json()]
    assert ends == sorted(ends)


def test_datasette_links_each_source_once(database: Path) -> None:
    import re

    from pairing_cli.data.load import load
    from pairing_cli.text import web_address

    dataset = load(DATA)
    metadata = json.loads(sqlite.metadata_path(database).read_text(encoding="utf-8"))
    assert metadata["source"].count(";") <= 1  # no longer every title behind the main source's one link
    listed = metadata["databases"]["pairing"]["tables"]["sources"]["description_html"]
    links = re.findall(r'<a href="([^"]+)"', listed)
    cited = [web_address(s.cited_url) for s in dataset.sources]
    assert len(links) == len([c for c in cited if c]) and len(set(links)) == len(links)
    for s in dataset.sources:
        if s.spam_site and s.url and not s.outlet_url:
            assert s.url not in listed


def test_export_all_holds_every_program(tmp_path: Path) -> None:
    from frictionless import validate

    from pairing_cli.data.programs import shipped

    path, folder = tmp_path / "all.db", tmp_path / "all"
    done = _run("export", "--all", "--sqlite", str(path), "--datapackage", str(folder))
    assert done.exit_code == 0, done.stderr
    expected = {}
    for program, file in shipped().items():
        document = json.loads(file.read_text(encoding="utf-8"))
        expected[program] = sum(len(m["observations"]) for m in document["measures"])
    db = sqlite_utils.Database(path)
    counts = dict(db.execute("SELECT program, count(*) FROM observations GROUP BY program").fetchall())
    assert counts == expected and len(counts) >= 9
    assert db.table("observations").pks == ["program", "id"]
    assert db.execute("SELECT count(*) FROM figures").fetchone()[0] == sum(expected.values())
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    (across,) = _datasette(path, "/all/across.json?_shape=array&_size=max&concept=fiscal_aid")
    assert len({r["program"] for r in across.json()}) >= 7
    report = validate(str(folder / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "message"])
    rows = (folder / "observations.csv").read_text(encoding="utf-8").splitlines()
    assert rows[0].startswith("program,id,") and len(rows) - 1 == sum(expected.values())
    # a dataset is one program: the package of all is refused, in one line, by every other command
    back = _run("--data", str(folder / "datapackage.json"), "summary")
    assert back.exit_code == 1 and "holds 10 programs" in back.stderr and len(back.stderr.splitlines()) == 1


def test_export_all_takes_no_one_program(tmp_path: Path) -> None:
    for root in (["--program", "national"], ["--data", str(DATA)]):
        done = _run(*root, "export", "--all", "--sqlite", str(tmp_path / "x.db"))
        assert done.exit_code == 2 and "--all" in done.stderr and root[0] in done.stderr
    assert list(tmp_path.iterdir()) == []


def test_one_program_export_names_its_program(tmp_path: Path) -> None:
    path = tmp_path / "n.db"
    assert _run("--program", "national", "export", "--sqlite", str(path)).exit_code == 0
    db = sqlite_utils.Database(path)
    assert {r[0] for r in db.execute("SELECT DISTINCT program FROM observations")} == {"national"}
