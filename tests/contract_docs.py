"""The JSON contract's pages, made from pairing_cli.contract: docs/output.schema.json (its JSON Schema) and the key
tables of docs/json.md (between the GENERATED markers). `python -m tests.update_readme` writes them; test_contract.py
fails when either differs from what the contract makes now.
"""

from __future__ import annotations

import json
from typing import Any

from pairing_cli.contract import output_schema

from .conftest import ROOT

SCHEMA_FILE = ROOT / "docs" / "output.schema.json"
JSON_PAGE = ROOT / "docs" / "json.md"
BEGIN = "<!-- GENERATED from src/pairing_cli/contract.py by `python -m tests.update_readme`: do not edit -->\n"
END = "<!-- END GENERATED -->\n"


def schema_text() -> str:
    return json.dumps(output_schema(), ensure_ascii=False, indent=2) + "\n"


def _name(ref: str) -> str:
    return ref.rsplit("/", 1)[-1].removesuffix("Json")


def _type(schema: dict[str, Any]) -> str:
    """A property's type as a reader says it: `string`, `number or null`, `list of [Figure](#figure)`."""
    if "$ref" in schema:
        name = _name(schema["$ref"])
        return f"[{name}](#{name.lower()})"
    if "const" in schema:
        return f'`"{schema["const"]}"`'
    if "enum" in schema:
        return " or ".join(f'`"{v}"`' if v is not None else "`null`" for v in schema["enum"])
    if "anyOf" in schema:
        return " or ".join(_type(s) for s in schema["anyOf"])
    kind = schema.get("type")
    if kind == "array":
        return f"list of {_type(schema.get('items', {}))}"
    if kind == "object" and isinstance(schema.get("additionalProperties"), dict):
        return f"object of {_type(schema['additionalProperties'])}, by id"
    return f"`{kind}`"


def _table(name: str, definition: dict[str, Any]) -> str:
    required = set(definition.get("required", ()))
    rows = [
        f"| `{key}` | {_type(value)}{'' if key in required else ' (optional)'} | {value.get('description', '')} |"
        for key, value in definition["properties"].items()
    ]
    return "\n".join([f"### {_name(name)}", "", definition["description"], "", "| key | type | meaning |",
                      "|---|---|---|", *rows, ""])  # fmt: skip


def _referenced(schema: dict[str, Any]) -> list[str]:
    """The definitions a schema refers to, first met first."""
    text = json.dumps(schema)
    names: list[str] = []
    for part in text.split('"$ref": "#/$defs/')[1:]:
        name = part.split('"', 1)[0]
        if name not in names:
            names.append(name)
    return names


def tables() -> str:
    """The generated part of docs/json.md: which command writes which document, then every object's keys."""
    schema = output_schema()
    defs: dict[str, Any] = schema["$defs"]
    documents = [_name(s["$ref"]) for s in schema["anyOf"]]
    index = ["| document | the commands that write it, and what it holds |", "|---|---|"] + [
        f"| [{name}](#{name.lower()}) | {defs[name + 'Json']['description']} |" for name in documents
    ]
    order = [name + "Json" for name in documents]
    for name in list(order):
        order += [n for n in _referenced(defs[name]) if n not in order]
    for name in order:  # objects met inside objects
        order += [n for n in _referenced(defs[name]) if n not in order]
    return "\n".join(["## The documents", "", *index, "", "## The objects", "", *(_table(n, defs[n]) for n in order)])


def page_text(current: str) -> str:
    """docs/json.md with its generated part made anew."""
    head, rest = current.split(BEGIN, 1)
    _, tail = rest.split(END, 1)
    return head + BEGIN + "\n" + tables() + "\n" + END + tail
