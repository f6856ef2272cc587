"""Whole outputs of compare, trend, show MEASURE, facts --source and sources, in every format and language, compared
byte for byte with tests/golden/ (regenerate with `python -m tests.golden_cases`, review as a diff)."""

from __future__ import annotations

import pytest

from .golden_cases import GOLDEN, cases, file_cases, file_output, output


@pytest.mark.parametrize(("name", "argv"), cases(), ids=[name for name, _ in cases()])
def test_output_is_the_golden_file(name: str, argv: list[str]) -> None:
    assert output(argv) == (GOLDEN / name).read_text(encoding="utf-8")


@pytest.mark.parametrize(("name", "argv"), file_cases(), ids=[name for name, _ in file_cases()])
def test_written_file_is_the_golden_file(name: str, argv: list[str]) -> None:
    """SVG and HTML exports and chart files, after normalising Rich's per-run id."""
    assert file_output(argv) == (GOLDEN / name).read_text(encoding="utf-8")
