"""facts, show, sources, cite and timeline: every figure they reach agrees with the article and carries its sentence."""

from __future__ import annotations

import json
import re

import bibtexparser
import pytest
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON

from pairing_cli import derive
from pairing_cli.cli import app
from pairing_cli.data.models import Dataset
from pairing_cli.errors import QueryError
from pairing_cli.queries import common, figures

from .conftest import article_path
from .helpers import InProcessRunner
from .test_data_against_article import EXPECTED, QUALIFIER_PHRASES


def _ok(runner: InProcessRunner, *args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, (result.output, result.stderr)
    return result.stdout


def _article() -> str:
    path = article_path()
    if path is None:
        pytest.skip("the article is not beside this checkout; set PAIRING_ARTICLE to its path")
    return " ".join(path.read_text(encoding="utf-8").split())


# ------------------------------------------------------------------------------------------------------ facts
def test_facts_lists_every_stored_and_derived_figure(runner: InProcessRunner) -> None:
    """facts --json holds the article's 20 figures with its values, other sources' figures, and the derived ones."""
    doc = json.loads(_ok(runner, "facts", "--json"))
    article = [f for f in doc["figures"] if not f["derived"] and f["source"] == "chinadaily-2020-07-08"]
    assert {f["id"]: (f["value"], f["unit"], f["qualifier"]) for f in article} == EXPECTED
    assert all(f["measure"] for f in doc["figures"] if not f["derived"])
    assert len({f["source"] for f in doc["figures"]}) >= 8
    derived = [f for f in doc["figures"] if f["derived"]]
    assert len(derived) >= 10 and all(f["formula"] and f["inputs"] for f in derived)
    ids = [f["id"] for f in doc["figures"]]
    assert len(ids) == len(set(ids))


def test_found_figures_carry_their_sentences(runner: InProcessRunner) -> None:
    """Every stated figure that facts finds carries its quote, which stands word for word in the article."""
    doc = json.loads(_ok(runner, "facts", "--stored", "--source", "chinadaily-2020-07-08", "--json"))
    assert len(doc["figures"]) == 20
    assert all(figure["as_stated"] in figure["quote"] for figure in doc["figures"])
    article = _article()  # without the article beside the checkout, the checks above still ran
    for figure in doc["figures"]:
        assert figure["quote"] in article


def test_facts_search_is_case_insensitive_over_labels_and_quotes(runner: InProcessRunner) -> None:
    """--search matches labels and quotes in any case: 'JUNCAO' finds nothing, 'wells' finds the wells."""
    ids = [f["id"] for f in json.loads(_ok(runner, "facts", "--search", "WELLS", "--json"))["figures"]]
    # The wells sentence also states the highway, the terraced fields and the houses.
    assert {"wells_dug", "highway_paved", "terraced_fields_built", "rural_houses_renovated"} <= set(ids)
    by_quote = json.loads(_ok(runner, "facts", "--search", "livestreaming", "--json"))["figures"]
    assert {f["id"] for f in by_quote} == {"consumption_aid_sales", "consumption_aid_beneficiaries"}
    assert json.loads(_ok(runner, "facts", "--search", "no such words", "--json"))["figures"] == []


def test_facts_filters_by_category_and_kind(runner: InProcessRunner) -> None:
    """--category funding --derived gives the shares and the unitemised remainder, nothing else."""
    doc = json.loads(_ok(runner, "facts", "--category", "funding", "--derived", "--json"))
    assert {f["id"] for f in doc["figures"]} == {
        "funding_provincial_share",
        "funding_paired_localities_share",
        "funding_total_unitemised",
        "funding_total_unitemised_share",
        "fujian_funding_added_2011_2020",
    }
    shares = [f["value"] for f in doc["figures"] if f["id"].endswith("_share")]
    assert sum(shares) == pytest.approx(100)


def test_facts_ndjson_is_one_figure_a_line(runner: InProcessRunner) -> None:
    """--format ndjson: one JSON object a line, the same objects as the JSON document's figures."""
    lines = _ok(runner, "facts", "--format", "ndjson").splitlines()
    document = json.loads(_ok(runner, "facts", "--json"))
    assert [json.loads(line) for line in lines] == document["figures"]


@pytest.mark.parametrize(
    ("args", "option"),
    [
        (["facts", "--category", "nope"], "--category"),
        (["facts", "--derived", "--stored"], "--derived"),
        (["facts", "--search", "  "], "--search"),
    ],
)
def test_facts_bad_filters_are_usage_errors(runner: InProcessRunner, args: list[str], option: str) -> None:
    """An unknown category, both kinds at once, or an empty search: exit 2, naming the option."""
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert option in result.stderr and result.stdout == ""


def test_unknown_category_lists_the_known_ones(shipped: Dataset) -> None:
    """The error names every category, so the next try can succeed; it names the core's parameter, not an option."""
    with pytest.raises(QueryError, match="poverty, program") as caught:
        figures.facts(shipped, category="povrety")
    assert caught.value.parameter == "category"


# ------------------------------------------------------------------------------------------------------- show
def test_show_a_stated_area_in_every_unit(runner: InProcessRunner) -> None:
    """show terraced_fields_built: 229,000 mu in hectares (the article's 15266.67), acres and km², with its sentence."""
    doc = json.loads(_ok(runner, "show", "terraced_fields_built", "--json"))
    units = {u["unit"]: u["value"] for u in doc["in_units"]}
    assert round(units["hectare"], 2) == 15266.67
    assert units["mu"] == 229_000 and round(units["sq_km"], 4) == 152.6667
    assert doc["stated_conversions"][0]["as_stated"] == "229,000 mu (15266.67 hectares)"
    assert doc["source"]["date"] == "2020-07-08"
    assert doc["figure"]["quote"] in _article()


def test_show_a_qualified_figure_says_so_in_words(runner: InProcessRunner) -> None:
    """The table of a 'more than' figure says what the qualifier means and quotes the sentence."""
    out = _ok(runner, "show", "rural_houses_renovated")
    assert "more than 2,000 houses" in out
    assert "the true number is higher" in out
    assert "renovated more than 2,000 dilapidated rural houses" in " ".join(out.split())


def test_show_a_derived_figure_lists_its_inputs_by_id(runner: InProcessRunner) -> None:
    """A derived figure shows its formula and its inputs in full, each with its own id."""
    doc = json.loads(_ok(runner, "show", "income_cagr_percent", "--json"))
    assert doc["figure"]["derived"] and "income_per_capita_2012" in doc["figure"]["formula"]
    assert [i["id"] for i in doc["inputs"]] == ["income_per_capita_2012", "income_per_capita_2019"]
    assert [i["value"] for i in doc["inputs"]] == [4856, 10415]


def test_show_money_in_dollars_at_the_implied_rate(runner: InProcessRunner) -> None:
    """4,856 yuan at the rate the article implies is the article's $692.47."""
    doc = json.loads(_ok(runner, "show", "income_per_capita_2012", "--json"))
    assert round({u["unit"]: u["value"] for u in doc["in_units"]}["usd"], 2) == 692.47


def test_show_unknown_id_suggests_the_closest(runner: InProcessRunner) -> None:
    """A mistyped id is a usage error (2) that names the closest ids."""
    result = runner.invoke(app, ["show", "poverty_rate_201"])
    assert result.exit_code == 2 and result.stdout == ""
    assert "no figure or measure 'poverty_rate_201'" in result.stderr
    assert "poverty_rate_2012" in result.stderr and "poverty_rate_2019" in result.stderr


def test_closest_ids_also_finds_ids_that_contain_the_word(shipped: Dataset) -> None:
    ids = derive.build(shipped).ids
    assert "wells_dug" in common.closest_ids("wells", ids)
    assert common.closest_ids("zzzz", ids) == []


# ----------------------------------------------------------------------------------------------- sources, cite
def test_sources_lists_the_article(runner: InProcessRunner) -> None:
    doc = json.loads(_ok(runner, "sources", "--json"))
    counts = [(s["publisher"], s["date"], s["figures"]) for s in doc["sources"]]
    assert counts[0] == ("China Daily", "2020-07-08", 20)
    assert sum(c for *_, c in counts) == len(json.loads(_ok(runner, "facts", "--stored", "--json"))["figures"])
    assert all(c > 0 for *_, c in counts)


def test_cite_a_figure_as_text(runner: InProcessRunner) -> None:
    """The issue's own example, word for word."""
    out = _ok(runner, "cite", "rural_houses_renovated")
    assert out == "more than 2,000 dilapidated rural houses renovated (China Daily, 2020-07-08)\n"


@pytest.mark.parametrize("figure_id", sorted(EXPECTED))
def test_every_figure_citation_keeps_the_figure_as_stated(
    runner: InProcessRunner, shipped: Dataset, figure_id: str
) -> None:
    """Each figure's citation repeats its number and qualifier as the article words them, then the source."""
    out = _ok(runner, "cite", figure_id)
    figure = shipped.figure(figure_id)
    number = re.search(r"\d[\d,]*(?:\.\d+)?", figure.as_stated)
    assert number is not None and number.group() in out
    if figure.qualifier != "exact":
        assert QUALIFIER_PHRASES[figure.qualifier] in out
    assert out.endswith("(China Daily, 2020-07-08)\n")


def test_cite_apa(runner: InProcessRunner) -> None:
    """APA 7 for an unsigned news article: publisher as author, (Year, Month Day), title, site."""
    out = _ok(runner, "cite", "--style", "apa")
    assert out == (
        "China Daily. (2020, July 8). Pairing-up program reduces poverty in remote Ningxia."
        " http://fujian.chinadaily.com.cn/2020-07/08/c_533272.htm\n"
    )


@pytest.mark.parametrize("figure_id", [None, "funding_total", "income_per_capita_2012", "poverty_rate_drop_points"])
def test_bibtex_parses(runner: InProcessRunner, figure_id: str | None) -> None:
    """A BibTeX parser reads the entry whole; '$' in the quote is escaped; the figure is in the note."""
    out = _ok(runner, "cite", *([figure_id] if figure_id else []), "--style", "bibtex")
    library = bibtexparser.parse_string(out)
    assert library.failed_blocks == [] and len(library.entries) == 1
    entry = library.entries[0]
    assert entry.entry_type == "misc"
    assert entry.fields_dict["year"].value == "2020"
    assert entry.fields_dict["title"].value == "{Pairing-up program reduces poverty in remote Ningxia}"
    if figure_id == "income_per_capita_2012":
        assert r"4,856 yuan (\$692.47)" in entry.fields_dict["note"].value
    if figure_id is not None:
        assert entry.key.endswith(f":{figure_id}")


@pytest.mark.filterwarnings("ignore")  # citeproc-py warns about CSL features the bundled style does not use
@pytest.mark.parametrize("figure_id", [None, "rural_houses_renovated"])
def test_csl_json_is_read_by_a_csl_processor(runner: InProcessRunner, figure_id: str | None) -> None:
    """citeproc-py takes the CSL-JSON and formats a citation and a bibliography entry from it."""
    data = json.loads(_ok(runner, "cite", *([figure_id] if figure_id else []), "--style", "csl-json"))
    assert isinstance(data, list) and data[0]["type"] == "article-newspaper"
    assert data[0]["issued"] == {"date-parts": [[2020, 7, 8]]}
    style = CitationStylesStyle("harvard-cite-them-right", validate=False)
    bibliography = CitationStylesBibliography(style, CiteProcJSON(data), formatter.plain)
    citation = Citation([CitationItem(data[0]["id"])])
    bibliography.register(citation)
    assert bibliography.cite(citation, lambda item: None) == "(China Daily, 2020)"
    entry = str(bibliography.bibliography()[0])
    assert "Pairing-up program reduces poverty in remote Ningxia" in entry and "8 July" in entry


def test_cite_unknown_figure_is_a_usage_error(runner: InProcessRunner) -> None:
    result = runner.invoke(app, ["cite", "funding"])
    assert result.exit_code == 2 and "funding_total" in result.stderr


# ------------------------------------------------------------------------------------------------------ timeline
def test_timeline_events_in_order_with_their_figures(runner: InProcessRunner) -> None:
    """1996 launch, late-2012 baseline, 2019, the COVID-19 programs (year implied), publication on 2020-07-08."""
    doc = json.loads(_ok(runner, "timeline", "--json"))
    events = [e for e in doc["events"] if e["source"] == "chinadaily-2020-07-08"]
    assert [e["id"] for e in events] == [
        "launch",
        "baseline_2012",
        "figures_2019",
        "covid_consumption_aid",
        "publication",
    ]
    assert [e["year"] for e in events] == [1996, 2012, 2019, 2020, 2020]
    assert (events[-1]["month"], events[-1]["day"]) == (7, 8)
    assert not events[3]["stated"]  # the article gives no year for 'since the COVID-19 epidemic began'
    figures = {e["id"]: {f["id"]: f["value"] for f in e["figures"]} for e in events}
    assert figures["baseline_2012"]["poverty_rate_2012"] == 22.9
    assert figures["figures_2019"] == {"poverty_rate_2019": 0.47, "income_per_capita_2019": 10415}
    assert figures["covid_consumption_aid"] == {
        "consumption_aid_sales": 757_000_000,
        "consumption_aid_beneficiaries": 37_897,
    }


def test_timeline_quotes_are_in_the_article(shipped: Dataset) -> None:
    article = _article()
    for event in shipped.events:
        if event.source == "chinadaily-2020-07-08":
            assert event.quote is not None and event.quote in article, event.id
        else:  # other sources' sentences are not kept
            assert event.quote is None and event.locator, event.id


def test_timeline_table_marks_an_implied_date(runner: InProcessRunner) -> None:
    out = _ok(runner, "timeline")
    assert "(date implied, not stated)" in out and "1996" in out and "2020-07-08" in out


@pytest.mark.parametrize("figure_id", sorted(EXPECTED))
def test_show_of_every_stated_figure_agrees_with_the_article(runner: InProcessRunner, figure_id: str) -> None:
    """show ID gives the article's value, unit and qualifier, and a sentence that stands in the article."""
    doc = json.loads(_ok(runner, "show", figure_id, "--json"))
    figure = doc["figure"]
    assert (figure["value"], figure["unit"], figure["qualifier"]) == EXPECTED[figure_id]
    assert figure["quote"] in _article()
