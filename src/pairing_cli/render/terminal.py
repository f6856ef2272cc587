"""Sheets and charts drawn with Rich: on the terminal, or recorded and saved as SVG or HTML. Rich is imported here only.

Bars use Unicode block characters (eighths of a cell); where the output cannot encode them (an ASCII locale) they
are drawn with '#'. Text from a dataset is always rich.text.Text, never parsed as markup.
"""

from __future__ import annotations

import functools
import io
import re
from collections.abc import Callable, Iterator
from typing import IO, TYPE_CHECKING, Any, Literal, NoReturn

from ..data.vocabulary import Lang
from ..environment import current
from ..errors import OutputClosed
from ..language.numbers import format_value
from ..language.words import say
from ..results import Chart
from ..text import Note, escape_controls, localised
from .linebreak import break_offsets, has_wide, units
from .sheets import Section, Sheet

if TYPE_CHECKING:
    from rich.console import Console, RenderableType
    from rich.text import Text

BLOCKS = "▏▎▍▌▋▊▉█"  # one to eight eighths of a cell
EXPORT_WIDTH = 100


def can_draw_blocks(stream: IO[str]) -> bool:
    """Whether the stream's encoding can carry block characters (not so under PYTHONIOENCODING=ascii)."""
    from . import encodes

    return encodes(stream, BLOCKS + "─")


def bar(fraction: float, width: int, *, ascii_only: bool) -> str:
    """A bar for fraction (0..1) of width cells; anything above zero shows at least a sliver."""
    fraction = min(max(fraction, 0.0), 1.0)
    if ascii_only:
        cells = round(fraction * width)
        return "#" * cells if cells or fraction == 0 else "|"
    eighths = round(fraction * width * 8)
    if eighths == 0 and fraction > 0:
        eighths = 1
    full, part = divmod(eighths, 8)
    return "█" * full + (BLOCKS[part - 1] if part else "")


