"""Rewrite the examples of README.md and of every page of docs/ with what `pairing` prints now, and the JSON
contract's pages (docs/json.md's key tables, docs/output.schema.json) from pairing_cli.contract; review the change as
a diff before committing.

    python -m tests.update_readme

Whole transcripts are replaced; an excerpt (what is shown after a command starts with '...') is left as it is, and
its test says when it no longer matches. A page
is written only when it changes, and then atomically (a temporary file beside it, moved into place).
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

from .conftest import ROOT
from .contract_docs import JSON_PAGE, SCHEMA_FILE, page_text, schema_text
from .test_readme import BLOCK, EXCERPT, output, pages, prepare, steps


def _write(path: Path, text: str) -> None:
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=path.parent, delete=False, suffix=".tmp") as f:
        f.write(text)
    os.replace(f.name, path)


def rewritten(text: str) -> str:
    def block(match: re.Match[str]) -> str:
        out = []
        with tempfile.TemporaryDirectory() as tmp:
            prepare(Path(tmp))
            for step in steps(match.group(1)):
                body = step.shown if step.shown.startswith(EXCERPT) else output(step.command, Path(tmp))
                out.append((f"$ {step.command}\n{body}" if body else f"$ {step.command}") + ("\n" if step.gap else ""))
        return "```text\n" + "\n".join(out) + "\n```"

    return BLOCK.sub(block, text)


def main() -> None:
    for page in pages():
        text = page.read_text(encoding="utf-8")
        new = rewritten(text)
        if page == JSON_PAGE:
            new = page_text(new)
        if new != text:
            _write(page, new)
            print(f"rewrote {page.relative_to(ROOT)}")
    if not SCHEMA_FILE.exists() or SCHEMA_FILE.read_text(encoding="utf-8") != schema_text():
        _write(SCHEMA_FILE, schema_text())
        print(f"rewrote {SCHEMA_FILE.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
