"""The commands through typer.testing.InProcessRunner: exit statuses, parsed JSON, the other formats."""

from __future__ import annotations

import csv
import io
import json
from typing import get_args

import pytest

from pairing_cli import __version__
from pairing_cli.cli import app

from .helpers import InProcessRunner


def _json(runner: InProcessRunner, *args: str) -> dict:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _values(doc: dict) -> dict[str, float]:
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
    from pairing_cli import render
    from pairing_cli.data.vocabulary import FORMATS
    from pairing_cli.render import data, sheets
    from pairing_cli.results import SchemaDocument

    result_types = set(get_args(data.Result))
    assert set(render._WRITERS) == set(FORMATS)
    assert set(data.SHAPES) == result_types
    assert set(sheets._SHEETS) == result_types - {SchemaDocument}  # the schema is JSON only
