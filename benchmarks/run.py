"""Start-up and scale benchmark for spasmguide, with its budgets.

    .venv/bin/python benchmarks/run.py [--repeat N]

Runs every command as a whole process, interleaved (one of each per round, in a new order
every round), and reports the median wall time, the ratio to its baseline and the peak
memory (maximum resident set size). It uses the `spasmguide` installed beside the Python
that runs it. Budgets (docs/decisions/006-speed-budgets.md):

- `technique cupping` at most 1.3x a bare Typer app on the same Typer, and under 100 ms;
- with a 10,000-technique layer, after its first run: a lookup at most 1.5x and a search at
  most 2x the same command on the shipped knowledge base; the first (cold) run under 5 s;
  peak memory under 100 MB.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate_layer import write_layer  # noqa: E402

BIN = Path(sys.executable).parent
SPASMGUIDE = str(BIN / "spasmguide")


def run_once(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall seconds and peak resident memory (MB) of one run of `command`."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
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
    commands: dict[str, list[str]], env: dict[str, str], repeat: int
) -> dict[str, tuple[float, float]]:
    """Median seconds and peak MB of each command, runs interleaved in shuffled rounds."""
    times: dict[str, list[float]] = {name: [] for name in commands}
    peaks: dict[str, float] = dict.fromkeys(commands, 0.0)
    order = list(commands)
    rng = random.Random(1)
    for name in order:  # warm-up: bytecode, caches, indexes
        run_once(commands[name], env)
    for _ in range(repeat):
        rng.shuffle(order)
        for name in order:
            seconds, peak = run_once(commands[name], env)
            times[name].append(seconds)
            peaks[name] = max(peaks[name], peak)
    return {name: (statistics.median(times[name]), peaks[name]) for name in commands}


def cold_runs(command: list[str], env: dict[str, str], count: int) -> tuple[float, float]:
    """Median seconds and peak MB of `command` with an empty cache each time."""
    results = []
    for _ in range(count):
        with tempfile.TemporaryDirectory() as cache:
            results.append(run_once(command, {**env, "SPASMGUIDE_CACHE_DIR": cache}))
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
        for count in (1000, 10000):
            layers[count] = str(root / f"layer-{count}")
            write_layer(count, Path(layers[count]))
        bare = str(HERE / "bare_typer_app.py")
        commands = {
            "python -c pass": [sys.executable, "-c", "pass"],
            "bare Typer app": [sys.executable, bare, "neck"],
            # What any page printed with Rich must import at least: Typer and Rich's console.
            "import typer, rich.console": [sys.executable, "-c", "import typer, rich.console"],
            "technique cupping": [SPASMGUIDE, "technique", "cupping"],
            "technique cupping --format json": [
                SPASMGUIDE,
                "technique",
                "cupping",
                "--format",
                "json",
            ],
            "lookup --region neck": [SPASMGUIDE, "lookup", "--region", "neck"],
            "search spasm": [SPASMGUIDE, "search", "spasm"],
        }
        for count, layer in layers.items():
            label = f"{count // 1000}k"
            commands[f"technique cupping +{label}"] = [
                SPASMGUIDE,
                "technique",
                "cupping",
                "--kb",
                layer,
            ]
            commands[f"lookup --region neck +{label}"] = [
                SPASMGUIDE,
                "lookup",
                "--region",
                "neck",
                "--kb",
                layer,
            ]
            commands[f"search spasm +{label}"] = [SPASMGUIDE, "search", "spasm", "--kb", layer]
        print(
            f"measuring {len(commands)} commands x {options.repeat} interleaved rounds ...",
            file=sys.stderr,
        )
        results = measure(commands, env, options.repeat)
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
    }
    for name in results:
        if "+" in name:
            baselines[name] = name.split(" +")[0]
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
    checks = [
        (
            "technique cupping <= 1.3x bare Typer app",
            technique_ms <= 1.3 * bare_ms,
            f"{technique_ms / bare_ms:.2f}x",
        ),
        ("technique cupping < 100 ms", technique_ms < 0.100, f"{technique_ms * 1000:.1f} ms"),
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
    ]
    print("\nbudget" + " " * 40 + "result")
    for label, met, detail in checks:
        print(f"{'met ' if met else 'MISS'}  {label:42} {detail}")
    print(f"\n{sum(met for _, met, _ in checks)} of {len(checks)} budgets met")


if __name__ == "__main__":
    main()
