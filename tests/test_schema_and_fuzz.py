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
from pairing_cli.documents import Result
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
# Every id the shipped dataset holds: a mutation that names another one makes a reference that still resolves.
_ID_VALUES = {
    item["id"]
    for group in ("sources", "measures", "derivations", "units", "categories", "events", "conversions")
    for item in SHIPPED.get(group, [])
} | {o["id"] for m in SHIPPED["measures"] for o in m["observations"]}


def _mutated(mutations: list[tuple[tuple[Any, ...], Any]]) -> dict[str, Any]:
    """The shipped dataset with each value set at its path (a path an earlier mutation took away is passed by): the
    dataset's deep copy, changed. Only the objects and arrays on the paths are copied, for a deep copy of the
    whole costs more than the rest of an example."""
    data = dict(SHIPPED)
    copied = {id(data)}
    for path, value in mutations:
        node: Any = data
        try:
            for part in path[:-1]:
                child = node[part]
                if isinstance(child, (dict, list)) and id(child) not in copied:
                    child = node[part] = copy.copy(child)
                    copied.add(id(child))
                node = child
            node[path[-1]] = value
        except (KeyError, IndexError, TypeError):
            continue  # an earlier mutation replaced the container
    return data


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(ALL_PATHS), json_values), min_size=1, max_size=3))
def test_mutated_datasets_never_crash(mutations: list[tuple[tuple[Any, ...], Any]]) -> None:
    """Any value anywhere: the loader says DataError or loads, and every command's core then runs."""
    raw = json.dumps(_mutated(mutations)).encode()
    try:
        loaded = load.validate(load.parse_json(raw, "m.json"), "m.json")
    except DataError as e:
        assert str(e).startswith("m.json")
        return
    checks.consistency_findings(loaded)
    first: list[Result] = [
        views.summary(loaded),
        views.infrastructure(loaded),
        views.funding(loaded, breakdown=True, rate=None),
        figures.facts(loaded),
    ]
    for result in first:
        json.dumps(render.to_json_data(result, "zh"), allow_nan=False)  # raises on NaN or an unserialisable value
        assert render.to_csv(result).startswith("id,")
        assert render.to_markdown(result).startswith("## ")
    others: list[Result] = [sources.timeline(loaded), sources.sources(loaded), compare.compare(loaded)]
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


# Values that pass the schema yet sit at its edges: what a dataset validate accepts may hold, and every command
# must then show.
edge_values = st.sampled_from(
    [0, 1, -0.0, 0.0, 5e-324, 1e-300, 10**18, 1.5, 99.99, 100, 101, 1900, 1996, 2020, 2200, "", "x", "=1+1",
     "$110m (15%)", "a\nb", "年", "2020-02-29", "2021-02-29", "2020", "2020-13", True, False, None, [], ["x"]]
)  # fmt: skip
ids = st.sampled_from(sorted(_ID_VALUES))
COMMANDS: list[list[str]] = [
    ["summary"], ["infrastructure"], ["funding", "--breakdown"], ["facts"], ["compare"], ["timeline"], ["sources"],
    ["measures"], ["show", "people_lifted_out_of_poverty"], ["show", "schools"], ["trend", "rural_income"],
    ["trend", "fujian_funding"], ["cite"], ["cite", "--style", "bibtex"], ["across", "people_lifted"],
]  # fmt: skip


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(
    st.lists(st.tuples(st.sampled_from(ALL_PATHS), edge_values | json_values | ids), min_size=1, max_size=3),
    st.lists(
        st.tuples(st.sampled_from(COMMANDS), st.sampled_from(["table", "json", "ndjson", "csv", "markdown"]),
                  st.sampled_from(["en", "zh"])),
        min_size=4, max_size=8,
    ),
)  # fmt: skip
def test_what_validate_accepts_every_command_shows(
    tmp_path_factory: Any, mutations: list[tuple[tuple[Any, ...], Any]], runs: list[tuple[list[str], str, str]]
) -> None:
    """Any dataset validate accepts (no error, warnings allowed) runs any command in any format and language
    without an internal error: status 0, or a one-line refusal of what the command was asked."""
    from .helpers import MockEnvironment

    file = tmp_path_factory.mktemp("fuzz") / "d.json"
    file.write_text(json.dumps(_mutated(mutations), ensure_ascii=False), encoding="utf-8")
    found = load.inspect(file)
    if found.dataset is None or any(f.severity == "error" for f in found.findings):
        return
    for command, fmt, lang in runs:
        done = invoke("--data", str(file), *command, "--format", fmt, "--lang", lang,
                      env=MockEnvironment(columns=100))  # fmt: skip
        assert done.returncode in (0, 2), (mutations, command, fmt, lang, done.stderr)
        assert "internal error" not in done.stderr and done.stderr.count("\n") <= 1, (mutations, command, done.stderr)
