"""Exact unit definitions, conversions and the parsing of quantities as people write them.

Every factor is an exact rational number (the statutory mu of 10,000/15 m², the international acre and mile), so
a conversion is exact until it is turned into a float for output.
"""

from __future__ import annotations

import math
import re
from fractions import Fraction
from typing import Literal

ConvertibleUnit = Literal["mu", "hectare", "acre", "sq_km", "km", "mile", "yuan", "usd"]


Kind = Literal["area", "length", "money"]


# Square metres in one unit of area.
AREA_M2: dict[str, Fraction] = {
    "mu": Fraction(10_000, 15),
    "hectare": Fraction(10_000),
    "acre": Fraction("4046.8564224"),
    "sq_km": Fraction(1_000_000),
}


# Metres in one unit of length.
LENGTH_M: dict[str, Fraction] = {
    "km": Fraction(1_000),
    "mile": Fraction("1609.344"),
}


MONEY: tuple[str, ...] = ("yuan", "usd")


UNIT_KIND: dict[str, Kind] = {
    **dict.fromkeys(AREA_M2, "area"),
    **dict.fromkeys(LENGTH_M, "length"),
    **dict.fromkeys(MONEY, "money"),
}


# Every unit with a definition here; any other unit of a figure is a count noun its dataset declares.
MEASURED_UNITS: frozenset[str] = frozenset({*UNIT_KIND, "percent"})


UNIT_NAMES: dict[str, str] = {
    "mu": "mu",
    "hectare": "hectares",
    "acre": "acres",
    "sq_km": "square kilometres",
    "km": "kilometres",
    "mile": "miles",
    "yuan": "yuan",
    "usd": "US dollars",
}


DEFINITIONS: dict[str, str] = {
    "mu": "1 mu = 10,000/15 m² (statutory)",
    "hectare": "1 ha = 10,000 m²",
    "acre": "1 acre = 4,046.8564224 m² (international)",
    "sq_km": "1 km² = 1,000,000 m²",
    "km": "1 km = 1,000 m",
    "mile": "1 mile = 1.609344 km (international)",
}


def units_of_kind(kind: Kind) -> tuple[str, ...]:
    """The units of one kind, in display order."""
    return tuple(u for u, k in UNIT_KIND.items() if k == kind)


def convert(value: Fraction, from_unit: str, to_unit: str, *, yuan_per_usd: Fraction | None = None) -> Fraction:
    """Convert exactly between two units of the same kind; money needs the yuan-per-dollar rate."""
    kind = UNIT_KIND[from_unit]
    if UNIT_KIND[to_unit] != kind:
        raise ValueError(f"cannot convert {from_unit} to {to_unit}")
    if kind == "area":
        return value * AREA_M2[from_unit] / AREA_M2[to_unit]
    if kind == "length":
        return value * LENGTH_M[from_unit] / LENGTH_M[to_unit]
    if from_unit == to_unit:
        return value
    if yuan_per_usd is None or yuan_per_usd <= 0:
        raise ValueError("converting money needs a positive yuan-per-dollar rate")
    return value / yuan_per_usd if from_unit == "yuan" else value * yuan_per_usd


# Magnitude words and suffixes people write after a number: 3.044bn, 711 million, 30.44亿, 5万.
MAGNITUDES: dict[str, int] = {
    "k": 10**3,
    "thousand": 10**3,
    "m": 10**6,
    "mn": 10**6,
    "million": 10**6,
    "b": 10**9,
    "bn": 10**9,
    "billion": 10**9,
    "万": 10**4,
    "亿": 10**8,
}


_QUANTITY = re.compile(
    r"""^\s*
    (?P<number>(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+)
    (?:[eE](?P<exp>[+-]?\d{1,4}))?
    \s*(?P<magnitude>[a-zA-Z]+|万|亿)?\s*$""",
    re.VERBOSE,
)


# Quantities beyond this are not figures anyone states; it also keeps floats finite.
MAX_QUANTITY = Fraction(10**18)


# The longest text a quantity is written with ('1,000,000,000,000,000,000.000000 yuan' and the like).
MAX_QUANTITY_TEXT = 64


def parse_quantity(text: str) -> Fraction:
    """Parse a non-negative quantity such as '229000', '1,930,000,000', '3.044bn', '711 million', '30.44亿'.

    Raises ValueError with a message fit for a user on anything else: empty, negative, nan, inf, text, too large.
    """
    stripped = text.strip()
    if not stripped:
        raise ValueError("expected a number, got an empty value")
    if len(stripped) > MAX_QUANTITY_TEXT:  # no quantity up to 1e18 needs more; and Python refuses 4,300 digits
        raise ValueError(f"'{stripped[:24]}…' is too long to be a quantity ({len(stripped):,} characters)")
    match = _QUANTITY.match(stripped)
    if match is None:
        if stripped.startswith("-"):
            raise ValueError(f"expected a non-negative number, got '{text}'")
        lowered = stripped.lower().lstrip("+")
        if lowered in {"nan", "inf", "infinity"}:
            raise ValueError(f"expected a finite number, got '{text}'")
        raise ValueError(f"expected a number such as 229000, 1,930,000,000 or 3.044bn, got '{text}'")
    value = Fraction(match["number"].replace(",", ""))
    if match["exp"]:
        exponent = int(match["exp"])
        if abs(exponent) > 30:
            raise ValueError(f"'{text}' is out of range")
        value *= Fraction(10) ** exponent
    if magnitude := match["magnitude"]:
        factor = MAGNITUDES.get(magnitude.lower())
        if factor is None:
            raise ValueError(f"unknown magnitude '{magnitude}' in '{text}' (use k, m, bn, million, billion, 万 or 亿)")
        value *= factor
    if value > MAX_QUANTITY:
        raise ValueError(f"'{text}' is out of range (at most 1e18)")
    return value


def to_float(value: Fraction) -> float:
    """The nearest float, for output; ValueError when it would not be finite (a ratio of extreme inputs)."""
    try:
        result = float(value)
    except OverflowError:
        raise ValueError("the result is too large to show") from None
    if not math.isfinite(result):
        raise ValueError("the result is too large to show")
    return result
