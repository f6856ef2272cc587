"""Exact unit definitions, conversions and quantity parsing, without the CLI."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pairing_cli.data.units import AREA_M2, LENGTH_M, convert, parse_quantity

AREA_UNITS = sorted(AREA_M2)
LENGTH_UNITS = sorted(LENGTH_M)
quantities = st.fractions(min_value=0, max_value=10**12, max_denominator=10**6)


def test_articles_mu_to_hectares() -> None:
    """229,000 mu is 15,266.67 hectares to two decimals, as the article states."""
    exact = convert(Fraction(229_000), "mu", "hectare")
    assert exact == Fraction(229_000, 15)
    assert round(float(exact), 2) == 15266.67


def test_articles_yuan_to_dollars() -> None:
    """At the rate 4,856 / 692.47 the article implies, 4,856 yuan is $692.47."""
    rate = Fraction(4856) / Fraction("692.47")
    assert convert(Fraction(4856), "yuan", "usd", yuan_per_usd=rate) == Fraction("692.47")
    assert round(float(rate), 2) == 7.01


def test_exact_definitions() -> None:
    """The statutory mu, the international acre and mile."""
    assert AREA_M2["mu"] == Fraction(2000, 3)
    assert convert(Fraction(1), "acre", "hectare") == Fraction("0.40468564224")
    assert convert(Fraction(1), "mile", "km") == Fraction("1.609344")
    assert convert(Fraction(15), "mu", "hectare") == 1


def test_money_needs_a_rate_and_kinds_do_not_mix() -> None:
    """Converting money without a rate, or an area to a length, is an error."""
    with pytest.raises(ValueError, match="rate"):
        convert(Fraction(1), "yuan", "usd")
    with pytest.raises(ValueError, match="cannot convert"):
        convert(Fraction(1), "mu", "km")


@given(quantities, st.sampled_from(AREA_UNITS), st.sampled_from(AREA_UNITS))
def test_area_round_trip_is_exact(value: Fraction, a: str, b: str) -> None:
    """Converting an area there and back gives the very same number."""
    assert convert(convert(value, a, b), b, a) == value


@given(quantities, quantities, st.sampled_from(LENGTH_UNITS), st.sampled_from(LENGTH_UNITS))
def test_length_conversion_is_monotonic(x: Fraction, y: Fraction, a: str, b: str) -> None:
    """A larger length stays larger in any unit."""
    if x < y:
        assert convert(x, a, b) < convert(y, a, b)


# The ways the issue lists of writing a quantity; the CLI tests feed the same ones through convert-units.
AS_PEOPLE_WRITE_THEM = [
    ("1,930,000,000", 1_930_000_000),
    ("3.044bn", 3_044_000_000),
    ("3.044 billion", 3_044_000_000),
    ("711m", 711_000_000),
    ("711 million", 711_000_000),
    ("30.44亿", 3_044_000_000),
    ("5万", 50_000),
]


@pytest.mark.parametrize(
    ("text", "expected"),
    [("229000", 229_000), *AS_PEOPLE_WRITE_THEM, ("1e3", 1000), (" 0.47 ", Fraction("0.47"))],
)
def test_parse_quantity(text: str, expected: int | Fraction) -> None:
    """Quantities as people write them parse exactly."""
    assert parse_quantity(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty"),
        ("-5", "non-negative"),
        ("nan", "finite"),
        ("inf", "finite"),
        ("1e400", "out of range"),
        ("1e19", "out of range"),
        ("abc", "expected a number"),
        ("12 parsecs", "unknown magnitude"),
        ("1,93", "expected a number"),
    ],
)
def test_parse_quantity_rejects(text: str, message: str) -> None:
    """Bad quantities are refused with a message that says why."""
    with pytest.raises(ValueError, match=message):
        parse_quantity(text)
