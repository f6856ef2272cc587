"""The commands through typer.testing.InProcessRunner: exit statuses, parsed JSON, the other formats."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any, get_args

import pytest

from pairing_cli import __version__
from pairing_cli.cli import app, invoked_command

from .helpers import InProcessRunner


def _json(runner: InProcessRunner, *args: str) -> dict[str, Any]:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    loaded: dict[str, Any] = json.loads(result.stdout)
    return loaded


def _values(doc: dict[str, Any]) -> dict[str, float]:
    return {f["id"]: f["value"] for f in doc["figures"]}


def test_summary_json(runner: InProcessRunner) -> None:
    """summary --json carries the headline figures, stored and derived, each with the contract's keys."""
    doc = _json(runner, "summary", "--json")
    values = _values(doc)
    assert values["people_lifted_out_of_poverty"] == 937_000
    assert values["funding_total"] == 3_044_000_000
    assert values["consumption_aid_sales"] == 757_000_000
    assert round(values["poverty_rate_drop_points"], 2) == 22.43
    assert values["program_span_years"] == 24
    for figure in doc["figures"]:
        assert {"id", "label", "value", "unit", "qualifier", "period", "source", "scope", "derived"} <= figure.keys()
        assert figure["derived"] == (figure["formula"] is not None)
    assert doc["sources"][0]["date"] == "2020-07-08"


def test_summary_table_names_the_source(runner: InProcessRunner) -> None:
    """The table shows figures with qualifiers and a line naming the source."""
    result = runner.invoke(app, ["summary"])
    assert result.exit_code == 0
    assert "937,000 people" in result.stdout
    assert "more than 5,700 companies" in result.stdout
    assert "Source: China Daily" in result.stdout
    assert "Ningxia and Gansu" in result.stdout


def test_infrastructure(runner: InProcessRunner) -> None:
    """Infrastructure shows every figure, qualifiers visible, mu also in hectares."""
    table = runner.invoke(app, ["infrastructure"]).stdout
    for text in (
        "385 km",
        "15,000 wells",
        "229,000 mu",
        "15,266.67 ha",
        "more than 2,000 houses",
        "259 schools",
        "349 institutions",
        "nearly 600,000 people",
    ):
        assert text in table
    doc = _json(runner, "infrastructure", "--format", "json")
    assert _values(doc)["rural_houses_renovated"] == 2000
    assert next(f for f in doc["figures"] if f["id"] == "rural_houses_renovated")["qualifier"] == "more_than"


def test_funding_breakdown(runner: InProcessRunner) -> None:
    """--breakdown adds the two parts and the 403 million the article does not itemise."""
    doc = _json(runner, "funding", "--breakdown", "--json")
    values = _values(doc)
    assert values == {
        "funding_total": 3_044_000_000,
        "funding_provincial": 1_930_000_000,
        "funding_paired_localities": 711_000_000,
        "funding_total_unitemised": 403_000_000,
    }
    assert round(doc["yuan_per_usd"], 2) == 7.01
    assert "692.47" in doc["rate_basis"]
    assert len(_json(runner, "funding", "--json")["figures"]) == 1


def test_convert_units_reproduces_the_article(runner: InProcessRunner) -> None:
    """--mu 229000 gives 15,266.67 ha and --yuan 4856 gives $692.47."""
    doc = _json(runner, "convert-units", "--mu", "229000", "--yuan", "4856", "--json")
    results = {(c["unit"], r["unit"]): r["value"] for c in doc["conversions"] for r in c["results"]}
    assert round(results[("mu", "hectare")], 2) == 15266.67
    assert round(results[("yuan", "usd")], 2) == 692.47
    assert all("agrees" in n for n in doc["notes"]) and len(doc["notes"]) == 2
    table = runner.invoke(app, ["convert-units", "--mu", "229000", "--yuan", "4856"]).stdout
    assert "15,266.67 ha" in table and "$692.47" in table


def test_convert_units_every_unit_of_its_kind(runner: InProcessRunner) -> None:
    """One input is shown in every unit of its kind; --rate changes money only."""
    doc = _json(runner, "convert-units", "--km", "385", "--usd", "100", "--rate", "7", "--json")
    km, usd = doc["conversions"]
    assert {r["unit"] for r in km["results"]} == {"km", "mile"}
    assert round(next(r["value"] for r in km["results"] if r["unit"] == "mile"), 2) == 239.23
    assert next(r["value"] for r in usd["results"] if r["unit"] == "yuan") == 700


def test_csv_and_markdown(runner: InProcessRunner) -> None:
    """CSV keeps raw values; markdown is a pipe table."""
    rows = list(csv.DictReader(io.StringIO(runner.invoke(app, ["funding", "--breakdown", "-f", "csv"]).stdout)))
    assert [r["value"] for r in rows] == ["3044000000", "1930000000", "711000000", "403000000"]
    markdown = runner.invoke(app, ["infrastructure", "--format", "markdown"]).stdout
    assert markdown.startswith("## ") and "| Highway paved | 385 km |" in markdown


