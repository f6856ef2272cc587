"""How wide a line of chart text is, without a font library: each printable ASCII character's advance width, in
ems, is the widest of the faces a chart may be drawn in (DejaVu Sans, Liberation Sans/Arial, Noto Sans CJK SC), so
a line measured here is never narrower than it is drawn. Ideographs and full-width punctuation are one em.

Lines are broken where Chinese typesetting allows (render.linebreak): at spaces, between ideographs, never before
closing punctuation nor inside a number with its unit.
"""

from __future__ import annotations

from ..linebreak import units

_ASCII = "".join(chr(c) for c in range(32, 127))


def _table(widths: str) -> list[float]:
    return [float(w) for w in widths.split(",")]


# Measured once (PIL ImageFont.getlength at 1000 px) over the three faces above; the largest advance is kept.
_REGULAR = _table(
    ".318,.401,.474,.838,.636,.950,.780,.278,.390,.390,.500,.838,.318,.361,.318,.392,.636,.636,.636,.636,"
    ".636,.636,.636,.636,.636,.636,.337,.337,.838,.838,.838,.556,1.015,.684,.686,.722,.770,.667,.611,"
    ".778,.752,.295,.535,.667,.557,.863,.748,.787,.667,.787,.722,.667,.611,.732,.684,.989,.685,.667,.685,"
    ".390,.392,.390,.838,.559,.606,.613,.635,.550,.635,.615,.352,.635,.634,.278,.278,.579,.284,.974,.634,"
    ".612,.635,.635,.411,.521,.392,.634,.592,.818,.592,.592,.525,.636,.337,.636,.838"
)
_BOLD = _table(
    ".348,.456,.574,.838,.696,1.002,.872,.325,.457,.457,.523,.838,.380,.415,.380,.387,.696,.696,.696,"
    ".696,.696,.696,.696,.696,.696,.696,.400,.400,.838,.838,.838,.611,1.007,.774,.762,.734,.830,.683,"
    ".683,.821,.837,.372,.568,.775,.637,.995,.837,.850,.733,.850,.770,.720,.682,.812,.774,1.103,.771,"
    ".724,.725,.457,.387,.457,.838,.567,.626,.675,.716,.593,.716,.678,.435,.716,.712,.343,.343,.665,.343,"
    "1.042,.712,.687,.716,.716,.493,.595,.478,.712,.652,.924,.645,.652,.582,.712,.365,.712,.838"
)
_WIDTHS = {False: dict(zip(_ASCII, _REGULAR, strict=True)), True: dict(zip(_ASCII, _BOLD, strict=True))}
# How tall a line's box is, in ems (Noto Sans CJK's ascent and descent, the tallest of the faces), and the step
# from one line to the next.
BOX = 1.45
LEADING = 1.5


def width(text: str, size: float, *, bold: bool = False) -> float:
    """The drawn width of text in pixels at font size `size`, never less than any of the chart's faces draws it."""
    table = _WIDTHS[bold]
    # Anything not ASCII (ideographs, full-width punctuation, dashes and '·', which a CJK face draws one em wide).
    return size * sum(table.get(c, 1.0) for c in text)


def _pieces(text: str) -> list[str]:
    """The units a line may break between, with a span of years kept whole ('2011–2024', '2012—2019年')."""
    pieces: list[str] = []
    for piece in units(text):
        if pieces and pieces[-1][-1:] in "–—-" and pieces[-1][-2:-1].isdigit() and piece[:1].isdigit():
            pieces[-1] += piece
        else:
            pieces.append(piece)
    return pieces


def _fitting(text: str, size: float, limit: float, *, bold: bool) -> int:
    """How many of text's first characters fit in limit pixels (at least one), measured once from the start: a
    piece thousands of characters long is cut in time linear in it, not by trying every shorter prefix."""
    table = _WIDTHS[bold]
    drawn = 0.0
    for i, c in enumerate(text):
        drawn += size * table.get(c, 1.0)
        if drawn > limit:
            return max(i, 1)
    return len(text)


def wrap(text: str, size: float, limit: float, *, bold: bool = False, max_lines: int | None = None) -> list[str]:
    """Lines of at most `limit` pixels; a piece wider than a line is cut. With max_lines, the last line kept ends
    with an ellipsis where text was left out."""
    lines: list[str] = []
    current = ""
    for piece in _pieces(" ".join(text.split())):
        trial = current + piece
        if current and width(trial.rstrip(), size, bold=bold) > limit:
            lines.append(current.rstrip())
            current = piece.lstrip()
        else:
            current = trial
        while width(current.rstrip(), size, bold=bold) > limit and len(current) > 1:  # one piece wider than a line
            cut = _fitting(current, size, limit, bold=bold)
            lines.append(current[:cut])
            current = current[cut:]
    if current.strip():
        lines.append(current.rstrip())
    if max_lines is not None and len(lines) > max_lines:
        kept = lines[:max_lines]
        last = kept[-1]
        while last and width(last + "…", size, bold=bold) > limit:
            last = last[:-1]
        kept[-1] = last.rstrip() + "…"
        return kept
    return lines
