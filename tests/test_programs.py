"""Every shipped program: found by id, listed, lined up on a concept; the default unchanged."""

from __future__ import annotations

import json
from typing import Any

import pytest

from pairing_cli import load, programs
from pairing_cli.cli import app
from pairing_cli.data.vocabulary import FORMATS, LANGS

from .helpers import InProcessRunner


def _json(*argv: str, env: dict[str, str] | None = None) -> Any:
    result = InProcessRunner().invoke(app, [*argv, "--json"], env=env or {})
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_programs_lists_eight_pairs_and_the_national_record() -> None:
    listed = _json("programs")["programs"]
    ids = [p["id"] for p in listed]
    assert ids[0] == "fujian-ningxia" and "national" in ids
    pairs = [p for p in listed if p["kind"] == "pair"]
    assert len(pairs) >= 8
    for p in listed:
        assert set(p) == {"id", "name", "name_zh", "kind", "partners", "sources", "observations", "years"}
        assert {r["role"] for r in p["partners"]} == {"supporting", "supported"}
        assert p["years"][0] <= p["years"][1]


def test_each_pair_meets_the_floor() -> None:
    """At least 3 sources and 2 measures over 2 or more periods, each; the record reaches 2020 or later."""
    for p in _json("programs")["programs"]:
        measures = _json("--program", p["id"], "measures")["measures"]
        assert p["sources"] >= 3, p["id"]
        assert sum(len(m["years"]) >= 2 for m in measures) >= 2, p["id"]
        assert p["years"][1] >= 2020, p["id"]


def test_the_default_program_is_unchanged_and_the_variable_chooses_another() -> None:
    assert _json("summary") == _json("--program", "fujian-ningxia", "summary")
    chosen = _json("measures", env={"PAIRING_PROGRAM": "national"})
    assert chosen["program"]["id"] == "national"
    assert _json("--program", "shanghai-yunnan", "measures")["program"]["id"] == "shanghai-yunnan"


def test_an_unknown_program_is_one_line_naming_the_known_ones() -> None:
    result = InProcessRunner().invoke(app, ["--program", "nope", "summary"])
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.count("\n") == 1 and "--program" in result.stderr and "guangdong-guangxi" in result.stderr


def test_across_lines_up_seven_or_more_programs_and_keeps_a_period() -> None:
    every = _json("across", "fiscal_aid")
    assert every["concept"] == "fiscal_aid" and every["unit"] == "yuan"
    assert len({r["program"] for r in every["rows"]}) >= 7
    assert set(every["rows"][0]) >= {"program", "measure", "value", "unit", "qualifier", "basis", "period", "source",
                                     "as_stated"}  # fmt: skip
    within = _json("across", "fiscal_aid", "--period", "2016-2020")["rows"]
    assert within and all(r["period"]["start_year"] >= 2016 and r["period"]["end_year"] <= 2020 for r in within)
    agreed = _json("across", "fiscal_aid", "--basis", "disbursed")["rows"]
    assert all(r["basis"] == "disbursed" for r in agreed)
    assert every["notes"]  # rows of several kinds and bases: said


@pytest.mark.parametrize("argv", [["across", "nope"], ["across", "fiscal_aid", "--period", "2020"], ["across"],
                                  ["across", "fiscal_aid", "--basis", "spent"]])  # fmt: skip
def test_across_refuses_bad_input_in_one_line(argv: list[str]) -> None:
    result = InProcessRunner().invoke(app, argv)
    assert result.exit_code == 2 and result.stdout == "" and result.stderr.count("\n") == 1


# JSON is test_contract's: every program's JSON, in both languages, validated against the contract's schema.
@pytest.mark.parametrize("fmt", [f for f in FORMATS if f != "json"])
@pytest.mark.parametrize("lang", LANGS)
def test_every_program_in_every_format_and_language(fmt: str, lang: str) -> None:
    runner = InProcessRunner()
    for p in _json("programs")["programs"]:
        for argv in (["measures"], ["compare"], ["facts"], ["sources"]):
            result = runner.invoke(app, ["--program", p["id"], *argv, "--format", fmt, "--lang", lang])
            assert result.exit_code == 0, (p["id"], argv, result.stderr)
            assert result.stdout or fmt == "ndjson"  # NDJSON of no comparisons is no line


def test_the_python_interface_takes_a_program() -> None:
    assert [p["id"] for p in programs()] == [p["id"] for p in _json("programs")["programs"]]
    data = load(program="national")
    assert data.dataset.program.id == "national" and data.observations()


def test_a_growth_rate_of_a_running_total_is_refused_in_one_line(tmp_path: Any) -> None:
    """A compound rate over a cumulative measure measures the total's age, not growth: validate refuses it."""
    from .conftest import DATA

    document = json.loads(DATA.read_text(encoding="utf-8"))
    document["derivations"].append(
        {"id": "aid_cagr", "kind": "compound_annual_rate", "inputs": ["fujian_funding_xinhua2012", "funding_total"],
         "label": "Aid, compound annual rate"}
    )  # fmt: skip
    path = tmp_path / "rate.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    result = InProcessRunner().invoke(app, ["--data", str(path), "summary"])
    assert result.exit_code == 1 and result.stdout == "" and result.stderr.count("\n") == 1
    assert "no-rate-of-running-total" in result.stderr and "cumulative" in result.stderr
