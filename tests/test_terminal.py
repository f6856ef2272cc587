"""Bad numbers are usage errors (exit 2); closed pipes are quiet; odd terminals work; --json stays plain."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .helpers import ESC, MockEnvironment, assert_one_line_error, clean_env, invoke, run

BAD_NUMBERS = ["-5", "0-", "nan", "NaN", "inf", "-inf", "1e400", "", "   ", "abc", "12 parsecs", "1,2,3", "0x10"]


@pytest.mark.parametrize("value", BAD_NUMBERS)
@pytest.mark.parametrize("option", ["--mu", "--usd", "--sq-km"])
def test_bad_quantity_names_the_option(tmp_path: Path, option: str, value: str) -> None:
    """Each bad quantity is a one-line usage error (exit 2) naming the option."""
    assert_one_line_error(invoke("convert-units", option, value, cwd=tmp_path), 2, option)


@pytest.mark.parametrize("value", [*BAD_NUMBERS, "0", "0.0"])
def test_bad_rate_names_the_option(tmp_path: Path, value: str) -> None:
    """A zero, negative or non-numeric --rate is a usage error naming --rate, for funding and convert-units."""
    assert_one_line_error(invoke("funding", "--rate", value, cwd=tmp_path), 2, "--rate")
    assert_one_line_error(invoke("convert-units", "--yuan", "1", "--rate", value, cwd=tmp_path), 2, "--rate")


def test_usage_problems(tmp_path: Path) -> None:
    """No quantity, an unknown command, an unknown option, a bad format: exit 2, one line."""
    assert_one_line_error(invoke("convert-units", cwd=tmp_path), 2, "at least one quantity")
    assert_one_line_error(invoke("sumary", cwd=tmp_path), 2, "No such command")
    assert_one_line_error(invoke("summary", "--jsn", cwd=tmp_path), 2, "--jsn")
    assert_one_line_error(invoke("summary", "--format", "xml", cwd=tmp_path), 2, "--format")


@pytest.mark.parametrize(
    "line",
    [
        "$PAIRING summary --json | head -c 1",
        "$PAIRING infrastructure | head -n 1",
        "$PAIRING summary | head -n 1",
        "$PAIRING funding --breakdown --format csv | head -c 10",
        # more than a pipe's 64 KiB of output (some 140 KiB and 80 KiB), so that the reader leaves mid-write
        "$PAIRING convert-units $(for i in $(seq 1 300); do printf -- '--mu %d ' $i; done) --json | head -c 100",
        "$PAIRING convert-units $(for i in $(seq 1 700); do printf -- '--mu %d ' $i; done) | head -n 2",
    ],
)
def test_closed_pipe_is_quiet(tmp_path: Path, line: str) -> None:
    """When the reader stops early, pairing ends with status 0 and prints nothing on stderr."""
    done = run(cwd=tmp_path, shell=f"set -o pipefail; {line}")
    assert done.stderr == ""
    assert done.returncode == 0
    assert done.stdout


@pytest.mark.parametrize(
    "env",
    [
        {"TERM": "dumb"},
        {"COLUMNS": "20"},
        {"LC_ALL": "C"},
        {"PYTHONIOENCODING": "ascii"},
        {"NO_COLOR": "1"},
        {"LC_ALL": "C", "PYTHONIOENCODING": "ascii", "COLUMNS": "20", "TERM": "dumb"},
    ],
    ids=lambda e: ",".join(f"{k}={v}" for k, v in e.items()),
)
@pytest.mark.parametrize("command", [["summary"], ["funding", "--breakdown"], ["convert-units", "--mu", "229000"]])
def test_odd_terminals(tmp_path: Path, env: dict[str, str], command: list[str]) -> None:
    """Tables work on dumb, narrow, C-locale and ASCII-only terminals; no escape codes off a terminal."""
    done = invoke(*command, cwd=tmp_path, env=MockEnvironment(dict(**env)))
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert ESC not in done.stdout
    assert len(done.stdout.splitlines()) > 3


@pytest.mark.parametrize("env", [{"FORCE_COLOR": "1"}, {"COLUMNS": "20"}, {"PYTHONIOENCODING": "ascii"}])
def test_json_stays_plain(tmp_path: Path, env: dict[str, str]) -> None:
    """--json is plain JSON under FORCE_COLOR, never wrapped at the width, valid under an ASCII encoding."""
    done = invoke("summary", "--json", cwd=tmp_path, env=MockEnvironment(dict(**env)))
    assert done.returncode == 0 and ESC not in done.stdout
    doc = json.loads(done.stdout)
    assert doc["program"]["name"] == "Fujian–Ningxia pairing-up program"
    assert any(len(line) > 100 for line in done.stdout.splitlines())  # long quotes stay on one line


def test_debug_shows_the_traceback(tmp_path: Path) -> None:
    """--debug shows the traceback of a data error, for bug reports."""
    done = run("--debug", "--data", "nope.json", "summary", cwd=tmp_path)
    assert done.returncode == 1 and "Traceback" in done.stderr and "DataError" in done.stderr


def test_the_process_environment_reaches_the_run(tmp_path: Path) -> None:
    """The installed script reads its own variables and streams as the in-process runs above inject them: an ASCII,
    C-locale, 20-column dumb terminal gives ASCII rules; PAIRING_LANG=zh with it is refused in one line."""
    odd = clean_env(LC_ALL="C", PYTHONIOENCODING="ascii", COLUMNS="20", TERM="dumb")
    done = run("funding", "--breakdown", cwd=tmp_path, env=odd)
    assert done.returncode == 0 and done.stderr == "" and ESC not in done.stdout
    assert "+--" in done.stdout and max(len(line) for line in done.stdout.splitlines()) == 20
    assert_one_line_error(run("summary", cwd=tmp_path, env={**odd, "PAIRING_LANG": "zh"}), 2, "PYTHONIOENCODING")


def test_an_absurd_terminal_width_is_bounded(tmp_path: Path) -> None:
    """COLUMNS=2147483648 once had Rich pad the help to two billion columns (a hang): widths beyond 1,000 are 1,000."""
    done = run("--help", cwd=tmp_path, env=clean_env(COLUMNS="2147483648"))
    assert done.returncode == 0 and 0 < max(len(line) for line in done.stdout.splitlines()) <= 1000
    table = invoke("funding", env=MockEnvironment({"COLUMNS": "99999999999999999999"}))
    assert table.returncode == 0 and max(len(line) for line in table.stdout.splitlines()) <= 1000


def test_text_an_ascii_output_cannot_show_is_escaped_not_lost() -> None:
    """Under PYTHONIOENCODING=ascii an English table still shows a source's Chinese headline, as escapes (not '?'),
    and its columns still line up (the escapes are measured as they are printed)."""
    done = invoke("sources", env=MockEnvironment({"PYTHONIOENCODING": "ascii", "COLUMNS": "100"}))
    assert done.returncode == 0 and "?" not in done.stdout
    assert "\\u798f\\u5efa" in done.stdout  # 福建, the start of Xinhua's 2012 headline
    assert {len(line) for line in done.stdout.splitlines() if line.startswith("|")} == {100}


# Formats a program reads byte for byte, each with Chinese in it (Xinhua's 2012 headline starts 福建).
EXACT = {
    "csv": ["facts", "--format", "csv"],
    "markdown": ["facts", "-f", "markdown"],
    "bibtex": ["cite", "xinhua-2012-10-23", "--style", "bibtex"],
    "apa": ["cite", "xinhua-2012-10-23", "--style", "apa"],
    "text": ["cite", "xinhua-2012-10-23", "--style", "text"],
    "gbt7714": ["cite", "xinhua-2012-10-23", "--style", "gbt7714"],
}


@pytest.mark.parametrize("encoding", ["ascii", "latin-1"])
@pytest.mark.parametrize("fmt", list(EXACT))
def test_data_an_output_cannot_hold_is_refused_not_escaped(tmp_path: Path, fmt: str, encoding: str) -> None:
    """CSV, Markdown and citations on a stdout that cannot encode them: nothing written, one line, exit 2; once
    they were written with \\uXXXX escapes (in BibTeX, TeX's breve accent) and the run exited 0."""
    done = invoke(*EXACT[fmt], cwd=tmp_path, env=MockEnvironment({"PYTHONIOENCODING": encoding}))
    assert_one_line_error(done, 2, "standard output's encoding", "cannot hold this output", "PYTHONIOENCODING=utf-8")


@pytest.mark.parametrize("fmt", list(EXACT))
def test_data_a_utf8_output_holds_is_written_as_it_is(tmp_path: Path, fmt: str) -> None:
    """The same commands on a UTF-8 stdout: exit 0, the Chinese as it is, no escapes."""
    done = invoke(*EXACT[fmt], cwd=tmp_path, env=MockEnvironment({"PYTHONIOENCODING": "utf-8"}))
    assert done.returncode == 0 and done.stderr == ""
    assert "福建" in done.stdout and "\\u" not in done.stdout


def test_what_an_ascii_output_can_carry_is_still_written(tmp_path: Path) -> None:
    """On an ASCII stdout a table for people still shows escapes (exit 0); JSON, NDJSON and CSL-JSON carry their
    own escapes and parse to the same text; an HTML page to '-' is the file's UTF-8 bytes, as on the disk."""
    ascii_env = {"PYTHONIOENCODING": "ascii"}
    table = invoke("facts", "-f", "table", cwd=tmp_path, env=MockEnvironment(ascii_env))
    assert table.returncode == 0 and table.stderr == "" and "\\u" in table.stdout
    for args in (["facts", "--json"], ["cite", "xinhua-2012-10-23", "--style", "csl-json"]):
        done = invoke(*args, cwd=tmp_path, env=MockEnvironment(ascii_env))
        assert done.returncode == 0 and done.stderr == "" and done.stdout.isascii()
        assert "福建" in json.dumps(json.loads(done.stdout), ensure_ascii=False)
    lines = invoke("facts", "-f", "ndjson", cwd=tmp_path, env=MockEnvironment(ascii_env))
    assert lines.returncode == 0 and all(json.loads(line) for line in lines.stdout.splitlines())
    from pairing_cli.cli import run as run_in_process

    env = MockEnvironment(ascii_env)
    assert run_in_process(["facts", "--export-html", "-"], env) == 0 and env.text(1) == ""
    env.stdout.flush()
    raw = env.stdout.buffer.getvalue()  # type: ignore[attr-defined]
    assert raw.startswith(b"<!DOCTYPE html>") and "福建".encode() in raw and b"\\u798f" not in raw


def test_a_refused_output_leaves_no_file_behind(tmp_path: Path) -> None:
    """CSV that stdout cannot hold is refused before the files beside it are written: all or nothing."""
    done = invoke(
        "facts", "-f", "csv", "--export-svg", "t.svg", cwd=tmp_path, env=MockEnvironment({"PYTHONIOENCODING": "ascii"})
    )
    assert_one_line_error(done, 2, "cannot hold this output")
    assert not (tmp_path / "t.svg").exists()


def test_the_script_refuses_what_a_c_locale_cannot_hold(tmp_path: Path) -> None:
    """The installed script (its stdout reconfigured to escape) under LC_ALL=C PYTHONUTF8=0: CSV refused in one line,
    exit 2; the source under test is the one run (PYTHONPATH), as in CI."""
    import pairing_cli

    source = str(Path(pairing_cli.__file__).resolve().parents[1])
    env = clean_env(LC_ALL="C", LANG="C", PYTHONUTF8="0", PYTHONCOERCECLOCALE="0", PYTHONPATH=source)
    assert_one_line_error(run("facts", "--format", "csv", cwd=tmp_path, env=env), 2, "(ascii) cannot hold this output")
    cited = run(
        "cite", "xinhua-2012-10-23", "--style", "bibtex", cwd=tmp_path, env={**env, "PYTHONIOENCODING": "utf-8"}
    )
    assert cited.returncode == 0 and "福建" in cited.stdout


def test_blank_line_ends_are_cut_in_linear_time() -> None:
    """Spaces at a line's end go; colour codes among them become one reset; a padded table of many rows is cut in
    time linear in its size (a regular expression over it took seconds for 20,000 rows)."""
    import time

    from pairing_cli.render.terminal import without_trailing_blanks

    assert without_trailing_blanks("a  b   \nc\n") == "a  b\nc\n"
    assert without_trailing_blanks("\x1b[1mhead\x1b[0m   \x1b[0m") == "\x1b[1mhead\x1b[0m"
    assert without_trailing_blanks("x \x1b[2m  \x1b[0m\ny") == "x\x1b[0m\ny"
    table = ("cell" + " " * 30) * 8 + "\n"
    started = time.process_time()
    assert without_trailing_blanks(table * 20_000) == (("cell" + " " * 30) * 7 + "cell\n") * 20_000
    assert time.process_time() - started < 2.0
