"""Every notebook under strict nbval against its floor, and the peak memory of its kernel.

The floor of a notebook is the same notebook cut down to its title and its
"Imports" section: the same pytest start, the same kernel start, the same
imports, and nothing else. What a notebook takes beyond its floor is the work
its lessons do. Each notebook and its floor are run alternately, as separate
`pytest --nbval` processes with the project's test configuration, and the
medians are reported. While a notebook runs, the resident memory of its kernel
process is sampled every 20 ms.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import nbformat
import psutil
from common import table, verdict

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
SUITE_GOAL, MEMORY_GOAL_MB = 1.5, 400


def floor_of(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Title and Imports section only: cells up to the first code cell after the '## Imports' heading."""
    reduced = nbformat.v4.new_notebook(metadata=notebook.metadata)
    seen_imports = False
    for cell in notebook.cells:
        reduced.cells.append(cell)
        if cell.cell_type == "markdown" and "## Imports" in cell.source:
            seen_imports = True
        elif seen_imports and cell.cell_type == "code":
            return reduced
    raise ValueError("no '## Imports' section with a code cell")


def run_nbval(path: Path) -> tuple[float, float]:
    """Wall time of `pytest --nbval path` and the peak RSS (MB) of any kernel it started."""
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "pytest", "-q", "-c", str(ROOT / "pyproject.toml"), "--rootdir", str(ROOT),
         "-p", "no:randomly", str(path)],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    peak = [0.0]

    def watch() -> None:
        parent = psutil.Process(process.pid)
        while process.poll() is None:
            try:
                for child in parent.children(recursive=True):
                    if "ipykernel" in " ".join(child.cmdline()):
                        peak[0] = max(peak[0], child.memory_info().rss / 2**20)
            except psutil.Error:
                pass
            time.sleep(0.02)

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    output, _ = process.communicate()
    elapsed = time.perf_counter() - started
    watcher.join()
    if process.returncode != 0:
        raise RuntimeError(f"nbval failed on {path.name}:\n{output[-3000:]}")
    return elapsed, peak[0]


def run(repeats: int = 3) -> tuple[str, bool]:
    rows, total, total_floor, worst_memory = [], 0.0, 0.0, 0.0
    with tempfile.TemporaryDirectory() as tmp:
        for path in NOTEBOOKS:
            floor_path = Path(tmp) / path.name
            nbformat.write(floor_of(nbformat.read(path, as_version=4)), floor_path)
            times, floors, memory = [], [], 0.0
            for _ in range(repeats):
                seconds, peak = run_nbval(path)
                times.append(seconds)
                memory = max(memory, peak)
                floors.append(run_nbval(floor_path)[0])
            t, f = statistics.median(times), statistics.median(floors)
            total, total_floor, worst_memory = total + t, total_floor + f, max(worst_memory, memory)
            rows.append([path.name, f"{t:.1f}", f"{f:.1f}", f"{t / f:.2f}", f"{memory:.0f}"])
    ratio = total / total_floor
    met = ratio <= SUITE_GOAL and worst_memory <= MEMORY_GOAL_MB
    rows.append(["**whole suite**", f"**{total:.1f}**", f"**{total_floor:.1f}**", f"**{ratio:.2f}**",
                 f"**{worst_memory:.0f}** (max)"])
    header = ["notebook", "strict nbval (s)", "floor: imports only (s)", "ratio", "peak kernel RSS (MB)"]
    summary = (f"\n\nGoal: whole suite ≤ {SUITE_GOAL}× its floor and no kernel above {MEMORY_GOAL_MB} MB: "
               f"{verdict(met)}. Medians of {repeats} alternating runs; each run is a separate "
               "`pytest --nbval` process (interpreter, pytest and kernel start included).")
    return table(header, rows) + summary, met


if __name__ == "__main__":
    print(run()[0])
