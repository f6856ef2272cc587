"""The words of the output in English and Chinese: units, qualifiers, headings and the lines under a table.

Labels of figures, categories and regions come from the dataset (label / label_zh); the words here are the ones the
tool itself adds. The Chinese terms follow official usage (贫困发生率, 万人, 亿元, 个百分点).
"""

from __future__ import annotations

from ..text import Note
from ..vocabulary import Lang

# How a unit reads after a number. English puts a space before a word; "%" and Chinese units follow directly.
UNIT_WORDS: dict[Lang, dict[str, str]] = {
    "en": {
        "percent": "%",
        "percentage_points": " percentage points",
        "km": " km",
        "mu": " mu",
        "hectare": " ha",
        "acre": " acres",
        "sq_km": " km²",
        "mile": " miles",
        "yuan": " yuan",
        "usd": " US dollars",
        "yuan_per_usd": " yuan per US dollar",
    },
    "zh": {
        "people": " 人",
        "wells": " 眼",
        "houses": " 户",
        "schools": " 所",
        "institutions": " 个",
        "companies": " 家",
        "years": " 年",
        "yuan": " 元",
        "usd": " 美元",
        "percent": "%",
        "percentage_points": " 个百分点",
        "km": " 公里",
        "mu": " 亩",
        "hectare": " 公顷",
        "acre": " 英亩",
        "sq_km": " 平方公里",
        "mile": " 英里",
        "yuan_per_usd": " 元/美元",
    },
}


def declare_count_units(units: list[tuple[str, str, str | None]]) -> None:
    """The count nouns a dataset declares, (id, English, Chinese), join the unit words for its output."""
    for unit_id, label, label_zh in units:
        UNIT_WORDS["en"].setdefault(unit_id, f" {label}")
        if label_zh:
            UNIT_WORDS["zh"].setdefault(unit_id, f" {label_zh}")
            UNIT_NAMES_ZH.setdefault(unit_id, label_zh)


# A unit's name on its own (the `unit` of JSON's zh object, CSV's unit_zh).
UNIT_NAMES_ZH: dict[str, str] = {unit: words.strip() for unit, words in UNIT_WORDS["zh"].items()}

QUALIFIER_WORDS: dict[Lang, dict[str, str]] = {
    "en": {
        "exact": "",
        "more_than": "more than ",
        "nearly": "nearly ",
        "over": "over ",
        "about": "about ",
        "at_least": "at least ",
        "less_than": "less than ",
    },
    "zh": {
        "exact": "",
        "more_than": "超过 ",
        "nearly": "近 ",
        "over": "逾 ",
        "about": "约 ",
        "at_least": "至少 ",
        "less_than": "不到 ",
    },
}
QUALIFIER_MEANINGS: dict[Lang, dict[str, str]] = {
    "en": {
        "exact": "exact: the source states this number",
        "more_than": "more than: the source says 'more than'; the true number is higher",
        "nearly": "nearly: the source says 'nearly'; the true number is a little lower",
        "over": "over: the source says 'over'; the true number is higher",
        "about": "about: computed from an approximate figure or at an assumed rate",
        "exact_derived": "exact: computed from figures the source states exactly",
        "about_derived": "about: computed from an approximate figure or at an assumed rate",
    },
    "zh": {
        "exact": "确数：来源给出的数字",
        "more_than": "超过：来源称“more than”，实际数字更高",
        "nearly": "近：来源称“nearly”，实际数字略低",
        "over": "逾：来源称“over”，实际数字更高",
        "about": "约：由近似数字或假定汇率算出",
        "exact_derived": "确数：由来源给出的确数算出",
        "about_derived": "约：由近似数字或假定汇率算出",
    },
}

# The rules under compare and trend tables.
VERDICT_RULE = (
    "Verdicts: each figure allows the values its qualifier and printed precision allow ('15,300' is 15,250 to 15,350;"
    " 'about 5,700' is 5,600 to 5,800; 'more than 3 billion' is anything above); figures of one period are consistent"
    " when one value fits them all. Figures of different periods are a trend: see 'pairing trend'."
)
TREND_RULE = (
    "In order of the period each figure covers. Change: from the last figure of an earlier period; per year: the"
    " compound annual rate over the years between the two periods' ends."
)

