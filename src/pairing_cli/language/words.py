"""The words of the output in English and Chinese: units, qualifiers, headings and the lines under a table.

Labels of figures, categories and regions come from the dataset (label / label_zh); the words here are the ones the
tool itself adds. The Chinese terms follow official usage (贫困发生率, 万人, 亿元, 个百分点).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from contextvars import ContextVar
from typing import TYPE_CHECKING

from ..data.migrate import LEGACY_COUNT_UNITS
from ..data.vocabulary import Lang
from ..text import Note, localised

if TYPE_CHECKING:
    from ..data.models import Period, Program

# How a unit reads after a number. English puts a space before a word; "%" and Chinese units follow directly (no
# space between a number and a Chinese unit).
_BUILT_IN_UNIT_WORDS: dict[Lang, dict[str, str]] = {
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
        **LEGACY_COUNT_UNITS,  # the count nouns schema 1 built in (a dataset's own declared units win over them)
        "yuan": "元",
        "usd": "美元",
        "percent": "%",
        "percentage_points": "个百分点",
        "km": "公里",
        "mu": "亩",
        "hectare": "公顷",
        "acre": "英亩",
        "sq_km": "平方公里",
        "mile": "英里",
        "yuan_per_usd": "元/美元",
    },
}


# The count nouns of the dataset being shown (id -> words after a number), in each language: set by
# declare_count_units for each dataset loaded, so that a dataset's own words win and a second dataset's replace the
# first's. A context variable, not a module dictionary: nothing here is edited at run time.
_DECLARED: ContextVar[dict[Lang, dict[str, str]] | None] = ContextVar("declared_count_units", default=None)


def declare_count_units(units: list[tuple[str, str, str | None]]) -> None:
    """The count nouns a dataset declares, (id, English, Chinese): the unit words of its output, over the built-in
    ones ('schools' declared with 座 prints 座, not 所)."""
    _DECLARED.set(
        {
            "en": {unit_id: f" {label}" for unit_id, label, _ in units},
            "zh": {unit_id: label_zh for unit_id, _, label_zh in units if label_zh},
        }
    )


class _UnitWords(Mapping[str, str]):
    """The words after a number for each unit in one language: the shown dataset's declared words, then the built-in
    ones. `strip` gives a unit's name on its own."""

    def __init__(self, lang: Lang, *, strip: bool = False) -> None:
        self._lang = lang
        self._strip = strip

    def _words(self) -> dict[str, str]:
        declared = _DECLARED.get()
        return {**_BUILT_IN_UNIT_WORDS[self._lang], **(declared[self._lang] if declared else {})}

    def __getitem__(self, unit: str) -> str:
        words = self._words()[unit]
        return words.strip() if self._strip else words

    def __iter__(self) -> Iterator[str]:
        return iter(self._words())

    def __len__(self) -> int:
        return len(self._words())


UNIT_WORDS: dict[Lang, Mapping[str, str]] = {"en": _UnitWords("en"), "zh": _UnitWords("zh")}
# A unit's name on its own (the `unit` of JSON's zh object, CSV's unit_zh).
UNIT_NAMES_ZH: Mapping[str, str] = _UnitWords("zh", strip=True)

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
        "more_than": "超过",
        "nearly": "近",
        "over": "逾",
        "about": "约",
        "at_least": "至少",
        "less_than": "不到",
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
    "In order of the year each figure describes. Change: from the last figure of an earlier year; per year: the"
    " compound annual rate over the years between them. A flow is compared only with flows of equal periods."
)
TREND_RULE_CUMULATIVE = (
    "A running total, in order of the year each report describes. Change: what was added since the earlier report;"
    " per year: that addition spread evenly over the years between them (never a growth rate)."
)

