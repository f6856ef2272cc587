"""Text for people: which characters may never reach a terminal raw (and their visible escapes), and the notes a
result carries, to be said in either language.

Kept free of heavy imports: the error path of every command uses it.
"""

from __future__ import annotations

import re
from typing import overload

# C0 controls but tab and newline, DEL, C1 controls, the line and paragraph separators (a line break to some
# programs, not to others), and the bidi controls (LRM, RLM, ALM, embeddings, overrides, isolates). The class
# holds the characters themselves so that pydantic-core, Python's re and JSON Schema agree.
CONTROL_CHARACTERS = "\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069"
CONTROL = re.compile(f"[{CONTROL_CHARACTERS}]")


def escape_controls(text: str) -> str:
    """Text made safe for a terminal: control characters and bidi controls shown as visible escapes."""
    return CONTROL.sub(_escape, text)


# A spreadsheet runs a cell that starts with one of these as a formula (OWASP's list for CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Text that starts like a formula, after any quotes that were put before it.
_FORMULA = re.compile("'*[" + re.escape("".join(FORMULA_STARTS)) + "]")


def neutralise_formula(text: str) -> str:
    """Text for a cell a spreadsheet may open: a leading formula character gets a quote before it, as OWASP advises
    (`=SUM(A1)` is written `'=SUM(A1)`). Text that already starts with quotes before one gets one more, so that
    restore_formula gives back exactly what was written (a data package reads back unchanged)."""
    return "'" + text if _FORMULA.match(text) else text


def restore_formula(text: str) -> str:
    """The text neutralise_formula was given."""
    return text[1:] if text.startswith("'") and _FORMULA.match(text, 1) else text


# An address that may be written as one: http or https, a host, no space or control character anywhere.
_WEB_ADDRESS = re.compile(r"https?://[^\s/?#\\]+[^\s\\]*", re.IGNORECASE)


def web_address(url: str | None) -> str | None:
    """The address if it is http(s), else None: every writer (JSON, CSV, citations, the page, the data package,
    Datasette's metadata) writes an address through this, so that `javascript:` never becomes a link anywhere."""
    if url and _WEB_ADDRESS.fullmatch(url) and not CONTROL.search(url):
        return url
    return None


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


class Note:
    """A sentence for people under a result: an English template of the phrasebook and its values (text, or a
    Note to be said in the same language), so that render says it in English or Chinese; or, for text made of the
    data's own words, the text in both languages (`Note.both`). str() is the English."""

    __slots__ = ("template", "values", "zh")

    def __init__(self, template: str, **values: str | Note) -> None:
        self.template = template
        self.values = values
        self.zh: str | None = None

    @classmethod
    def both(cls, en: str, zh: str) -> Note:
        """Text already said in both languages (no template: it is shown as it is)."""
        note = cls(en)
        note.zh = zh
        return note

    def __str__(self) -> str:
        if not self.values:
            return self.template
        return self.template.format(**{k: str(v) for k, v in self.values.items()})


@overload
def localised(text: str, text_zh: str | None, lang: str) -> str: ...
@overload
def localised(text: str | None, text_zh: str | None, lang: str) -> str | None: ...
def localised(text: str | None, text_zh: str | None, lang: str) -> str | None:
    """A data text in the language asked for: its Chinese version where lang is zh and it has one, else the text
    itself (a dataset's label / label_zh, name / name_zh, ...). The one place this choice is made."""
    return (text_zh or text) if lang == "zh" else text