# Headings and fixed phrases, by their English text.
_ZH: dict[str, str] = {
    "Figure": "指标",
    "Value": "数值",
    "Period": "时期",
    "Scope": "范围",
    "Share": "占比",
    "≈ USD": "≈ 美元",
    "ID": "编号",
    "Input": "输入",
    "When": "时间",
    "Event": "事件",
    "Figures": "数据",
    "Title": "标题",
    "Publisher": "发布者",
    "Date": "日期",
    "Location": "位置",
    "Rule": "规则",
    "Severity": "级别",
    "Message": "说明",
    "Field": "项目",
    "Qualifier": "限定",
    "In other units": "换算",
    "Category": "类别",
    "Stated as": "原文表述",
    "Sentence": "原句",
    "Source": "来源",
    "Source's own conversion": "来源自带的换算",
    "Period note": "时期说明",
    "Formula": "公式",
    "Inputs": "输入数据",
    "Derived": "推算数据",
    "Stated": "原文数据",
    "Scope: {}.": "范围：{}。",
    "Derived: {}": "推算：{}",
    "Sources": "来源",
    "Unit conversions": "单位换算",
    "(date implied, not stated)": "（日期系推断，原文未明言）",
    "(the source implies this period; it does not state it)": "（来源未明言，系推断）",
    "US dollars at {rate} yuan per dollar, {basis}.": "美元按 1 美元 = {rate} 元换算，{basis}。",
    "Where": "位置",
    "Change": "变化",
    "Per year": "年均",
    "CONSISTENT": "一致",
    "DIFFERENT": "不一致",
    "gap {}": "相差 {}",
    "not the same measure": "不是同一指标",
    "Measure": "指标",
    "Verdict": "判定",
    "Not the same measure as: {}": "与以下指标不同：{}",
    "same period as {}": "与 {} 同期",
    "no change: {}": "无法推算变化：{}",
    "both figures are lower bounds": "两个数字都只是下限",
    "Outlet": "媒体",
    VERDICT_RULE: (
        "判定：每个数字按其限定词和印出的精度取值范围（“15,300”即 15,250 至 15,350；“约 5,700”即 5,600 至 5,800；"
        "“超过 30 亿”即 30 亿以上）；同一时期的数字若有一个值同时满足，即为一致。"
        "不同时期的数字是变化趋势：见 pairing trend。"
    ),
    TREND_RULE: (
        "按各数字所涵盖的时期排序。变化：相对于前一时期的最后一个数字；年均：两个时期截止年份之间的复合年增长率。"
    ),
    "Language": "语言",
    # The notes the core writes under a result (results.Note), and the words they take.
    "The dataset's funding view names no total.": "数据集的资金视图未指明总额。",
    "No US-dollar equivalents: the dataset states no yuan-to-dollar conversion; give a rate.": (
        "未列美元金额：数据集未给出人民币与美元的换算；请给出汇率。"
    ),
    "The source states {stated}; {value} {unit} = {ours} {to_unit} here: {verdict}.": (
        "来源写作 {stated}；此处 {value} {unit} = {ours} {to_unit}：{verdict}。"
    ),
    "agrees": "相符",
    "DISAGREES": "不符",
    "{measure}: one figure, from one source; nothing to compare.": "{measure}：仅一个来源的一个数字，无可比较。",
    "{measure}: {why}; its {count} figures are a trend over time.": (
        "{measure}：{why}；其 {count} 个数字是随时间的变化。"
    ),
    "one source states it": "仅一个来源提到",
    "no period of it is stated by two sources": "没有哪个时期有两个来源提到",
    "{id} is in {unit}, which cannot be shown in {to_unit}; it is listed, not compared.": (
        "{id} 的单位是 {unit}，无法换算为 {to_unit}；仅列出，不作比较。"
    ),
    "{measure}: only one source's figure for {period} can be shown in {unit}; not compared.": (
        "{measure}：{period} 只有一个来源的数字可用 {unit} 表示；不作比较。"
    ),
    "{measure}: of other periods, a trend, not a conflict: {listed}.": (
        "{measure}：其他时期的数字是变化趋势，并非矛盾：{listed}。"
    ),
    "Not derived: {id} needs {input}, which is not available.": "未推算：{id} 需要 {input}，但数据中没有。",
    "Not derived: {reason}.": "未推算：{reason}。",
    "mu": "亩",
    "hectares": "公顷",
    "acres": "英亩",
    "square kilometres": "平方公里",
    "kilometres": "公里",
    "miles": "英里",
    "yuan": "元",
    "US dollars": "美元",
    # The definitions of the units convert-units shows.
    "1 mu = 10,000/15 m² (statutory)": "1 亩 = 10,000/15 平方米（法定）",
    "1 ha = 10,000 m²": "1 公顷 = 10,000 平方米",
    "1 acre = 4,046.8564224 m² (international)": "1 英亩 = 4,046.8564224 平方米（国际英亩）",
    "1 km² = 1,000,000 m²": "1 平方公里 = 1,000,000 平方米",
    "1 km = 1,000 m": "1 公里 = 1,000 米",
    "1 mile = 1.609344 km (international)": "1 英里 = 1.609344 公里（国际英里）",
}


def locator_words(locator: str | None, lang: Lang) -> str:
    """Where in a source a figure is printed; 'paragraph 4' reads 第4段 in Chinese."""
    text = locator or ""
    if lang == "zh" and text.startswith("paragraph ") and text[10:].isdigit():
        return f"第{text[10:]}段"
    return text


def phrase(text: str, lang: Lang) -> str:
    """The Chinese for one of the tool's English headings or phrases; the English itself for lang 'en'."""
    return _ZH.get(text, text) if lang == "zh" else text


def say(note: Note, lang: Lang) -> str:
    """A result's note in the language asked for: its template from the phrasebook, its values said alike."""
    if lang == "zh" and note.zh is not None:
        return note.zh
    if not note.values:
        return phrase(note.template, lang)
    values = {k: say(v, lang) if isinstance(v, Note) else v for k, v in note.values.items()}
    return phrase(note.template, lang).format(**values)
