"""Charts on the terminal (blocks, or ASCII where blocks cannot be shown) and tables saved as SVG and HTML."""

from __future__ import annotations

import os
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from pairing_cli import files
from pairing_cli.cli import app
from pairing_cli.errors import WriteError
from pairing_cli.render.terminal import bar

from .helpers import InProcessRunner, MockEnvironment, assert_one_line_error, invoke, run

SVG = "{http://www.w3.org/2000/svg}svg"


def test_bar_lengths_are_proportional() -> None:
    """A full bar fills its width; half a bar half; a sliver of a value still shows; zero shows nothing."""
    assert bar(1.0, 10, ascii_only=False) == "█" * 10
    assert bar(0.5, 10, ascii_only=False) == "█" * 5
    assert bar(0.0625, 10, ascii_only=False) == "▋"  # 0.625 cells = five eighths
    assert bar(0.001, 10, ascii_only=False) == "▏"
    assert bar(0.0, 10, ascii_only=False) == ""
    assert bar(0.5, 10, ascii_only=True) == "#####"
    assert bar(0.001, 10, ascii_only=True) == "|"


def test_summary_chart_compares_2012_with_2019(runner: InProcessRunner) -> None:
    """summary --chart draws the two poverty rates and the two incomes; 22.9% fills the bar, 0.47% barely shows."""
    result = runner.invoke(app, ["summary", "--chart"])
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    rate_2012 = next(line for line in lines if line.startswith("Poverty rate, 2012 ") and "█" in line)
    rate_2019 = next(line for line in lines if line.startswith("Poverty rate, 2019 ") and "%" in line)
    assert rate_2012.count("█") == 50 and "22.9%" in rate_2012
    assert rate_2019.count("█") <= 1 and "0.47%" in rate_2019
    assert "Per capita disposable income in poor areas, 2012 and 2019" in result.stdout


def test_funding_chart_shows_each_part_share(runner: InProcessRunner) -> None:
    result = runner.invoke(app, ["funding", "--breakdown", "--chart"])
    assert result.exit_code == 0, result.stderr
    assert "shares of the total" in result.stdout
    for share in ("63.40%", "23.36%", "13.24%"):
        assert any(share in line and "█" in line for line in result.stdout.splitlines()), share


def test_chart_falls_back_to_ascii(tmp_path: Path) -> None:
    """Where stdout cannot encode block characters the bars are '#' and the table rules ASCII."""
    done = invoke(
        "summary", "--chart", cwd=tmp_path, env=MockEnvironment(dict(PYTHONIOENCODING="ascii", COLUMNS="100"))
    )
    assert done.returncode == 0, done.stderr
    assert "#" * 50 in done.stdout
    assert all(ord(c) < 128 for c in done.stdout)


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["summary", "--chart", "--json"], "--chart"),
        (["funding", "--chart"], "--breakdown"),
    ],
)
def test_chart_misuse_is_a_usage_error(runner: InProcessRunner, args: list[str], needle: str) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 2 and needle in result.stderr and result.stdout == ""


