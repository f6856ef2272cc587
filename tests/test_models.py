"""The schema and the integrity checks: what they refuse, with where and why."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from pairing_cli import checks, dataset
from pairing_cli.errors import DataError


def _mutated(raw_data: dict[str, Any], change: Any) -> str:
    data = copy.deepcopy(raw_data)
    change(data)
    return json.dumps(data)


def test_shipped_data_is_valid_and_consistent(raw_data: dict[str, Any]) -> None:
    """The shipped dataset passes the schema, the integrity checks and the consistency checks."""
    loaded = dataset.validate(json.dumps(raw_data), "program.json")
    assert checks.consistency_findings(loaded) == []


@pytest.mark.parametrize(
    ("change", "location", "rule"),
    [
        (lambda d: d["figures"][0].update(colour="red"), "figures[0].colour", "unknown-key"),
        (lambda d: d["figures"][1].update(id=d["figures"][0]["id"]), "figures[1].id", "unique-id"),
        (lambda d: d["figures"][0].update(source="nowhere"), "figures[0].source", "reference"),
        (lambda d: d["figures"][13].update(part_of="nothing"), "figures[13].part_of", "reference"),
        (lambda d: d["figures"][0].update(value=-5), "figures[0]", "count"),
        (lambda d: d["figures"][0].update(value=937000.5), "figures[0]", "count"),
        (lambda d: d["figures"][1].update(value=-1.5), "figures[1]", "non-negative"),
        (lambda d: d["figures"][0].update(value="937000"), "figures[0].value", "schema"),
        (lambda d: d["figures"][1].update(value=float("nan")), "figures[1].value", "finite"),
        (lambda d: d["figures"][0].update(unit="furlongs"), "figures[0].unit", "schema"),
        (lambda d: d["figures"][0].update(label="\x1b[31mred"), "figures[0].label", "text"),
        (lambda d: d["figures"][0].update(quote="a \u202eevil"), "figures[0].quote", "text"),
        (lambda d: d.pop("program"), "program", "required"),
    ],
)
def test_refused_with_location_and_rule(raw_data: dict[str, Any], change: Any, location: str, rule: str) -> None:
    """Each broken dataset is refused, naming the place and the rule it breaks."""
    with pytest.raises(DataError) as caught:
        dataset.validate(_mutated(raw_data, change), "test.json")
    assert caught.value.location == location
    assert f"[{rule}]" in caught.value.detail


@pytest.mark.parametrize(
    ("change", "location", "rule"),
    [
        (lambda d: d["figures"][1].update(value=122.9), "figures[1].value", "percent-range"),
        (lambda d: d["figures"][14].update(value=2_000_000_000), "figures[12].value", "parts-within-total"),
        (lambda d: d["figures"][0]["period"].update(start_year=2021), "figures[0].period", "period-order"),
        (lambda d: d["conversions"][0].update(to_value=15266.0), "conversions[0]", "stated-conversion"),
    ],
)
def test_consistency_warnings(raw_data: dict[str, Any], change: Any, location: str, rule: str) -> None:
    """Inconsistent figures load, but each is reported as a warning with its place and rule."""
    loaded = dataset.validate(_mutated(raw_data, change), "test.json")
    findings = checks.consistency_findings(loaded)
    assert [(f.location, f.rule, f.severity) for f in findings] == [(location, rule, "warning")]


def test_stated_conversion_within_rounding(raw_data: dict[str, Any]) -> None:
    """15266.67 ha for 229,000 mu is within the rounding of two decimals; 15266.68 is not."""
    ok = dataset.validate(json.dumps(raw_data), "t.json")
    assert checks.consistency_findings(ok) == []
    off = dataset.validate(_mutated(raw_data, lambda d: d["conversions"][0].update(to_value=15266.68)), "t.json")
    assert [f.rule for f in checks.consistency_findings(off)] == ["stated-conversion"]
