"""One result -> table | json | csv | markdown. The only module that knows output formats (and Rich).

JSON keeps values in base units at full precision; rounding, "billion" and unit symbols are for people only.
Text from a dataset is drawn as rich.text.Text, never parsed as markup.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from dataclasses import asdict
from typing import IO, Any, Literal

from .errors import OutputClosed
from .results import ConversionReport, FigureReport, FigureRow, SchemaDocument, ValidationReport
from .text import escape_controls

Format = Literal["table", "json", "csv", "markdown"]
FORMATS: tuple[str, ...] = ("table", "json", "csv", "markdown")
Result = FigureReport | ConversionReport | ValidationReport | SchemaDocument

# How a unit reads after a number in a table.
UNIT_WORDS: dict[str, str] = {
    "percent": "%",
    "percentage_points": " percentage points",
    "km": " km",
    "mu": " mu",
    "hectare": " ha",
    "acre": " acres",
    "sq_km": " km²",
    "mile": " miles",
    "usd": " US dollars",
    "yuan_per_usd": " yuan per US dollar",
}
QUALIFIER_WORDS: dict[str, str] = {
    "exact": "",
    "more_than": "more than ",
    "nearly": "nearly ",
    "over": "over ",
    "about": "about ",
}


# ---------------------------------------------------------------------------------------------- numbers for people
def format_number(value: float | int, *, decimals: int | None = None) -> str:
    """Digits grouped by thousands; a stored value as stated, a derived one to `decimals` places."""
    if isinstance(value, int) or float(value).is_integer():
        return f"{int(value):,}"
    if decimals is None:
        return f"{value:,}"
    if 0 < abs(value) < 1:
        return f"{value:.4g}"
    return f"{value:,.{decimals}f}"


def _scaled(value: float | int, *, derived: bool) -> str | None:
    """3044000000 -> '3.044 billion', 711000000 -> '711 million'; None below a million.

    A stated value keeps up to three decimals (as the article writes them); a derived one shows two.
    """
    for size, word in ((10**9, "billion"), (10**6, "million")):
        if abs(value) >= size:
            rounded = derived and not float(value).is_integer()
            text = f"{value / size:,.2f}" if rounded else f"{value / size:,.3f}".rstrip("0").rstrip(".")
            return f"{text} {word}"
    return None


def format_value(value: float | int, unit: str, *, derived: bool = False, qualifier: str = "exact") -> str:
    """A value with its qualifier and unit as a person reads it: 'more than 2,000 houses', '3.044 billion yuan'."""
    words = QUALIFIER_WORDS.get(qualifier, f"{qualifier} ")
    decimals = 2 if derived else None
    if unit in ("yuan", "usd"):
        number = _scaled(value, derived=derived) or format_number(
            value, decimals=2 if not float(value).is_integer() else None
        )
        body = f"${number}" if unit == "usd" else f"{number} yuan"
    else:
        body = format_number(value, decimals=decimals) + UNIT_WORDS.get(unit, f" {unit}")
    return words + body


# ------------------------------------------------------------------------------------------------------- JSON
def to_json_data(result: Result) -> dict[str, Any]:
    """The JSON document of a result (the contract documented in the README)."""
    if isinstance(result, SchemaDocument):
        return result.schema
    if isinstance(result, ValidationReport):
        return {
            "command": result.command,
            "path": result.path,
            "valid": result.valid,
            "findings": [
                {"location": f.location, "rule": f.rule, "severity": f.severity, "message": f.message}
                for f in result.findings
            ],
        }
    if isinstance(result, ConversionReport):
        return {
            "command": result.command,
            "conversions": [
                {
                    "option": c.option,
                    "input": c.text,
                    "value": c.value,
                    "unit": c.unit,
                    "kind": c.kind,
                    "results": [{"unit": u, "value": v} for u, v in c.results.items()],
                }
                for c in result.conversions
            ],
            "yuan_per_usd": result.yuan_per_usd,
            "rate_basis": result.rate_basis,
            "definitions": result.definitions,
            "notes": result.notes,
        }
    return {
        "command": result.command,
        "title": result.title,
        "program": result.program.model_dump(),
        "sources": [s.model_dump() for s in result.sources],
        "figures": [_row_json(r) for r in result.figures],
        **result.meta,
        "notes": result.notes,
    }


def _row_json(row: FigureRow) -> dict[str, Any]:
    return {
        "id": row.id,
        "label": row.label,
        "value": row.value,
        "unit": row.unit,
        "qualifier": row.qualifier,
        "period": asdict(row.period),
        "scope": row.scope,
        "source": row.source,
        "derived": row.derived,
        "as_stated": row.as_stated,
        "quote": row.quote,
        "formula": row.formula,
        "inputs": row.inputs,
        **row.extra,
    }


def dumps_json(data: Any, *, ascii_only: bool = False) -> str:
    return json.dumps(data, ensure_ascii=ascii_only, indent=2, allow_nan=False) + "\n"


def _is_utf8(stream: IO[str]) -> bool:
    return (getattr(stream, "encoding", None) or "").lower().replace("-", "").replace("_", "") == "utf8"


# --------------------------------------------------------------------------------------------- flat rows
def _flat_rows(result: Result) -> tuple[list[str], list[list[Any]]]:
    """Header and rows for CSV: raw values, full precision."""
    if isinstance(result, ValidationReport):
        return ["location", "rule", "severity", "message"], [
            [f.location, f.rule, f.severity, f.message] for f in result.findings
        ]
    if isinstance(result, SchemaDocument):
        raise ValueError("the schema is JSON only")
    if isinstance(result, ConversionReport):
        header = ["option", "input", "input_value", "input_unit", "unit", "value"]
        rows = [[c.option, c.text, c.value, c.unit, u, v] for c in result.conversions for u, v in c.results.items()]
        return header, rows
    extra = [col.key for col in result.extra_columns]
    header = [
        "id",
        "label",
        "value",
        "unit",
        "qualifier",
        "period",
        "start_year",
        "end_year",
        "period_stated",
        "scope",
        "source",
        "derived",
        "formula",
        *extra,
        "quote",
    ]
    rows = [
        [
            r.id,
            r.label,
            r.value,
            r.unit,
            r.qualifier,
            r.period.label,
            r.period.start_year,
            r.period.end_year,
            r.period.stated,
            r.scope,
            r.source,
            r.derived,
            r.formula or "",
            *(r.extra.get(k) for k in extra),
            r.quote or "",
        ]
        for r in result.figures
    ]
    return header, rows


def to_csv(result: Result) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    header, rows = _flat_rows(result)
    writer.writerow(header)
    writer.writerows(
        ["" if v is None else escape_controls(v) if isinstance(v, str) else v for v in row] for row in rows
    )
    return buffer.getvalue()


# ----------------------------------------------------------------------------------------- for people
def _people_table(result: Result) -> tuple[str, list[str], list[list[str]], list[str]]:
    """Title, headers, formatted rows and notes (footnotes, source line) shared by the table and markdown."""
    if isinstance(result, SchemaDocument):
        raise ValueError("the schema is JSON only")
    if isinstance(result, ValidationReport):
        verdict = "valid" if result.valid else f"invalid: {len(result.findings)} finding(s)"
        rows = [[f.location, f.rule, f.severity, f.message] for f in result.findings]
        return f"{result.path}: {verdict}", ["Location", "Rule", "Severity", "Message"], rows, []
    if isinstance(result, ConversionReport):
        headers = ["Input", "Value"]
        rows = [
            [f"{c.option} {c.text}", format_value(v, u, derived=True)]
            for c in result.conversions
            for u, v in c.results.items()
        ]
        notes = [*result.definitions]
        if result.yuan_per_usd is not None:
            notes.append(_rate_line(result.yuan_per_usd, result.rate_basis))
        notes.extend(result.notes)
        return "Unit conversions", headers, rows, notes

    scopes = {r.scope for r in result.figures}
    one_scope = len(scopes) == 1
    headers = [
        "Figure",
        "Value",
        "Period",
        *([] if one_scope else ["Scope"]),
        *(c.header for c in result.extra_columns),
    ]
    rows = []
    footnotes: list[str] = []
    for r in result.figures:
        label = r.label
        if r.derived:
            footnotes.append(_footnote(r))
            label = f"{label} [{len(footnotes)}]"
        extras = []
        for col in result.extra_columns:
            value = r.extra.get(col.key)
            extras.append(
                "" if value is None or isinstance(value, str) else format_value(value, col.unit, derived=True)
            )
        rows.append(
            [
                label,
                format_value(r.value, r.unit, derived=r.derived, qualifier=r.qualifier),
                r.period.label,
                *([] if one_scope else [r.scope]),
                *extras,
            ]
        )
    notes = [f"[{i}] {text}" for i, text in enumerate(footnotes, 1)]
    if one_scope:
        notes.append(f"Scope: {scopes.pop()}.")
    if result.meta.get("yuan_per_usd") is not None:
        notes.append(_rate_line(result.meta["yuan_per_usd"], result.meta["rate_basis"]))
    notes.extend(result.notes)
    notes.extend(_source_line(result))
    return result.title, headers, rows, notes


def _rate_line(yuan_per_usd: float, basis: str | None) -> str:
    return f"US dollars at {yuan_per_usd:.4f} yuan per dollar, {basis}."


def _footnote(row: FigureRow) -> str:
    inputs = ", ".join(f"{k} = {v}" for k, v in (row.inputs or {}).items())
    return f"Derived: {row.formula}" + (f"; {inputs}" if inputs else "")


def _source_line(result: FigureReport) -> list[str]:
    return [
        f'Source: {s.publisher}, "{s.title}" ({s.site + ", " if s.site else ""}{s.date_kind} {s.date}).'
        for s in result.sources
    ]


def to_markdown(result: Result) -> str:
    title, headers, rows, notes = _people_table(result)

    def cell(text: str) -> str:
        return escape_controls(text).replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")

    lines = [f"## {cell(title)}", "", "| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    lines.extend("| " + " | ".join(cell(c) for c in row) + " |" for row in rows)
    if notes:
        lines.append("")
        lines.extend(f"{cell(n)}  " for n in notes)
    return "\n".join(lines) + "\n"


def print_table(result: Result, out: IO[str]) -> None:
    """Draw the result as a Rich table; Rich is imported only here."""
    from rich import box
    from rich.console import Console, Group
    from rich.table import Table
    from rich.text import Text

    title, headers, rows, notes = _people_table(result)
    console = Console(file=out, highlight=False, markup=False, emoji=False)
    table = Table(title=Text(title, style="bold"), box=box.SIMPLE_HEAD, title_justify="left")
    for i, header in enumerate(headers):
        if i == 0:
            table.add_column(header, ratio=3, min_width=18, overflow="fold")
        elif header in ("Period", "Scope", "Location", "Rule", "Severity", "Message"):
            table.add_column(header, ratio=2, min_width=10, overflow="fold")
        else:
            longest = max((len(row[i]) for row in rows), default=0)
            table.add_column(header, justify="right", min_width=min(longest, 24), overflow="fold")
    for row in rows:
        table.add_row(*(Text(escape_controls(c)) for c in row))
    if rows:
        console.print(Group(table, *(Text(n, style="dim") for n in notes)))
    else:
        console.print(Text(title, style="bold"), *(Text(n, style="dim") for n in notes))
    out.flush()


def emit(result: Result, fmt: str, out: IO[str] | None = None) -> None:
    """Write the result to stdout (or out) in one of FORMATS; a reader that went away raises OutputClosed."""
    stream = out if out is not None else sys.stdout
    try:
        if fmt == "table" and not isinstance(result, SchemaDocument):
            print_table(result, stream)
            return
        if fmt == "csv":
            text = to_csv(result)
        elif fmt == "markdown" and not isinstance(result, SchemaDocument):
            text = to_markdown(result)
        else:
            # JSON stays plain UTF-8; where stdout cannot encode it (PYTHONIOENCODING=ascii), \u escapes instead.
            text = dumps_json(to_json_data(result), ascii_only=not _is_utf8(stream))
        stream.write(text)
        stream.flush()
    except BrokenPipeError:
        raise OutputClosed from None
