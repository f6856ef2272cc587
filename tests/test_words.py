"""render/words.py: the output's own words, and a dataset's count nouns reaching its output."""

from __future__ import annotations

import json
from pathlib import Path

from pairing_cli.cli import app

from .conftest import DATA
from .helpers import InProcessRunner


def _with_schools_word(tmp_path: Path, word: str) -> Path:
    document = json.loads(DATA.read_text(encoding="utf-8"))
    for unit in document["units"]:
        if unit["id"] == "schools":
            unit["label_zh"] = word
    path = tmp_path / f"schools-{word}.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return path


def _schools_line(*argv: str) -> str:
    result = InProcessRunner().invoke(app, [*argv, "infrastructure", "--lang", "zh"])
    assert result.exit_code == 0, result.stderr
    return next(line for line in result.stdout.splitlines() if "学校" in line)


def test_a_datasets_measure_word_is_the_one_printed(tmp_path: Path) -> None:
    """A dataset that declares 座 for schools prints 座, not the built-in 所."""
    assert "259座" in _schools_line("--data", str(_with_schools_word(tmp_path, "座")))


def test_a_second_dataset_in_one_process_has_its_own_words(tmp_path: Path) -> None:
    """Each run shows its own dataset's words: neither the first nor the built-in ones stick."""
    assert "259座" in _schools_line("--data", str(_with_schools_word(tmp_path, "座")))
    assert "259间" in _schools_line("--data", str(_with_schools_word(tmp_path, "间")))
    assert "259所" in _schools_line()


def test_no_space_between_a_number_and_a_chinese_unit() -> None:
    line = _schools_line()
    assert "259所" in line and "259 所" not in line
