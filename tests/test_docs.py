"""The docs site covers what `pairing` is: every command has its page in docs/commands/ and in the site's navigation,
every page is reachable, and the README stays short and links to pages that exist (the JSON contract's page is
test_contract.py's)."""

from __future__ import annotations

import re

import pytest

from .conftest import ROOT
from .helpers import commands

DOCS = ROOT / "docs"
MKDOCS = ROOT / "mkdocs.yml"


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
