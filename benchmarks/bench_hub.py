"""A class on a JupyterHub on this machine: how long N students take, and what one student costs.

Two measurements, on the hub tests/test_hub.py runs (tools/classroom.py: configurable-http-proxy,
one home folder and one single-user server per student, nbgitpuller pulling from a local clone):

1. For N = 5, 10, 20 students at once: the time from the first login to the last student having
   run 01-probabilities top to bottom (log in, follow the nbgitpuller link, which starts the
   server and pulls the course, then run every cell in a new kernel). A fresh hub for each N.
2. One student alone, each notebook in turn: the peak resident memory of their single-user server
   plus its kernel while the notebook runs (sampled every 50 ms; the sum of RSS, which counts
   shared libraries once per process, so it errs on the high side), and the kernel's CPU time.
"""

from __future__ import annotations

import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from common import table  # noqa: E402

from tools import classroom  # noqa: E402

CLASS_SIZES = (5, 10, 20)
FIRST = "01-probabilities.ipynb"
NOTEBOOKS = sorted(path.name for path in (ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))


def _path(notebook: str) -> str:
    return f"{classroom.REPOSITORY_FOLDER}/notebooks/{notebook}"


def class_time(size: int, workdir: Path, repository: str) -> float:
    """Seconds from the first login to the last of `size` students having run 01."""
    with classroom.start_hub(workdir) as hub:
        link = classroom.nbgitpuller_link(hub.url, repository, "main", FIRST)

        def attend(student: classroom.Student) -> list[str]:
            student.log_in()
            student.follow(link)
            return student.run_notebook(_path(FIRST))

        start = time.perf_counter()
        with ThreadPoolExecutor(max_workers=size) as pool:
            problems = list(pool.map(attend, [classroom.Student(hub, f"s{i:02d}") for i in range(size)]))
        elapsed = time.perf_counter() - start
    if any(problems):
        raise RuntimeError(f"a student's run failed: {[p for p in problems if p][:2]}")
    return elapsed


def one_student(workdir: Path, repository: str) -> list[tuple[str, float, float, float]]:
    """(notebook, peak MB of server + kernel, kernel CPU seconds, wall seconds) for each notebook, one student."""
    rows = []
    with classroom.start_hub(workdir) as hub:
        student = classroom.Student(hub, "alone")
        student.log_in()
        student.follow(classroom.nbgitpuller_link(hub.url, repository, "main", FIRST))
        server = next(p for p in hub.processes() if any("jupyterhub-singleuser" in part for part in p.cmdline()))
        for notebook in NOTEBOOKS:
            peak, kernel_cpu, stop = [0.0], {}, threading.Event()

            def sample(peak=peak, kernel_cpu=kernel_cpu, stop=stop):
                while not stop.is_set():
                    total = 0
                    for process in [server, *server.children(recursive=True)]:
                        try:
                            total += process.memory_info().rss
                            if process.pid != server.pid:
                                times = process.cpu_times()
                                kernel_cpu[process.pid] = times.user + times.system
                        except psutil.NoSuchProcess:
                            pass
                    peak[0] = max(peak[0], total)
                    time.sleep(0.05)

            watcher = threading.Thread(target=sample)
            watcher.start()
            start = time.perf_counter()
            problems = student.run_notebook(_path(notebook))
            wall = time.perf_counter() - start
            stop.set()
            watcher.join()
            if problems:
                raise RuntimeError(f"{notebook}: {problems[:2]}")
            rows.append((notebook, peak[0] / 1e6, sum(kernel_cpu.values()), wall))
    return rows


def run() -> tuple[str, bool]:
    with tempfile.TemporaryDirectory(prefix="tempnb-bench-hub-") as folder:
        base = Path(folder)
        repository = classroom.make_source_clone(base / "server")
        times = {size: class_time(size, base / f"hub-{size}", repository) for size in CLASS_SIZES}
        memory = one_student(base / "hub-alone", repository)
    parts = [
        "Time from the first login to the last student having run 01 (log in, follow the nbgitpuller "
        "link: the server starts and the course is pulled; then every cell in a new kernel), all at once:",
        "",
        table(["students", "time to all-run", "per student"],
              [(size, f"{seconds:.0f} s", f"{seconds / size:.1f} s") for size, seconds in times.items()]),
        "",
        "One student alone: peak resident memory of their single-user server plus kernel while the "
        "notebook runs, the kernel's CPU time, and the wall time of the run:",
        "",
        table(["notebook", "peak memory", "kernel CPU", "wall"],
              [(name, f"{mb:.0f} MB", f"{cpu:.1f} s", f"{wall:.1f} s") for name, mb, cpu, wall in memory]),
    ]
    return "\n".join(parts), True  # measurements for the README's sizing advice, no goal to meet


if __name__ == "__main__":
    print(run()[0])
