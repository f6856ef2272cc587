"""Results -> table | json | ndjson | csv | markdown, charts, SVG and HTML, citations: the only package that knows
output formats (and Rich, imported in render.terminal only when a table is drawn).

JSON keeps values in base units at full precision; rounding, "billion", 亿 and unit symbols are for people only.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO, Literal

from ..environment import current
from ..errors import OutputClosed
from ..results import Citation, SchemaDocument
from .data import Result, dumps_json, to_csv, to_json_data, to_ndjson
from .numbers import format_number, format_value
from .words import LANGS, Lang

FORMATS: tuple[str, ...] = ("table", "json", "ndjson", "csv", "markdown")
ExportKind = Literal["svg", "html"]

__all__ = [
    "FORMATS",
    "LANGS",
    "emit",
    "emit_citation",
    "export",
    "format_number",
    "format_value",
    "to_csv",
    "to_json_data",
    "to_markdown",
    "to_ndjson",
]


def to_markdown(result: Result, lang: Lang = "en") -> str:
    from .sheets import to_markdown as markdown  # the people's view is not needed for JSON: loaded when asked

    return markdown(result, lang)


def is_utf8(stream: IO[str]) -> bool:
    return (getattr(stream, "encoding", None) or "").lower().replace("-", "").replace("_", "") == "utf8"


@contextmanager
def _reader_may_leave(stream: IO[str]) -> Iterator[None]:
    """Write and flush; a reader that went away (`pairing ... | head`) becomes OutputClosed."""
    try:
        yield
        stream.flush()
    except BrokenPipeError:
        raise OutputClosed from None


def emit(result: Result, fmt: str, out: IO[str] | None = None, *, lang: Lang = "en", charts: bool = False) -> None:
    """Write the result to stdout (or out) in one of FORMATS; a reader that went away raises OutputClosed."""
    stream = out if out is not None else current().stdout
    # JSON stays plain UTF-8; where the output cannot encode it (PYTHONIOENCODING=ascii), \u escapes instead.
    ascii_only = not is_utf8(stream)
    with _reader_may_leave(stream):
        if fmt == "json" or (isinstance(result, SchemaDocument) and fmt != "ndjson"):
            stream.write(dumps_json(to_json_data(result, lang), ascii_only=ascii_only))
        elif fmt == "ndjson":
            stream.write(to_ndjson(result, lang, ascii_only=ascii_only))
        elif fmt == "csv":
            stream.write(to_csv(result, lang))
        elif fmt == "markdown":
            stream.write(to_markdown(result, lang))
        else:
            from .sheets import sheet
            from .terminal import print_sheet

            print_sheet(sheet(result, lang), stream, lang, charts=charts)


def write_text(text: str, out: IO[str] | None = None) -> None:
    """Plain text to stdout (or out); a reader that went away raises OutputClosed."""
    stream = out if out is not None else current().stdout
    with _reader_may_leave(stream):
        stream.write(text)


def emit_citation(citation: Citation, lang: Lang = "en", out: IO[str] | None = None) -> None:
    from .citations import format_citation

    stream = out if out is not None else current().stdout
    with _reader_may_leave(stream):
        stream.write(format_citation(citation, lang, ascii_only=not is_utf8(stream)))


def export(result: Result, kind: ExportKind, *, lang: Lang = "en", charts: bool = False) -> str:
    """The result's table (and charts) as a standalone SVG image or HTML page."""
    from .sheets import sheet
    from .terminal import export as draw

    return draw(sheet(result, lang), lang, kind, charts=charts)
