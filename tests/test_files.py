"""What a hostile sweep of the installed script found, each a class kept closed: the dataset being read is never
replaced, a refused run writes nothing, one file named twice is caught, odd paths and values are one line."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from .conftest import DATA
from .helpers import assert_one_line_error, invoke

V1 = Path(__file__).resolve().parent / "data" / "program-v1.json"


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize(
    "argv",
    [
        ["migrate", "v1.json", "-o", "v1.json", "--force"],
        ["migrate", "link.json", "-o", "v1.json", "--force"],
        ["--data", "ds.json", "validate", "--export-svg", "ds.json", "--force"],
        ["validate", "ds.json", "--export-html", "./sub/../ds.json", "--force"],
        ["--data", "link.json", "summary", "--chart-file", "v1.json", "--force"],
        ["--data", "pkg/datapackage.json", "summary", "--export-svg", "pkg/observations.csv", "--force"],
        ["--data", "pkg/datapackage.json", "report", "--html", "pkg/sources.csv", "--force"],
    ],
)
def test_the_dataset_being_read_is_never_replaced(tmp_path: Path, argv: list[str]) -> None:
    shutil.copy(V1, tmp_path / "v1.json")
    shutil.copy(DATA, tmp_path / "ds.json")
    (tmp_path / "link.json").symlink_to("v1.json")
    (tmp_path / "sub").mkdir()
    assert invoke("export", "--datapackage", str(tmp_path / "pkg")).returncode == 0
    before = _files(tmp_path)
    done = invoke(*argv, cwd=tmp_path)
    assert_one_line_error(done, 2, "is the dataset being read")
    assert _files(tmp_path) == before


@pytest.mark.parametrize(
    ("argv", "needle"),
    [
        (["summary", "--chart-file", "c.svg", "--export-svg", "exists.svg"], "exists; add --force"),
        (["summary", "--chart", "--format", "json", "--chart-file", "c.svg"], "--chart"),
        (["summary", "--json", "--format", "csv", "--chart-file", "c.svg"], "--json"),
        (["summary", "--chart-file", "c.svg", "--export-svg", "s.svg", "--export-html", "s.svg"], "same file"),
        (["summary", "--chart-file", "same.svg", "--export-svg", "same.svg", "--force"], "same file"),
        (["summary", "--export-svg", "t.svg", "--export-html", "sub/../t.svg", "--force"], "same file"),
        (["summary", "--export-svg", "t.svg", "--export-html", "hard.svg", "--force"], "same file"),
        (["export", "--datapackage", "newpkg", "--sqlite", "exists.db"], "exists; add --force"),
        (["export", "--sqlite", ""], "is a folder"),
        (["export", "--sqlite", "/"], "is a folder"),
        (["export", "--sqlite", "."], "is a folder"),
        (["report", "--html", ".."], "is a folder"),
    ],
)
def test_a_refused_run_writes_nothing(tmp_path: Path, argv: list[str], needle: str) -> None:
    (tmp_path / "exists.svg").write_text("mine", encoding="utf-8")
    (tmp_path / "exists.db").write_text("mine", encoding="utf-8")
    (tmp_path / "t.svg").write_text("mine", encoding="utf-8")
    os.link(tmp_path / "t.svg", tmp_path / "hard.svg")
    (tmp_path / "sub").mkdir()
    before = _files(tmp_path)
    assert_one_line_error(invoke(*argv, cwd=tmp_path), 2, needle)
    assert _files(tmp_path) == before and not (tmp_path / "newpkg").exists()


def test_force_leaves_a_users_symlink_in_an_export_folder(tmp_path: Path) -> None:
    """A folder that holds a symlink named like one of the package's files is not an earlier export of ours."""
    assert invoke("export", "--datapackage", str(tmp_path / "pk")).returncode == 0
    (tmp_path / "mine.txt").write_text("mine", encoding="utf-8")
    (tmp_path / "pk" / "units.csv").unlink()
    (tmp_path / "pk" / "units.csv").symlink_to(tmp_path / "mine.txt")
    done = invoke("export", "--datapackage", str(tmp_path / "pk"), "--force")
    assert_one_line_error(done, 2, "units.csv")
    assert (tmp_path / "pk" / "units.csv").is_symlink()


@pytest.mark.parametrize("version", ["true", "false", '"2"', "2.0", "[2]"])
def test_schema_version_must_be_the_integer_1_or_2(tmp_path: Path, version: str) -> None:
    text = DATA.read_text(encoding="utf-8").replace('"schema_version": 3', f'"schema_version": {version}', 1)
    path = tmp_path / "odd.json"
    path.write_text(text, encoding="utf-8")
    assert_one_line_error(invoke("--data", str(path), "summary"), 1, "schema_version")
    assert invoke("validate", str(path)).returncode == 1


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom", "/dev/null"])
def test_a_device_is_not_read_as_a_dataset(device: str) -> None:
    """Refused at once, not after reading half a gigabyte of zeros."""
    assert_one_line_error(invoke("--data", device, "summary"), 1, "is a device")


def test_quantities_of_absurd_length_and_stray_newlines(tmp_path: Path) -> None:
    assert_one_line_error(invoke("convert-units", "--mu", "9" * 5000), 2, "too long to be a quantity")
    done = invoke("convert-units", "--mu", "7\n", "--json")
    assert done.returncode == 0 and json.loads(done.stdout)["conversions"][0]["input"] == "7"