@pytest.mark.parametrize(
    "command",
    [
        ["summary", "--chart"],
        ["infrastructure"],
        ["funding", "--breakdown", "--chart"],
        ["facts"],
        ["show", "funding_total"],
        ["timeline"],
        ["sources"],
        ["convert-units", "--mu", "229000"],
        ["validate"],
    ],
)
def test_every_table_command_exports_svg_that_is_an_image(tmp_path: Path, command: list[str]) -> None:
    """--export-svg writes a well-formed SVG document whose text holds the table's title."""
    target = tmp_path / "out.svg"
    done = invoke(*command, "--export-svg", str(target), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    root = ET.parse(target).getroot()
    assert root.tag == SVG and root.get("viewBox")
    text = " ".join("".join(e.itertext()) for e in root.iter("{http://www.w3.org/2000/svg}text"))
    assert len(text) > 20
    assert done.stdout  # the table still goes to stdout


def test_export_html_is_a_standalone_page(tmp_path: Path) -> None:
    target = tmp_path / "summary.html"
    done = invoke("summary", "--lang", "zh", "--export-html", str(target), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    page = target.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and '<meta charset="UTF-8">' in page
    shown = re.sub(r"<[^>]+>", "", page)  # the text a reader sees (Chinese is spaced to its cells by spans)
    assert "30.44亿元" in shown and "贫困发生率" in shown


def test_an_existing_export_survives_a_second_run(tmp_path: Path) -> None:
    """Without --force an existing file is left as it was, nothing is printed, and the exit status is 2."""
    target = tmp_path / "summary.svg"
    target.write_text("keep me", encoding="utf-8")
    done = invoke("summary", "--export-svg", str(target), cwd=tmp_path)
    assert_one_line_error(done, 2, "--export-svg", "exists", "--force")
    assert target.read_text(encoding="utf-8") == "keep me"
    forced = invoke("summary", "--export-svg", str(target), "--force", cwd=tmp_path)
    assert forced.returncode == 0 and target.read_text(encoding="utf-8").startswith("<svg")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["summary.svg"]  # no temporary file left behind


def test_an_existing_html_export_stops_the_svg_too(tmp_path: Path) -> None:
    """Targets are checked before anything is written: one refused file means neither is written."""
    (tmp_path / "taken.html").write_text("x", encoding="utf-8")
    done = invoke("summary", "--export-svg", "new.svg", "--export-html", "taken.html", cwd=tmp_path)
    assert_one_line_error(done, 2, "--export-html")
    assert not (tmp_path / "new.svg").exists()


@pytest.mark.parametrize(("target", "needle"), [("missing/out.svg", "no folder"), (".", "is a folder")])
def test_export_to_a_bad_place_is_a_usage_error(tmp_path: Path, target: str, needle: str) -> None:
    done = invoke("summary", "--export-svg", target, cwd=tmp_path)
    assert_one_line_error(done, 2, "--export-svg", needle)


def test_export_into_a_read_only_folder_writes_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        probe = folder / "probe"
        try:
            probe.write_text("")
        except PermissionError:
            pass
        else:  # running as root: permissions do not bind, nothing to test
            probe.unlink()
            pytest.skip("permissions are not enforced for this user")
        done = invoke("summary", "--export-svg", str(folder / "out.svg"), cwd=tmp_path)
        assert done.returncode == 2 and "--export-svg" in done.stderr and "Traceback" not in done.stderr
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o700)


def test_a_failed_write_leaves_neither_file_nor_temporary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A write that fails half-way (the disk full, say) leaves the folder as it was and names the option; it is an
    output problem (status 1), not a usage one."""

    def full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(WriteError, match=r"--export-svg: cannot write .*No space left on device") as caught:
        files.write_atomically(tmp_path / "out.svg", "<svg/>", "--export-svg", force=False)
    assert caught.value.exit_code == 1
    assert list(tmp_path.iterdir()) == []


def test_force_replaces_in_one_step(tmp_path: Path) -> None:
    target = tmp_path / "out.html"
    target.write_text("old", encoding="utf-8")
    files.write_atomically(target, "new", "--export-html", force=True)
    assert target.read_text(encoding="utf-8") == "new"
    assert list(tmp_path.iterdir()) == [target]


def test_export_is_written_even_when_the_reader_stops_early(tmp_path: Path) -> None:
    """`pairing facts --export-svg f.svg | head -n 1`: the file is written whole before the table is printed."""
    done = run(shell='"$PAIRING" facts --export-svg facts.svg | head -n 1', cwd=tmp_path)
    assert done.returncode == 0 and done.stderr.startswith("wrote facts.svg (")  # the file is reported, whole
    assert ET.parse(tmp_path / "facts.svg").getroot().tag == SVG


def test_a_chart_of_many_figures_summarises_and_costs_bounded_time() -> None:
    """20,000 figures of one measure over 40 years: the chart draws each year's lowest and highest (80 marks), says
    so, and its SVG and PNG stay small and quick (issue 20: a PNG grew with the points until MemoryError)."""
    import copy
    import time

    from pairing_cli.data import load
    from pairing_cli.data.programs import shipped
    from pairing_cli.queries.trend import trend
    from pairing_cli.render.charts import specs_for, stack_svg, to_png

    pytest.importorskip("resvg_py", reason="PNG charts need resvg-py")
    report = trend(load.load(shipped()["fujian-ningxia"]), "minning_income")
    model = report.points[-1]
    many = []
    for n in range(20_000):
        point = copy.copy(model)
        point.observed = copy.copy(model.observed)
        point.observed.id, point.observed.value_in_unit = f"o{n}", 1000.0 + (n * 7919) % 15000
        point.observed.as_of = str(1985 + n % 40)
        point.from_id = None
        many.append(point)
    report.points = many
    started = time.perf_counter()
    specs = specs_for(report, "en")
    svg = stack_svg(specs)
    data, _ = to_png(specs)
    elapsed = time.perf_counter() - started
    assert len(specs[0].points) == 80 and any("lowest and highest" in n for n in specs[0].notes)
    assert len(svg) < 100_000 and len(data) < 1_000_000 and elapsed < 10, (len(svg), len(data), elapsed)


def test_a_word_longer_than_a_line_is_cut_in_linear_time() -> None:
    """A label of one 3,999-character word (the schema allows 4,000) is cut into lines that each fit, quickly: the
    cut used to try every shorter prefix, and a report of such labels ran for minutes."""
    import time

    from pairing_cli.render.charts.textfit import width, wrap

    started = time.process_time()
    for text in ("W" * 3999, "e\u0301" * 1999, "\U0001f600" * 3999, "闽宁" * 1999):
        lines = wrap(text, 14, 500)
        assert "".join(lines) == text and all(width(line, 14) <= 500 or len(line) == 1 for line in lines)
    assert time.process_time() - started < 2.0
