"""Numbers as people read them: '3.044 billion yuan', 'more than 2,000 houses'; in Chinese '30.44 亿元', '93.7 万人'.

Only tables, markdown and citations use these; JSON and CSV keep values in base units at full precision.
"""

from __future__ import annotations

from ..data.vocabulary import Lang
from .words import QUALIFIER_WORDS, UNIT_WORDS


def format_number(value: float | int, *, decimals: int | None = None) -> str:
    """Digits grouped by thousands; a stored value as stated, a derived one to `decimals` places."""
    if isinstance(value, int) or float(value).is_integer():
        return f"{int(value):,}"
    if decimals is None:
        return f"{value:,}"
    if 0 < abs(value) < 1:
        return f"{value:.4g}"
    return f"{value:,.{decimals}f}"


def _trimmed(value: float, places: int) -> str:
    return f"{value:,.{places}f}".rstrip("0").rstrip(".")


def _scaled(value: float | int, *, derived: bool) -> str | None:
    """3044000000 -> '3.044 billion', 711000000 -> '711 million'; None below a million.

    A stated value keeps up to three decimals (as the article writes them); a derived one shows two.
    """
    for size, word in ((10**9, "billion"), (10**6, "million")):
        if abs(value) >= size:
            rounded = derived and not float(value).is_integer()
            text = f"{value / size:,.2f}" if rounded else _trimmed(value / size, 3)
            return f"{text} {word}"
    return None


def _english(value: float | int, unit: str, *, derived: bool) -> str:
    if unit in ("yuan", "usd"):
        whole = float(value).is_integer()
        number = _scaled(value, derived=derived) or format_number(value, decimals=None if whole else 2)
        return f"${number}" if unit == "usd" else f"{number} yuan"
    number = format_number(value, decimals=2 if derived else None)
    return number + UNIT_WORDS["en"].get(unit, f" {unit}")


def chinese_number(value: float | int, *, derived: bool) -> tuple[str, str]:
    """A number and its Chinese magnitude: (30.44, 亿) for 3,044,000,000; (93.7, 万) for 937,000; (5700, '') for 5,700.

    亿 (10^8) from a hundred million up; 万 (10^4) for whole numbers from ten thousand that it shows exactly (to two
    places, as 93.7 万 and 1.5 万 do) and for derived amounts from a million; anything else in plain digits,
    ungrouped, as Chinese statistics write them.
    """
    whole = float(value).is_integer()
    if abs(value) >= 10**8:
        return _trimmed(value / 10**8, 2 if derived else 4).replace(",", ""), "亿"
    if abs(value) >= 10**4 and whole and int(value) % 100 == 0:
        return _trimmed(value / 10**4, 2).replace(",", ""), "万"
    if abs(value) >= 10**6 and derived:  # a computed amount (dollars at a rate): 5746.82 万
        return f"{value / 10**4:.2f}", "万"
    if whole:
        return str(int(value)), ""
    if derived:
        return (f"{value:.4g}" if 0 < abs(value) < 1 else f"{value:.2f}"), ""
    return f"{value}", ""


def _chinese(value: float | int, unit: str, *, derived: bool) -> str:
    number, magnitude = chinese_number(value, derived=derived)
    words = UNIT_WORDS["zh"].get(unit, f" {unit}")
    if magnitude:
        return f"{number}{magnitude}{words.strip()}"
    return number + words


def format_value(
    value: float | int, unit: str, *, derived: bool = False, qualifier: str = "exact", lang: Lang = "en"
) -> str:
    """A value with its qualifier and unit as a person reads it: 'more than 2,000 houses', '超过 2000 户'."""
    words = QUALIFIER_WORDS[lang].get(qualifier, f"{qualifier} ")
    body = _chinese(value, unit, derived=derived) if lang == "zh" else _english(value, unit, derived=derived)
    return words + body