def test_line_and_paragraph_separators_are_refused_in_a_dataset(tmp_path: Path) -> None:
    text = DATA.read_text(encoding="utf-8").replace("Pairing-up program reduces", "Pairing-up\u2028program reduces", 1)
    path = tmp_path / "sep.json"
    path.write_text(text, encoding="utf-8")
    assert_one_line_error(invoke("--data", str(path), "summary"), 1, "control character")


@pytest.mark.parametrize("option", ["--export-svg", "--export-html", "--chart-file"])
def test_a_dash_is_stdout_never_a_file_name(tmp_path: Path, option: str) -> None:
    """'-' is stdout (test_cli has the details): never a file named '-'; a chart needs its format said."""
    if option == "--chart-file":
        assert_one_line_error(invoke("summary", option, "-", cwd=tmp_path), 2, "--chart-format")
    else:
        done = invoke("summary", option, "-", cwd=tmp_path)
        assert done.returncode == 0 and done.stderr == "" and done.stdout.lstrip().startswith("<")
    assert list(tmp_path.iterdir()) == []


# --- the second sweep ---


def _package(tmp_path: Path) -> Path:
    folder = tmp_path / "pkg"
    assert invoke("export", "--datapackage", str(folder)).returncode == 0
    return folder


@pytest.mark.parametrize(
    ("table", "mutate", "needle"),
    [
        ("observations.csv", lambda t: t.replace("since late 2012", "X" * 200_000, 1), "not a readable CSV table"),
        ("measures.csv", lambda t: t.replace(",[]", ',"' + "[" * 60_000 + "]" * 60_000 + '"', 1), "not a valid array"),
    ],
    ids=["huge-cell", "deep-array"],
)
def test_a_hostile_data_package_table_is_one_line(tmp_path: Path, table: str, mutate: object, needle: str) -> None:
    folder = _package(tmp_path)
    path = folder / table
    path.write_text(mutate(path.read_text(encoding="utf-8")), encoding="utf-8")  # type: ignore[operator]
    assert_one_line_error(invoke("--data", str(folder / "datapackage.json"), "summary"), 1, needle)


def test_a_data_package_table_is_read_as_the_dataset_is(tmp_path: Path) -> None:
    """A device as a table is refused unread (a symlink out of the package is); so is a FIFO (no hang)."""
    folder = _package(tmp_path)
    (folder / "units.csv").unlink()
    (folder / "units.csv").symlink_to("/dev/zero")
    assert_one_line_error(invoke("--data", str(folder / "datapackage.json"), "summary"), 1, "outside the package")
    (folder / "units.csv").unlink()
    os.mkfifo(folder / "units.csv")
    assert invoke("--data", str(folder / "datapackage.json"), "summary").returncode == 1


@pytest.mark.parametrize(
    "argv",
    [
        ["summary", "--export-svg", "self.svg", "--force"],
        ["report", "--html", "loopa"],
        ["summary", "--chart-file", "loopa/x.svg"],
        ["export", "--sqlite", "loopa"],
    ],
)
def test_a_symlink_loop_as_a_target_is_one_line(tmp_path: Path, argv: list[str]) -> None:
    (tmp_path / "self.svg").symlink_to("self.svg")
    (tmp_path / "loopa").symlink_to("loopb")
    (tmp_path / "loopb").symlink_to("loopa")
    assert_one_line_error(invoke(*argv, cwd=tmp_path), 2, "symlink loop")


def test_a_database_name_that_is_not_utf8(tmp_path: Path) -> None:
    name = os.fsdecode(b"caf\xe9.db")
    assert invoke("export", "--sqlite", name, cwd=tmp_path).returncode == 0
    assert (tmp_path / name).is_file() and (tmp_path / f"{name}.metadata.json").is_file()


def test_a_refused_database_keeps_the_earlier_package(tmp_path: Path) -> None:
    """The database's metadata file is a target too, checked before the package is written."""
    folder = tmp_path / "m.db.metadata.json"
    assert invoke("export", "--datapackage", str(folder)).returncode == 0
    before = _files(folder)
    done = invoke("export", "--datapackage", str(folder), "--sqlite", str(tmp_path / "m.db"), "--force")
    assert_one_line_error(done, 2, "is a folder")
    assert _files(folder) == before and not (tmp_path / "m.db").exists()


@pytest.mark.parametrize(("argv", "code"), [(["show", "nosuch"], 2), (["--data", "nope.json", "summary"], 1)])
def test_debug_adds_the_traceback_and_keeps_the_status(tmp_path: Path, argv: list[str], code: int) -> None:
    done = invoke("--debug", *argv, cwd=tmp_path)
    assert done.returncode == code and "Traceback" in done.stderr
    assert done.stderr.splitlines()[-1].startswith("pairing: error: ")


def test_a_full_disk_on_a_later_file_replaces_no_earlier_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With --force and three targets, the disk filling up on the last leaves all three as they were: every file is
    made whole before any is moved into place."""
    for name in ("old.svg", "old.html"):
        (tmp_path / name).write_text("OLD", encoding="utf-8")
    real_fsync, calls = os.fsync, []

    def fsync(fd: int) -> None:
        calls.append(fd)
        if len(calls) == 3:
            raise OSError(28, "No space left on device")
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    argv = ["summary", "--export-svg", "old.svg", "--export-html", "old.html", "--chart-file", "c.svg", "--force"]
    assert_one_line_error(invoke(*argv, cwd=tmp_path), 1, "No space left on device")
    assert _files(tmp_path) == {"old.html": b"OLD", "old.svg": b"OLD"}
