"""A source, or one figure and its source, as a citation: plain text, APA 7, GB/T 7714-2015, BibTeX or CSL-JSON.

Only what the dataset records is cited: the publisher stands as the author, as APA does for an unsigned news
article (and GB/T 7714 for a work with no personal author); the address is the one to cite (the outlet's own where
known; never a copy on a spam site).
"""

from __future__ import annotations

import json
import re
from typing import Any, Literal

from ..data.models import Source
from ..data.vocabulary import Lang
from ..language.numbers import format_value
from ..results import Citation, FigureRow
from ..text import localised, web_address

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def _date_parts(date: str) -> list[int]:
    return [int(p) for p in date.split("-")]


def _figure_words(figure: FigureRow, lang: Lang) -> str:
    """What is cited of a figure: its statement, or its label and value (a derived figure adds its formula)."""
    statement = figure.statement_zh if lang == "zh" else figure.statement
    if statement:
        return statement
    label = localised(figure.label, figure.label_zh, lang)
    value = format_value(figure.value, figure.unit, derived=figure.derived, qualifier=figure.qualifier, lang=lang)
    if lang == "zh":
        return f"{label}：{value}，按 {figure.formula} 推算" if figure.derived else f"{label}：{value}"
    return f"{label}: {value}, computed as {figure.formula}" if figure.derived else f"{label}: {value}"


def _all_sources(citation: Citation, lang: Lang) -> str:
    """Each source a figure rests on as 'Publisher, date', joined."""
    names = [
        f"{localised(s.publisher, s.publisher_zh, lang)}{'，' if lang == 'zh' else ', '}{s.date}"
        for s in (citation.source, *citation.more_sources)
    ]
    return ("；" if lang == "zh" else "; ").join(names)


def text(citation: Citation, lang: Lang = "en") -> str:
    s = citation.source
    if lang == "zh":
        publisher = localised(s.publisher, s.publisher_zh, lang)
        if citation.figure is not None:
            computed = "数据来自" if citation.figure.derived else ""
            return f"{_figure_words(citation.figure, lang)}（{computed}{_all_sources(citation, lang)}）"
        kind = {"updated": "更新", "published": "发布", "inferred": "（日期系推断）"}[s.date_kind]
        site = f"，{s.site}" if s.site else ""
        return f"{publisher}：“{s.shown_title}”{site}，{s.date}{kind}。"
    if citation.figure is not None:
        computed = "from figures in " if citation.figure.derived else ""
        return f"{_figure_words(citation.figure, lang)} ({computed}{_all_sources(citation, lang)})"
    site = f", {s.site}" if s.site else ""
    return f'{s.publisher}, "{s.shown_title}"{site}, {s.date_kind} {s.date}.'


def _apa_reference(s: Source) -> str:
    """APA 7 for a news article on a website: Publisher. (Year, Month Day). Title. Site. URL"""
    parts = _date_parts(s.date)
    when = str(parts[0])
    if len(parts) > 1:
        when += f", {MONTHS[parts[1] - 1]}" + (f" {parts[2]}" if len(parts) > 2 else "")
    # APA names the site only when it differs from the author; a bare domain (chinadaily.com.cn) is no site name,
    # and the URL already says where the page is.
    named_site = s.site and s.site != s.publisher and "." not in s.site
    site = f" {s.site}." if named_site else ""
    url = f" {address}" if (address := web_address(s.cited_url)) else ""
    return f"{s.publisher}. ({when}). {_apa_title(s)}.{site}{url}"


def _apa_title(s: Source) -> str:
    """APA 7 for a work in another language: the title as printed, then its English translation in square brackets
    (not italicised, no quotation marks)."""
    if s.title and s.title_en and s.language != "en" and s.title_en != s.title:
        return f"{s.title} [{s.title_en.rstrip('.')}]"
    return s.shown_title


