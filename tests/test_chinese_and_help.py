"""Chinese output (official terms, 亿 and 万), quantities as people write them, and help that teaches."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pairing_cli.cli import app, invoked_command
from pairing_cli.data.models import Dataset
from pairing_cli.language.numbers import chinese_number, format_value

from .helpers import InProcessRunner, MockEnvironment, clean_env, invoke, run
from .test_units import AS_PEOPLE_WRITE_THEM


@pytest.mark.parametrize(
    ("value", "unit", "qualifier", "expected"),
    [
        (3_044_000_000, "yuan", "exact", "30.44亿元"),
        (711_000_000, "yuan", "exact", "7.11亿元"),
        (937_000, "people", "exact", "93.7万人"),
        (600_000, "people", "nearly", "近60万人"),
        (229_000, "mu", "exact", "22.9万亩"),
        (15_000, "wells", "exact", "1.5万眼"),
        (80_000, "people", "over", "逾8万人"),
        (37_897, "people", "exact", "37897人"),  # not a round number of 万: shown whole
        (10_415, "yuan", "exact", "10415元"),
        (2_000, "houses", "more_than", "超过2000户"),
        (22.9, "percent", "exact", "22.9%"),
    ],
)
def test_chinese_magnitudes(value: float, unit: str, qualifier: str, expected: str) -> None:
    assert format_value(value, unit, qualifier=qualifier, lang="zh") == expected


def test_chinese_number_of_a_derived_amount() -> None:
    assert chinese_number(57_468_165.16, derived=True) == ("5746.82", "万")
    assert chinese_number(15_266.666, derived=True) == ("15266.67", "")


def test_every_figure_category_and_region_has_a_chinese_label(shipped: Dataset) -> None:
    """The dataset carries Chinese for each figure (label, scope, period, statement), category, partner, industry."""
    for f in shipped.figures:
        assert f.label_zh and f.scope_zh and f.period.label_zh and f.statement_zh, f.id
    assert all(c.label_zh for c in shipped.categories)
    assert all(p.name_zh for p in shipped.program.partners) and shipped.program.name_zh == "闽宁对口扶贫协作"
    assert all(i.name_zh for i in shipped.industries)
    assert all(e.label_zh and e.when_zh for e in shipped.events)


def test_official_terms(shipped: Dataset) -> None:
    """贫困发生率 for the poverty rate; 贫困地区农村居民人均可支配收入 for the income of the poor areas."""
    for figure_id in ("poverty_rate_2012", "poverty_rate_2019"):
        assert (shipped.figure(figure_id).label_zh or "").startswith("贫困发生率")
    for figure_id in ("income_per_capita_2012", "income_per_capita_2019"):
        assert (shipped.figure(figure_id).label_zh or "").startswith("贫困地区农村居民人均可支配收入")


def test_summary_in_chinese(runner: InProcessRunner) -> None:
    """Labels, units, headings and magnitudes in Chinese."""
    result = runner.invoke(app, ["summary", "--lang", "zh"])
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    for text in (
        "闽宁对口扶贫协作：主要数据",
        "指标",
        "数值",
        "贫困发生率，2012年",
        "93.7万人",
        "30.44亿元",
        "7.57亿元",
    ):
        assert text in out, text
    assert "22.43个百分点" in out and "逾8万人" in out and "超过5700家" in out


def test_pairing_lang_environment_variable(tmp_path: Path) -> None:
    done = invoke("infrastructure", cwd=tmp_path, env=MockEnvironment(dict(PAIRING_LANG="zh", COLUMNS="120")))
    assert done.returncode == 0, done.stderr
    assert "22.9万亩" in done.stdout and "385公里" in done.stdout and "超过2000户" in done.stdout
    bad = invoke("summary", cwd=tmp_path, env=MockEnvironment(dict(PAIRING_LANG="fr")))
    assert bad.returncode == 2 and "PAIRING_LANG" in bad.stderr and bad.stdout == ""


def test_chinese_json_keeps_keys_and_base_units(runner: InProcessRunner) -> None:
    """--lang zh adds title_zh and a zh object per figure; keys, values and units stay as in English."""
    english = json.loads(runner.invoke(app, ["funding", "--breakdown", "--json"]).stdout)
    chinese = json.loads(runner.invoke(app, ["funding", "--breakdown", "--json", "--lang", "zh"]).stdout)
    assert chinese["title_zh"] == "闽宁对口扶贫协作：帮扶资金"
    for en, zh in zip(english["figures"], chinese["figures"], strict=True):
        assert {k: v for k, v in zh.items() if k != "zh"} == en
    total = chinese["figures"][0]["zh"]
    assert total == {
        "label": "福建投入扶贫资金",
        "value_text": "30.44亿元",
        "unit": "元",
        "qualifier": None,
        "period": "1996年以来",
        "scope": "宁夏",
        "statement": "1996年以来福建向宁夏投入扶贫资金30.44亿元",
    }


def test_facts_search_finds_chinese_labels(runner: InProcessRunner) -> None:
    doc = json.loads(runner.invoke(app, ["facts", "--search", "贫困发生率", "--json"]).stdout)
    assert {f["id"] for f in doc["figures"]} >= {"poverty_rate_2012", "poverty_rate_2019", "poverty_rate_drop_points"}


def test_cite_in_chinese(runner: InProcessRunner) -> None:
    result = runner.invoke(app, ["cite", "rural_houses_renovated", "--lang", "zh"])
    assert result.stdout == "改造农村危房2000多户（中国日报，2020-07-08）\n"


# --------------------------------------------------------------------------------------- quantities people write
@pytest.mark.parametrize(("text", "yuan"), AS_PEOPLE_WRITE_THEM)
def test_convert_units_reads_quantities_as_people_write_them(runner: InProcessRunner, text: str, yuan: int) -> None:
    result = runner.invoke(app, ["convert-units", "--yuan", text, "--json"])
    assert result.exit_code == 0, result.stderr
    conversion = json.loads(result.stdout)["conversions"][0]
    assert conversion["input"] == text and conversion["value"] == yuan


@pytest.mark.parametrize("text", ["3.0.4bn", "5万亿亿", "billion", "12 bananas", "1,93,0"])
def test_malformed_quantity_names_the_option(runner: InProcessRunner, text: str) -> None:
    result = runner.invoke(app, ["convert-units", "--usd", "1", "--yuan", text])
    assert result.exit_code == 2 and result.stdout == ""
    assert "--yuan" in result.stderr and text in result.stderr


# ------------------------------------------------------------------------------------------------------ help
COMMANDS = [
    "summary",
    "infrastructure",
    "funding",
    "facts",
    "show",
    "timeline",
    "sources",
    "cite",
    "convert-units",
    "validate",
    "schema",
]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_help_shows_an_example(runner: InProcessRunner, command: str) -> None:
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0
    assert "Example" in result.stdout and f"pairing {command}" in result.stdout


def test_commands_are_grouped_in_panels(runner: InProcessRunner) -> None:
    out = runner.invoke(app, ["--help"]).stdout
    positions = [out.index(panel) for panel in ("Figures", "Sources and citations", "Tools")]
    assert positions == sorted(positions)
    assert "--install-completion" in out


def test_shell_completion_offers_figure_ids(tmp_path: Path) -> None:
    """Typer's completion is on, and completes `pairing show pov` with the poverty figures' ids."""
    env = clean_env(_PAIRING_COMPLETE="complete_bash", COMP_WORDS="pairing show pov", COMP_CWORD="2")
    done = run(cwd=tmp_path, env=env)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == [
        "poverty_rate_2012",
        "poverty_rate_2019",
        "poverty_rate_drop_points",
        "poverty_rate_drop_percent",
    ]


@pytest.mark.parametrize(
    ("argv", "command"),
    [
        (["--data", "x.json", "summary", "--json"], "summary"),
        (["--data=x.json", "facts"], "facts"),
        (["--debug", "show", "wells_dug"], "show"),
        (["--help"], None),
        ([], None),
    ],
)
def test_the_invoked_command_is_found_past_root_options(argv: list[str], command: str | None) -> None:
    """Only the command a call names is handed to Click; a root option's value is not taken for it."""
    assert invoked_command(argv) == command