# The concepts programs share (vocabulary.CONCEPTS), as people read them.
CONCEPT_LABELS: dict[str, str] = {
    "fiscal_aid": "Fiscal aid from east to west",
    "officials_sent": "Officials sent from east to west",
    "officials_received": "Officials received in the east from the west",
    "professionals_sent": "Professionals sent from east to west",
    "projects": "Aid projects",
    "enterprises": "Eastern enterprises investing in the west",
    "enterprise_investment": "Investment by eastern enterprises",
    "labour_transfer": "Workers from the west placed in jobs",
    "donations": "Social donations",
    "consumption_aid_sales": "Consumption aid: western products sold",
    "paired_counties": "Paired counties",
    "people_lifted": "People lifted out of poverty",
}
ACROSS_BASIS_NOTE = (
    "The rows differ in basis (planned, agreed, allocated, disbursed, or not stated): a sum agreed is not a sum spent."
)
ACROSS_PERIOD_NOTE = (
    "The rows cover different periods and kinds (one year, several years, a running total): compare like with"
    " like, and read each period."
)

KIND_RULE = (
    "Kinds: a stock is a level at a date (residents, income per head); a flow an amount within a period (aid in"
    " 2018); a cumulative figure a running total from a start (aid since 1996), whose change is what was added,"
    " never a growth rate."
)