def test_version(runner: InProcessRunner) -> None:
    """--version prints the package version."""
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and result.stdout.strip() == f"pairing {__version__}"


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["nonsense"], "No such command"),
        (["summary", "--bogus"], "No such option"),
        (["convert-units"], "at least one quantity"),
        (["convert-units", "--mu", "-5"], "--mu"),
        (["convert-units", "--mu", "abc"], "--mu"),
        (["funding", "--rate", "0"], "--rate"),
        (["summary", "--json", "--format", "csv"], "--json"),
    ],
)
def test_usage_errors_exit_2_with_one_line(runner: InProcessRunner, args: list[str], needle: str) -> None:
    """A usage problem is one line on stderr naming what was wrong, exit status 2, nothing on stdout."""
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert needle in result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr


def test_click_testing_drives_the_same_program() -> None:
    """Typer's own entry (`app()`, which click.testing's CliRunner calls) gives the same output and statuses as
    `cli.run`: the exit status travels as SystemExit, errors as one line on stderr."""
    from typer.testing import CliRunner

    from .helpers import invoke

    ours = invoke("summary", "--json")
    theirs = CliRunner().invoke(app, ["summary", "--json"], env={"PAIRING_DATA": None, "PAIRING_LANG": None})
    assert (theirs.exit_code, theirs.stdout) == (ours.returncode, ours.stdout) == (0, ours.stdout)
    refused = CliRunner().invoke(app, ["show", "nope"], env={"PAIRING_DATA": None})
    assert refused.exit_code == 2 and isinstance(refused.exception, SystemExit)
    assert refused.stdout == "" and refused.stderr.count("\n") == 1 and "nope" in refused.stderr


def test_no_command_prints_the_help_and_says_so_on_stderr() -> None:
    """`pairing` alone: the help on stdout, a usage status (2) and one line on stderr saying what is missing."""
    from .helpers import invoke

    done = invoke()
    assert done.returncode == 2
    assert "Usage: pairing [OPTIONS] COMMAND" in done.stdout and "summary" in done.stdout
    assert done.stderr == "pairing: error: missing command (see 'pairing --help')\n"


@pytest.mark.parametrize(
    ("argv", "spelling"),
    [
        (["facts", "--category", "nope"], "--category"),
        (["facts", "-c", "nope"], "--category"),
        (["facts", "--source", "nope"], "--source"),
        (["facts", "--search", " "], "--search"),
        (["show", "nope"], "ID"),
        (["cite", "nope"], "ID"),
        (["compare", "nope"], "MEASURE"),
        (["trend", "nope"], "MEASURE"),
    ],
)
def test_the_cli_names_the_option_the_core_error_is_about(argv: list[str], spelling: str) -> None:
    """The core raises QueryError naming its parameter; the CLI says it as the user typed it (long option, or the
    argument's metavar), whichever short form was used."""
    from .helpers import assert_one_line_error, invoke

    assert_one_line_error(invoke(*argv), 2, f"invalid value for {spelling}: ")


