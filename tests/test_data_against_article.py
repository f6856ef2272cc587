"""The shipped dataset agrees with the article, figure by figure."""

from __future__ import annotations

import re
from fractions import Fraction

import pytest

from pairing_cli.data.models import Dataset
from pairing_cli.data.units import parse_quantity

from .conftest import article_path

# Written from a reading of the article, independently of data/program.json: id -> (value, unit, qualifier).
EXPECTED = {
    "people_lifted_out_of_poverty": (937_000, "people", "exact"),
    "poverty_rate_2012": (22.9, "percent", "exact"),
    "poverty_rate_2019": (0.47, "percent", "exact"),
    "income_per_capita_2012": (4_856, "yuan", "exact"),
    "income_per_capita_2019": (10_415, "yuan", "exact"),
    "highway_paved": (385, "km", "exact"),
    "wells_dug": (15_000, "wells", "exact"),
    "terraced_fields_built": (229_000, "mu", "exact"),
    "rural_houses_renovated": (2_000, "houses", "more_than"),
    "schools_built": (259, "schools", "exact"),
    "medical_institutions_built": (349, "institutions", "exact"),
    "people_benefited_by_infrastructure": (600_000, "people", "nearly"),
    "funding_total": (3_044_000_000, "yuan", "exact"),
    "funding_provincial": (1_930_000_000, "yuan", "exact"),
    "funding_paired_localities": (711_000_000, "yuan", "exact"),
    "fujian_companies_in_ningxia": (5_700, "companies", "more_than"),
    "fujian_workers_in_ningxia": (80_000, "people", "over"),
    "consumption_aid_sales": (757_000_000, "yuan", "exact"),
    "consumption_aid_beneficiaries": (37_897, "people", "exact"),
    "program_years_stated": (24, "years", "exact"),
}

QUALIFIER_PHRASES = {"more_than": "more than", "nearly": "nearly", "over": "over"}
ARTICLE = "chinadaily-2020-07-08"


def test_every_figure_of_the_article_is_stored_and_nothing_else(shipped: Dataset) -> None:
    """The dataset holds exactly the figures read from the article, as observations of the article."""
    assert {f.id: (f.value, f.unit, f.qualifier) for f in shipped.figures if f.source == ARTICLE} == EXPECTED


def test_only_the_article_keeps_sentences(shipped: Dataset) -> None:
    """Facts carry over, sentences do not: only the article's observations, conversions and events hold quotes."""
    assert all(f.quote is None for f in shipped.figures if f.source != ARTICLE)
    assert all(c.quote is None for c in shipped.conversions if c.source != ARTICLE)
    assert all(e.quote is None for e in shipped.events if e.source != ARTICLE)


@pytest.mark.parametrize("figure_id", sorted(EXPECTED))
def test_figure_number_appears_in_its_own_quote(shipped: Dataset, figure_id: str) -> None:
    """A figure's words stand in its quote and read as its value, so no figure drifts from its sentence."""
    figure = shipped.figure(figure_id)
    assert figure.quote is not None and figure.as_stated in figure.quote
    number = re.search(r"\d[\d,]*(?:\.\d+)?(?:\s(?:million|billion))?", figure.as_stated)
    assert number is not None
    assert parse_quantity(number.group()) == Fraction(str(figure.value))
    if figure.qualifier != "exact":
        assert figure.as_stated.startswith(QUALIFIER_PHRASES[figure.qualifier])


def test_stated_conversions_stand_in_their_quotes(shipped: Dataset) -> None:
    """The article's own conversions (229,000 mu = 15266.67 ha; 4,856 yuan = $692.47) are stored as stated."""
    article = [c for c in shipped.conversions if c.source == ARTICLE]
    pairs = {(c.from_value, c.from_unit, c.to_value, c.to_unit) for c in article}
    assert pairs == {(229_000, "mu", 15266.67, "hectare"), (4_856, "yuan", 692.47, "usd")}
    for c in article:
        assert c.quote is not None and c.as_stated in c.quote


def test_e_commerce_scope_includes_gansu(shipped: Dataset) -> None:
    """The consumption-aid figures cover poor areas in Ningxia and Gansu, as the article says."""
    for figure_id in ("consumption_aid_sales", "consumption_aid_beneficiaries"):
        assert "Gansu" in shipped.figure(figure_id).scope


def test_income_years_are_marked_as_implied(shipped: Dataset) -> None:
    """The article states the poverty rates' years, not the incomes'; the data says so."""
    assert shipped.figure("poverty_rate_2012").period.stated
    for figure_id in ("income_per_capita_2012", "income_per_capita_2019"):
        assert not shipped.figure(figure_id).period.stated


def test_program_and_source(shipped: Dataset) -> None:
    """The program's partners and launch year, and the source's title, publisher and date."""
    assert shipped.program.launch_year == 1996
    assert [p.id for p in shipped.program.partners] == ["fujian", "ningxia"]
    source = shipped.sources[0]
    assert (source.title, source.date) == ("Pairing-up program reduces poverty in remote Ningxia", "2020-07-08")
    assert [i.name for i in shipped.industries] == ["potatoes", "juncao"]


def test_every_quote_is_verbatim_in_the_article(shipped: Dataset) -> None:
    """Every stored sentence appears word for word in the article (needs the shared/ folder beside the checkout).

    Whitespace is compared normalised: the article has non-breaking and doubled spaces; the data has plain ones.
    """
    path = article_path()
    if path is None:
        pytest.skip("the article is not beside this checkout; set PAIRING_ARTICLE to its path")
    article = " ".join(path.read_text(encoding="utf-8").split())
    quotes = [f.quote for f in shipped.figures] + [c.quote for c in shipped.conversions]
    quotes += [i.quote for i in shipped.industries] + [shipped.program.launch_quote]
    quotes += [e.quote for e in shipped.events]
    present = [q for q in quotes if q is not None]
    for quote in present:
        assert quote == " ".join(quote.split()), f"quote has irregular whitespace: {quote!r}"
        assert quote in article, quote