# What a chart's subtitle says a measure's kind is (stock, flow); the panels of `across` (flow in one year or over
# several, cumulative, stock); the marks of a chart's legend (charts.readings.mark_class). Said in Chinese by phrase().
CHART_KINDS: dict[str, str] = {"stock": "A level at each date", "flow": "An amount within each period"}
ACROSS_PANELS: dict[str, str] = {
    "year": "amounts in one year",
    "years": "amounts over several years",
    "cumulative": "running totals",
    "stock": "levels at a date",
}
MARK_LEGEND: dict[str, str] = {
    "exact": "As printed",
    "approx": "About, nearly or computed",
    "lower": "Lower bound (“more than”)",
    "upper": "Upper bound (“less than”)",
    "uncertain": "Year uncertain (dashed: the years it may be)",
}

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
    "US dollars at {rate} yuan per dollar, {basis}.": "美元按1美元 = {rate}元换算，{basis}。",
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
    "a change from a start near zero is not meaningful": "起点接近零，变化率没有意义",
    "Outlet": "媒体",
    VERDICT_RULE: (
        "判定：每个数字按其限定词和印出的精度取值范围（“15,300”即15,250至15,350；“约5,700”即5,600至5,800；"
        "“超过30亿”即30亿以上）；同一时期的数字若有一个值同时满足，即为一致。"
        "不同时期的数字是变化趋势：见 pairing trend。"
    ),
    TREND_RULE: (
        "按各数字所描述的年份排序。变化：相对于较早年份的最后一个数字；年均：两者之间各年的复合年增长率。"
        "流量数字只与时期长度相同的流量数字比较。"
    ),
    TREND_RULE_CUMULATIVE: (
        "累计数字，按各报道所描述的年份排序。变化：较早报道以来新增的数额；年均：新增数额按其间年数平均（并非增长率）。"
    ),
    "{} a year": "年均 {}",
    "Fiscal aid from east to west": "东部对西部财政援助资金",
    "Officials sent from east to west": "东部派往西部的挂职干部",
    "Officials received in the east from the west": "西部到东部挂职的干部",
    "Professionals sent from east to west": "东部派往西部的专业技术人才",
    "Aid projects": "帮扶项目",
    "Eastern enterprises investing in the west": "到西部投资的东部企业",
    "Investment by eastern enterprises": "东部企业实际投资",
    "Workers from the west placed in jobs": "西部劳动力转移就业",
    "Social donations": "社会捐赠",
    "Consumption aid: western products sold": "消费帮扶：西部产品销售额",
    "Paired counties": "结对县数",
    "People lifted out of poverty": "脱贫人口",
    ACROSS_BASIS_NOTE: "各行口径不同（计划、协议、拨付、到位或未说明）：协议金额不等于实际支出。",
    ACROSS_PERIOD_NOTE: "各行时期与类型不同（一年、多年、累计）：请同类相比，并看清各自时期。",
    "Program": "项目",
    "Basis": "口径",
    "planned": "计划",
    "agreed": "协议",
    "allocated": "拨付",
    "disbursed": "到位",
    "Partners": "结对双方",
    "Observations": "数据条数",
    KIND_RULE: (
        "类型：存量是某一时点的数值（居民人数、人均收入）；流量是某一时期内的数额（2018年援助资金）；"
        "累计是自某一起点以来的总数（1996年以来的援助资金），其变化是新增数额，不是增长率。"
    ),
    "stock": "存量",
    "flow": "流量",
    "cumulative": "累计",
    "Kind": "类型",
    "Unit": "单位",
    "Years": "年份",
    "{n} sources, {m} independent": "{n}个来源，{m}个独立",
    "no earlier period of the same length": "没有较早的同长度时期",
    "A figure whose year is uncertain is drawn apart; no yearly rate is computed from it.": (
        "年份不确定的数字单独标出，不据以推算年均变化。"
    ),
    "Language": "语言",
    # The notes the core writes under a result (results.Note), and the words they take.
    "The dataset's funding view names no total.": "数据集的资金视图未指明总额。",
    "No US-dollar equivalents: the dataset states no yuan-to-dollar conversion; give a rate.": (
        "未列美元金额：数据集未给出人民币与美元的换算；请给出汇率。"
    ),
    "The source states {stated}; {value} {unit} = {ours} {to_unit} here: {verdict}.": (
        "来源写作 {stated}；此处 {value}{unit} = {ours}{to_unit}：{verdict}。"
    ),
    "agrees": "相符",
    "DISAGREES": "不符",
    "{measure}: one figure, from one source; nothing to compare.": "{measure}：仅一个来源的一个数字，无可比较。",
    "{measure}: {why}; its {count} figures are a trend over time.": (
        "{measure}：{why}；其{count}个数字是随时间的变化。"
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
    "1 mu = 10,000/15 m² (statutory)": "1亩 = 10,000/15平方米（法定）",
    "1 ha = 10,000 m²": "1公顷 = 10,000平方米",
    "1 acre = 4,046.8564224 m² (international)": "1英亩 = 4,046.8564224平方米（国际英亩）",
    "1 km² = 1,000,000 m²": "1平方公里 = 1,000,000平方米",
    "1 km = 1,000 m": "1公里 = 1,000米",
    "1 mile = 1.609344 km (international)": "1英里 = 1.609344公里（国际英里）",
    # The HTML report's headings, captions and sentences.
    "Headline figures": "主要数据",
    "Where the sources agree or differ": "各来源的一致与分歧",
    "Over time": "历年变化",
    "Every figure": "全部数据",
    "Timeline": "时间线",
    "Contents": "目录",
    "The pairings": "各结对协作",
    "Fiscal aid": "财政援助",
    "Record": "记录",
    "Notes": "注释",
    "back to the figure": "返回数据",
    "Filter the figures": "筛选数据",
    "{n} figures shown": "显示{n}项数据",
    "Not the same measure": "不是同一指标",
    "consistent": "一致",
    "different": "不一致",
    "gap": "相差",
    "{figures} figures from {sources} sources, {first} to {last}.": (
        "{sources}个来源的{figures}项数据（{first}—{last}年）。"
    ),
    "Derived figures are computed from the figures they name, never printed by a source.": (
        "推算数据由所列数据计算得出，并非来源原文。"
    ),
    "The figures charted, with their sources": "图中各项数据及其来源",
    "Download": "下载",
    "data (CSV)": "数据（CSV）",
    "chart (SVG)": "图表（SVG）",
    "{n} figures": "{n}项数据",
    "{sources} sources, {figures} figures, {first}–{last}": "{sources}个来源，{figures}项数据，{first}—{last}年",
    "no fiscal-aid figure in the record": "记录中没有财政援助数据",
    "Every pair program of the cooperation, with its headline fiscal aid: the latest running total, the latest sum "
    "over several years and the latest single year's, as its sources state them.": (
        "东西部协作的每一对结对协作及其主要财政援助数据：最新的累计数、最新的多年合计与最新的单年数，均按来源原文。"
    ),
    "About this page": "关于本页",
    "Made with": "制作工具",
    "Generated": "生成日期",
    "Licence": "许可",
    "How to cite": "引用方式",
    "Every pairing: the public record": "东西部扶贫协作：各结对协作的公开记录",
    # The charts' titles, subtitles, notes and legends.
    "Nominal yuan, not adjusted for inflation": "金额为名义值，未按通胀调整",
    "Scope: {}": "范围：{}",
    "Period: {}": "时期：{}",
    "Running total since {start}": "自{start}年起的累计数",
    "Running totals, from the start each source gives": "累计数，起点因来源而异",
    "A level at each date": "各时点的数值",
    "An amount within each period": "各时期内的数额",
    "{label}: {n} sources agree": "{label}：{n}个来源一致",
    "{label}: {n} sources agree ({independent} independent)": "{label}：{n}个来源一致（独立来源{independent}个）",
    "{label}: the sources differ by {gap}": "{label}：各来源不一致，相差{gap}",
    "{label}: the sources differ": "{label}：各来源不一致",
    "{n} more figures are not drawn.": "另有{n}个数字未画出。",
    "{n} more charts are not drawn: chart one measure at a time.": "另有{n}张图未画出：请逐项绘制。",
    "Too many figures to draw each: every year's lowest and highest are drawn.": (
        "数字过多：每年只画出最低与最高的数字。"
    ),
    "A line joins only figures the tool compares: a lower bound, an uncertain year or a second source for the same "
    "year is drawn on its own.": "折线只连接可比的数字：下限、年份不确定或与同年其他来源不一致的数字单独画出。",
    "The rise between two running totals is what was added between them, not a growth rate.": (
        "两个累计数之差是期间新增的数额，不是增长率。"
    ),
    "Each figure is placed at the date it describes ({date}, say), not at its publication": (
        "每个数字按其所指日期（如{date}）排列，而非按发表日期"
    ),
    "{label}, {first}–{last}": "{label}（{first}—{last}年）",
    "Each part's share of the total, in percent": "各部分占总额的百分比",
    "All pairings (national)": "全国",
    "Too many figures to draw each: each program's lowest and highest are drawn.": (
        "数字过多：每个项目只画出最低与最高的数字。"
    ),
    "{concept}: {panel}": "{concept}：{panel}",
    "amounts in one year": "单一年度的数额",
    "amounts over several years": "多年期的数额",
    "running totals": "累计数",
    "levels at a date": "时点数",
    "{title}, national record": "{title}（全国）",
    "Each dot is one figure as a source printed it, on one scale, not added up; at the right, each program's "
    "latest": "每个点是一个来源发表的一个数字，同一尺度，不相加；右侧为各项目最新的数字",
    "Bases differ (planned, agreed, allocated, disbursed)": "口径不一（计划、协议、拨付或到位）",
    "As printed": "原文数字",
    "About, nearly or computed": "约数、近数或推算",
    "Lower bound (“more than”)": "下限（“超过”）",
    "Upper bound (“less than”)": "上限（“不足”）",
    "Year uncertain (dashed: the years it may be)": "年份不确定（虚线：可能的年份）",
    "Source: {}": "来源：{}",
    "{outlets}; and {n} more outlets": "{outlets}；另有{n}家来源",
    "Percent": "百分比",
    "Number": "数量",
    # The titles, rate bases and labels the core builds (queries, derive), as English templates; the values are
    # data, said in the same language.
    "{program}: {title}": "{program}：{title}",
    "figures": "数据",
    "infrastructure": "基础设施",
    "funding": "资金",
    "timeline": "时间线",
    "{count} figure": "{count}项数据",
    "{count} figures": "{count}项数据",
    "{count} measure": "{count}项指标",
    "{count} measures": "{count}项指标",
    "{count} comparison, {differ} different": "{count}项比较，{differ}项不一致",
    "{count} comparisons, {differ} different": "{count}项比较，{differ}项不一致",
    "{total}: shares of the total": "{total}：构成",
    "given with --rate": "由 --rate 给定",
    "implied by the source's '{stated}'": "按来源所述“{stated}”推算",
    "implied by the source's '{stated}': {note}": "按来源所述“{stated}”推算：{note}",
    "{publisher} {date}: {as_stated} ({period})": "{publisher} {date}：{as_stated}（{period}）",
    "{first}; {rest}": "{first}；{rest}",
    "The dollar sums convert money spent from {start} to {end} at one rate: a rough guide, not what it was worth in "
    "dollars year by year.": (
        "美元数按同一汇率换算{start}—{end}年投入的资金，仅供粗略参考，并非逐年按当时汇率折算的价值。"
    ),
}

