"""Numbers on charts, rounded for reading: '3.044 billion yuan', 'more than 60,000 people', '30.44亿元', '超过6万人'.
An axis is drawn in one scale (billion yuan, 万人) and its ticks are plain numbers in it. JSON keeps full precision;
nothing here goes back into data."""

from __future__ import annotations

import math
from dataclasses import dataclass

from ...data.vocabulary import Lang
from ...language.words import QUALIFIER_WORDS, UNIT_NAMES_ZH, UNIT_WORDS, phrase

LOWER = frozenset({"more_than", "over", "at_least"})
UPPER = frozenset({"less_than"})
APPROX = frozenset({"about", "nearly"})


def mark_class(qualifier: str, *, derived: bool = False, uncertain: bool = False) -> str:
    """How a figure is drawn: exact, approx (about, nearly), lower or upper (a bound), uncertain (year). A figure
    computed exactly (a share) is drawn as exact; one computed from an approximate figure carries 'about'."""
    del derived
    if uncertain:
        return "uncertain"
    if qualifier in LOWER:
        return "lower"
    if qualifier in UPPER:
        return "upper"
    if qualifier in APPROX:
        return "approx"
    return "exact"


def digits(value: float, lang: Lang) -> str:
    """A number rounded for reading: whole from 1,000 up, else four significant digits, trailing zeros dropped.
    English groups thousands; Chinese statistics write digits ungrouped."""
    if not math.isfinite(value):
        return "–"
    if abs(value) >= 1000 or float(value).is_integer():
        whole = round(value)
        return f"{whole:,}" if lang == "en" else str(whole)
    # From one: four significant digits; below: three places, or two significant digits where three show nothing.
    text = f"{value:.4g}" if abs(value) >= 1 else f"{value:.3f}" if abs(value) >= 0.001 else f"{value:.2g}"
    if "e" in text:  # below 0.0001: four places are enough to read
        text = f"{value:.4f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text or "0"


def unit_words(unit: str, lang: Lang) -> str:
    """A unit's name on its own: 'yuan', 'schools', '%'; '元', '所'."""
    if lang == "zh":  # a unit with no Chinese name shows none (never an English word in Chinese text)
        name = UNIT_NAMES_ZH.get(unit, "").strip()
        return "" if name.isascii() and name != "%" else name
    return UNIT_WORDS["en"].get(unit, f" {unit}").strip()


def _money(unit: str) -> bool:
    return unit in ("yuan", "usd")


def reading(value: float, unit: str, qualifier: str = "exact", lang: Lang = "en", *, derived: bool = False) -> str:
    """The value with its qualifier and unit, rounded for reading."""
    words = QUALIFIER_WORDS[lang].get(qualifier, "" if lang == "zh" else f"{qualifier} ")
    if derived and unit == "percent":  # a computed share: one place is enough to read
        return f"{words.strip() if lang == 'zh' else words}{value:.1f}%"
    if lang == "zh":
        return words.strip() + _zh(value, unit)
    return words + _en(value, unit)


def _en(value: float, unit: str) -> str:
    if unit == "percent":
        return f"{digits(value, 'en')}%"
    name = unit_words(unit, "en")
    for size, word in ((1e9, "billion"), (1e6, "million")):
        if abs(value) >= size and (_money(unit) or size == 1e6):
            number = f"{digits(value / size, 'en')} {word}"
            return f"${number}" if unit == "usd" else f"{number} {name}"
    number = digits(value, "en")
    return f"${number}" if unit == "usd" else f"{number} {name}" if name else number


def _zh(value: float, unit: str) -> str:
    name = unit_words(unit, "zh")
    if unit == "percent":
        return f"{digits(value, 'zh')}%"
    if abs(value) >= 1e8:
        return f"{digits(value / 1e8, 'zh')}亿{name}"
    if abs(value) >= 1e5 or (abs(value) >= 1e4 and float(value).is_integer() and int(value) % 100 == 0):
        return f"{digits(value / 1e4, 'zh')}万{name}"
    return f"{digits(value, 'zh')}{name}"


@dataclass
class Scale:
    """An axis in one scale: values are divided by `divisor`; `title` names the unit the ticks are in."""

    divisor: float
    title: str
    lang: Lang
    percent: bool = False

    def tick(self, value: float) -> str:
        text = digits(value / self.divisor, self.lang)
        return f"{text}%" if self.percent else text

    def short(self, value: float, qualifier: str = "exact") -> str:
        """A point's label on the axis' scale: '3.044', '> 60,000', '约1.61'."""
        number = self.tick(value)
        if self.lang == "zh":
            return QUALIFIER_WORDS["zh"].get(qualifier, "").strip() + number
        return {"more_than": "> ", "over": "> ", "at_least": "≥ ", "less_than": "< ", "about": "≈ ",
                "nearly": "≈ "}.get(qualifier, "") + number  # fmt: skip


def scale(top: float, unit: str, lang: Lang) -> Scale:
    """The scale an axis reaching `top` is read in."""
    name = unit_words(unit, lang)
    if unit == "percent":
        return Scale(1, phrase("Percent", lang), lang, percent=True)
    if lang == "zh":
        if top >= 1e8:
            return Scale(1e8, f"亿{name}", lang)
        if top >= 1e5:
            return Scale(1e4, f"万{name}", lang)
        return Scale(1, name or phrase("Number", lang), lang)
    if top >= 1e9 and _money(unit):
        return Scale(1e9, f"Billion {name}" if unit != "usd" else "Billion US dollars", lang)
    if top >= 1e6:
        return Scale(1e6, f"Million {name}" if unit != "usd" else "Million US dollars", lang)
    return Scale(1, (name[:1].upper() + name[1:]) if unit != "usd" else "US dollars", lang)


def nice_ticks(top: float, count: int = 5) -> tuple[float, list[float]]:
    """Round ticks from 0 up to at least top, about `count` of them, each 1, 2, 2.5 or 5 times a power of ten."""
    if top <= 0 or not math.isfinite(top):
        return 1.0, [0.0, 1.0]
    rough = top / count
    power = 10.0 ** math.floor(math.log10(rough))
    step = next(k * power for k in (1.0, 2.0, 2.5, 5.0, 10.0) if rough <= k * power * (1 + 1e-9))
    n = math.ceil(top / step - 1e-9)
    return step * n, [step * i for i in range(n + 1)]