def apa(citation: Citation) -> str:
    """The reference; for a figure, the figure with its in-text citation (every source it rests on) first."""
    every = [citation.source, *citation.more_sources]
    references = "\n\n".join(_apa_reference(s) for s in every)
    if citation.figure is None:
        return references
    in_text = "; ".join(f"{s.publisher}, {s.date[:4]}" for s in every)
    computed = "computed from figures in " if citation.figure.derived else ""
    return f"{_figure_words(citation.figure, 'en')} ({computed}{in_text}).\n\n{references}"


# GB/T 7714-2015: a reference's parts are separated by the standard's own marks ('. ', ', ', ': ', '[ ]', '( )'),
# written as the standard prints them in Chinese and English entries alike; the document type is [EB/OL] for a page
# read online and [N] for a newspaper article cited without an address.
_GBT_UNTITLED = {"zh": "[所读副本未见标题]", "en": "[headline not shown in the copy read]"}


def gbt7714_web_page(
    author: str,
    title: str,
    published: str,
    url: str | None,
    *,
    accessed: str | None = None,
    outlet: str | None = None,
    number: int | None = None,
) -> str:
    """One GB/T 7714-2015 reference: `[N] Author. Title[EB/OL]. (published)[accessed]. URL.` for a page online,
    `[N] Author. Title[N]. Outlet, published.` for a newspaper article without an address. The access date is
    given only when known (the dataset records none; the publication date stands alone then). Exposed for
    the Chinese report's "how to cite" (the page itself, or each source)."""
    mark = f"[{number}] " if number is not None else ""
    if url:
        cited = f"[{accessed}]" if accessed else ""
        return f"{mark}{author}. {title}[EB/OL]. ({published}){cited}. {url}."
    return f"{mark}{author}. {title}[N]. {outlet or author}, {published}."


def gbt7714_reference(s: Source, number: int | None = None) -> str:
    """A source as a GB/T 7714-2015 reference, in the language of the source (a Chinese page cites its Chinese
    outlet name and headline): the outlet stands as the author."""
    zh = s.language == "zh"
    author = localised(s.publisher, s.publisher_zh, "zh" if zh else "en")
    title = s.title or _GBT_UNTITLED["zh" if zh else "en"]
    return gbt7714_web_page(author, title, s.date, web_address(s.cited_url), number=number)


def _number_range(numbers: list[int]) -> str:
    """[1], [1,2], [1-3]: the standard's in-text marks for the references a statement rests on."""
    if len(numbers) >= 3 and numbers == list(range(numbers[0], numbers[-1] + 1)):
        return f"[{numbers[0]}-{numbers[-1]}]"
    return "[" + ",".join(str(n) for n in numbers) + "]"


def gbt7714(citation: Citation, lang: Lang = "en") -> str:
    """The numbered reference list (顺序编码制); for a figure, the figure with its in-text marks first."""
    every = [citation.source, *citation.more_sources]
    references = "\n".join(gbt7714_reference(s, n) for n, s in enumerate(every, start=1))
    if citation.figure is None:
        return references
    marks = _number_range(list(range(1, len(every) + 1)))
    words = _figure_words(citation.figure, lang)
    return f"{words}{marks}{'。' if lang == 'zh' else '.'}\n\n{references}"


def reference(s: Source, style: Literal["apa", "gbt7714"], number: int | None = None) -> str:
    """One source's reference, for a page's list of sources: APA 7 (the English page) or GB/T 7714-2015 (the
    Chinese page; `number` numbers the entry)."""
    return gbt7714_reference(s, number) if style == "gbt7714" else _apa_reference(s)


_BIBTEX_SPECIAL = re.compile(r"[\\{}&%$#_~^]")
# BibTeX counts every brace, escaped or not (`\}` still closes a field), so a brace of the text is a command that
# holds none but a balanced `{}`.
_BIBTEX_ESCAPES = {
    "\\": r"\textbackslash{}",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
    "{": r"\textbraceleft{}",
    "}": r"\textbraceright{}",
}


def bibtex_escape(value: str) -> str:
    """Text safe inside a BibTeX field: no brace of the text reaches BibTeX (each is a command whose own braces are
    balanced), so no text can end the field or the entry; TeX's other special characters escaped."""
    return _BIBTEX_SPECIAL.sub(lambda m: _BIBTEX_ESCAPES.get(m.group(), "\\" + m.group()), value)


