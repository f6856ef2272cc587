"""The published JSON Schema, and mutated datasets that must never end in a traceback."""

from __future__ import annotations

import contextlib
import copy
import json
from pathlib import Path
from typing import Any

import jsonschema
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pairing_cli import derive, render
from pairing_cli.data import checks, load
from pairing_cli.data.vocabulary import CITATION_STYLES
from pairing_cli.errors import DataError
from pairing_cli.queries import compare, figures, sources, trend, views
from pairing_cli.render.citations import format_citation

from .conftest import DATA
from .helpers import invoke, obs

SHIPPED = json.loads(DATA.read_text(encoding="utf-8"))


def test_schema_validates_shipped_data_independently(tmp_path: Path) -> None:
    """`pairing schema` prints a JSON Schema under which the jsonschema package accepts the shipped data."""
    done = invoke("schema", cwd=tmp_path)
    assert done.returncode == 0
    schema = json.loads(done.stdout)
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema).validate(SHIPPED)


def test_schema_rejects_what_the_models_reject(tmp_path: Path) -> None:
    """The schema refuses an unknown key and control characters too."""
    schema = json.loads(invoke("schema", cwd=tmp_path).stdout)
    validator = jsonschema.Draft202012Validator(schema)
    for change in ({"colour": "red"}, {"label": "a\x1bb"}):
        data = copy.deepcopy(SHIPPED)
        obs(data, "people_lifted_out_of_poverty").update(change)
        assert not validator.is_valid(data)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-(10**20), 10**20) | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
    max_leaves=6,
)


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(node, dict):
        for key, value in node.items():
            found += _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            found += _paths(value, (*prefix, i))
    return found


ALL_PATHS = _paths(SHIPPED)[1:]


def _set(data: Any, path: tuple[Any, ...], value: Any) -> None:
    for part in path[:-1]:
        data = data[part]
    data[path[-1]] = value


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(ALL_PATHS), json_values), min_size=1, max_size=3))
def test_mutated_datasets_never_crash(mutations: list[tuple[tuple[Any, ...], Any]]) -> None:
    """Any value anywhere: the loader says DataError or loads, and every command's core then runs."""
    data = copy.deepcopy(SHIPPED)
    for path, value in mutations:
        try:
            _set(data, path, value)
        except (KeyError, IndexError, TypeError):
            continue  # an earlier mutation replaced the container
    raw = json.dumps(data).encode()
    try:
        loaded = load.validate(load.parse_json(raw, "m.json"), "m.json")
    except DataError as e:
        assert str(e).startswith("m.json")
        return
    checks.consistency_findings(loaded)
    for result in (
        views.summary(loaded),
        views.infrastructure(loaded),
        views.funding(loaded, breakdown=True, rate=None),
        figures.facts(loaded),
    ):
        json.dumps(render.to_json_data(result, "zh"), allow_nan=False)  # raises on NaN or an unserialisable value
        assert render.to_csv(result).startswith("id,")
        assert render.to_markdown(result).startswith("## ")
    others = [sources.timeline(loaded), sources.sources(loaded), compare.compare(loaded)]
    others += [trend.trend(loaded, m.id) for m in loaded.measures[:3]]
    others += [figures.show(loaded, m.id) for m in loaded.measures[:3]]
    others += [figures.show(loaded, row.id) for row in derive.build(loaded).rows[:5]]
    for result in others:
        json.dumps(render.to_json_data(result), allow_nan=False)
        assert render.to_markdown(result, "zh").startswith("## ")
        render.to_ndjson(result)
    for style in CITATION_STYLES:
        cited = sources.cite(loaded, style, loaded.figures[0].id if loaded.figures else None)
        assert format_citation(cited).endswith("\n")


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=200) | st.text(max_size=200).map(str.encode))
def test_arbitrary_bytes_never_crash(raw: bytes) -> None:
    """Arbitrary bytes are refused with a DataError or load; nothing else escapes."""
    with contextlib.suppress(DataError):
        load.validate(load.parse_json(raw, "b.json"), "b.json")
