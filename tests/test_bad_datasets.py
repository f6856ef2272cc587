"""Bad datasets end with exit status 1 and one line that names the file and the place, never a traceback."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from pairing_cli import files
from pairing_cli.cli import app

from .conftest import DATA
from .helpers import ESC, InProcessRunner, MockEnvironment, assert_one_line_error, at, invoke, obs

SHIPPED_TEXT = DATA.read_text(encoding="utf-8")


def _with(change: Callable[[dict[str, Any]], object]) -> str:
    data = json.loads(SHIPPED_TEXT)
    change(data)
    return json.dumps(data)


# name -> (file contents, or None for "make a folder"; words the one-line message must hold)
CASES: dict[str, tuple[str | bytes | None, tuple[str, ...]]] = {
    "folder": (None, ("is a folder",)),
    "empty": ("", ("empty",)),
    "blank": ("  \n\t\n", ("empty",)),
    "truncated": (SHIPPED_TEXT[:700], ("not valid JSON", "line ", "column ")),
    "latin1": ('{"a": "caf\xe9"}'.encode("latin-1"), ("not UTF-8", "byte offset 10")),
    "array": ("[1, 2, 3]", ("top level must be a JSON object", "array")),
    "string": ('"hello"', ("top level must be a JSON object", "string")),
    "nan": (SHIPPED_TEXT.replace('"value": 22.9', '"value": NaN', 1), ("NaN",)),
    "infinity": (SHIPPED_TEXT.replace('"value": 22.9', '"value": -Infinity', 1), ("Infinity",)),
    "duplicate-key": (
        SHIPPED_TEXT.replace('"schema_version": 3', '"schema_version": 3, "schema_version": 3'),
        ("schema_version", "twice"),
    ),
    "deep": ("[" * 200_000 + "]" * 200_000, ("nested too deeply",)),
    "wrong-type": (
        _with(lambda d: obs(d, "people_lifted_out_of_poverty").update(value="lots")),
        (f"{at('people_lifted_out_of_poverty')}.value",),
    ),
    "unknown-key": (
        _with(lambda d: obs(d, "poverty_rate_2019").update(colour="red")),
        (f"{at('poverty_rate_2019')}.colour", "unknown-key"),
    ),
    "missing-key": (_with(lambda d: d["sources"][0].pop("publisher")), ("sources[0].publisher", "required")),
    "bad-reference": (
        _with(lambda d: obs(d, "income_per_capita_2012").update(source="elsewhere")),
        (f"{at('income_per_capita_2012')}.source",),
    ),
    "duplicate-id": (
        _with(lambda d: obs(d, "income_per_capita_2019").update(id="wells_dug")),
        (f"{at('wells_dug')}.id", "unique-id"),
    ),
    "control-text": (
        _with(lambda d: obs(d, "people_lifted_out_of_poverty").update(label="a\x1b]0;title\x07b")),
        (f"{at('people_lifted_out_of_poverty')}.label",),
    ),
    "escape-in-key": (
        _with(lambda d: obs(d, "people_lifted_out_of_poverty").update({"\x1b[2J": 1})),
        (f"{at('people_lifted_out_of_poverty')}.\\x1b[2J",),
    ),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_dataset_is_one_line_exit_1(tmp_path: Path, name: str) -> None:
    """`pairing --data BAD summary --json`: exit 1, one line naming the file and where, nothing on stdout."""
    content, needles = CASES[name]
    path = tmp_path / f"{name}.json"
    if content is None:
        path.mkdir()
    elif isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    done = invoke("--data", str(path), "summary", "--json", cwd=tmp_path)
    assert_one_line_error(done, 1, str(path), *needles)


def test_missing_file(tmp_path: Path) -> None:
    """A dataset that does not exist is named in the message."""
    assert_one_line_error(invoke("--data", "nope.json", "summary", cwd=tmp_path), 1, "nope.json", "no such file")


def test_size_cap_is_checked_before_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A file over the size cap is refused from its size alone."""
    path = tmp_path / "big.json"
    path.write_text(SHIPPED_TEXT, encoding="utf-8")
    monkeypatch.setattr(files, "MAX_BYTES", 100)
    monkeypatch.setattr(os, "open", lambda *a, **k: pytest.fail("the file was opened"))
    result = InProcessRunner().invoke(app, ["--data", str(path), "summary"])
    assert result.exit_code == 1
    assert "datasets over 100 bytes are refused" in result.stderr


def test_schema_failure_points_to_validate(tmp_path: Path) -> None:
    """A command refuses a dataset that fails the schema and points to `pairing validate`."""
    path = tmp_path / "bad.json"
    path.write_text(_with(lambda d: obs(d, "people_lifted_out_of_poverty").update(value=-1)), encoding="utf-8")
    assert_one_line_error(invoke("--data", str(path), "infrastructure", cwd=tmp_path), 1, "pairing validate")


