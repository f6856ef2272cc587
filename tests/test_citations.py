"""Citations a reader can use: APA 7 gives a non-English title with its English translation, and GB/T 7714-2015
(what Chinese readers cite by) is a style of its own, for every source of every program."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from pairing_cli.cli import app
from pairing_cli.data.load import load
from pairing_cli.data.programs import shipped
from pairing_cli.data.vocabulary import CITATION_STYLES
from pairing_cli.render import citations
from pairing_cli.text import web_address

from .helpers import InProcessRunner


def _cite(*args: str) -> str:
    result = InProcessRunner().invoke(app, ["cite", *args], env={"PAIRING_DATA": "", "PAIRING_LANG": ""})
    assert result.exit_code == 0, result.output
    return result.stdout


def _every_source() -> list[tuple[str, object]]:
    return [(program, s) for program, path in shipped().items() for s in load(path).sources]


SOURCES = _every_source()


def test_apa_gives_a_chinese_title_then_its_translation_in_brackets() -> None:
    out = _cite("xinhua-2012-10-23", "--style", "apa")
    assert out == (
        "Xinhua. (2012, October 23). 福建16年累计援助7亿多元帮扶宁夏发展 [Fujian has given more than 700 million "
        "yuan of aid over 16 years to help Ningxia develop]. http://news.sohu.com/20121023/n355496065.shtml\n"
    )
    english = _cite("chinadaily-2020-07-08", "--style", "apa")
    assert "[" not in english and "Pairing-up program reduces poverty in remote Ningxia." in english


@pytest.mark.parametrize(("program", "source"), SOURCES, ids=[f"{p}/{s.id}" for p, s in SOURCES])  # type: ignore[attr-defined]
def test_apa_translates_every_titled_source_in_another_language(program: str, source: object) -> None:
    from pairing_cli.data.models import Source

    assert isinstance(source, Source)
    reference = citations.reference(source, "apa")
    if source.title and source.title_en and source.language != "en":
        assert f"{source.title} [{source.title_en.rstrip('.')}]." in reference
    else:
        assert f"). {source.shown_title}." in reference and (source.title_en or "\0") not in reference


_GBT_ONLINE = re.compile(
    r"\[1\] (?P<author>[^\n]+?)\. (?P<title>[^\n]+)\[EB/OL\]\. \((?P<date>[0-9-]+)\)\. (?P<url>\S+)\."
)
_GBT_PRINT = re.compile(r"\[1\] (?P<author>[^\n]+?)\. (?P<title>[^\n]+)\[N\]\. (?P<outlet>[^\n]+), (?P<date>[0-9-]+)\.")


@pytest.mark.parametrize(("program", "source"), SOURCES, ids=[f"{p}/{s.id}" for p, s in SOURCES])  # type: ignore[attr-defined]
def test_gbt7714_cites_every_source_by_the_standard(program: str, source: object) -> None:
    from pairing_cli.data.models import Source

    assert isinstance(source, Source)
    reference = citations.reference(source, "gbt7714", number=1)
    url = web_address(source.cited_url)
    found = (_GBT_ONLINE if url else _GBT_PRINT).fullmatch(reference)
    assert found, reference
    author = (source.publisher_zh or source.publisher) if source.language == "zh" else source.publisher
    assert found["author"] == author and found["date"] == source.date
    if source.title:
        assert found["title"] == source.title
    if url:
        assert found["url"] == url
    else:  # a copy on a spam site: the outlet, headline and date, and no address at all
        assert found["outlet"] == author and "http" not in reference


def test_gbt7714_from_the_command_line() -> None:
    assert "gbt7714" in CITATION_STYLES
    out = _cite("xinhua-2012-10-23", "--style", "gbt7714")
    assert out == (
        "[1] 新华网. 福建16年累计援助7亿多元帮扶宁夏发展[EB/OL]. (2012-10-23). "
        "http://news.sohu.com/20121023/n355496065.shtml.\n"
    )


def test_gbt7714_numbers_the_sources_a_figure_rests_on() -> None:
    out = _cite("fujian_funding_added_2011_2020", "--style", "gbt7714", "--lang", "zh")
    statement, references = out.split("\n\n")
    assert statement.endswith("[1,2]。") and "22.7亿元" in statement
    lines = references.splitlines()
    assert [line[:4] for line in lines] == ["[1] ", "[2] "]
    assert lines[0].startswith("[1] China Daily. ") and lines[1].startswith("[2] 新华网. ")


def test_gbt7714_without_an_address_is_a_newspaper_article() -> None:
    result = InProcessRunner().invoke(
        app, ["--program", "jiangsu-shaanxi", "cite", "sxdaily-2022-02-16", "--style", "gbt7714"], env={}
    )
    assert result.exit_code == 0, result.output
    assert result.stdout == "[1] 陕西日报. 蘇陜協作向全方位戰略合作升級[N]. 陕西日报, 2022-02-16.\n"


def test_gbt7714_marks_and_the_page_citation() -> None:
    assert citations._number_range([1]) == "[1]"
    assert citations._number_range([1, 2]) == "[1,2]"
    assert citations._number_range([1, 2, 3]) == "[1-3]"
    page = citations.gbt7714_web_page(
        "pairing", "福建—宁夏：公开记录", "2025-01-02", "https://example.org/r.html", accessed="2025-02-03"
    )
    assert page == "pairing. 福建—宁夏：公开记录[EB/OL]. (2025-01-02)[2025-02-03]. https://example.org/r.html."


def test_a_bibtex_url_is_the_address_itself(tmp_path: Path) -> None:
    """biblatex and the url package read a url field verbatim: 'c_533272' stays 'c_533272' (a TeX escape, c\\_533272,
    would be a broken link); an address with a brace or a backslash is no web address and is not written at all."""
    import json

    from pairing_cli.cli import app

    from .conftest import DATA
    from .helpers import InProcessRunner

    document = json.loads(DATA.read_text(encoding="utf-8"))
    main = next(s for s in document["sources"] if s["id"] == document["program"]["source"])
    main["url"] = "http://example.com/a_b%20c~d#x.htm"
    main.pop("outlet_url", None)
    data = tmp_path / "d.json"
    data.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    done = InProcessRunner().invoke(app, ["--data", str(data), "cite", "--style", "bibtex"])
    assert done.exit_code == 0, done.stderr
    assert "url          = {http://example.com/a_b%20c~d#x.htm}," in done.stdout, done.stdout
