"""The JSON contract (pairing_cli.contract) is what the commands write: every golden JSON and NDJSON file, and every
shipped program's JSON in both languages, is valid under docs/output.schema.json, which forbids a key the contract
does not list and requires every key it does; the schema and the tables of docs/json.md are the ones the contract
makes now."""

from __future__ import annotations

import copy
import functools
import itertools
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from pairing_cli.cli.app import app
from pairing_cli.contract import DOCUMENTS
from pairing_cli.data.programs import DEFAULT, shipped
from pairing_cli.data.vocabulary import LANGS

from .contract_docs import JSON_PAGE, SCHEMA_FILE, page_text, schema_text
from .golden_cases import GOLDEN
from .helpers import InProcessRunner, commands


@functools.cache
def validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


def problems(document: Any) -> list[str]:
    """Why a document breaks the contract: the best error (empty when it keeps it)."""
    errors = list(validator().iter_errors(document))
    if not errors:
        return []
    best = jsonschema.exceptions.best_match(errors)
    return [f"{'/'.join(map(str, best.absolute_path))}: {best.message[:300]}"]


def test_the_schema_file_is_the_one_the_contract_makes() -> None:
    """`python -m tests.update_readme` rewrites it; review the change as a diff (a change is a change of contract)."""
    assert SCHEMA_FILE.read_text(encoding="utf-8") == schema_text()


def test_the_docs_tables_are_the_ones_the_contract_makes() -> None:
    current = JSON_PAGE.read_text(encoding="utf-8")
    assert current == page_text(current)
    assert "### Figure\n" in current and "| `as_stated` |" in current
    lines = current.split("## The objects", 1)[1].splitlines()
    for line, after in itertools.pairwise(lines):  # each row whole on its line: three cells, no stray pipe
        if line.startswith("| `"):
            assert line.count("|") == 4 and (after.startswith("|") or after == ""), line


def test_every_json_command_has_its_document() -> None:
    """Every command whose JSON is not another standard's has a document type, and every key its meaning."""
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    documented: set[str] = set()
    for definition in (schema["$defs"][ref["$ref"].rsplit("/", 1)[-1]] for ref in schema["anyOf"]):
        command = definition["properties"]["command"]
        documented.update([command["const"]] if "const" in command else command["enum"])
    # schema prints a JSON Schema, cite --style csl-json CSL-JSON; report, export and migrate write files.
    assert set(commands()) - documented == {"schema", "cite", "report", "export", "migrate"}
    assert len(schema["anyOf"]) == len(DOCUMENTS)
    undescribed = [
        (name, key)
        for name, definition in schema["$defs"].items()
        for key, value in definition["properties"].items()
        if not value.get("description")
    ]
    assert undescribed == []


GOLDEN_JSON = sorted(GOLDEN.glob("*.json"))
GOLDEN_NDJSON = sorted(GOLDEN.glob("*.ndjson"))


@pytest.mark.parametrize("path", GOLDEN_JSON, ids=lambda p: p.name)
def test_every_golden_json_keeps_the_contract(path: Path) -> None:
    assert problems(json.loads(path.read_text(encoding="utf-8"))) == []


@pytest.mark.parametrize("path", GOLDEN_NDJSON, ids=lambda p: p.name)
def test_every_golden_ndjson_line_is_an_item_of_its_json_document(path: Path) -> None:
    """So each line keeps the contract as the document does: its list's items, one a line, or the document itself
    on one line where it has no list of items (show ID)."""
    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    document = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    lists = [key for key, value in document.items() if isinstance(value, list) and value == lines]
    assert lists or lines == [document], path.name


def test_the_golden_files_cover_every_document() -> None:
    commands_seen = {json.loads(p.read_text(encoding="utf-8"))["command"] for p in GOLDEN_JSON}
    assert commands_seen >= {"summary", "funding", "facts", "show", "compare", "trend", "timeline", "measures",
                             "programs", "across", "sources", "convert-units"}  # fmt: skip


# Each shipped program's JSON for the commands that read a program, with a measure and a figure of its own.
def _argvs(runner: InProcessRunner, program: str) -> list[list[str]]:
    measures = json.loads(runner.invoke(app, ["--program", program, "measures", "--json"]).stdout)["measures"]
    figures = json.loads(runner.invoke(app, ["--program", program, "facts", "--json"]).stdout)["figures"]
    derived = [f["id"] for f in figures if f["derived"]][:1]
    return [["summary"], ["infrastructure"], ["funding", "--breakdown"], ["facts"], ["compare"], ["timeline"],
            ["sources"], ["measures"], ["trend", measures[0]["id"]], ["show", measures[0]["id"]],
            ["show", figures[0]["id"]], *(["show", d] for d in derived), ["validate"]]  # fmt: skip


@pytest.mark.parametrize("program", sorted(shipped()))
def test_every_program_in_both_languages_keeps_the_contract(program: str) -> None:
    """The default program's commands are golden files, validated above: of it, only what they do not cover."""
    runner = InProcessRunner()
    argvs = [["validate"]] if program == DEFAULT else _argvs(runner, program)
    for argv in argvs:
        for lang in LANGS:
            result = runner.invoke(app, ["--program", program, *argv, "--json", "--lang", lang])
            assert result.exit_code == 0, (argv, result.stderr)
            assert problems(json.loads(result.stdout)) == [], (program, argv, lang)


def test_the_programs_and_across_keep_the_contract() -> None:
    runner = InProcessRunner()
    for argv in (["programs"], ["across", "fiscal_aid"], ["across", "people_lifted", "--basis", "disbursed"],
                 ["convert-units", "--km", "5", "--acres", "3"]):  # fmt: skip
        for lang in LANGS:
            result = runner.invoke(app, [*argv, "--json", "--lang", lang])
            assert result.exit_code == 0, (argv, result.stderr)
            assert problems(json.loads(result.stdout)) == [], (argv, lang)


# The schema can fail: a document with a key the contract does not list, without one it lists, or with a value of
# another type, is refused.
def _summary() -> dict[str, Any]:
    document: dict[str, Any] = json.loads((GOLDEN / "summary.en.json").read_text(encoding="utf-8"))
    return document


@pytest.mark.parametrize(
    "change",
    [
        lambda d: d.update(extra=1),
        lambda d: d.pop("notes"),
        lambda d: d["figures"][0].update(value="3"),
        lambda d: d["figures"][0].pop("as_stated"),
        lambda d: d["figures"][0]["period"].update(years=[1996]),
        lambda d: d["figures"][0].update(qualifier="roughly"),
        lambda d: d["sources"][0].update(date_kind=None),
        lambda d: d.update(command="report"),
    ],
    ids=[
        "extra key",
        "missing key",
        "a number as text",
        "missing figure key",
        "extra period key",
        "unknown qualifier",
        "null where a value is required",
        "unknown command",
    ],
)
def test_the_schema_refuses_a_broken_document(change: Any) -> None:
    document = copy.deepcopy(_summary())
    assert problems(document) == []
    change(document)
    assert problems(document) != []


def test_schema_output_prints_the_schema_file() -> None:
    """`pairing schema --output` gives the installed version's contract: the file the docs link to."""
    result = InProcessRunner().invoke(app, ["schema", "--output"])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == SCHEMA_FILE.read_text(encoding="utf-8")