def test_consistency_finding_is_a_warning(tmp_path: Path) -> None:
    """An inconsistent dataset still answers, with a warning line on stderr."""
    path = tmp_path / "odd.json"
    path.write_text(_with(lambda d: obs(d, "poverty_rate_2012").update(value=122.9)), encoding="utf-8")
    done = invoke("--data", str(path), "summary", "--json", cwd=tmp_path)
    assert done.returncode == 0
    assert json.loads(done.stdout)["command"] == "summary"
    assert done.stderr.startswith("pairing: warning:") and "percent-range" in done.stderr


def test_data_option_wins_over_environment(tmp_path: Path) -> None:
    """--data beats $PAIRING_DATA, which beats the shipped file."""
    other = tmp_path / "other.json"
    other.write_text(_with(lambda d: obs(d, "people_lifted_out_of_poverty").update(value=1)), encoding="utf-8")
    via_env = invoke("summary", "--json", cwd=tmp_path, env=MockEnvironment(dict(PAIRING_DATA=str(other))))
    assert json.loads(via_env.stdout)["figures"][0]["value"] == 1
    via_option = invoke(
        "--data", str(DATA), "summary", "--json", cwd=tmp_path, env=MockEnvironment(dict(PAIRING_DATA=str(other)))
    )
    assert json.loads(via_option.stdout)["figures"][0]["value"] == 937_000
    broken_env = invoke("summary", cwd=tmp_path, env=MockEnvironment(dict(PAIRING_DATA=str(tmp_path / "gone.json"))))
    assert_one_line_error(broken_env, 1, "gone.json")


def test_hostile_markup_is_shown_literally(tmp_path: Path) -> None:
    """Rich markup in a label is text: it appears as typed and styles nothing."""
    label = "[bold red]Bold[/] [link=http://example.invalid]x[/link] [/x]"
    path = tmp_path / "markup.json"
    path.write_text(_with(lambda d: obs(d, "people_lifted_out_of_poverty").update(label=label)), encoding="utf-8")
    done = invoke(
        "--data", str(path), "summary", cwd=tmp_path, env=MockEnvironment(dict(COLUMNS="200", FORCE_COLOR="1"))
    )
    assert done.returncode == 0, done.stderr
    assert label in done.stdout
    assert "\x1b]8;" not in done.stdout  # no hyperlink escape was made from the [link] markup


def test_validate_reports_every_finding(tmp_path: Path) -> None:
    """`pairing validate` lists each finding with location and rule; exit 1; --json for scripts."""
    path = tmp_path / "bad.json"
    path.write_text(
        _with(
            lambda d: (
                obs(d, "people_lifted_out_of_poverty").update(value=-1),
                obs(d, "poverty_rate_2012").update(colour=1),
            )
        ),
        encoding="utf-8",
    )
    done = invoke("validate", str(path), "--json", cwd=tmp_path)
    assert done.returncode == 1
    report = json.loads(done.stdout)
    assert report["valid"] is False
    assert {(f["location"], f["rule"]) for f in report["findings"]} == {
        (f"{at('people_lifted_out_of_poverty')}.value", "non-negative"),
        (f"{at('poverty_rate_2012')}.colour", "unknown-key"),
    }
    table = invoke("validate", str(path), cwd=tmp_path, env=MockEnvironment(dict(COLUMNS="200")))
    assert table.returncode == 1 and f"{at('poverty_rate_2012')}.colour" in table.stdout and ESC not in table.stdout


def test_validate_shipped_and_unreadable(tmp_path: Path) -> None:
    """The shipped dataset is valid with no finding (exit 0); a text the Chinese page shows with no Chinese version
    is a warning (still exit 0) that commands do not repeat; an unreadable file is a finding (exit 1)."""
    ok = invoke("validate", "--json", cwd=tmp_path)
    assert ok.returncode == 0 and json.loads(ok.stdout) == {**json.loads(ok.stdout), "valid": True, "findings": []}
    document = json.loads(SHIPPED_TEXT)
    del document["sources"][0]["publisher_zh"]
    (tmp_path / "w.json").write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    warned = invoke("validate", "w.json", "--json", cwd=tmp_path)
    shown = json.loads(warned.stdout)
    assert warned.returncode == 0 and shown["valid"] is True and len(shown["findings"]) == 1
    assert shown["findings"][0]["rule"] == "chinese-version" and shown["findings"][0]["severity"] == "warning"
    assert shown["findings"][0]["location"] == "sources[0].publisher_zh"
    quiet = invoke("--data", "w.json", "summary", cwd=tmp_path)  # commands do not repeat the warning
    assert quiet.returncode == 0 and quiet.stderr == ""
    (tmp_path / "t.json").write_text("{", encoding="utf-8")
    bad = invoke("validate", "t.json", "--json", cwd=tmp_path)
    assert bad.returncode == 1 and json.loads(bad.stdout)["findings"][0]["rule"] == "readable-json"