def _key(citation: Citation) -> str:
    base = citation.source.id
    return f"{base}:{citation.figure.id}" if citation.figure is not None else base


def _notes(citation: Citation) -> list[str]:
    """The note of a BibTeX or CSL-JSON entry, as sentences: each starts with a capital, joined by '. '."""
    s = citation.source
    kind = {"updated": "Updated", "published": "Published", "inferred": "Date inferred, not printed:"}[s.date_kind]
    notes = [f"{kind} {s.date}"]
    if s.note:
        notes.append(s.note.rstrip("."))
    if s.section:
        notes.append(f"Section: {s.section}")
    if s.republished_by:
        notes.append(f"Read in a copy at {s.republished_by}")
    if citation.more_sources:
        also = "; ".join(f"{o.publisher}, {o.shown_title}, {o.date}" for o in citation.more_sources)
        notes.append(f"Computed also from figures in {also}")
    figure = citation.figure
    if figure is not None:
        notes.append(f"Figure: {_figure_words(figure, 'en')}")
        if figure.quote:
            notes.append(f"Quote: \u201c{figure.quote}\u201d")
        if figure.locator:
            notes.append(f"At: {figure.locator}")
    return notes


def bibtex(citation: Citation) -> str:
    s = citation.source
    parts = _date_parts(s.date)
    fields = [
        ("author", "{" + bibtex_escape(s.publisher) + "}"),
        ("title", "{" + bibtex_escape(s.shown_title) + "}"),
        ("howpublished", bibtex_escape(s.site or s.publisher)),
        ("year", str(parts[0])),
        *([("month", MONTHS[parts[1] - 1][:3].lower())] if len(parts) > 1 else []),
        ("date", s.date),
        *(
            # biblatex and the url package read a url verbatim: TeX escapes would break it (c\_533272); only the
            # characters that could end the field or start a TeX command are percent-encoded, as in any URL.
            [("url", address.replace("\\", "%5C").replace("{", "%7B").replace("}", "%7D"))]
            if (address := web_address(s.cited_url))
            else []
        ),
        *([("language", {"en": "english", "zh": "chinese"}[s.language])] if s.language else []),
        ("note", bibtex_escape(". ".join(_notes(citation)))),
    ]
    width = max(len(name) for name, _ in fields)
    body = ",\n".join(
        f"  {name.ljust(width)} = {value}" if name == "month" else f"  {name.ljust(width)} = {{{value}}}"
        for name, value in fields
    )
    return f"@misc{{{_key(citation)},\n{body}\n}}"


def csl_data(citation: Citation) -> list[dict[str, Any]]:
    """CSL-JSON (the citation-style language's data format): a list with one item."""
    s = citation.source
    item: dict[str, Any] = {
        "id": _key(citation),
        "type": "article-newspaper",
        "title": s.shown_title,
        "author": [{"literal": s.publisher}],
        "container-title": s.publisher,
        "publisher": s.publisher,
        "issued": {"date-parts": [_date_parts(s.date)]},
        "note": ". ".join(_notes(citation)),
    }
    if s.section:
        item["section"] = s.section
    if address := web_address(s.cited_url):
        item["URL"] = address
    if s.language:
        item["language"] = s.language
    return [item]


def format_citation(citation: Citation, lang: Lang = "en", *, ascii_only: bool = False) -> str:
    """The citation in its style, ending with a newline; CSL-JSON ASCII-escaped where the output is not UTF-8."""
    if citation.style == "apa":
        body = apa(citation)
    elif citation.style == "gbt7714":
        body = gbt7714(citation, lang)
    elif citation.style == "bibtex":
        body = bibtex(citation)
    elif citation.style == "csl-json":
        body = json.dumps(csl_data(citation), ensure_ascii=ascii_only, indent=2)
    else:
        body = text(citation, lang)
    return body + "\n"
