"""Terminal safety for text: which characters may never reach a terminal raw, and their visible escapes.

Kept free of heavy imports: the error path of every command uses it.
"""

from __future__ import annotations

import re

# C0 controls but tab and newline, DEL, C1 controls, and the bidi controls (LRM, RLM, ALM, embeddings, overrides,
# isolates). The class holds the characters themselves so that pydantic-core, Python's re and JSON Schema agree.
CONTROL_CHARACTERS = "\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
CONTROL = re.compile(f"[{CONTROL_CHARACTERS}]")


def escape_controls(text: str) -> str:
    """Text made safe for a terminal: control characters and bidi controls shown as visible escapes."""
    return CONTROL.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
