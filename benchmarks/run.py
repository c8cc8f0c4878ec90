"""`make bench`: run every benchmark and write benchmarks/report.md.

Ratios, not absolute times, are the point: each comparison is measured side by
side in one run on one machine. Set BENCH_SKIP_FRESH_CLONE=1 to leave out the
few-minute fresh-clone measurement.
"""

from __future__ import annotations

import os
import platform
import sys
from pathlib import Path

import bench_fresh_clone
import bench_hub
import bench_notebooks
import bench_sample
import bench_softmax
import numpy as np
import psutil

REPORT = Path(__file__).resolve().parent / "report.md"


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    threads = os.environ.get("OMP_NUM_THREADS", "unset")
    return (f"{cpu}, {psutil.cpu_count()} cores, {psutil.virtual_memory().total / 2**30:.0f} GiB; "
            f"Python {platform.python_version()}, NumPy {np.__version__}; BLAS/OpenMP threads: {threads}")


def main() -> int:
    sections = [("tempnb.softmax vs scipy.special.softmax", bench_softmax.run),
                ("tempnb.sample vs a loop of Generator.choice", bench_sample.run),
                ("Notebooks under strict nbval", bench_notebooks.run),
                ("A class on a JupyterHub", bench_hub.run)]
    if os.environ.get("BENCH_SKIP_FRESH_CLONE") != "1":
        sections.append(("make test from a fresh clone", bench_fresh_clone.run))
    parts = ["# tempnb benchmark report", "", f"Machine: {machine()}.", "", "Reproduce with `make bench`.", ""]
    all_met = True
    for title, bench in sections:
        print(f"running: {title} …", file=sys.stderr, flush=True)
        text, met = bench()
        all_met &= met
        parts += [f"## {title}", "", text, ""]
    REPORT.write_text("\n".join(parts))
    print("\n".join(parts))
    print(f"wrote {REPORT.relative_to(REPORT.parent.parent)}", file=sys.stderr)
    return 0 if all_met else 1


if __name__ == "__main__":
    sys.exit(main())