def _every_help(columns: str = "100") -> list[tuple[list[str], str]]:
    from pairing_cli.cli import app

    commands = [None, *sorted(info.name or info.callback.__name__ for info in app.registered_commands if info.callback)]
    shown = []
    for command in commands:
        argv = [command.replace("_", "-"), "--help"] if command else ["--help"]
        result = InProcessRunner().invoke(app, argv, env={"COLUMNS": columns})
        assert result.exit_code == 0, (argv, result.output)
        shown.append((argv, result.stdout))
    return shown


def test_help_shows_words_not_python_types() -> None:
    """Every command's --help: no traceback; a flag shows no type, an option its word (FILE, RATE, QUANTITY), never
    `<bool>`, `<str>`, `<int>` or `<list[str]>`; only an argument keeps Typer's own type word after its name."""
    for argv, text in _every_help():
        options = text.split("Arguments")[0] + text.split("Arguments")[-1].split("╰", 1)[-1]
        for python_type in ("<bool>", "<list[str]>", "<int>", "<float>"):
            assert python_type not in text, (argv, python_type)
        assert "<str>" not in options, argv
    facts = dict((a[0], t) for a, t in _every_help())["facts"]
    for word in ("--category  -c      CATEGORY", "--source            SOURCE", "--year              YEAR"):
        assert word in facts, word


def test_typer_is_not_patched() -> None:
    """The help words come from metavars and Typer's own extension points (cls=), not from replacing Typer's
    methods at import."""
    import typer.core

    import pairing_cli.cli  # noqa: F401 - imported for what it would patch

    for cls in (typer.core.TyperOption, typer.core.TyperArgument):
        assert cls.display_type_rich.__module__ == "typer.core", cls


def test_help_summaries_are_whole_sentences() -> None:
    """A command's summary (its docstring's first paragraph) is one line, one sentence, shown whole in the list of
    `pairing --help`; the paragraphs after it break lines only between sentences."""
    import inspect

    from pairing_cli.cli import app

    shown = InProcessRunner().invoke(app, ["--help"]).stdout
    listing = " ".join(shown.replace("│", " ").split())  # the list as running text, its wrapped lines joined
    for info in app.registered_commands:
        doc = inspect.getdoc(info.callback)
        assert doc, info
        summary, *paragraphs = doc.split("\n\n")
        assert "\n" not in summary and summary.endswith("."), summary
        assert summary in listing, summary
        for paragraph in paragraphs:
            if not paragraph.startswith("\b"):
                for line in paragraph.splitlines():
                    assert line.endswith((".", ":", "!", "?")), (getattr(info.callback, "__name__", info.name), line)
