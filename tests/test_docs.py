"""The docs site covers what `pairing` is: every command has its page in docs/commands/ and in the site's navigation,
every page is reachable, the README stays short and links to pages that exist, and the JSON contract's key tables
(docs/json.md) list exactly the keys the JSON has."""

from __future__ import annotations

import functools
import json
import re
import shlex
from typing import Any

import pytest

from .conftest import ROOT
from .helpers import MockEnvironment, invoke

DOCS = ROOT / "docs"
JSON_PAGE = DOCS / "json.md"
MKDOCS = ROOT / "mkdocs.yml"
# A row of a key table: | `pairing COMMAND` | `PATH` | `key`, `key`, ... |
KEY_ROW = re.compile(r"^\| `pairing (?P<command>[^`]+)` \| `(?P<path>[^`]+)` \| (?P<keys>.*) \|$", flags=re.M)


def commands() -> list[str]:
    """The commands `pairing --help` lists, in its panels (wide enough that no name or line wraps)."""
    done = invoke("--help", env=MockEnvironment({"COLUMNS": "200"}))
    assert done.returncode == 0, done.stderr
    names = re.findall(r"^│ ([a-z][a-z-]*)  ", done.stdout, flags=re.M)
    assert len(names) == len(set(names)), names
    return names


def test_help_lists_the_commands() -> None:
    """The parser finds the commands (a change of --help's layout would otherwise leave nothing to check)."""
    found = commands()
    assert {"summary", "compare", "export", "convert-units"} <= set(found) and len(found) >= 15


@pytest.mark.parametrize("name", commands())
def test_every_command_has_its_page(name: str) -> None:
    page = DOCS / "commands" / f"{name}.md"
    assert page.is_file(), f"no docs/commands/{name}.md for `pairing {name}`"
    text = page.read_text(encoding="utf-8")
    assert text.startswith(f"# `pairing {name}`"), f"{page.name} does not start with its command as its title"
    assert f"$ pairing {name} --help" in text, f"{page.name} shows no `pairing {name} --help`"
    assert f"commands/{name}.md" in MKDOCS.read_text(encoding="utf-8"), f"{page.name} is not in mkdocs.yml's nav"


def test_no_page_for_a_command_that_is_gone() -> None:
    pages = {p.stem for p in (DOCS / "commands").glob("*.md")} - {"index"}
    assert pages <= set(commands())


def test_every_page_is_in_the_navigation() -> None:
    nav = MKDOCS.read_text(encoding="utf-8")
    missing = [str(p.relative_to(DOCS)) for p in DOCS.rglob("*.md") if str(p.relative_to(DOCS)) not in nav]
    assert not missing, f"pages not in mkdocs.yml's nav: {missing}"


def test_readme_is_short_and_its_links_exist() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert readme.count("\n") <= 200
    targets = re.findall(r"\]\(((?:docs/|[A-Z]+\.md)[^)#\s]*)", readme)
    assert len(targets) >= 5
    assert all((ROOT / t).exists() for t in targets), [t for t in targets if not (ROOT / t).exists()]


def test_license_and_changelog() -> None:
    assert "MIT License" in (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert '"MIT"' in (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert (ROOT / "CHANGELOG.md").read_text(encoding="utf-8").startswith("# Changelog")


# The JSON contract: each row of docs/json.md names a command, a path into its JSON document (`.` the document,
# `figures[]` every item of a list, `program` an object) and the keys found there.


@functools.cache
def document(command: str) -> Any:
    done = invoke(*shlex.split(command), "--json")
    assert done.returncode == 0, (command, done.stderr)
    return json.loads(done.stdout)


def _at(value: Any, path: str) -> list[dict[str, Any]]:
    """The objects at path: `a[].b` is key b of every item of list a."""
    found = [value]
    for part in [] if path == "." else path.split("."):
        name, many = part.removesuffix("[]"), part.endswith("[]")
        found = [item[name] for item in found if isinstance(item, dict) and item.get(name) is not None]
        if many:
            found = [x for item in found for x in item]
    return [item for item in found if isinstance(item, dict)]


def json_keys(command: str, path: str) -> list[str]:
    """The keys at path in the JSON of `pairing command --json`: every key any object there has, first seen first."""
    keys: dict[str, None] = {}
    for item in _at(document(command), path):
        keys.update(dict.fromkeys(item))
    return list(keys)


def key_cell(keys: list[str]) -> str:
    return ", ".join(f"`{k}`" for k in keys)


def _rows() -> list[tuple[str, str, list[str]]]:
    text = JSON_PAGE.read_text(encoding="utf-8")
    return [(m["command"], m["path"], re.findall(r"`([^`]+)`", m["keys"])) for m in KEY_ROW.finditer(text)]


def test_the_contract_covers_every_json_command() -> None:
    rows = _rows()
    assert len(rows) >= 20
    covered = {shlex.split(command)[0] for command, _, _ in rows}
    # schema prints a JSON Schema and cite --style csl-json CSL-JSON: documents of their own standards.
    assert set(commands()) - covered <= {"schema", "cite", "report", "export", "migrate"}


@pytest.mark.parametrize(("command", "path", "keys"), _rows(), ids=lambda v: v if isinstance(v, str) else None)
def test_the_contract_lists_the_real_keys(command: str, path: str, keys: list[str]) -> None:
    """A key the JSON gains or loses is a change of the contract: `python -m tests.update_readme` rewrites the row."""
    assert keys, f"docs/json.md: `pairing {command}` at `{path}` lists no key"
    assert keys == json_keys(command, path), f"docs/json.md: `pairing {command}` at `{path}`"
