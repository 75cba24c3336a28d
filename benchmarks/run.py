"""Start-up and scale benchmark for spasmguide, with its budgets.

    .venv/bin/python benchmarks/run.py [--repeat N]

Runs every command as a whole process, interleaved (one of each per round, in a new order
every round), and reports the median wall time, the ratio to its baseline and the peak
memory (maximum resident set size). It uses the `spasmguide` installed beside the Python
that runs it. Budgets (docs/decisions/006-speed-budgets.md):

- a first view of `technique cupping` (rendered) under 100 ms, within the first release's
  figures; its ratio to a bare Typer app is shown (the 1.3x budget of decision 006 is
  retired: Typer and Rich alone cost 1.3x, and repeated pages no longer import them);
- with a 10,000-technique layer, after its first run: a lookup at most 1.5x and a search at
  most 2x the same command on the shipped knowledge base; the first (cold) run under 5 s;
  peak memory under 100 MB.

These render every page (the page cache is switched off for them). With the page cache
(docs/decisions/010-page-cache.md):

- a repeated page at most 1.5x the virtualenv's `python -c pass`, faster than `man -P cat ls`
  (shown, with the Rust tldr client `tealdeer`, only where installed), and under 25 MB;
- a first view (a page not seen before, rendered and kept) within 10% of the same page
  rendered with the page cache off.

The quiz, at a teacher's scale (issue 21): with a layer of 2,000 and of 10,000 techniques a
question appears in under a second (`quiz -n 1`, its input at its end once the question is
asked); `quiz --stats` on the shipped guide under 150 ms (counting from the list of cards the
warm-up run kept in the cache folder; the first count of a new guide builds every card once,
docs/decisions/021).
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import NamedTuple

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate_layer import write_layer  # noqa: E402

BIN = Path(sys.executable).parent
SPASMGUIDE = str(BIN / "spasmguide")
NO_PAGE_CACHE = {"SPASMGUIDE_NO_PAGE_CACHE": "1"}
# A page kept in the last two seconds' file changes is not kept yet (page_cache.SETTLE_NS).
SETTLE_SECONDS = 2.2
# What an installer without `import re` in its console-script wrapper would write (uv does).
TLDR_PAGE = "# ls\n\n> List directory contents.\n\n- List files one per line:\n\n`ls -1`\n"


class Command(NamedTuple):
    """A command to time, its own environment variables, and whether every run must be new to
    the page cache (a different value of BENCHMARK_RUN each time)."""

    argv: list[str]
    env: dict[str, str] | None = None
    first_view: bool = False


def run_once(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall seconds and peak resident memory (MB) of one run of `command`."""
    started = time.perf_counter()
    process = subprocess.Popen(
        command,
        stdin=subprocess.DEVNULL,  # a quiz asks its first question, then its input ends
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=env,
    )
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        error = process.stderr.read().decode() if process.stderr else ""
        raise SystemExit(f"{' '.join(command)} exited {process.returncode}: {error}")
    if process.stderr:
        process.stderr.close()
    return elapsed, usage.ru_maxrss / 1024


def measure(
    commands: dict[str, Command], env: dict[str, str], repeat: int
) -> dict[str, tuple[float, float]]:
    """Median seconds and peak MB of each command, runs interleaved in shuffled rounds."""
    times: dict[str, list[float]] = {name: [] for name in commands}
    peaks: dict[str, float] = dict.fromkeys(commands, 0.0)
    order = list(commands)
    rng = random.Random(1)
    runs = 0

    def run(name: str) -> tuple[float, float]:
        nonlocal runs
        runs += 1
        command = commands[name]
        fresh = {"BENCHMARK_RUN": str(runs)} if command.first_view else {}
        return run_once(command.argv, {**env, **(command.env or {}), **fresh})

    for name in order:  # warm-up: bytecode, caches, indexes, kept pages
        run(name)
    time.sleep(SETTLE_SECONDS)  # files written just now keep pages out of the page cache
    for name in order:
        run(name)
    for _ in range(repeat):
        rng.shuffle(order)
        for name in order:
            seconds, peak = run(name)
            times[name].append(seconds)
            peaks[name] = max(peaks[name], peak)
    return {name: (statistics.median(times[name]), peaks[name]) for name in commands}