# Words that read otherwise in one place, by (context, English): on the report's table of pairings a program is a
# pairing (协作), elsewhere a program (项目). phrase(text, lang, context) looks here first.
_ZH_IN_CONTEXT: dict[tuple[str, str], str] = {
    ("pairings", "Program"): "协作",
}


# Where in a source, said in Chinese: the places a locator names by a word.
LOCATOR_NAMES_ZH: dict[str, str] = {
    "last paragraph": "最后一段",
    "headline": "标题",
    "caption": "图片说明",
    "Overview paragraph": "概述段",
}


def locator_words(locator: str | None, lang: Lang) -> str:
    """Where in a source a figure is printed; 'paragraph 4' reads 第4段 in Chinese."""
    text = locator or ""
    if lang == "zh" and text.startswith("paragraph ") and text[10:].isdigit():
        return f"第{text[10:]}段"
    return text


_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")  # fmt: skip


def as_of_words(as_of: str, lang: Lang) -> str:
    """A figure's own date: '2019-12-31' reads 'as of end-2019' / '截至2019年底'; '2019-06' 'as of June 2019'."""
    year, _, rest = as_of.partition("-")
    month = int(rest[:2]) if rest else None
    if month is None or (month == 12 and rest in ("12", "12-31")):
        return f"截至{year}年底" if lang == "zh" else f"as of end-{year}"
    day = rest[3:]
    if lang == "zh":
        return f"截至{year}年{month}月" + (f"{int(day)}日" if day else "")
    return f"as of {f'{int(day)} ' if day else ''}{_MONTHS[month - 1]} {year}"


