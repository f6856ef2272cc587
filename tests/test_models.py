"""The schema is strict: what it refuses, with where and why."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from pairing_cli import dataset
from pairing_cli.errors import DataError


def _load(data: dict[str, Any]) -> None:
    dataset.parse(json.dumps(data).encode(), "test.json")


def _mutated(raw_data: dict[str, Any], change: Any) -> dict[str, Any]:
    data = copy.deepcopy(raw_data)
    change(data)
    return data


def test_shipped_data_is_valid(raw_data: dict[str, Any]) -> None:
    """The shipped dataset passes the schema."""
    _load(raw_data)


@pytest.mark.parametrize(
    ("change", "location", "message"),
    [
        (lambda d: d["figures"][0].update(colour="red"), "figures[0].colour", "Extra inputs"),
        (lambda d: d["figures"][1].update(id=d["figures"][0]["id"]), "(top level)", "used more than once"),
        (lambda d: d["figures"][0].update(source="nowhere"), "(top level)", "does not name a known id"),
        (lambda d: d["figures"][13].update(part_of="nothing"), "(top level)", "does not name a known id"),
        (lambda d: d["figures"][0].update(value=-5), "figures[0]", "non-negative integer"),
        (lambda d: d["figures"][0].update(value=937000.5), "figures[0]", "non-negative integer"),
        (lambda d: d["figures"][0].update(value="937000"), "figures[0].value", "valid"),
        (lambda d: d["figures"][0].update(unit="furlongs"), "figures[0].unit", "Input should be"),
        (lambda d: d["figures"][0].update(label="\x1b[31mred"), "figures[0]", "control character"),
        (lambda d: d.pop("program"), "program", "Field required"),
    ],
)
def test_schema_refuses(raw_data: dict[str, Any], change: Any, location: str, message: str) -> None:
    """Each broken dataset is refused with its location and a reason."""
    with pytest.raises(DataError) as caught:
        _load(_mutated(raw_data, change))
    assert caught.value.location == location or (
        location == "(top level)" and caught.value.location in (None, "(top level)")
    )
    assert message in caught.value.detail