def own_peak_mb(command: Command, env: dict[str, str]) -> float | None:
    """The peak memory of `command` alone, from GNU time, which starts it from its own small
    process: a child started by this Python inherits this Python's peak in its own figure."""
    gnu_time = "/usr/bin/time"
    if not os.access(gnu_time, os.X_OK):
        return None
    result = subprocess.run(
        [gnu_time, "-f", "%M", *command.argv],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env={**env, **(command.env or {})},
        text=True,
        check=True,
    )
    return int(result.stderr.split()[-1]) / 1024


def peers(root: Path) -> dict[str, Command]:
    """`man -P cat ls` and tealdeer's `tldr ls`, where installed (tealdeer with a one-page
    cache of its own, so it needs no download)."""
    found = {}
    if (
        shutil.which("man")
        and subprocess.run(["man", "-w", "ls"], capture_output=True, check=False).returncode == 0
    ):
        found["man -P cat ls"] = Command(["man", "-P", "cat", "ls"])
    tldr = shutil.which("tldr")
    if (
        tldr
        and b"tealdeer"
        in subprocess.run([tldr, "--version"], capture_output=True, check=False).stdout
    ):
        pages = root / "tealdeer" / "cache" / "tldr-pages" / "pages" / "common"
        pages.mkdir(parents=True)
        (pages / "ls.md").write_text(TLDR_PAGE)
        (root / "tealdeer" / "config").mkdir()
        found["tldr ls (tealdeer)"] = Command(
            [tldr, "ls"],
            {
                "TEALDEER_CACHE_DIR": str(root / "tealdeer" / "cache"),
                "TEALDEER_CONFIG_DIR": str(root / "tealdeer" / "config"),
            },
        )
    return found