# A label that already says its period is not stated needs no second mark.
_SAYS_IMPLIED = ("implied", "not stated", "推算", "推断", "未说明")


def period_words(period: Period, lang: Lang, as_of: str | None = None) -> str:
    """A period as people read it, everywhere one is shown: its label in the language asked for, marked
    '(implied)' / '（推断）' where the source implies it, '(year uncertain)' where the year is not known, and the
    figure's own date where the data knows it."""
    text = localised(period.label, period.label_zh, lang)
    marks = []
    if as_of is not None:
        marks.append(as_of_words(as_of, lang))
    if period.approximate:
        marks.append("年份不确定" if lang == "zh" else "year uncertain")
    elif not period.stated and not any(word in text for word in _SAYS_IMPLIED):
        marks.append("推断" if lang == "zh" else "implied")
    if not marks:
        return text
    return f"{text}（{'，'.join(marks)}）" if lang == "zh" else f"{text} ({'; '.join(marks)})"


def program_name(program: Program, lang: Lang) -> str:
    """A program's short name for a row of a table or chart: 'Fujian–Ningxia', 'All pairings (national)'; '闽宁',
    '全国'."""
    if program.kind == "national":
        return phrase("All pairings (national)", lang)
    if lang == "zh" and program.name_zh:
        name = re.sub(r"（[^）]*）", "", program.name_zh).replace("对口帮扶", "—")
        return re.sub(r"(对口)?(东西部)?扶贫协作$", "", name) or program.name_zh
    return re.split(r" East–West| pairing-up| poverty", program.name, maxsplit=1)[0]


def phrase(text: str, lang: Lang, context: str | None = None) -> str:
    """The Chinese for one of the tool's English headings or phrases (as it reads in `context`, where it reads
    otherwise there); the English itself for lang 'en'."""
    if lang != "zh":
        return text
    if context is not None and (context, text) in _ZH_IN_CONTEXT:
        return _ZH_IN_CONTEXT[context, text]
    return _ZH.get(text, text)


def say(note: Note, lang: Lang) -> str:
    """A result's note in the language asked for: its template from the phrasebook, its values said alike."""
    if lang == "zh" and note.zh is not None:
        return note.zh
    if not note.values:
        return phrase(note.template, lang)
    values = {k: say(v, lang) if isinstance(v, Note) else v for k, v in note.values.items()}
    return phrase(note.template, lang).format(**values)
