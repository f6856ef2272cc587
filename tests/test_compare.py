"""The public record side by side: compare's verdicts and trend's order and growth, on the real sources and on
another program's dataset; the rules on their own, with hypothesis for their invariants."""

from __future__ import annotations

import json
import re
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pairing_cli.cli import app
from pairing_cli.data import load
from pairing_cli.data.models import Dataset
from pairing_cli.queries import compare
from pairing_cli.ranges import Range, overlap, printed_step, value_range

from .conftest import DATA
from .helpers import InProcessRunner


def _json(runner: InProcessRunner, *args: str) -> Any:
    result = runner.invoke(app, [*args, "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


# Written from a reading of the sources (see the issue's table), independently of the code: measure -> verdict.
VERDICTS = {
    "highway": "consistent",  # 385 km, 385 km
    "wells": "consistent",  # 15,000 and 15,000
    "terraced_fields": "consistent",  # 229,000 mu = 15,266.67 ha, and 15,300 ha: the same figure rounded
    "schools": "different",  # 259 and 236 schools
    "fujian_funding": "consistent",  # 3.044 billion and "more than 3 billion"
    "fujian_companies": "consistent",  # "more than 5,700" and "about 5,700"
    "program_years": "consistent",  # 24, 24, 24
    "officials_sent": "consistent",  # 183 (China.org.cn, China Daily, Xinhua); 140 and 140 in 2016
    # Not compared: Fujian Daily's totals run to its review of August 2011 ("15 years", as_of 2011-08) and Xinhua's
    # to the end of 2011 ("16 years"): 2.64 then 2.94亿元 provincial, 2.69 then 3.35, 1.32 then 1.45 are a trend.
    "official_batches": "consistent",  # 9 and 9 (2016), 11 and 11 (2020)
    "minning_population": "consistent",  # lower bounds and round numbers of each year agree
    "teachers_sent": "different",  # 980 (2016 review) and 1,056 (Xinhua 2016-07-22)
    "minning_income": "consistent",  # the last group compared: 2021 (14,961 is 2020's, by as_of)
    "fujian_aid_yearly": "different",  # 2,100万元 (People's Daily 1998) and 1,500万元 a year (Fujian Daily 2014)
}


def test_compare_verdicts_on_the_real_sources(runner: InProcessRunner) -> None:
    doc = _json(runner, "compare")
    assert {m["id"]: m["verdict"] for m in doc["measures"]} == VERDICTS
    schools = next(m for m in doc["measures"] if m["id"] == "schools")
    assert schools["gap"] == 23 and schools["gap_percent"] == pytest.approx(23 / 236 * 100)
    assert [(o["outlet"], o["date"], o["value"]) for o in schools["observations"]] == [
        ("China Daily", "2020-07-08", 259),
        ("China Daily", "2020-09-16", 236),
    ]
    every = {o["source"] for m in doc["measures"] for o in m["observations"]}
    assert {s["id"] for s in doc["sources"]} >= every


def test_compare_keeps_different_measures_apart(runner: InProcessRunner) -> None:
    """Health centres, medical institutions and medical projects, and workers in opposite directions, are shown
    side by side as different measures, never given a verdict against each other."""
    doc = _json(runner, "compare")
    groups = [set(d["measures"]) for d in doc["distinct"]]
    assert {"medical_institutions", "health_centres", "medical_health_projects"} in groups
    assert {"workers_from_fujian", "workers_from_ningxia", "fujian_merchants", "fujian_people_in_ningxia"} in groups
    every = [m for d in doc["distinct"] for m in d["measures"]]
    assert len(every) == len(set(every))  # each measure shown once
    assert not {"medical_institutions", "health_centres", "workers_from_ningxia"} & {m["id"] for m in doc["measures"]}


def test_different_periods_are_a_trend_not_a_conflict(runner: InProcessRunner) -> None:
    """7.74亿元 (1996–2011) is not compared with 3.044 billion (1996–2020); trend orders them and, of a running
    total, derives what was added and its average a year, never a compound rate."""
    compared = _json(runner, "compare", "fujian_funding")["measures"]
    assert [o["id"] for o in compared[0]["observations"]] == ["funding_total", "fujian_funding_cd2020sep"]
    points = _json(runner, "trend", "fujian_funding")["points"]
    assert [(p["id"], p["value"], p["period"]["end_year"]) for p in points] == [
        ("ff_2001_gm", 120_000_000, 2001),
        ("fujian_funding_xinhua2012", 774_000_000, 2011),
        ("fjfund_1996_2016_x2016", 1_343_000_000, 2016),
        ("funding_total", 3_044_000_000, 2020),
        ("fujian_funding_cd2020sep", 3_000_000_000, 2020),
    ]
    growth = points[3]["growth"]
    assert growth["from"] == "fjfund_1996_2016_x2016" and growth["years"] == 4
    assert growth["change"] == 3_044_000_000 - 1_343_000_000
    assert growth["added_per_year"] == pytest.approx((3_044_000_000 - 1_343_000_000) / 4)
    for p in points:  # a running total has no growth rate, ever
        assert p["growth"] is None or (
            p["growth"]["change_percent"] is None and p["growth"]["annual_rate_percent"] is None
        )
    assert points[4]["growth"] is None and points[4]["same_period_as"] == "funding_total"


FLOORS = {"more_than", "over", "at_least"}


def test_no_change_is_read_from_two_lower_bounds(runner: InProcessRunner) -> None:
    """'more than 66,000' then 'over 60,000' says nothing of the change; from an exact 8,000 to '6萬多' the change
    is a lower bound."""
    points = {p["id"]: p for p in _json(runner, "trend", "minning_population")["points"]}
    later = points["mn_pop_2025_econdaily"]  # '6万多' (2025) after 'over 60000' (2024)
    assert later["growth"] is None and later["no_growth"] == "both figures are lower bounds"
    for p in points.values():  # no point claims a rise or a fall between two floors
        start = points.get(p["growth"]["from"]) if p["growth"] else None
        if start is not None:
            assert not (start["qualifier"] in FLOORS and p["qualifier"] in FLOORS)


def test_a_derived_figure_cites_every_source_it_rests_on(runner: InProcessRunner) -> None:
    out = runner.invoke(app, ["cite", "fujian_funding_added_2011_2020"]).stdout
    assert out.endswith("(from figures in China Daily, 2020-07-08; Xinhua, 2012-10-23)\n")
    shown = _json(runner, "show", "fujian_funding_added_2011_2020")
    assert shown["figure"]["sources"] == ["chinadaily-2020-07-08", "xinhua-2012-10-23"]
    assert [s["id"] for s in shown["more_sources"]] == ["xinhua-2012-10-23"]


def test_compare_of_one_measure_says_why_there_is_no_verdict(runner: InProcessRunner) -> None:
    assert _json(runner, "compare", "poverty_rate")["notes"] == [
        "poverty_rate: one source states it; its 2 figures are a trend over time."
    ]
    said = _json(runner, "compare", "poverty_rate", "--lang", "zh")["notes_zh"]
    assert said == ["poverty_rate：仅一个来源提到；其2个数字是随时间的变化。"]
    notes = _json(runner, "compare", "schools")["notes"]
    assert len(notes) == 1 and "Xinhua 2012-10-23: 214所" in notes[0]


def test_trend_of_minning_in_period_order(runner: InProcessRunner) -> None:
    points = _json(runner, "trend", "minning_population")["points"]
    years = [p["year"] for p in points]
    assert years == sorted(years) and years[0] == 1997 and years[-1] >= 2024
    uncertain = next(p for p in points if p["id"] == "minning_population_pd2021_earlier")
    assert uncertain["period"]["approximate"] and (uncertain["period"]["start_year"], uncertain["year"]) == (1997, 2001)


def test_unknown_measure_names_the_closest(runner: InProcessRunner) -> None:
    result = runner.invoke(app, ["trend", "school"])
    assert result.exit_code == 2
    assert "no measure 'school'" in result.stderr and "schools" in result.stderr


def test_show_measure_lists_every_source(runner: InProcessRunner) -> None:
    doc = _json(runner, "show", "schools")
    assert [(o["source"], o["as_stated"]) for o in doc["observations"]] == [
        ("xinhua-2012-10-23", "214所"),
        ("chinadaily-2020-07-08", "259 schools"),
        ("chinadaily-2020-09-16", "236 schools"),
        ("fujiandaily-2011-08-29", "201所"),
    ]
    assert [c["verdict"] for c in doc["comparisons"]] == ["different"]


def test_facts_by_source_and_year(runner: InProcessRunner) -> None:
    xinhua = _json(runner, "facts", "--source", "xinhua-2012-10-23", "--stored")["figures"]
    assert {f["source"] for f in xinhua} == {"xinhua-2012-10-23"} and len(xinhua) >= 15
    in_2011 = _json(runner, "facts", "--year", "2011", "--stored")["figures"]
    assert in_2011 and all(f["period"]["start_year"] <= 2011 <= f["period"]["end_year"] for f in in_2011)
    refused = runner.invoke(app, ["facts", "--source", "xinhua"])
    assert refused.exit_code == 2 and "--source" in refused.stderr and "did you mean xinhua-" in refused.stderr


def test_cite_any_source(runner: InProcessRunner) -> None:
    out = runner.invoke(app, ["cite", "xinhua-2012-10-23", "--style", "apa"]).stdout
    assert (
        out
        == "Xinhua. (2012, October 23). 福建16年累计援助7亿多元帮扶宁夏发展 [Fujian has given more than 700 million "
        "yuan of aid over 16 years to help Ningxia develop]. http://news.sohu.com/20121023/n355496065.shtml\n"
    )
    inferred = runner.invoke(app, ["cite", "minning_population_pd2021"]).stdout
    assert inferred == "Minning has become a model township with over 66,000 residents (People's Daily, 2021)\n"


# --- the rules on their own ---


@pytest.mark.parametrize(
    ("printed", "value", "step"),
    [
        ("3.044 billion yuan", 3_044_000_000, 1_000_000),
        ("15,300 hectares", 15_300, 100),
        ("15266.67 hectares", 15266.67, Fraction(1, 100)),
        ("7.74亿元", 774_000_000, 1_000_000),
        ("259 schools", 259, 1),
        ("more than 5,700", 5_700, 100),
        ("6萬多名", 60_000, 10_000),
        ("no digits here", 385, 1),
    ],
)
def test_printed_step(printed: str, value: float, step: Fraction) -> None:
    assert printed_step(printed, value) == step


def test_ranges_of_the_issue_examples() -> None:
    f = Fraction
    exact_259 = value_range(f(259), "exact", f(1))
    exact_236 = value_range(f(236), "exact", f(1))
    assert not overlap([exact_259, exact_236])
    assert overlap([value_range(f(5700), "more_than", f(100)), value_range(f(5700), "about", f(100))])
    assert overlap([value_range(f(3044), "exact", f(1)), value_range(f(3000), "more_than", f(1000))])
    # 'more than 5,700' and an exact '5,700' (5,699.5 to 5,700.5) share values just above 5,700
    assert overlap([value_range(f(5700), "more_than", f(100)), value_range(f(5700), "exact", f(1))])
    assert overlap([value_range(f(600), "nearly", f(100)), value_range(f(600), "exact", f(1))])
    assert not overlap([value_range(f(600), "nearly", f(100)), value_range(f(601), "exact", f(1))])
    assert not overlap([Range(f(1), f(2), high_open=True), Range(f(2), f(3))])


qualifiers = st.sampled_from(["exact", "about", "more_than", "over", "nearly", "at_least"])
values = st.fractions(min_value=0, max_value=10**9)
steps = st.sampled_from([Fraction(1, 100), Fraction(1), Fraction(100), Fraction(10**6)])


@given(values, qualifiers, steps)
def test_a_figure_agrees_with_itself(value: Fraction, qualifier: str, step: Fraction) -> None:
    r = value_range(value, qualifier, step)
    assert overlap([r, r])


@given(st.lists(st.tuples(values, qualifiers, steps), min_size=1, max_size=5), st.randoms())
def test_verdicts_do_not_depend_on_order(figures: list[tuple[Fraction, str, Fraction]], rng: Any) -> None:
    ranges = [value_range(*figure) for figure in figures]
    shuffled = list(ranges)
    rng.shuffle(shuffled)
    assert overlap(ranges) == overlap(shuffled)


# --- another program, as a JSON file ---

RENAMES = {"Fujian": "Zhejiang", "Ningxia": "Sichuan", "Minning": "Zhechuan", "福建": "浙江", "宁夏": "四川"}
RENAMES_ZH_CHARS = {"闽": "浙", "閩": "浙"}
FORBIDDEN = ("Fujian", "Ningxia", "福建", "宁夏", "闽", "閩")


def _other_program(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """The shipped dataset with every id renamed consistently and the partners' names replaced everywhere."""
    data = json.loads(DATA.read_text(encoding="utf-8"))
    ids: list[str] = [s["id"] for s in data["sources"]] + [u["id"] for u in data["units"]]
    ids += [m["id"] for m in data["measures"]] + [o["id"] for m in data["measures"] for o in m["observations"]]
    ids += [d["id"] for d in data["derivations"]] + [c["id"] for c in data["categories"]]
    new_ids = {old: f"x{i}" for i, old in enumerate(dict.fromkeys(ids))}

    def rename(node: Any, key: str | None = None) -> Any:
        if isinstance(node, dict):
            return {k: rename(v, k) for k, v in node.items()}
        if isinstance(node, list):
            return [rename(v, key) for v in node]
        if isinstance(node, str):
            if node in new_ids and key in {"id", "source", "unit", "category", "part_of", "inputs", "figures",
                                            "related", "total", "sources", "figure"}:  # fmt: skip
                return new_ids[node]
            for old, new in {**RENAMES, **RENAMES_ZH_CHARS}.items():
                node = node.replace(old, new)
        return node

    renamed = rename(data)
    path = tmp_path / "other.json"
    path.write_text(json.dumps(renamed, ensure_ascii=False), encoding="utf-8")
    return path, new_ids


def test_another_program_gives_the_same_figures_and_names_none_of_ours(tmp_path: Path) -> None:
    """Ids renamed and another program's names: every command works, with the same values and verdicts, and no
    output names the shipped program's partners."""
    path, new_ids = _other_program(tmp_path)
    runner = InProcessRunner()
    env = {"COLUMNS": "100", "PAIRING_DATA": str(path)}

    def out(*args: str) -> str:
        result = runner.invoke(app, list(args), env=env)
        assert result.exit_code == 0, (args, result.output)
        for word in FORBIDDEN:
            assert word not in result.stdout, (args, word)
        return result.stdout

    ours = InProcessRunner().invoke(app, ["compare", "--json"], env={"PAIRING_DATA": ""}).stdout
    theirs = json.loads(out("compare", "--json"))
    expected = {new_ids[m["id"]]: (m["verdict"], m["gap"]) for m in json.loads(ours)["measures"]}
    assert {m["id"]: (m["verdict"], m["gap"]) for m in theirs["measures"]} == expected
    for command in (["summary"], ["infrastructure"], ["funding", "--breakdown"], ["facts"], ["timeline"],
                    ["sources"], ["compare"], ["trend", new_ids["fujian_funding"]], ["show", new_ids["schools"]],
                    ["cite", new_ids["schools_built"]]):  # fmt: skip
        for lang in ("en", "zh"):
            out(*command, "--lang", lang)
    summary = json.loads(out("summary", "--json"))
    shipped_summary = json.loads(InProcessRunner().invoke(app, ["summary", "--json"], env={"PAIRING_DATA": ""}).stdout)
    assert [f["value"] for f in summary["figures"]] == [f["value"] for f in shipped_summary["figures"]]


def test_schema_one_file_still_loads_and_migrates(tmp_path: Path, shipped: Dataset) -> None:
    """A schema-1 file (the previous format) loads as it is, and `pairing migrate` converts it with nothing lost."""
    from pairing_cli.data.migrate import upgrade

    v1 = {
        "schema_version": 1,
        "program": shipped.program.model_dump(mode="json", exclude_none=True),
        "sources": [shipped.sources[0].model_dump(mode="json", exclude_none=True)],
        "figures": [
            {
                "id": "wells_dug",
                "category": "infrastructure",
                "label": "Wells dug",
                "value": 15000,
                "unit": "wells",
                "qualifier": "exact",
                "period": {"label": "since 1996", "start_year": 1996, "end_year": 2020, "stated": True},
                "scope": "Ningxia",
                "source": "chinadaily-2020-07-08",
                "as_stated": "15,000 wells",
                "quote": "dug 15,000 wells",
            },
        ],
    }
    old = tmp_path / "old.json"
    old.write_text(json.dumps(v1), encoding="utf-8")
    loaded = load.load(old)
    assert [(f.id, f.measure, f.value, f.unit) for f in loaded.figures] == [("wells_dug", "wells_dug", 15000, "wells")]
    runner = InProcessRunner()
    result = runner.invoke(app, ["migrate", str(old), "-o", str(tmp_path / "new.json")])
    assert result.exit_code == 0, result.output
    new = json.loads((tmp_path / "new.json").read_text(encoding="utf-8"))
    assert new == upgrade(v1) and new["schema_version"] == 3
    assert new["measures"][0]["kind"] == "cumulative"  # one figure over 1996-2020: a running total, by the rule
    assert new["measures"][0]["observations"][0]["quote"] == "dug 15,000 wells"
    again = runner.invoke(app, ["migrate", str(old), "-o", str(tmp_path / "new.json")])
    assert again.exit_code == 2 and "--force" in again.stderr
    assert runner.invoke(app, ["--data", str(tmp_path / "new.json"), "facts", "--json"]).exit_code == 0


def test_compare_and_trend_scale_linearly() -> None:
    """Not a timing test: compare touches each observation a bounded number of times (checked by counting)."""
    loaded = load.load(DATA)
    calls = 0
    original = compare.observed

    def counting(*args: Any) -> Any:
        nonlocal calls
        calls += 1
        return original(*args)

    compare.observed = counting  # type: ignore[assignment]
    try:
        compare.compare(loaded)
    finally:
        compare.observed = original
    related = sum(len(m.observations) * len(m.related) for m in loaded.measures)
    assert calls <= len(loaded.figures) + related


def test_verdict_rules_are_documented() -> None:
    page = (DATA.parent.parent / "docs" / "commands" / "compare.md").read_text(encoding="utf-8")
    assert re.search(r"## The verdict rules", page) and "consistent" in page and "different" in page


@pytest.mark.parametrize(
    "argv",
    [
        ["summary"],
        ["infrastructure"],
        ["funding", "--breakdown"],
        ["convert-units", "--mu", "229000", "--yuan", "4856"],
    ],
)
def test_the_real_schema_one_dataset_reads_as_before(tmp_path: Path, argv: list[str]) -> None:
    """tests/data/program-v1.json is the dataset as schema 1 shipped it (git show db8189d:data/program.json). Read
    directly or after `pairing migrate`, it gives the same figures as the shipped dataset: the upgrade loses nothing
    that users of schema 1 saw (its parts, shares and remainder included). Compared as JSON figures (id, value,
    unit, qualifier, years): the shipped data has since corrected two periods' stated flags, which tables show."""
    from .helpers import invoke

    v1 = Path(__file__).resolve().parent / "data" / "program-v1.json"
    assert json.loads(v1.read_text(encoding="utf-8"))["schema_version"] == 1
    migrated = tmp_path / "v2.json"
    assert invoke("migrate", str(v1), "-o", str(migrated)).returncode == 0
    assert invoke("validate", str(migrated)).returncode == 0

    def figures(*args: str) -> list[tuple[Any, ...]]:
        document = json.loads(invoke(*args, *argv, "--json").stdout)
        rows = document.get("figures") or document.get("conversions") or []
        return [
            (
                r.get("id"),
                r.get("value"),
                r.get("unit"),
                r.get("qualifier"),
                json.dumps(r.get("period", {}).get("start_year")),
            )
            for r in rows
        ]

    shipped = figures()
    assert shipped
    assert figures("--data", str(v1)) == shipped
    assert figures("--data", str(migrated)) == shipped


def test_no_gap_is_read_from_a_bound(runner: InProcessRunner) -> None:
    """'more than 400' and 8,000 are consistent, and the 7,600 between them as printed says nothing of the true gap:
    no gap where the lowest figure is a floor or the highest a ceiling; figures printed alike still have a gap of 0."""
    by_period = {c["period"]["label"]: c for c in _json(runner, "compare", "minning_population")["measures"]}
    assert by_period["1997"]["gap"] is None and by_period["1997"]["gap_percent"] is None
    assert by_period["2025"]["gap"] == 0  # 'more than 60,000' and 'over 60,000'
    funding = _json(runner, "compare", "fujian_funding")["measures"][0]  # 3.044 billion and 'more than 3 billion'
    assert funding["verdict"] == "consistent" and funding["gap"] is None
    schools = next(c for c in _json(runner, "compare")["measures"] if c["id"] == "schools")
    assert schools["gap"] == 23  # two levels: the gap is theirs
