"""The schema and the integrity checks: what they refuse, with where and why."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from pairing_cli.data import checks, load
from pairing_cli.errors import DataError

from .helpers import at, obs


def _mutated(raw_data: dict[str, Any], change: Any) -> str:
    data = copy.deepcopy(raw_data)
    change(data)
    return json.dumps(data)


def test_shipped_data_is_valid_and_consistent(raw_data: dict[str, Any]) -> None:
    """The shipped dataset passes the schema, the integrity checks and the consistency checks."""
    loaded = load.validate(json.dumps(raw_data), "program.json")
    assert checks.consistency_findings(loaded) == []


@pytest.mark.parametrize(
    ("change", "location", "rule"),
    [
        (
            lambda d: obs(d, "people_lifted_out_of_poverty").update(colour="red"),
            f"{at('people_lifted_out_of_poverty')}.colour",
            "unknown-key",
        ),
        (
            lambda d: obs(d, "poverty_rate_2012").update(id=obs(d, "people_lifted_out_of_poverty")["id"]),
            f"{at('poverty_rate_2012')}.id",
            "unique-id",
        ),
        (
            lambda d: obs(d, "people_lifted_out_of_poverty").update(source="nowhere"),
            f"{at('people_lifted_out_of_poverty')}.source",
            "reference",
        ),
        (
            lambda d: obs(d, "funding_provincial").update(part_of="nothing"),
            f"{at('funding_provincial')}.part_of",
            "reference",
        ),
        (
            lambda d: obs(d, "people_lifted_out_of_poverty").update(value=-5),
            f"{at('people_lifted_out_of_poverty')}.value",
            "non-negative",
        ),
        (
            lambda d: obs(d, "people_lifted_out_of_poverty").update(value=937000.5),
            f"{at('people_lifted_out_of_poverty')}",
            "count",
        ),
        (lambda d: obs(d, "poverty_rate_2012").update(value=-1.5), f"{at('poverty_rate_2012')}.value", "non-negative"),
        (
            lambda d: obs(d, "people_lifted_out_of_poverty").update(value="937000"),
            f"{at('people_lifted_out_of_poverty')}.value",
            "schema",
        ),
        (
            lambda d: obs(d, "poverty_rate_2012").update(value=float("nan")),
            f"{at('poverty_rate_2012')}.value",
            "finite",
        ),
        (
            lambda d: obs(d, "people_lifted_out_of_poverty").update(unit="furlongs"),
            f"{at('people_lifted_out_of_poverty')}.unit",
            "reference",
        ),
        (
            lambda d: obs(d, "people_lifted_out_of_poverty").update(label="\x1b[31mred"),
            f"{at('people_lifted_out_of_poverty')}.label",
            "text",
        ),
        (
            lambda d: obs(d, "people_lifted_out_of_poverty").update(quote="a \u202eevil"),
            f"{at('people_lifted_out_of_poverty')}.quote",
            "text",
        ),
        (lambda d: d["categories"][0].update(id="Bad Id"), "categories[0].id", "id"),  # not 'a control character'
        (lambda d: d["sources"][0].update(date="2020-13-01"), "sources[0].date", "date"),
        (lambda d: d.pop("program"), "program", "required"),
    ],
)
def test_refused_with_location_and_rule(raw_data: dict[str, Any], change: Any, location: str, rule: str) -> None:
    """Each broken dataset is refused, naming the place and the rule it breaks."""
    with pytest.raises(DataError) as caught:
        load.validate(_mutated(raw_data, change), "test.json")
    assert caught.value.location == location
    assert f"[{rule}]" in caught.value.detail


@pytest.mark.parametrize(
    ("change", "location", "rule"),
    [
        (
            lambda d: obs(d, "poverty_rate_2012").update(value=122.9),
            f"{at('poverty_rate_2012')}.value",
            "percent-range",
        ),
        (
            lambda d: obs(d, "funding_paired_localities").update(value=2_000_000_000),
            f"{at('funding_total')}.value",
            "parts-within-total",
        ),
        (
            lambda d: obs(d, "people_lifted_out_of_poverty")["period"].update(start_year=2021),
            f"{at('people_lifted_out_of_poverty')}.period",
            "period-order",
        ),
        (lambda d: d["conversions"][0].update(to_value=15266.0), "conversions[0]", "stated-conversion"),
    ],
)
def test_consistency_warnings(raw_data: dict[str, Any], change: Any, location: str, rule: str) -> None:
    """Inconsistent figures load, but each is reported as a warning with its place and rule."""
    loaded = load.validate(_mutated(raw_data, change), "test.json")
    findings = checks.consistency_findings(loaded)
    assert [(f.location, f.rule, f.severity) for f in findings] == [(location, rule, "warning")]


def test_stated_conversion_within_rounding(raw_data: dict[str, Any]) -> None:
    """15266.67 ha for 229,000 mu is within the rounding of two decimals; 15266.68 is not."""
    ok = load.validate(json.dumps(raw_data), "t.json")
    assert checks.consistency_findings(ok) == []
    off = load.validate(_mutated(raw_data, lambda d: d["conversions"][0].update(to_value=15266.68)), "t.json")
    assert [f.rule for f in checks.consistency_findings(off)] == ["stated-conversion"]
