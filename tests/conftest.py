"""Shared fixtures: the shipped dataset, the article it cites, and a CLI runner."""

from __future__ import annotations

import gc
import json
import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from pairing_cli.data import load
from pairing_cli.data.models import Dataset

if TYPE_CHECKING:
    from .helpers import InProcessRunner

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data" / "program.json"
ARTICLE_NAME = "000_5e5aebd8a37c5cd7.txt"


def article_path() -> Path | None:
    """The cited article, where the checkout sits beside the project's shared/ folder ($PAIRING_ARTICLE wins)."""
    candidates = [os.environ.get("PAIRING_ARTICLE"), ROOT.parent / "shared" / "source" / ARTICLE_NAME]
    return next((Path(c) for c in candidates if c and Path(c).is_file()), None)


@pytest.fixture(scope="session")
def shipped() -> Dataset:
    return load.load(DATA)


@pytest.fixture(scope="session")
def raw_data() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(DATA.read_text(encoding="utf-8"))
    return loaded


@pytest.fixture
def runner() -> InProcessRunner:
    """pairing in-process, with no variables set, 200 columns wide (so that no table cell wraps)."""
    from .helpers import InProcessRunner

    return InProcessRunner(columns=200)


# In CI the property tests draw the same examples every run (a failure there is reproducible, not luck); on a
# developer's machine they draw new ones each time.
from hypothesis import settings as _hypothesis_settings  # noqa: E402

_hypothesis_settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    _hypothesis_settings.load_profile("ci")


# Debian's Chromium (.ci/run installs it), or the one PAIRING_CHROMIUM names.
CHROMIUM = os.environ.get("PAIRING_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")


def pytest_collection_finish(session: pytest.Session) -> None:
    """Python's cyclic garbage collector walked every object at each full collection, some 4 s of CPU over a run:
    what the collection built (modules, their imports, the items) lives to the end, so it is frozen out of the
    walks; and the youngest generation is collected every 5,000 allocations rather than 700 (a test makes
    millions). The same objects are freed: a cycle is found a little later."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(5_000, 10, 10)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test that drives Chromium first, in its files' order, then the rest in theirs. xdist's worksteal gives
    the first worker the first half of the tests and steals from the ends of the queues, so all of them run in one
    worker: one browser launched, and each report page opened once (report_page) for all the checks that read it,
    instead of once in each worker; and the longest part of the run starts first."""
    items.sort(key=lambda item: "browser" not in getattr(item, "fixturenames", ()))


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Chromium driven by Playwright, launched once for the test session; a test that asks for it is skipped, and
    says why, where Chromium or Playwright is missing."""
    if CHROMIUM is None:
        pytest.skip("no Chromium: install Debian's chromium (.ci/run does) or set PAIRING_CHROMIUM")
    playwright = pytest.importorskip(
        "playwright.sync_api", reason="Playwright is not installed (the test extra has it)"
    )
    with playwright.sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield launched
        launched.close()


class Tab:
    """A page of the session's one browsing context (offline), that test after test may open a file in: a new
    context for each file costs a new renderer process (0.2 s) and cold font caches; a page of the same context, or
    a navigation, does not. Every request but the file's own is refused and recorded, as are console errors, page
    errors and failed requests, in `problems` (new at each open)."""

    def __init__(self, context: Any) -> None:
        self.page = context.new_page()
        self.problems: list[str] = []
        self._file = ""
        self.page.on("console", lambda m: self._problem(f"console {m.type}: {m.text}") if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self._problem(f"page error: {e}"))
        self.page.on("requestfailed", lambda r: self._problem(f"failed request: {r.url}"))
        self.page.route("**/*", self._only_the_file)

    def _problem(self, text: str) -> None:
        self.problems.append(text)

    def _only_the_file(self, route: Any) -> None:
        if route.request.url == self._file:
            route.continue_()
        else:
            self._problem(f"outside request: {route.request.url}")
            route.abort()

    def open(self, path: Path, width: int, height: int = 900) -> Any:
        """The file at path, in a window width x height pixels; the page."""
        self.problems = []
        self._file = path.as_uri()
        self.page.set_viewport_size({"width": width, "height": height})
        self.page.goto(self._file)
        return self.page


@pytest.fixture(scope="session")
def browsing(browser: Any) -> Iterator[Any]:
    """The session's one browser context, offline: its pages share a renderer process and its caches."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, offline=True)
    yield context
    context.close()


@pytest.fixture(scope="session")
def tab(browsing: Any) -> Tab:
    """The session's one reusable page (see Tab)."""
    return Tab(browsing)


@pytest.fixture(scope="session")
def report_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """`pairing report --html` of the shipped program in each language (SOURCE_DATE_EPOCH=0: the same every run)."""
    from pairing_cli.cli import app

    from .helpers import InProcessRunner

    folder = tmp_path_factory.mktemp("report")
    made = {}
    for lang in ("en", "zh"):
        path = folder / f"report-{lang}.html"
        result = InProcessRunner().invoke(
            app, ["report", "--html", str(path), "--lang", lang], env={"PAIRING_DATA": "", "SOURCE_DATE_EPOCH": "0"}
        )
        assert result.exit_code == 0, result.output
        made[lang] = path
    return made


@pytest.fixture(scope="session")
def report_page(browsing: Any, report_files: dict[str, Path]) -> Callable[[str, int], Tab]:
    """The report in a language at a width, opened once for the session in a page of its own, for every check that
    only reads it (laying out the 7,000 elements of the page costs Chromium more than a second each time). Its
    problems are all those since it was opened."""
    opened: dict[tuple[str, int], Tab] = {}

    def open_report(lang: str, width: int) -> Tab:
        if (lang, width) not in opened:
            shown = opened[lang, width] = Tab(browsing)
            shown.open(report_files[lang], width)
        return opened[lang, width]

    return open_report
