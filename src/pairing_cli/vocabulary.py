"""The closed lists the whole program reads, each written once: output formats, languages, citation styles.

Each is a Literal type, which Typer offers as the option's choices and mypy checks, and the tuple of its values for
code that loops over them (render, the tests). Nothing heavy is imported: `--help` reads this module.
"""

from __future__ import annotations

from typing import Literal, get_args

Format = Literal["table", "json", "ndjson", "csv", "markdown"]
FORMATS: tuple[Format, ...] = get_args(Format)

# What `pairing schema` writes: the schema is a JSON document, so only the JSON formats.
SchemaFormat = Literal["json", "ndjson"]
SCHEMA_FORMATS: tuple[SchemaFormat, ...] = get_args(SchemaFormat)

Lang = Literal["en", "zh"]
LANGS: tuple[Lang, ...] = get_args(Lang)

CitationStyle = Literal["text", "apa", "bibtex", "csl-json"]
CITATION_STYLES: tuple[CitationStyle, ...] = get_args(CitationStyle)