def cold_runs(command: Command, env: dict[str, str], count: int) -> tuple[float, float]:
    """Median seconds and peak MB of `command` with an empty cache each time."""
    results = []
    for _ in range(count):
        with tempfile.TemporaryDirectory() as cache:
            results.append(
                run_once(
                    command.argv, {**env, **(command.env or {}), "SPASMGUIDE_CACHE_DIR": cache}
                )
            )
    return statistics.median(seconds for seconds, _ in results), max(peak for _, peak in results)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--repeat", type=int, default=21, help="rounds of measured runs (default 21)"
    )
    parser.add_argument(
        "--cold", type=int, default=3, help="cold runs on the large layer (default 3)"
    )
    options = parser.parse_args()
    if not Path(SPASMGUIDE).exists():
        raise SystemExit(f"no spasmguide beside {sys.executable}: install it first (see README)")

    with tempfile.TemporaryDirectory() as work:
        root = Path(work)
        env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
        env.update({"SPASMGUIDE_CACHE_DIR": str(root / "cache"), "NO_COLOR": "1", "COLUMNS": "100"})
        env.pop("SPASMGUIDE_KB", None)
        layers = {}
        for count in (1000, 2000, 10000):
            layers[count] = str(root / f"layer-{count}")
            write_layer(count, Path(layers[count]))
        bare = str(HERE / "bare_typer_app.py")
        commands = {
            "python -c pass": Command([sys.executable, "-c", "pass"]),
            # What a [project.scripts] wrapper would cost before calling the program: the
            # reason the command is a plain script (decision 010).
            "python -c 'import re'": Command([sys.executable, "-c", "import re"]),
            "bare Typer app": Command([sys.executable, bare, "neck"]),
            # What any page printed with Rich must import at least: Typer and Rich's console.
            "import typer, rich.console": Command(
                [sys.executable, "-c", "import typer, rich.console"]
            ),
            "technique cupping": Command([SPASMGUIDE, "technique", "cupping"], NO_PAGE_CACHE),
            "technique cupping --format json": Command(
                [SPASMGUIDE, "technique", "cupping", "--format", "json"], NO_PAGE_CACHE
            ),
            "lookup --region neck": Command(
                [SPASMGUIDE, "lookup", "--region", "neck"], NO_PAGE_CACHE
            ),
            "search spasm": Command([SPASMGUIDE, "search", "spasm"], NO_PAGE_CACHE),
            "repeated technique cupping": Command([SPASMGUIDE, "technique", "cupping"]),
            "repeated ask": Command([SPASMGUIDE, "ask", "my calf cramps at night"]),
            "ask (rendered)": Command(
                [SPASMGUIDE, "ask", "my calf cramps at night"], NO_PAGE_CACHE
            ),
            "first view technique cupping": Command(
                [SPASMGUIDE, "technique", "cupping"], first_view=True
            ),
            **peers(root),
        }
        quiz_env = {"SPASMGUIDE_DATA_DIR": str(root / "quiz-data")}
        commands["quiz --stats"] = Command([SPASMGUIDE, "quiz", "--stats"], quiz_env)
        for count in (2000, 10000):
            commands[f"quiz question +{count // 1000}k"] = Command(
                [SPASMGUIDE, "quiz", "-n", "1", "--kb", layers[count]], quiz_env
            )
        for count, layer in layers.items():
            if count == 2000:
                continue  # the quiz's teacher-sized layer
            label = f"{count // 1000}k"
            commands[f"technique cupping +{label}"] = Command(
                [SPASMGUIDE, "technique", "cupping", "--kb", layer], NO_PAGE_CACHE
            )
            commands[f"lookup --region neck +{label}"] = Command(
                [SPASMGUIDE, "lookup", "--region", "neck", "--kb", layer], NO_PAGE_CACHE
            )
            commands[f"search spasm +{label}"] = Command(
                [SPASMGUIDE, "search", "spasm", "--kb", layer], NO_PAGE_CACHE
            )
        print(
            f"measuring {len(commands)} commands x {options.repeat} interleaved rounds ...",
            file=sys.stderr,
        )
        results = measure(commands, env, options.repeat)
        repeated_peak = own_peak_mb(commands["repeated technique cupping"], env)
        python_peak = own_peak_mb(commands["python -c pass"], env)
        cold_lookup = cold_runs(commands["lookup --region neck +10k"], env, options.cold)
        cold_search = cold_runs(commands["search spasm +10k"], env, options.cold)

    bare_ms = results["bare Typer app"][0]
    baselines = {
        "technique cupping": "bare Typer app",
        "technique cupping --format json": "bare Typer app",
        "lookup --region neck": "bare Typer app",
        "search spasm": "bare Typer app",
        "bare Typer app": "python -c pass",
        "import typer, rich.console": "bare Typer app",
        "python -c 'import re'": "python -c pass",
        "repeated technique cupping": "python -c pass",
        "repeated ask": "python -c pass",
        "ask (rendered)": "bare Typer app",
        "first view technique cupping": "technique cupping",
        "man -P cat ls": "python -c pass",
        "tldr ls (tealdeer)": "python -c pass",
        "quiz --stats": "bare Typer app",
    }
    for name in results:
        if "+" in name and not name.startswith("quiz"):
            baselines[name] = name.split(" +")[0]
    print(
        "\nEvery spasmguide row renders its page (page cache off) but 'repeated' and 'first view'."
    )
    print(f"\n{'command':36} {'median ms':>10} {'ratio':>7}  {'to':24} {'peak MB':>8}")
    for name, (seconds, peak) in results.items():
        base = baselines.get(name)
        ratio = f"{seconds / results[base][0]:.2f}x" if base else ""
        print(f"{name:36} {seconds * 1000:10.1f} {ratio:>7}  {base or '':24} {peak:8.1f}")
    for name, (seconds, peak) in (
        ("cold lookup +10k", cold_lookup),
        ("cold search +10k", cold_search),
    ):
        print(f"{name:36} {seconds * 1000:10.1f} {'':>7}  {'(empty cache)':24} {peak:8.1f}")

    technique_ms = results["technique cupping"][0]
    repeated_ms = results["repeated technique cupping"][0]
    if repeated_peak is not None and python_peak is not None:
        print(
            "\npeak memory on its own (GNU time): repeated technique cupping "
            f"{repeated_peak:.1f} MB, python -c pass {python_peak:.1f} MB"
        )
    else:
        repeated_peak = results["repeated technique cupping"][1]  # an upper bound
    first_view_ms = results["first view technique cupping"][0]
    repeated_ask_ms = results["repeated ask"][0]
    python_ms = results["python -c pass"][0]
    man = results.get("man -P cat ls")
    checks: list[tuple[str, bool | None, str]] = [
        (
            "first view: technique cupping < 100 ms",
            technique_ms < 0.100,
            f"{technique_ms * 1000:.1f} ms ({technique_ms / bare_ms:.2f}x bare Typer app)",
        ),
        (
            "lookup +10k <= 1.5x shipped",
            results["lookup --region neck +10k"][0] <= 1.5 * results["lookup --region neck"][0],
            f"{results['lookup --region neck +10k'][0] / results['lookup --region neck'][0]:.2f}x",
        ),
        (
            "search +10k <= 2x shipped",
            results["search spasm +10k"][0] <= 2 * results["search spasm"][0],
            f"{results['search spasm +10k'][0] / results['search spasm'][0]:.2f}x",
        ),
        (
            "cold run on 10k < 5 s",
            max(cold_lookup[0], cold_search[0]) < 5.0,
            f"lookup {cold_lookup[0]:.2f} s, search {cold_search[0]:.2f} s",
        ),
        (
            "peak memory < 100 MB",
            max(peak for _, peak in (*results.values(), cold_lookup, cold_search)) < 100,
            f"{max(peak for _, peak in (*results.values(), cold_lookup, cold_search)):.1f} MB",
        ),
        (
            "repeated page <= 1.5x python -c pass",
            repeated_ms <= 1.5 * python_ms,
            f"{repeated_ms / python_ms:.2f}x",
        ),
        (
            "repeated ask <= 1.5x python -c pass",
            repeated_ask_ms <= 1.5 * results["python -c pass"][0],
            f"{repeated_ask_ms / results['python -c pass'][0]:.2f}x",
        ),
        (
            "repeated page faster than man -P cat ls",
            None if man is None else repeated_ms < man[0],
            "man not installed" if man is None else f"{repeated_ms * 1000:.1f} ms",
        ),
        (
            "first view <= 1.1x page cache off",
            first_view_ms <= 1.1 * technique_ms,
            f"{first_view_ms / technique_ms:.2f}x",
        ),
        ("repeated page peak memory < 25 MB", repeated_peak < 25, f"{repeated_peak:.1f} MB"),
        (
            "quiz question +2k < 1 s",
            results["quiz question +2k"][0] < 1.0,
            f"{results['quiz question +2k'][0] * 1000:.1f} ms",
        ),
        (
            "quiz question +10k < 1 s",
            results["quiz question +10k"][0] < 1.0,
            f"{results['quiz question +10k'][0] * 1000:.1f} ms",
        ),
        (
            "quiz --stats < 150 ms",
            results["quiz --stats"][0] < 0.150,
            f"{results['quiz --stats'][0] * 1000:.1f} ms",
        ),
    ]
    print("\nbudget" + " " * 40 + "result")
    for label, met, detail in checks:
        status = "skip" if met is None else "met " if met else "MISS"
        print(f"{status}  {label:42} {detail}")
    counted = [met for _, met, _ in checks if met is not None]
    skipped = len(checks) - len(counted)
    print(
        f"\n{sum(counted)} of {len(counted)} budgets met"
        + (f" ({skipped} skipped: not installed)" if skipped else "")
    )


if __name__ == "__main__":
    main()
