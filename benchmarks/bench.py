"""Start-up and scaling of `pairing`, measured side by side in one run and reported as ratios.

    python benchmarks/bench.py            # the full run; exits 1 when a target is missed
    python benchmarks/bench.py --quick    # small sizes, one run each, no thresholds (the test suite's smoke run)

Each ratio is the median over repeated runs in which the two commands alternate, so that a busy machine slows both.
The baseline is a two-command Typer hello-world (and a plain json.load) run by this same Python.
"""

from __future__ import annotations

import argparse
import itertools
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

PYTHON = sys.executable
PAIRING = str(Path(PYTHON).with_name("pairing"))
HELLO = """
import typer

app = typer.Typer()


@app.command()
def hello(name: str = "world") -> None:
    print(f"hello {name}")


@app.command()
def goodbye() -> None:
    print("goodbye")


if __name__ == "__main__":
    app()
"""
JSON_LOAD = "import json, sys\nwith open(sys.argv[1], 'rb') as f:\n    json.load(f)\n"


def make_dataset(size: int, path: Path, *, one_measure: bool = False) -> Path:
    """Write a dataset of `size` figures in a child process.

    Not in this process: a child's peak RSS (ru_maxrss) counts the memory of the process it was forked from, so a
    benchmark that had built a large dataset itself would report its own size as pairing's peak.
    """
    one = ["--one-measure"] if one_measure else []
    subprocess.run([PYTHON, str(Path(__file__).with_name("make_dataset.py")), *one, str(size), str(path)], check=True)
    return path


def run_once(argv: Sequence[str], env: dict[str, str]) -> tuple[float, int]:
    """Wall time in seconds and peak RSS in KiB of one run."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    stderr = proc.stderr.read() if proc.stderr else b""
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed ({proc.returncode}): {stderr.decode(errors='replace')}")
    return elapsed, usage.ru_maxrss


def compare(ours: Sequence[str], base: Sequence[str], repeats: int, env: dict[str, str]) -> tuple[float, float, int]:
    """Median ratio ours/base over alternating runs, the median time of ours, and its peak RSS in KiB."""
    run_once(ours, env), run_once(base, env)  # warm the file cache
    ratios, times, peak = [], [], 0
    for i in range(repeats):
        pair = [(ours, True), (base, False)] if i % 2 == 0 else [(base, False), (ours, True)]
        result = {}
        for argv, is_ours in pair:
            result[is_ours] = run_once(argv, env)
        ratios.append(result[True][0] / result[False][0])
        times.append(result[True][0])
        peak = max(peak, result[True][1])
    return statistics.median(ratios), statistics.median(times), peak


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="small sizes, one run each, no thresholds")
    parser.add_argument("--repeats", type=int, default=21)
    args = parser.parse_args()
    repeats = 1 if args.quick else args.repeats
    sizes = (100, 1_000) if args.quick else (1_000, 10_000, 100_000)
    env = {k: v for k, v in os.environ.items() if k not in ("PAIRING_DATA", "FORCE_COLOR", "COLUMNS")}
    failures: list[str] = []

    def report(name: str, value: float, limit: float | None, unit: str = "x") -> None:
        verdict = "" if args.quick or limit is None else ("ok" if value <= limit else "MISSED")
        target = f"(target <= {limit:g}{unit})" if limit is not None else ""
        print(f"{name:<58} {value:8.2f}{unit} {target:<18} {verdict}")
        if verdict == "MISSED":
            failures.append(name)

    print(
        f"python {sys.version.split()[0]} on {os.uname().sysname} {os.uname().machine}, {os.cpu_count()} cpus; "
        f"median of {repeats} alternating runs"
    )
    with tempfile.TemporaryDirectory() as tmp:
        hello = Path(tmp) / "hello.py"
        hello.write_text(HELLO, encoding="utf-8")
        loader = Path(tmp) / "load.py"
        loader.write_text(JSON_LOAD, encoding="utf-8")

        ratio, _, _ = compare([PAIRING, "summary", "--json"], [PYTHON, str(hello), "hello"], repeats, env)
        report("pairing summary --json / typer hello-world", ratio, 1.15)
        ratio, _, _ = compare([PAIRING, "summary"], [PYTHON, str(hello), "hello"], repeats, env)
        report("pairing summary (table) / typer hello-world", ratio, 1.35)
        ratio, _, _ = compare([PAIRING, "--help"], [PYTHON, str(hello), "--help"], repeats, env)
        report("pairing --help / typer hello-world --help", ratio, 1.30)

        # Writing the whole report page: an absolute target (it is written once, not called in loops).
        page = Path(tmp) / "report.html"
        _, report_time, _ = compare(
            [PAIRING, "report", "--html", str(page), "--force"], [PYTHON, str(hello), "hello"], repeats, env
        )
        report("pairing report --html (seconds)", report_time, 2.0, " s")
        # Lining a concept up across every shipped program reads all of them: an absolute target.
        _, across_time, _ = compare(
            [PAIRING, "across", "fiscal_aid", "--json"], [PYTHON, str(hello), "hello"], repeats, env
        )
        report("pairing across fiscal_aid --json, every program (seconds)", across_time, 0.5, " s")

        times: dict[int, float] = {}
        # compare and trend read every observation of a measure: their time must grow linearly with the record
        record_times: dict[str, dict[int, float]] = {"compare --json": {}, "trend fujian_funding --json": {}}
        for size in sizes:
            path = make_dataset(size, Path(tmp) / f"figures-{size}.json")
            scale_repeats = max(3, repeats // 3) if size >= 100_000 else repeats
            ratio, median, peak = compare(
                [PAIRING, "--data", str(path), "summary", "--json"],
                [PYTHON, str(loader), str(path)],
                scale_repeats,
                env,
            )
            times[size] = median
            last = size == sizes[-1]
            report(f"{size:>7,} figures: summary --json / json.load", ratio, 3.0 if last else None)
            if last:
                report(f"{size:>7,} figures: peak memory", peak / 1024, 400, " MiB")
            for command, measured in record_times.items():
                _, measured[size], _ = compare(
                    [PAIRING, "--data", str(path), *command.split()],
                    [PYTHON, str(loader), str(path)],
                    max(3, repeats // 3),
                    env,
                )
        # One measure observed `points` times: its trend as a table for people against the same trend as JSON, run
        # side by side. Rich's own drawing made the table 40 times slower (241 s for 100,000 points).
        points = sizes[-1]
        one = make_dataset(points, Path(tmp) / f"one-measure-{points}.json", one_measure=True)
        trend = [PAIRING, "--data", str(one), "trend", "rural_income"]
        ratio, table_time, _ = compare([*trend, "--format", "table"], [*trend, "--json"], max(3, repeats // 3), env)
        report(f"{points:>7,} points of one measure: trend table / trend --json", ratio, 1.5)
        report(f"{points:>7,} points of one measure: trend table (seconds)", table_time, 20, " s")
        for small, large in itertools.pairwise(sizes):
            report(f"time growth {small:,} -> {large:,} figures (10x data)", times[large] / times[small], 11)
            for command, measured in record_times.items():
                growth = measured[large] / measured[small]
                report(f"  {command}: time growth {small:,} -> {large:,}", growth, 11)
    if failures:
        print(f"missed: {', '.join(failures)}")
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