def _chart(chart: Chart, lang: Lang, width: int, ascii_only: bool) -> RenderableType:
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    labels = [escape_controls(localised(b.label, b.label_zh, lang)) for b in chart.bars]
    values = [format_value(b.value, b.unit, derived=b.derived, qualifier=b.qualifier, lang=lang) for b in chart.bars]
    label_width = min(max((Text(s).cell_len for s in labels), default=0), max(12, width // 3))
    value_width = max((len(v) for v in values), default=0)
    bar_width = max(10, min(50, width - label_width - value_width - 6))
    scale = chart.full_scale or max((float(b.value) for b in chart.bars), default=0.0)
    grid = Table.grid(padding=(0, 1))
    grid.add_column(width=label_width, overflow="fold")
    grid.add_column(width=bar_width, no_wrap=True)
    grid.add_column(justify="right", no_wrap=True)
    for label, value, b in zip(labels, values, chart.bars, strict=True):
        fraction = float(b.value) / scale if scale else 0.0
        grid.add_row(Text(label), Text(bar(fraction, bar_width, ascii_only=ascii_only), style="cyan"), Text(value))
    title = escape_controls(say(chart.title, lang))
    return Group(Text(""), Text(title, style="bold"), grid)


@functools.cache
def _chinese_text_class() -> type:
    """rich.text.Text that breaks lines where Chinese typesetting allows (render.linebreak), not only at spaces; made
    on first use, since Rich is imported only when a table is drawn."""
    from rich.cells import cell_len
    from rich.containers import Lines
    from rich.measure import Measurement
    from rich.text import Text

    class ChineseText(Text):
        def wrap(self, console: Any, width: int, **options: Any) -> Lines:
            if options.get("no_wrap") or self.no_wrap or options.get("overflow") == "ignore":
                return super().wrap(console, width, **options)
            justify = options.get("justify") or self.justify or "default"
            overflow = options.get("overflow") or self.overflow or "fold"
            lines = Lines()
            for line in self.split(allow_blank=True):
                if "\t" in line.plain:
                    line.expand_tabs(options.get("tab_size", 8))
                pieces = line.divide(break_offsets(line.plain, width, cell_len))
                for piece in pieces:
                    piece.rstrip_end(width)
                pieces.justify(console, width, justify=justify, overflow=overflow)
                for piece in pieces:
                    piece.truncate(width, overflow=overflow)
                lines.extend(pieces)
            return lines

        def __rich_measure__(self, console: Any, options: Any) -> Measurement:
            widest = max((cell_len(line) for line in self.plain.splitlines()), default=0)
            narrowest = max((cell_len(u.rstrip()) for u in units(self.plain)), default=widest)
            return Measurement(narrowest, widest)

    return ChineseText


def _text(content: str, style: str = "", *, words_whole: bool = False) -> Text:
    """A cell's text, safe for a terminal; Chinese breaks between its units, never inside a number or a word. With
    words_whole (a value: '22.43 个百分点'), it breaks only at spaces, as Rich does."""
    from rich.text import Text

    safe = escape_controls(content)
    kind = _chinese_text_class() if has_wide(safe) and not words_whole else Text
    made: Text = kind(safe, style=style)
    return made


def renderable(made: Sheet, lang: Lang, *, width: int, charts: bool, ascii_only: bool) -> RenderableType:
    """The sheet as one Rich renderable: title, table (or the title alone when empty), charts, notes."""
    from rich.console import Group

    parts: list[RenderableType] = [_table(made, width, ascii_only) if made.rows else _text(made.title, style="bold")]
    parts.extend(_after_table(made, lang, width=width, charts=charts, ascii_only=ascii_only))
    return Group(*parts)


def _after_table(made: Sheet, lang: Lang, *, width: int, charts: bool, ascii_only: bool) -> list[RenderableType]:
    parts: list[RenderableType] = []
    if charts:
        parts.extend(_chart(c, lang, width, ascii_only) for c in made.charts)
    parts.extend(_text(n, style="dim") for n in made.notes)
    return parts


def _table(made: Sheet, width: int, ascii_only: bool) -> Any:
    """The sheet's rows as a Rich table (its title above it)."""
    from rich import box
    from rich.table import Table

    title = _text(made.title, style="bold")
    table = Table(
        title=title,
        box=box.ASCII2 if ascii_only else box.SIMPLE_HEAD,
        title_justify="left",
        show_header=made.show_header,
    )
    # No min_width or ratio: with them Rich can size a table wider than the terminal and crop its last column.
    for index, header in enumerate(made.headers):
        # An id column stays on one line (to copy it whole) unless its ids would crowd out the other columns.
        longest = max((len(r[index]) for r in made.rows if isinstance(r, list) and index < len(r)), default=0)
        table.add_column(
            header,
            justify="right" if header in made.numeric else "left",
            overflow="fold",
            no_wrap=header in made.unbroken and width >= 80 and longest <= width // 3,
        )
    for row in made.rows:
        if isinstance(row, Section):
            table.add_row(_text(row.label, style="bold underline"))
        else:
            table.add_row(*(_text(c, words_whole=h in made.numeric) for h, c in zip(made.headers, row, strict=False)))
    return table


# From this many rows a table for a pipe or a file is laid out here, line by line, as Rich lays it out: Rich's own
# drawing takes half a millisecond a row (a minute for 100,000), this a few microseconds for a cell that fits.
LARGE_TABLE = 2_000


def _cells(row: list[str] | Section, columns: int) -> list[str]:
    return [row.label] + [""] * (columns - 1) if isinstance(row, Section) else row + [""] * (columns - len(row))


def _measure(text: str, words_whole: bool) -> tuple[int, int]:
    """A cell's narrowest and widest width, as Rich measures its text (Text.__rich_measure__, or ChineseText's)."""
    from rich.cells import cell_len

    safe = escape_controls(text)
    if has_wide(safe) and not words_whole:
        measured = _chinese_text_class()(safe).__rich_measure__(None, None)
        return measured.minimum, measured.maximum
    lines = safe.splitlines()
    widest = max((cell_len(line) for line in lines), default=0)
    return max((cell_len(word) for word in safe.split()), default=widest), widest


def _widest_rows(made: Sheet) -> Sheet:
    """The sheet with only the rows that decide its column widths: per column, the one of the widest narrowest
    width, of the widest width and of the most characters. Rich sizes a column by those maxima alone."""
    from dataclasses import replace

    columns = len(made.headers)
    keep: set[int] = set()
    for index, header in enumerate(made.headers):
        words_whole = header in made.numeric
        cells = [_cells(r, columns)[index] for r in made.rows]
        measured = [_measure(c, words_whole) for c in cells]
        keep.add(max(range(len(cells)), key=lambda i: measured[i][0]))
        keep.add(max(range(len(cells)), key=lambda i: measured[i][1]))
        rows = [i for i, r in enumerate(made.rows) if isinstance(r, list) and index < len(r)]
        keep.add(max(rows, key=lambda i: len(cells[i]), default=0))
    return replace(made, rows=[made.rows[i] for i in sorted(keep)])


def _large_table_lines(made: Sheet, console: Console) -> list[str]:
    """The table of a large sheet as plain lines, the very lines Rich draws for a pipe (box SIMPLE_HEAD, padding
    one cell each side): the column widths from Rich on the rows that decide them, each cell that fits on one line
    padded here, any other wrapped by Rich, as in its table."""
    from rich.cells import cell_len
    from rich.padding import Padding

    table = _table(_widest_rows(made), console.width, ascii_only=False)
    options = console.options
    extra = table._extra_width
    widths: list[int] = table._calculate_column_widths(console, options.update_width(options.max_width - extra))
    table_width = sum(widths) + extra
    options = options.update(width=table_width, height=None, highlight=False)

    def plain(renderable: Any, line_options: Any) -> list[str]:
        return ["".join(s.text for s in line) for line in console.render_lines(renderable, line_options, pad=True)]

    out = plain(_text(made.title, style="bold"), options.update(justify="left"))
    columns = table.columns

    wrapped: dict[tuple[str, int, bool], list[str]] = {}  # a cell Rich wrapped: texts repeat down a column

    def cell(text: str, index: int, header: bool) -> list[str]:
        column = columns[index]
        inner = widths[index] - 2
        right = column.justify == "right"
        safe = escape_controls(text)
        if "\t" not in safe and "\r" not in safe:  # each line that fits is padded, as Rich pads it
            drawn = []
            for line in safe.split("\n"):
                shown = line.rstrip() if right else line
                size = cell_len(shown)
                if size > inner:
                    break
                drawn.append(" " + (" " * (inner - size) + shown if right else shown + " " * (inner - size)) + " ")
            else:
                return drawn
        key = (text, index, header)
        if key not in wrapped:
            wrapped[key] = _wrapped(text, index, header)
        return list(wrapped[key])

    def _wrapped(text: str, index: int, header: bool) -> list[str]:
        column = columns[index]
        words_whole = made.headers[index] in made.numeric
        cell_options = options.update(width=widths[index], justify=column.justify, no_wrap=column.no_wrap,
                                      overflow=column.overflow, height=None)  # fmt: skip
        from rich.text import Text

        shown = Text(text) if header else _text(text, words_whole=words_whole)  # a header: a plain str to Rich
        return plain(Padding(shown, (0, 1)), cell_options)

    def row_lines(cells: list[str], header: bool = False) -> list[str]:
        drawn = [cell(c, i, header) for i, c in enumerate(cells)]
        height = max(len(d) for d in drawn)
        for i, d in enumerate(drawn):
            blank = [" " * widths[i]] * (height - len(d))
            drawn[i] = blank + d if header else d + blank  # Rich sets a header at the bottom of its row
        return [" " + " ".join(parts) + " " for parts in zip(*drawn, strict=True)]

    out.append(" " * table_width)  # the box's top edge
    if made.show_header:
        out.extend(row_lines(list(made.headers), header=True))
        out.append(" " + "─".join("─" * w for w in widths) + " ")
    columns_count = len(made.headers)
    for row in made.rows:
        out.extend(row_lines(_cells(row, columns_count)))
    out.append(" " * table_width)  # the bottom edge
    return out


def _console(out: IO[str], **kwargs: object) -> Console:
    from rich.console import Console

    console = Console(file=out, highlight=False, markup=False, emoji=False, **kwargs)  # type: ignore[arg-type]
    # Rich's own answer to a reader that left points the process's stdout at /dev/null and exits 1; here it is
    # OutputClosed, which the CLI ends with status 0 on the run's own stdout (an injected one too).
    console.on_broken_pipe = _reader_left  # type: ignore[method-assign]
    return console


def _reader_left() -> NoReturn:
    raise OutputClosed


def print_sheet(made: Sheet, out: IO[str], lang: Lang, *, charts: bool) -> None:
    """Draw the sheet on out (a terminal or a pipe) as the run's environment says: its width, whether it is a
    terminal, its variables (NO_COLOR, TERM, COLUMNS); Rich asks the stream what the environment leaves open."""
    env = current()
    console = _console(out, width=env.columns, force_terminal=env.terminal, _environ=env.environ)
    ascii_only = not can_draw_blocks(out)
    if ascii_only:  # escaped before Rich measures, so that columns still line up
        made = _escaped(made, getattr(out, "encoding", None) or "ascii")
    if len(made.rows) >= LARGE_TABLE and not console.is_terminal and not ascii_only:
        # A large table is laid out line by line, as Rich would lay it out, in time linear in its rows.
        lines = "".join(line + "\n" for line in _large_table_lines(made, console))
        out.write(without_trailing_blanks(lines))
        parts = _after_table(made, lang, width=console.width, charts=charts, ascii_only=ascii_only)
        if not parts:
            out.flush()
            return
        from rich.console import Group

        drawn: Any = Group(*parts)
    else:
        drawn = renderable(made, lang, width=console.width, charts=charts, ascii_only=ascii_only)
    # Rich pads every cell to its column's width; a file, a diff or a pipe wants no spaces at a line's end, and a
    # terminal shows none (no cell has a background).
    with console.capture() as captured:
        console.print(drawn)
    out.write(without_trailing_blanks(captured.get()))
    out.flush()


# Spaces at a line's end, among the colour codes that style them (FORCE_COLOR): a styled blank is blank too.
_TRAILING_SPACES = re.compile(r"(?:\x1b\[[0-9;]*m| )+$", re.MULTILINE)


_COLOUR_CODE = re.compile(r"\x1b\[[0-9;]*m")


def without_trailing_blanks(text: str) -> str:
    """Each line without the spaces at its end; where colour codes were among them, one reset in their place. A
    scan from each line's end, in time linear in the text (a regular expression searching for '( |code)+$' tries
    every space of a padded table again, which made a table of 20,000 rows spend seconds here)."""
    return "\n".join(_without_blank_end(line) for line in text.split("\n"))


def _without_blank_end(line: str) -> str:
    end = len(line)
    coloured = False
    while end:
        if line[end - 1] == " ":
            end -= 1
        elif (
            line[end - 1] == "m"
            and (start := line.rfind("\x1b[", 0, end)) >= 0
            and _COLOUR_CODE.fullmatch(line, start, end)
        ):
            end, coloured = start, True
        else:
            break
    if end == len(line):
        return line
    return line[:end] + ("\x1b[0m" if coloured else "")


def _shown_note(note: Note, shown: Callable[[str], str]) -> Note:
    """A note said in both languages, each as shown() writes it."""
    return Note.both(shown(say(note, "en")), shown(say(note, "zh")))


def _escaped(made: Sheet, encoding: str) -> Sheet:
    """The sheet with every character its output cannot encode written as its escape (\u2013), not lost as '?'."""
    from dataclasses import replace

    def shown(text: str) -> str:
        try:
            return text.encode(encoding, "backslashreplace").decode(encoding)
        except LookupError:
            return text.encode("ascii", "backslashreplace").decode("ascii")

    rows = [replace(r, label=shown(r.label)) if isinstance(r, Section) else [shown(c) for c in r] for r in made.rows]
    charts = [
        replace(c, title=_shown_note(c.title, shown), bars=[replace(b, label=shown(b.label)) for b in c.bars])
        for c in made.charts
    ]
    return replace(made, title=shown(made.title), headers=[shown(h) for h in made.headers], rows=rows,
                   notes=[shown(n) for n in made.notes], charts=charts)  # fmt: skip


def export(made: Sheet, lang: Lang, kind: Literal["svg", "html"], *, charts: bool) -> str:
    """The sheet as a standalone SVG image or HTML page, drawn at a fixed width whatever the terminal, and laid out
    as a terminal shows it: every character in its own cells, so that no glyph is squeezed or drawn over another
    and columns line up in any font, Chinese among Latin included."""
    console = _console(io.StringIO(), width=EXPORT_WIDTH, force_terminal=True, color_system="truecolor")
    drawn = renderable(made, lang, width=EXPORT_WIDTH, charts=charts, ascii_only=False)
    lines = console.render_lines(drawn, console.options.update(width=EXPORT_WIDTH), pad=False, new_lines=False)
    return _svg(lines, made.title, lang) if kind == "svg" else _html(lines, made.title, lang)


# Monospace fonts on the reader's own system; nothing is fetched (Rich's own templates load Fira Code from a CDN).
# A Latin monospace face first, in both languages: its letters, box lines, blocks and dashes are one cell each
# (a CJK face draws ─ █ — full width, two cells). Chinese falls back to a CJK face, whose ideographs are placed in
# their two cells one by one, never stretched to fit.
MONO_STACK = (
    "'DejaVu Sans Mono', Menlo, Consolas, 'Liberation Mono', 'Noto Sans Mono CJK SC', 'Noto Sans CJK SC', "
    "'Source Han Sans SC', 'PingFang SC', 'Microsoft YaHei', monospace"
)
FONT_SIZE = 20  # px, in the SVG
CELL_WIDTH = 12.04  # px: a cell at FONT_SIZE in DejaVu Sans Mono (0.602 em), as in Menlo; Consolas is 0.55 em
LINE_HEIGHT = 24.4  # px
PADDING = 16  # px around the text


def _runs(line: list[Any]) -> Iterator[tuple[int, bool, str, Any]]:
    """A rendered line as runs of text: (first cell, wide, text, style); a wide run holds characters two cells wide
    (ideographs, full-width punctuation), a narrow one the rest; blanks at a run's ends are left out."""
    from rich.cells import get_character_cell_size

    cell = 0
    for text, style, _ in line:
        run_start, run_wide = cell, False
        chars: list[str] = []
        for char in text:
            size = get_character_cell_size(char)
            if chars and size and (size == 2) != run_wide:
                yield from _trimmed(run_start, run_wide, "".join(chars), style)
                chars = []
            if not chars:
                run_start, run_wide = cell, size == 2
            chars.append(char)
            cell += size
        if chars:
            yield from _trimmed(run_start, run_wide, "".join(chars), style)


def _bars_apart(runs: Iterator[tuple[int, bool, str, Any]]) -> Iterator[tuple[int, bool, str, Any]]:
    """Each run of full blocks (a bar) as a run of its own."""
    from rich.cells import cell_len

    for start, wide, text, style in runs:
        cell = start
        for piece in re.split(f"({FULL_BLOCK}+)", text) if not wide else [text]:
            if piece:
                yield cell, wide, piece, style
                cell += cell_len(piece)


def _trimmed(start: int, wide: bool, text: str, style: Any) -> Iterator[tuple[int, bool, str, Any]]:
    lead = len(text) - len(text.lstrip(" "))
    body = text.strip(" ")
    if body:
        yield start + lead, wide, body, style


def _svg(lines: list[list[Any]], title: str, lang: Lang) -> str:
    """An SVG of the rendered lines: a narrow run is placed at its first cell with its length in cells (which a
    monospace face matches within a few per cent); a wide run gives each character its own place, two cells on."""
    from html import escape

    from rich.cells import get_character_cell_size
    from rich.terminal_theme import SVG_EXPORT_THEME as THEME

    classes: dict[str, str] = {}
    texts: list[str] = []
    widest = 0
    for row, line in enumerate(lines):
        y = round(row * LINE_HEIGHT + FONT_SIZE, 2)
        for start, wide, text, style in _bars_apart(_runs(line)):
            css = _svg_style(style, THEME)
            attributes = f'class="{classes.setdefault(css, f"s{len(classes)}")}" ' if css else ""
            if wide:
                xs, cell = [], start
                for char in text:
                    xs.append(f"{cell * CELL_WIDTH:g}")
                    cell += get_character_cell_size(char)
                place = f'x="{" ".join(xs)}"'
                end = cell
            else:
                end = start + sum(get_character_cell_size(c) for c in text)
                place = f'x="{start * CELL_WIDTH:g}" textLength="{(end - start) * CELL_WIDTH:g}"'
                if set(text) == {FULL_BLOCK}:  # a bar: one rectangle, without the seams between glyphs
                    texts.append(_bar_rect(start, end, row, css))
                    widest = max(widest, end)
                    continue
            widest = max(widest, end)
            texts.append(f'<text {attributes}{place} y="{y:g}">{escape(escape_controls(text))}</text>')
    width = round(max(widest, EXPORT_WIDTH) * CELL_WIDTH + 2 * PADDING)
    height = round(len(lines) * LINE_HEIGHT + 2 * PADDING)
    rules = "\n".join(f".{name} {{ {css} }}" for css, name in classes.items())
    safe_title = escape(escape_controls(title))
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" xml:lang="{lang}" xml:space="preserve" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}" role="img" aria-label="{safe_title}">\n'
        f"<title>{safe_title}</title>\n"
        f"<style>\ntext {{ font-family: {MONO_STACK}; font-size: {FONT_SIZE}px; white-space: pre; "
        f"fill: {THEME.foreground_color.hex}; }}\n{rules}\n</style>\n"
        f'<rect width="{width}" height="{height}" rx="8" fill="{THEME.background_color.hex}"/>\n'
        f'<g transform="translate({PADDING} {PADDING})">\n' + "\n".join(texts) + "\n</g>\n</svg>\n"
    )


FULL_BLOCK = BLOCKS[-1]


def _bar_rect(start: int, end: int, row: int, css: str) -> str:
    """Full blocks as one rectangle, as tall as the glyph (DejaVu Sans Mono's █ spans 1.188 em: 0.938 above the
    baseline), in the run's colour."""
    top = row * LINE_HEIGHT + FONT_SIZE - 0.938 * FONT_SIZE
    fill = next((rule.split(":")[1].strip(" ;") for rule in css.split(";") if rule.strip().startswith("fill")), "")
    paint = f' fill="{fill}"' if fill else ""
    return (
        f'<rect x="{start * CELL_WIDTH:g}" y="{top:.2f}" width="{(end - start) * CELL_WIDTH:g}" '
        f'height="{1.188 * FONT_SIZE:g}"{paint}/>'
    )


def _svg_style(style: Any, theme: Any) -> str:
    """A run's style as CSS for SVG text (as Rich's own export: dim is the colour blended toward the background)."""
    from rich.color import blend_rgb

    if style is None:
        return ""
    rules = []
    color = None if style.color is None or style.color.is_default else style.color.get_truecolor(theme)
    if style.dim:
        color = blend_rgb(color or theme.foreground_color, theme.background_color, 0.4)
    if color is not None:
        rules.append(f"fill: {color.hex};")
    if style.bold:
        rules.append("font-weight: bold;")
    if style.italic:
        rules.append("font-style: italic;")
    if style.underline:
        rules.append("text-decoration: underline;")
    return " ".join(rules)


def _html(lines: list[list[Any]], title: str, lang: Lang) -> str:
    """A standalone page of the rendered lines in a <pre>, in a Latin monospace face (one cell is 1ch) whose box
    lines, blocks and dashes are one cell, as Rich counts them; Chinese, from a CJK face, is spaced to two cells a
    character, so that the columns after it line up."""
    from html import escape

    from rich.cells import get_character_cell_size
    from rich.terminal_theme import DEFAULT_TERMINAL_THEME as THEME

    out: list[str] = []
    for line in lines:
        parts: list[str] = []
        for text, style, _ in line:
            chunk = "".join(_html_chars(escape_controls(text), get_character_cell_size))
            rule = style.get_html_style(THEME) if style is not None else ""
            parts.append(f'<span style="{rule}">{chunk}</span>' if rule else chunk)
        out.append(_TRAILING_SPACES.sub("", "".join(parts)))
    safe_title = escape(escape_controls(title))
    return (
        f'<!DOCTYPE html>\n<html lang="{"zh-Hans" if lang == "zh" else "en"}">\n<head>\n<meta charset="UTF-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{safe_title}</title>\n<style>\n"
        f"body {{ color: {THEME.foreground_color.hex}; background-color: {THEME.background_color.hex}; }}\n"
        # Every full-width mark keeps its full width (Chromium halves some by default: text-spacing-trim).
        f"pre {{ font-family: {MONO_STACK}; text-spacing-trim: space-all; }}\n"
        ".w { letter-spacing: calc(2ch - 1em); }\n"
        "</style>\n</head>\n<body>\n<pre><code>" + "\n".join(out) + "</code></pre>\n</body>\n</html>\n"
    )


def _html_chars(text: str, size_of: Any) -> Iterator[str]:
    """Text for the <pre>, escaped, each run of wide characters in a span that spaces them two cells apart (a CJK
    face draws them one em wide); the text stays whole, for a reader's search and copy."""
    from html import escape

    wide: list[str] = []
    for char in text:
        if size_of(char) == 2:
            wide.append(char)
            continue
        if wide:
            yield f'<span class="w">{escape("".join(wide))}</span>'
            wide.clear()
        yield escape(char)
    if wide:
        yield f'<span class="w">{escape("".join(wide))}</span>'
