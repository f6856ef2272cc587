"""An argv fuzzer: the real command and option vocabulary with hostile values, run in-process. Whatever the argv,
no traceback, a documented exit status, and stderr says something exactly when the status is not 0."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .helpers import MockEnvironment, invoke

COMMANDS = [
    "summary", "infrastructure", "funding", "facts", "show", "timeline", "sources", "compare", "trend", "cite",
    "convert-units", "validate", "schema", "migrate", "export", "nope", "",
]  # fmt: skip
OPTIONS = [
    "--format", "-f", "--json", "--lang", "--chart", "--breakdown", "--rate", "--category", "-c", "--search", "-s",
    "--derived", "--stored", "--source", "--year", "--style", "--mu", "--hectares", "--acres", "--sq-km", "--km",
    "--miles", "--yuan", "--usd", "--force", "--help", "--data", "--debug", "--version", "-o", "--output",
]  # fmt: skip
VALUES = [
    "", "-", "--", "json", "zh", "en", "fr", "table", "csv", "markdown", "ndjson", "apa", "bibtex", "csl-json",
    "schools", "funding_total", "poverty_rate_2012", "fujian_funding", "xinhua-2012-10-23", "FUNDING", "funding",
    "229000", "3.044bn", "30.44亿", "-5", "0", "nan", "inf", "1e400", "7bn", "2011", "99999", "中文", "\x1b[31mred",
    "[bold]x[/]", "a" * 5000, "../../nope.json", "/dev/null", "/proc/x", "9" * 400, "\u202eevil", "=SUM(A1)",
]  # fmt: skip
# Paths that write go into the test's folder only.
WRITERS = ["--export-svg", "--export-html", "--datapackage", "--sqlite"]

tokens = st.sampled_from(OPTIONS + VALUES)
argv_strategy = st.tuples(st.sampled_from(COMMANDS), st.lists(tokens, max_size=6), st.booleans())


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(argv_strategy, st.sampled_from([None, *WRITERS]))
def test_any_argv_ends_with_a_documented_status(
    tmp_path: Path, drawn: tuple[str, list[str], bool], writer: str | None
) -> None:
    command, rest, global_first = drawn
    argv = [command, *rest] if command else list(rest)
    if global_first:
        argv = ["--data", str(Path(__file__).resolve().parent / "data" / "hostile.json"), *argv]
    if writer is not None:
        argv += [writer, str(tmp_path / "out.file")]
    result = invoke(*argv, env=MockEnvironment({"COLUMNS": "80"}))
    assert result.returncode in (0, 1, 2, 130), (argv, result.returncode, result.stderr)
    assert "internal error" not in result.stderr, (argv, result.stderr)
    if "--debug" in argv and result.returncode:  # the traceback asked for, then the one line
        assert result.stderr.splitlines()[-1].startswith(("pairing", "Usage")), (argv, result.stderr)
        return
    assert "Traceback" not in result.stderr, (argv, result.stderr)
    if result.returncode == 0:  # nothing on stderr but a line for each file written
        assert all(line.startswith("wrote ") for line in result.stderr.splitlines()), (argv, result.stderr)
    else:  # one line says what went wrong (besides a line for a file written first: validate's exported findings)
        said = [line for line in result.stderr.splitlines() if not line.startswith("wrote ")]
        assert len(said) == 1 and result.stderr.endswith("\n"), (argv, result.stderr)
