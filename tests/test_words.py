"""language/words.py: the output's own words, and a dataset's count nouns reaching its output."""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

from pairing_cli.cli import app
from pairing_cli.language import words

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


# --- the catalogue: every phrase of the program's own has its Chinese, set as Chinese is set ---

_SOURCE = Path(__file__).resolve().parent.parent / "src" / "pairing_cli"
# The calls whose first argument is one of the program's own English phrases: phrase(text, lang), the charts'
# _t(en, zh, lang) and a result's Note(template, ...).
_PHRASE_CALLS = frozenset({"phrase", "_t", "Note"})
_CJK = "\u3400-\u9fff\uf900-\ufaff"


def _phrases_in_source() -> dict[str, str]:
    """Each string literal passed as the first argument of phrase / _t / Note anywhere in src/pairing_cli, with
    where it is (file:line)."""
    found: dict[str, str] = {}
    for path in sorted(_SOURCE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            name = node.func.id if isinstance(node.func, ast.Name) else None
            first = node.args[0]
            if name in _PHRASE_CALLS and isinstance(first, ast.Constant) and isinstance(first.value, str):
                found.setdefault(first.value, f"{path.relative_to(_SOURCE)}:{node.lineno}")
    return found


def test_the_source_is_walked() -> None:
    """The walk finds phrases of each kind of call (else the test below would pass on nothing)."""
    phrases = _phrases_in_source()
    assert "Nominal yuan, not adjusted for inflation" in phrases  # phrase(), in charts
    assert "The dataset's funding view names no total." in phrases  # Note(), in queries
    assert len(phrases) > 50


def test_every_phrase_of_the_source_has_its_chinese() -> None:
    missing = {
        text: where
        for text, where in _phrases_in_source().items()
        if text not in words._ZH and not re.search(f"[{_CJK}]", text)
    }
    assert not missing, f"phrases with no Chinese in words._ZH: {missing}"


def _catalogue() -> dict[str, str]:
    return {**words._ZH, **{f"{context}: {text}": zh for (context, text), zh in words._ZH_IN_CONTEXT.items()}}


def test_the_catalogue_sets_chinese_with_full_width_marks() -> None:
    """No half-width , ; : ( ) next to a Chinese character: Chinese takes ，；：（）."""
    half = re.compile(f"[{_CJK}][,;:()]|[,;:()][{_CJK}]")
    wrong = {en: zh for en, zh in _catalogue().items() if half.search(zh)}
    assert not wrong, wrong


def test_the_catalogue_sets_numbers_solid_with_chinese() -> None:
    """No space between a digit and a Chinese character ('30亿', '1亩', never '30 亿')."""
    spaced = re.compile(rf"\d\s+[{_CJK}]|[{_CJK}]\s+\d")
    wrong = {en: zh for en, zh in _catalogue().items() if spaced.search(zh)}
    assert not wrong, wrong


def test_a_phrase_in_a_context_reads_as_it_does_there() -> None:
    assert words.phrase("Program", "zh", "pairings") == "协作"
    assert words.phrase("Program", "zh") == "项目"
    assert words.phrase("Program", "en", "pairings") == "Program"
    assert words.phrase("Partners", "zh", "pairings") == "结对双方"  # no entry in the context: the catalogue's


def test_every_word_of_the_vocabularies_has_its_chinese() -> None:
    """The English of the vocabularies keyed by code names (said through phrase()) is in the catalogue."""
    vocabularies = [words.CHART_KINDS, words.ACROSS_PANELS, words.MARK_LEGEND, words.CONCEPT_LABELS]
    missing = [text for vocabulary in vocabularies for text in vocabulary.values() if text not in words._ZH]
    assert not missing, missing
