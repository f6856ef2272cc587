"""Derived figures: computed from the stored ones, each with its formula and inputs."""

from __future__ import annotations

import math
from collections.abc import Callable

from pairing_cli import derive
from pairing_cli.data.models import Dataset
from pairing_cli.queries import views
from pairing_cli.results import FigureReport, FigureRow


def _by_id(report: FigureReport) -> dict[str, FigureRow]:
    return {r.id: r for r in report.figures}


def test_poverty_rate_drop(shipped: Dataset) -> None:
    """22.9% -> 0.47% is a drop of 22.43 points, 97.95% of the 2012 rate."""
    rows = _by_id(views.summary(shipped))
    assert math.isclose(rows["poverty_rate_drop_points"].value, 22.43)
    assert math.isclose(rows["poverty_rate_drop_percent"].value, (22.9 - 0.47) / 22.9 * 100)
    assert rows["poverty_rate_drop_points"].inputs == {"poverty_rate_2012": 22.9, "poverty_rate_2019": 0.47}
    assert rows["poverty_rate_drop_points"].formula == "poverty_rate_2012 - poverty_rate_2019"


def test_income_growth(shipped: Dataset) -> None:
    """4,856 -> 10,415 yuan is 114.48% in total and 11.52% a year over the seven years."""
    rows = _by_id(views.summary(shipped))
    assert round(rows["income_growth_percent"].value, 2) == 114.48
    cagr = rows["income_cagr_percent"]
    assert round(cagr.value, 2) == 11.52
    assert cagr.inputs is not None and cagr.inputs["years"] == 7
    assert math.isclose(4856 * (1 + cagr.value / 100) ** 7, 10415)


def test_funding_remainder_and_shares(shipped: Dataset) -> None:
    """3.044bn - 1.93bn - 711m leaves 403m unitemised; the parts' shares add up to 100%."""
    report = views.funding(shipped, breakdown=True, rate=None)
    rows = _by_id(report)
    rest = rows["funding_total_unitemised"]
    assert rest.value == 403_000_000 and rest.derived
    parts = ["funding_provincial", "funding_paired_localities", "funding_total_unitemised"]
    shares = report.column("share_of_total")
    assert math.isclose(sum(float(shares[p] or 0) for p in parts), 100)
    assert round(float(shares["funding_provincial"] or 0), 2) == 63.40


def test_funding_in_dollars_at_the_implied_rate(shipped: Dataset) -> None:
    """Dollar equivalents use 4,856 / 692.47 yuan per dollar unless --rate says otherwise."""
    report = views.funding(shipped, breakdown=False, rate=None)
    assert math.isclose(report.meta["yuan_per_usd"], 4856 / 692.47)
    total = report.figures[0]
    assert math.isclose(float(report.column("usd_equivalent")[total.id] or 0), 3_044_000_000 * 692.47 / 4856)
    from fractions import Fraction

    other = views.funding(shipped, breakdown=False, rate=Fraction(7))
    assert math.isclose(float(other.column("usd_equivalent")[other.figures[0].id] or 0), 3_044_000_000 / 7)
    assert str(other.meta["rate_basis"]) == "given with --rate"


def test_program_span(shipped: Dataset) -> None:
    """From the 1996 launch to the 2020 article is 24 years, as the article counts them."""
    span = derive.program_span(shipped, "span", "Program span")
    assert span.value == 24 == shipped.figure("program_years_stated").value


def test_hectares_in_infrastructure(shipped: Dataset) -> None:
    """The terraced fields are shown in hectares too, derived exactly."""
    rows = _by_id(views.infrastructure(shipped))
    assert round(rows["terraced_fields_built_hectares"].value, 2) == 15266.67
    assert rows["terraced_fields_built_hectares"].formula == "terraced_fields_built * 1/15"


def test_a_narrowed_catalog_holds_the_same_rows_as_the_whole(shipped: Dataset) -> None:
    """derive.build(keep) computes only what keep wants, and gives exactly the rows of the whole catalog it keeps."""
    whole = derive.build(shipped).rows
    predicates: list[Callable[[str, str], bool]] = [
        lambda i, c: c == "funding",
        lambda i, c: i.startswith("poverty"),
        lambda i, c: i == "funding_total_unitemised_share",
        lambda i, c: i == "program_span_years",
        lambda i, c: False,
    ]
    for keep in predicates:
        narrowed = derive.build(shipped, keep).rows
        expected = [r for r in whole if keep(r.id, r.category)]
        assert [(r.id, r.value, r.derived) for r in narrowed] == [(r.id, r.value, r.derived) for r in expected]
