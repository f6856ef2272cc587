"""Sheets and charts drawn with Rich: on the terminal, or recorded and saved as SVG or HTML. Rich is imported here only.

Bars use Unicode block characters (eighths of a cell); where the output cannot encode them (an ASCII locale) they
are drawn with '#'. Text from a dataset is always rich.text.Text, never parsed as markup.
"""

from __future__ import annotations

import functools
import io
from typing import IO, TYPE_CHECKING, Any, Literal, NoReturn

from ..data.vocabulary import Lang
from ..environment import current
from ..errors import OutputClosed
from ..results import Chart
from ..text import escape_controls
from .linebreak import break_offsets, has_wide, units
from .numbers import format_value
from .sheets import Section, Sheet

if TYPE_CHECKING:
    from rich.console import Console, RenderableType
    from rich.text import Text

BLOCKS = "▏▎▍▌▋▊▉█"  # one to eight eighths of a cell
EXPORT_WIDTH = 100


def can_draw_blocks(stream: IO[str]) -> bool:
    """Whether the stream's encoding can carry block characters (not so under PYTHONIOENCODING=ascii)."""
    try:
        (BLOCKS + "─").encode(getattr(stream, "encoding", None) or "ascii")
    except (UnicodeEncodeError, LookupError):
        return False
    return True


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

    labels = [escape_controls((b.label_zh or b.label) if lang == "zh" else b.label) for b in chart.bars]
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
    title = escape_controls(chart.title_zh if lang == "zh" else chart.title)
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
        out.write("".join(line + "\n" for line in _large_table_lines(made, console)))
        parts = _after_table(made, lang, width=console.width, charts=charts, ascii_only=ascii_only)
        if parts:
            from rich.console import Group

            console.print(Group(*parts))
    else:
        console.print(renderable(made, lang, width=console.width, charts=charts, ascii_only=ascii_only))
    out.flush()


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
        replace(c, title=shown(c.title), bars=[replace(b, label=shown(b.label)) for b in c.bars]) for c in made.charts
    ]
    return replace(made, title=shown(made.title), headers=[shown(h) for h in made.headers], rows=rows,
                   notes=[shown(n) for n in made.notes], charts=charts)  # fmt: skip


def export(made: Sheet, lang: Lang, kind: Literal["svg", "html"], *, charts: bool) -> str:
    """The sheet as a standalone SVG image or HTML page, drawn at a fixed width whatever the terminal."""
    console = _console(io.StringIO(), record=True, width=EXPORT_WIDTH, force_terminal=True, color_system="truecolor")
    console.print(renderable(made, lang, width=EXPORT_WIDTH, charts=charts, ascii_only=False))
    if kind == "svg":
        return console.export_svg(title=made.title, code_format=_svg_format(lang))
    return console.export_html(inline_styles=True, code_format=_html_format(made.title, lang))


# Monospace fonts on the reader's own system; nothing is fetched (Rich's own templates load Fira Code from a CDN).
# For Chinese a CJK monospace face comes first, whose Latin letters are exactly half its ideographs, so that
# columns line up; a Latin face first would give its letters another width than the ideographs' half.
MONO_STACK = "'DejaVu Sans Mono', Menlo, Consolas, 'Liberation Mono', 'Noto Sans Mono CJK SC', monospace"
MONO_STACK_ZH = "'Noto Sans Mono CJK SC', 'Sarasa Mono SC', 'Noto Sans Mono CJK JP', 'DejaVu Sans Mono', monospace"


def _svg_format(lang: Lang) -> str:
    """Rich's SVG template without its web fonts, in the page's language."""
    import re

    from rich._export_format import CONSOLE_SVG_FORMAT

    template = re.sub(r"@font-face \{\{.*?\}\}\s*", "", CONSOLE_SVG_FORMAT, flags=re.S)
    stack = MONO_STACK_ZH if lang == "zh" else MONO_STACK
    template = template.replace("font-family: Fira Code, monospace;", f"font-family: {stack};")
    return template.replace("<svg ", f'<svg xml:lang="{lang}" ', 1)


def _html_format(title: str, lang: Lang) -> str:
    """A standalone page: language, title, the system's monospace fonts."""
    from html import escape

    safe_title = escape(escape_controls(title)).replace("{", "{{").replace("}", "}}")
    return (
        f'<!DOCTYPE html>\n<html lang="{"zh-Hans" if lang == "zh" else "en"}">\n<head>\n<meta charset="UTF-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{safe_title}</title>\n<style>\n{{stylesheet}}\nbody {{{{\n    color: {{foreground}};\n"
        "    background-color: {background};\n}}\n</style>\n</head>\n<body>\n"
        f'    <pre style="font-family:{(MONO_STACK_ZH if lang == "zh" else MONO_STACK).replace(chr(39), "&#39;")}">'
        '<code style="font-family:inherit">'
        "{code}</code></pre>\n</body>\n</html>\n"
    )