def test_money_without_any_rate_names_rate(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A dataset that states no yuan-to-dollar conversion: converting money asks for --rate; funding says why it
    shows no dollars."""
    from .conftest import DATA
    from .helpers import assert_one_line_error, invoke

    data = json.loads(DATA.read_text(encoding="utf-8"))
    data["conversions"] = [c for c in data["conversions"] if c["to_unit"] != "usd" and c["from_unit"] != "usd"]
    path = tmp_path / "no-rate.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert_one_line_error(invoke("--data", str(path), "convert-units", "--yuan", "5"), 2, "invalid value for --rate")
    assert invoke("--data", str(path), "convert-units", "--yuan", "5", "--rate", "7").returncode == 0
    funding = json.loads(invoke("--data", str(path), "funding", "--json", "--lang", "zh").stdout)
    assert funding["yuan_per_usd"] is None
    assert funding["notes"] == [
        "No US-dollar equivalents: the dataset states no yuan-to-dollar conversion; give a rate."
    ]
    assert funding["notes_zh"] == ["未列美元金额：数据集未给出人民币与美元的换算；请给出汇率。"]


def test_one_renderer_per_format_and_per_result_type() -> None:
    """Each format has one writer and each result type one entry in each table (JSON, CSV, sheet): the tables are
    the dispatch, so a type or format missing from one would fail only when a user asked for it."""
    from pairing_cli import documents as data
    from pairing_cli import render
    from pairing_cli.data.vocabulary import FORMATS
    from pairing_cli.render import sheets
    from pairing_cli.results import SchemaDocument

    result_types = set(get_args(data.Result))
    assert set(render._WRITERS) == set(FORMATS)
    assert set(data.SHAPES) == result_types
    assert set(sheets._SHEETS) == result_types - {SchemaDocument}  # the schema is JSON only


# --- conventions: -h, --lang anywhere, '-' for stdout, 'wrote' lines, CSV as the data package, piped tables ---


def _help_commands() -> list[list[str]]:
    return [[], *([name] for name in COMMAND_NAMES)]


COMMAND_NAMES = ["summary", "infrastructure", "funding", "facts", "show", "timeline", "compare", "trend", "measures",
                 "report", "programs", "across", "sources", "cite", "convert-units", "export", "migrate", "validate",
                 "schema"]  # fmt: skip


@pytest.mark.parametrize("command", _help_commands(), ids=lambda c: c[0] if c else "pairing")
def test_dash_h_is_help_everywhere(command: list[str]) -> None:
    from .helpers import invoke

    short, long = invoke(*command, "-h"), invoke(*command, "--help")
    assert short.returncode == long.returncode == 0, short.stderr
    assert short.stdout == long.stdout and "Usage: pairing" in short.stdout


def test_lang_before_the_command_and_which_wins() -> None:
    """`pairing --lang zh summary` is Chinese; the command's own --lang wins over the root's, which wins over
    $PAIRING_LANG; a bad value anywhere is one line and status 2."""
    from .helpers import MockEnvironment, assert_one_line_error, invoke

    def title(*argv: str, **environ: str) -> str:
        done = invoke(*argv, env=MockEnvironment(environ))
        assert done.returncode == 0, done.stderr
        return done.stdout.splitlines()[0]

    chinese, english = "闽宁对口扶贫协作：主要数据", "Fujian–Ningxia pairing-up program: headline figures"
    assert title("--lang", "zh", "summary") == chinese
    assert title("--lang", "zh", "summary", "--lang", "en") == english
    assert title("--lang", "en", "summary", PAIRING_LANG="zh") == english
    assert title("summary", PAIRING_LANG="zh") == chinese
    assert invoke("--lang", "zh", "cite").stdout != invoke("cite").stdout
    assert_one_line_error(invoke("--lang", "fr", "summary"), 2, "--lang")
    assert_one_line_error(invoke("summary", env=MockEnvironment({"PAIRING_LANG": "fr"})), 2, "PAIRING_LANG")
    assert invoked_command(["--lang", "zh", "summary"]) == "summary"


def test_dash_writes_the_one_output_to_stdout(tmp_path: Path) -> None:
    """'-' as the target is stdout, byte for byte what the file would hold; nothing is written on disk."""
    from .helpers import invoke

    for argv in (["summary", "--export-svg"], ["summary", "--export-html"], ["report", "--html"],
                 ["trend", "fujian_funding", "--chart-format", "svg", "--chart-file"]):  # fmt: skip
        on_disk = tmp_path / "out.file"
        written = invoke(*argv, str(on_disk), "--lang", "zh", cwd=tmp_path)
        printed = invoke(*argv, "-", "--lang", "zh", cwd=tmp_path)
        assert printed.returncode == 0 and printed.stderr == "", (argv, printed.stderr)
        data = on_disk.read_text(encoding="utf-8")
        if argv[0] == "report":  # the page says when it was made: the same page but for that
            assert printed.stdout.startswith("<!DOCTYPE html>") and len(printed.stdout) > 0.9 * len(data)
        else:
            assert printed.stdout == data, argv
        on_disk.unlink()
        assert written.returncode == 0 and list(tmp_path.iterdir()) == []


def test_dash_png_goes_to_a_pipe_never_a_terminal() -> None:
    import io

    from pairing_cli.cli import run

    from .helpers import MockEnvironment, assert_one_line_error, invoke

    pytest.importorskip("resvg_py", reason="PNG charts need resvg-py")
    env = MockEnvironment({})
    argv = ["trend", "fujian_funding", "--chart-file", "-", "--chart-format", "png"]
    assert run(argv, env) == 0
    raw = getattr(env.captured[0], "buffer", None)
    assert isinstance(raw, io.BytesIO) and raw.getvalue().startswith(b"\x89PNG\r\n\x1a\n")
    assert_one_line_error(invoke(*argv, env=MockEnvironment({}, terminal=True)), 2, "terminal")


@pytest.mark.parametrize(
    ("argv", "needle"),
    [
        (["summary", "--export-svg", "-", "--export-html", "-"], "--export-html"),
        (["summary", "--export-svg", "-", "--json"], "--format json"),
        (["summary", "--export-html", "-", "--format", "csv"], "--format csv"),
        (["summary", "--chart-file", "-"], "--chart-format"),
        (["summary", "--chart-format", "png"], "--chart-file"),
        (["summary", "--chart-file", "c.svg", "--chart-format", "png"], "does not match"),
        (["export", "--datapackage", "-"], "a folder of files"),
        (["export", "--sqlite", "-"], "a database and its metadata"),
    ],
)
def test_dash_is_refused_where_it_cannot_be_one_output(tmp_path: Path, argv: list[str], needle: str) -> None:
    from .helpers import assert_one_line_error, invoke

    assert_one_line_error(invoke(*argv, cwd=tmp_path), 2, needle)
    assert list(tmp_path.iterdir()) == []


def test_one_line_for_each_file_written_and_quiet(tmp_path: Path) -> None:
    from pairing_cli.cli.options import human_size

    from .helpers import invoke

    done = invoke("summary", "--export-svg", "t.svg", "--export-html", "t.html", "--chart-file", "c.svg", cwd=tmp_path)
    assert done.returncode == 0
    expected = [
        f"wrote {name} ({human_size((tmp_path / name).stat().st_size)})" for name in ("t.svg", "t.html", "c.svg")
    ]
    assert done.stderr.splitlines() == expected
    report = invoke("report", "--html", "report.html", cwd=tmp_path)
    assert report.stderr == f"wrote report.html ({human_size((tmp_path / 'report.html').stat().st_size)})\n"
    package = invoke("export", "--datapackage", "pkg", "--sqlite", "p.db", cwd=tmp_path)
    said = package.stderr.splitlines()
    assert said[-2:] == [f"wrote {name} ({human_size((tmp_path / name).stat().st_size)})"
                         for name in ("p.db", "p.db.metadata.json")]  # fmt: skip
    assert sorted(line.split(" ")[1] for line in said[:-2]) == sorted(
        f"pkg/{p.name}" for p in (tmp_path / "pkg").iterdir()
    )
    for quiet in ("-q", "--quiet"):
        silent = invoke(quiet, "summary", "--export-svg", "q.svg", "--force", cwd=tmp_path)
        assert silent.returncode == 0 and silent.stderr == "" and (tmp_path / "q.svg").is_file()


@pytest.mark.parametrize(
    ("size", "shown"),
    [(0, "0 bytes"), (1, "1 byte"), (999, "999 bytes"), (1000, "1.0 KB"), (4_210, "4.2 KB"), (212_345, "212 KB"),
     (999_999, "1.0 MB"), (1_300_000, "1.3 MB"), (25_000_000, "25 MB")],
)  # fmt: skip
def test_human_size(size: int, shown: str) -> None:
    from pairing_cli.cli.options import human_size

    assert human_size(size) == shown


def test_facts_csv_carries_the_json_row_as_the_data_package_names_it(runner: InProcessRunner) -> None:
    from pairing_cli.data.package import TABLES

    doc = _json(runner, "facts", "--json")
    table = runner.invoke(app, ["facts", "-f", "csv"]).stdout
    rows = list(csv.DictReader(io.StringIO(table)))
    header = list(rows[0])
    observation_columns = {f.name for t in TABLES if t.name == "observations" for f in t.fields}
    for key in doc["figures"][0]:
        if key == "period":
            assert {f"period_{k}" for k in ("label", "start_year", "end_year", "stated")} <= set(header)
        else:
            assert key in header, key
    assert {"measure", "as_stated", "locator", "statement"} <= set(header)
    shared = {"period_label", "period_start_year", "period_end_year", "period_stated", "as_stated", "locator"}
    assert shared <= observation_columns  # named as the package names them
    assert "start_year" not in header and "period" not in header
    by_id = {r["id"]: r for r in rows}
    for figure in doc["figures"]:
        row = by_id[figure["id"]]
        assert row["derived"] == ("true" if figure["derived"] else "false")
        assert row["period_stated"] in ("true", "false")
        assert row["measure"] == (figure["measure"] or "") and row["as_stated"] == (figure["as_stated"] or "")
        assert json.loads(row["sources"]) == figure["sources"]
    assert "True" not in table.split("\n", 1)[1].split(",") and ",True," not in table


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize(
    "argv", [["summary", "--chart"], ["facts"], ["compare"], ["timeline"], ["funding", "--breakdown"]]
)
def test_piped_tables_have_no_blanks_at_line_ends(argv: list[str], lang: str) -> None:
    from .helpers import MockEnvironment, invoke

    for environ in ({}, {"FORCE_COLOR": "1"}):
        done = invoke(*argv, "--lang", lang, env=MockEnvironment(environ))
        assert done.returncode == 0, done.stderr
        ending = [line for line in done.stdout.splitlines() if line.replace("\x1b[0m", "").endswith(" ")]
        assert ending == [], (environ, ending[:3])
        assert len(done.stdout.splitlines()) > 5
