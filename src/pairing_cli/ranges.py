"""The range of true values a printed figure stands for, from its qualifier and the precision it was printed with.

'259 schools' is 258.5 to 259.5, '15,300 hectares' 15,250 to 15,350 (rounded to hundreds), 'about 5,700' 5,600 to
5,800 (one unit of its last printed digit either way), 'more than 3 billion' anything above 3 billion, 'nearly
600,000' from 500,000 up to 600,000 (one unit of its leading rounding below).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction

_PRINTED = re.compile(
    r"(?P<number>\d[\d,]*(?:\.\d+)?)\s*(?P<magnitude>billion|million|thousand|万|萬|亿|億)?", re.IGNORECASE
)


_MAGNITUDE = {"billion": 10**9, "million": 10**6, "thousand": 10**3, "万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8}


def printed_step(as_stated: str, value: float | int) -> Fraction:
    """One unit of the last digit the figure was printed with, in the value's unit.

    '3.044 billion yuan' -> 1,000,000; '15,300 hectares' -> 100 (trailing zeros are taken as rounding);
    '7.74亿元' -> 1,000,000; '259 schools' -> 1. Where nothing in as_stated matches the value, the value's digits.
    """
    for match in _PRINTED.finditer(as_stated):
        digits = match["number"].replace(",", "")
        factor = _MAGNITUDE.get((match["magnitude"] or "").lower(), 1)
        if Fraction(digits) * factor == Fraction(value) or (factor == 1 and _same(digits, value)):
            return _digit_step(digits) * factor
    return _digit_step(repr(value) if isinstance(value, float) else str(value))


def _same(digits: str, value: float | int) -> bool:
    return abs(Fraction(digits) - Fraction(value)) <= abs(Fraction(value)) / 1000


def _digit_step(digits: str) -> Fraction:
    if "." in digits:
        return Fraction(1, 10 ** len(digits.split(".", 1)[1]))
    stripped = digits.rstrip("0")
    zeros = len(digits) - len(stripped) if stripped else 0
    return Fraction(10**zeros)


@dataclass(frozen=True)
class Range:
    """The true values an observation allows: low..high, each end open or closed; None is unbounded."""

    low: Fraction | None
    high: Fraction | None
    low_open: bool = False
    high_open: bool = False


def value_range(value: Fraction, qualifier: str, step: Fraction) -> Range:
    if qualifier in ("more_than", "over"):
        return Range(value, None, low_open=True)
    if qualifier == "at_least":
        return Range(value, None)
    if qualifier == "nearly":
        return Range(value - step, value, high_open=True)
    if qualifier == "about":
        return Range(value - step, value + step)
    return Range(value - step / 2, value + step / 2)


def overlap(ranges: list[Range]) -> bool:
    """Whether one value lies in every range."""
    lows = [(r.low, r.low_open) for r in ranges if r.low is not None]
    highs = [(r.high, r.high_open) for r in ranges if r.high is not None]
    if not lows or not highs:
        return True
    low, low_open = max(lows, key=lambda x: (x[0], x[1]))
    high, high_open = min(highs, key=lambda x: (x[0], not x[1]))
    return low < high or (low == high and not low_open and not high_open)
