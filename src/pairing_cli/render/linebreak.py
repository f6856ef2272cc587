"""Where a line of mixed Chinese and Latin text may break, for tables drawn at a terminal's width.

Rich breaks lines at spaces only, so a Chinese cell, which has none, is folded wherever the width runs out: inside
a year ('201' / '2年') or before a closing bracket. Here the units that must stay whole are found first, after the
rules of Chinese typesetting (a simplified UAX #14 with the kinsoku rules of JIS X 4051 and W3C's clreq): a Latin
word or number stays whole, and keeps the one ideograph that follows it ('2012年', '93.7万'); closing punctuation
never starts a line and opening punctuation never ends one; otherwise a line may break between any two ideographs.
A unit wider than the line is folded, as Rich would.
"""

from __future__ import annotations

import re
import unicodedata

# Punctuation that may not start a line (it closes what came before) or end one (it opens what follows).
CLOSING = frozenset("，。、；：！？）】》」』〕〉”’…·%％)]}!?,.;:")
OPENING = frozenset("（【《「『〔〈“‘([{")
# A run of narrow characters that are not spaces, a run of spaces, or one other character.
_TOKEN = re.compile(r"\s+|[^\s\u1100-\uffff]+|.", re.S)


def is_wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in ("W", "F")


def has_wide(text: str) -> bool:
    """Whether the text holds a character two cells wide (an ideograph, kana, full-width punctuation)."""
    return not text.isascii() and any(is_wide(c) for c in text)  # an English cell is nearly always ASCII: no lookup


def units(text: str) -> list[str]:
    """The text cut into the pieces a line may break between; joined, they are the text again. Trailing spaces
    stay with the piece before them, as Rich keeps them with a word."""
    tokens = _TOKEN.findall(text)
    pieces: list[str] = []
    glue_next = False  # the last piece ends with opening punctuation, or a number waiting for its unit
    for token in tokens:
        if token.isspace():
            if pieces:
                pieces[-1] += token
            else:
                pieces.append(token)
            glue_next = False
            continue
        joins = bool(pieces) and not pieces[-1][-1:].isspace() and (glue_next or token[0] in CLOSING)
        if joins:
            pieces[-1] += token
        else:
            pieces.append(token)
        last = token[-1]
        # A number keeps the ideograph after it (its unit); opening punctuation keeps whatever follows.
        glue_next = last in OPENING or (last.isdigit() and not is_wide(last) and not joins_unit(pieces[-1]))
    return pieces


def joins_unit(piece: str) -> bool:
    """Whether a piece already ends with an ideograph glued to a number (so it takes no second one)."""
    return len(piece) >= 2 and is_wide(piece[-1]) and piece[-2].isdigit()


def break_offsets(text: str, width: int, cell_len: object) -> list[int]:
    """The character offsets at which to break text into lines of at most width cells (Rich's divide_line, with
    these units in place of its space-separated words). cell_len measures a string in cells."""
    measure = cell_len if callable(cell_len) else len
    offsets: list[int] = []
    used = 0
    start = 0
    for piece in units(text):
        size = measure(piece.rstrip())
        if used and used + size > width:
            offsets.append(start)
            used = 0
        if size > width:  # wider than any line: fold it, a character at a time
            for char in piece.rstrip():
                char_size = measure(char)
                if used and used + char_size > width:
                    offsets.append(start)
                    used = 0
                used += char_size
                start += 1
            start += len(piece) - len(piece.rstrip())
            used += measure(piece) - size
            continue
        used += measure(piece)
        start += len(piece)
    return offsets
