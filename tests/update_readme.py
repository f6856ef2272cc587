"""Rewrite the README's examples with what `pairing` prints now; review the change as a diff before committing.

    python -m tests.update_readme

Whole transcripts and the section blocks are replaced; an excerpt (a transcript that starts with '...') is left as
it is and its test says when it no longer matches.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from .conftest import ROOT
from .test_readme import NEEDS_FILES, SECTION_COMMANDS, _output

PATH = ROOT / "README.md"


def main() -> None:
    text = PATH.read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        where = Path(tmp)

        def transcript(match: re.Match[str]) -> str:
            block = match.group(1)
            parts = re.split(r"^\$ (.*)$", block, flags=re.M)
            out = []
            for command, shown in zip(parts[1::2], parts[2::2], strict=True):
                keep = shown.strip("\n").startswith("...") or any(n in command for n in NEEDS_FILES)
                body = shown.strip("\n") if keep else _output(command, where)
                gap = "\n" if shown.endswith("\n\n") else ""  # keep the blank line between two transcripts
                out.append((f"$ {command}\n{body}" if body else f"$ {command}") + gap)
            return "```text\n" + "\n".join(out) + "\n```"

        text = re.sub(r"```text\n(\$ pairing .*?)\n```", transcript, text, flags=re.S)
        for heading, command in SECTION_COMMANDS.items():
            start = text.index("```text\n", text.index(heading)) + len("```text\n")
            end = text.index("\n```", start)
            text = text[:start] + _output(f"pairing {command}", where) + text[end:]
    PATH.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
