"""Results -> table | json | ndjson | csv | markdown, charts, SVG and HTML, citations: the only package that knows
output formats (and Rich, imported in render.terminal only when a table is drawn).

JSON keeps values in base units at full precision; rounding, "billion", 亿 and unit symbols are for people only.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import IO, Literal

from ..data.vocabulary import FORMATS, LANGS, Format, Lang
from ..documents import Result, dumps_json, to_csv, to_json_data, to_ndjson
from ..environment import current
from ..errors import EncodingError, OutputClosed, UsageError
from ..language.numbers import format_number, format_value
from ..results import Citation, SchemaDocument

ExportKind = Literal["svg", "html"]

__all__ = [
    "FORMATS",
    "LANGS",
    "emit",
    "emit_citation",
    "encodes",
    "exact_text",
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


def encodes(stream: IO[str], text: str) -> bool:
    """Whether the stream's encoding can carry text unchanged (not so for Chinese under PYTHONIOENCODING=ascii); a
    stream that names no encoding is taken as ASCII, as the environment takes it."""
    try:
        text.encode(_encoding(stream))
    except (UnicodeEncodeError, LookupError):
        return False
    return True


def _encoding(stream: IO[str]) -> str:
    return getattr(stream, "encoding", None) or "ascii"


def _held(text: str, stream: IO[str], instead: str = "--json") -> str:
    """Text a program reads byte for byte, if the stream can carry it as it is; else EncodingError, before anything
    is written: an escape (\\u4fdd) in a CSV cell, in Markdown or in BibTeX (TeX's breve accent) would change it."""
    if not encodes(stream, text):
        raise EncodingError(_encoding(stream), instead)
    return text


@contextmanager
def _reader_may_leave(stream: IO[str]) -> Iterator[None]:
    """Write and flush; a reader that went away (`pairing ... | head`) becomes OutputClosed."""
    try:
        yield
        stream.flush()
    except BrokenPipeError:
        raise OutputClosed from None


def emit(result: Result, fmt: Format, out: IO[str] | None = None, *, lang: Lang = "en", charts: bool = False) -> None:
    """Write the result to stdout (or out) in one of FORMATS; a reader that went away raises OutputClosed."""
    stream = out if out is not None else current().stdout
    if isinstance(result, SchemaDocument) and fmt not in ("json", "ndjson"):
        fmt = "json"  # the schema is a JSON document in any format
    with _reader_may_leave(stream):
        _WRITERS[fmt](result, stream, lang, charts)


def exact_text(result: Result, fmt: Format, out: IO[str] | None = None, *, lang: Lang = "en") -> str | None:
    """The text of a format a program reads byte for byte (CSV, Markdown), to be written to stdout (or out) as it
    is: EncodingError, before anything is written, if the stream's encoding cannot carry it. None for a format
    written as the stream allows (a table escapes what a terminal cannot show; JSON has escapes of its own)."""
    if fmt not in _EXACT or isinstance(result, SchemaDocument):
        return None
    return _held(_EXACT[fmt](result, lang), out if out is not None else current().stdout)


# JSON stays plain UTF-8; where the output cannot encode it (PYTHONIOENCODING=ascii), \u escapes instead.
def _json(result: Result, stream: IO[str], lang: Lang, charts: bool) -> None:
    stream.write(dumps_json(to_json_data(result, lang), ascii_only=not is_utf8(stream)))


def _ndjson(result: Result, stream: IO[str], lang: Lang, charts: bool) -> None:
    stream.write(to_ndjson(result, lang, ascii_only=not is_utf8(stream)))


def _csv(result: Result, stream: IO[str], lang: Lang, charts: bool) -> None:
    stream.write(_held(to_csv(result, lang), stream))


def _markdown(result: Result, stream: IO[str], lang: Lang, charts: bool) -> None:
    stream.write(_held(to_markdown(result, lang), stream))


def _table(result: Result, stream: IO[str], lang: Lang, charts: bool) -> None:
    from .sheets import sheet
    from .terminal import print_sheet

    print_sheet(sheet(result, lang), stream, lang, charts=charts)


# Each format's writer: one table, keyed by the vocabulary's FORMATS (a test checks that every format has one).
_WRITERS: dict[Format, Callable[[Result, IO[str], Lang, bool], None]] = {
    "table": _table,
    "json": _json,
    "ndjson": _ndjson,
    "csv": _csv,
    "markdown": _markdown,
}

# The formats whose text is written as it is or not at all (see exact_text).
_EXACT: dict[Format, Callable[[Result, Lang], str]] = {"csv": to_csv, "markdown": to_markdown}


def write_text(text: str, out: IO[str] | None = None) -> None:
    """Plain text to stdout (or out); a reader that went away raises OutputClosed."""
    stream = out if out is not None else current().stdout
    with _reader_may_leave(stream):
        stream.write(text)


def write_bytes(data: bytes, out: IO[str] | None = None) -> None:
    """A file's bytes to stdout (or out) as they would be on the disk ('--export-svg -'): through the stream's
    binary buffer, so that neither the encoding nor newline translation changes them (a page says it is UTF-8); a
    stream without one takes the text, if its encoding can carry it (else EncodingError, as for CSV). A reader that
    went away raises OutputClosed."""
    stream = out if out is not None else current().stdout
    buffer = getattr(stream, "buffer", None)
    if buffer is None:
        text = _held(data.decode("utf-8", "backslashreplace"), stream)
        with _reader_may_leave(stream):
            stream.write(text)
        return
    with _reader_may_leave(stream):
        stream.flush()
        buffer.write(data)
        buffer.flush()


def refuse_terminal(option: str, what: str) -> None:
    """Binary data is not shown on a terminal (as curl): said as a usage problem before anything is written."""
    env = current()
    shown = env.terminal if env.terminal is not None else _isatty(env.stdout)
    if shown:
        raise UsageError(option, f"will not write {what} to a terminal; redirect it ('> chart.png') or pipe it")


def _isatty(stream: IO[str]) -> bool:
    try:
        return stream.isatty()
    except (OSError, ValueError):
        return False


def emit_citation(citation: Citation, lang: Lang = "en", out: IO[str] | None = None) -> None:
    from .citations import format_citation

    stream = out if out is not None else current().stdout
    # CSL-JSON escapes what the stream cannot carry, as JSON does; the other styles are written as they are or not
    # at all.
    text = _held(format_citation(citation, lang, ascii_only=not is_utf8(stream)), stream, "--style csl-json")
    with _reader_may_leave(stream):
        stream.write(text)


def export(result: Result, kind: ExportKind, *, lang: Lang = "en", charts: bool = False) -> str:
    """The result's table (and charts) as a standalone SVG image or HTML page."""
    from .sheets import sheet
    from .terminal import export as draw

    return draw(sheet(result, lang), lang, kind, charts=charts)
