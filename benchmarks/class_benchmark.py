"""The class server under a class: time from login to the first widget of Lesson 1, CPU and memory.

Not a test. As root, with npm's configurable-http-proxy (``.ci/run`` installs it under ``.ci/chp``)::

    sudo .venv/bin/python benchmarks/class_benchmark.py            # --sizes 1,10,40 --window 60

For each size N a fresh class server is started with the documented command (``pi-lessons class start``,
a roster of N), and N learners (the light client of ``tests/browser/hub_client.py``: the hub's login form,
Voilà's kernel websocket, the widget protocol) log in spread evenly over ``--window`` seconds. Timed per
learner: from posting the login form to the first widget of the page (Lesson 1's first question; the
baseline: a notebook of one dropdown on the same hub). Three runs per size: Lesson 1 unprepared (servers
start at login), Lesson 1 prepared (``pi-lessons class prepare`` before the learners arrive, not timed), and
the one-widget notebook unprepared. CPU seconds and peak memory (PSS, and RSS beside it) are summed over the
learners' Unix users' processes (servers and kernels). The figures go to docs/benchmarks/class.md (``--out``
elsewhere while trying changes; ``--runs lesson,floor`` skips the prepared run).
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "browser"))

from hub_client import HubLearner, find_proxy, free_port, learner_python, run_class  # noqa: E402

LESSON1 = "en/01-what-is-personal-information.ipynb"
ONE_WIDGET = "en/zz-one-widget.ipynb"
TICK = os.sysconf("SC_CLK_TCK")
PAGE = os.sysconf("SC_PAGE_SIZE")


def one_widget_notebook() -> str:
    source = ("import ipywidgets as w\n"
              "d = w.Dropdown(options=['a', 'b'])\n"
              "d.add_class('pi-answer-q01')\n"
              "d")
    cell = {"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [], "source": source}
    return json.dumps({"cells": [cell], "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3",
                                                                     "language": "python"}},
                       "nbformat": 4, "nbformat_minor": 5})


class Sampler:
    """CPU seconds (of every process seen) and peak total memory of the processes of some Unix users.

    Memory is PSS (``/proc/PID/smaps_rollup``): each page shared by several processes (the interpreter, the
    shared libraries, the same package files mapped by forty servers) is divided among them, so the sum is what
    the learners really cost the machine; RSS would count a shared page once per process. RSS is cheap and read
    every half second; PSS walks each process's page tables, so it is read every ``pss_every`` samples and at the
    end (the peak is when every learner's server and kernel are up, which the last sample sees).
    """

    def __init__(self, uids: set[int], pss_every: int = 6):
        self.uids, self.cpu, self.peak, self.peak_pss, self.pss_every = uids, {}, 0, 0, pss_every
        self._count = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _sample(self, pss: bool = False) -> None:
        total = total_pss = 0
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                if entry.stat().st_uid not in self.uids:
                    continue
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
                start = fields[19]
                self.cpu[(entry.name, start)] = (int(fields[11]) + int(fields[12])) / TICK
                total += int((entry / "statm").read_text().split()[1]) * PAGE
                if pss:
                    total_pss += pss_bytes(entry)
            except (OSError, IndexError, ValueError):
                continue
        self.peak = max(self.peak, total)
        self.peak_pss = max(self.peak_pss, total_pss)

    def _run(self) -> None:
        while not self._stop.is_set():
            self._count += 1
            self._sample(pss=self._count % self.pss_every == 0)
            time.sleep(0.5)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()
        self._sample(pss=True)

    @property
    def cpu_seconds(self) -> float:
        return sum(self.cpu.values())


def pss_bytes(process: Path) -> int:
    for line in (process / "smaps_rollup").read_text().splitlines():
        if line.startswith("Pss:"):
            return int(line.split()[1]) * 1024
    return 0


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered) + 0.5) - 1))]


def one_run(proxy: str, python: tuple[str, str], n: int, notebook: str, prepared: bool, window: float) -> dict:
    import pwd

    with run_class(ROOT, proxy, python, n, free_port(), extra=["--cull-minutes", "60"]) as running:
        (running.folder / "course" / ONE_WIDGET).write_text(one_widget_notebook(), encoding="utf-8")
        os.chmod(running.folder / "course" / ONE_WIDGET, 0o644)
        learners = running.learners()
        # first logins (code -> password) are not what is measured: done before, without starting servers
        for m in learners:
            HubLearner(running.url, m["username"]).sign_in(running.codes[m["username"]], "bench pass 1",
                                                          next_url="/hub/home")
        if prepared:
            subprocess.run([sys.executable, "-m", "lessons", "class", "prepare", "--folder", str(running.folder)],
                           cwd=ROOT, env=running.env, check=True, capture_output=True, timeout=1800)
        uids = {pwd.getpwnam(m["username"]).pw_uid for m in learners}
        times: list[float] = []
        failures = 0

        def learner(i: int, m: dict) -> None:
            nonlocal failures
            time.sleep(i * window / n)
            client = HubLearner(running.url, m["username"])
            t0 = time.monotonic()
            try:
                page = client.arrive("bench pass 1", notebook)
                page.one("pi-answer-q01")
                times.append(time.monotonic() - t0)
                page.close()
            except Exception as exc:  # counted and shown, never hidden
                print(f"  {m['username']}: {exc}", file=sys.stderr)
                failures += 1

        load = os.getloadavg()[0]  # the machine is shared: other work makes every time longer
        with Sampler(uids) as sampler, ThreadPoolExecutor(max_workers=n) as pool:
            list(pool.map(lambda im: learner(*im), enumerate(learners)))
        return {"n": n, "notebook": notebook, "prepared": prepared, "times": times, "failures": failures,
                "load": load, "cpu": sampler.cpu_seconds, "peak_mb": sampler.peak_pss / 1e6,
                "peak_rss_mb": sampler.peak / 1e6}


def report(rows: list[dict], window: float) -> str:
    alone = next((r for r in rows if r["n"] == 1 and r["notebook"] == LESSON1 and not r["prepared"]), None)
    base = alone and statistics.median(alone["times"])
    out = ["# Class server benchmark", "",
           "Written by `sudo .venv/bin/python benchmarks/class_benchmark.py` "
           f"(learners log in spread over {window:.0f} s; times from posting the login form to the first widget).",
           f"Machine: {os.cpu_count()} cores; run {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}.", "",
           "| learners | page | servers | p50 s | p95 s | max s | p95 / one learner alone | p95 / one widget "
           "| failed | CPU s total "
           "| CPU s per learner | peak MB total (PSS) | MB per learner (PSS) | MB per learner (RSS) | load at start |",
           "| ---: | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for r in rows:
        t = r["times"] or [float("nan")]
        ratio = f"{percentile(t, 95) / base:.2f}" if base else "–"
        floor = next((f["times"] for f in rows if f["n"] == r["n"] and f["notebook"] == ONE_WIDGET and f["times"]),
                     None)
        over_floor = f"{percentile(t, 95) / percentile(floor, 95):.2f}" if floor else "–"
        page = "Lesson 1" if r["notebook"] == LESSON1 else "one widget"
        out.append(f"| {r['n']} | {page} | {'prepared' if r['prepared'] else 'start at login'} | "
                   f"{statistics.median(t):.1f} | {percentile(t, 95):.1f} | {max(t):.1f} | {ratio} | {over_floor} | "
                   f"{r['failures']} | "
                   f"{r['cpu']:.0f} | {r['cpu'] / r['n']:.1f} | {r['peak_mb']:.0f} | {r['peak_mb'] / r['n']:.0f} | "
                   f"{r['peak_rss_mb'] / r['n']:.0f} | {r.get('load', float('nan')):.1f} |")
    out += ["", "CPU and memory: the learners' servers and kernels (their Unix users' processes), not the hub, "
            "proxy and hand-in service. Memory is PSS (a page shared by several processes, such as the interpreter "
            "and the libraries, is divided among them: what the learners cost the machine); RSS, beside it, counts "
            "a shared page once in every process. \"Prepared\": `pi-lessons class prepare` started the servers "
            "before the learners arrived (not timed). \"p95 / one widget\": against the one-widget notebook's p95 "
            "for the same number of learners (the floor of any page on this hub). \"Load at start\": the machine's "
            "one-minute load average when the learners began to arrive (other work on a shared machine slows every "
            "row; compare rows of similar load).", ""]
    return "\n".join(out)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1,10,40")
    parser.add_argument("--window", type=float, default=60.0, help="seconds over which the learners arrive")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "benchmarks" / "class.md")
    parser.add_argument("--runs", default="lesson,prepared,floor",
                        help="which runs per size: lesson (unprepared), prepared, floor (the one-widget notebook)")
    args = parser.parse_args()
    if os.geteuid() != 0:
        print("run as root: the class server makes a Unix user per learner", file=sys.stderr)
        return 2
    proxy, python = find_proxy(ROOT), learner_python(ROOT)
    if proxy is None or python is None:
        print("configurable-http-proxy or a Python every user can run is missing", file=sys.stderr)
        return 2
    rows = []
    for n in [int(s) for s in args.sizes.split(",")]:
        runs = {"lesson": (LESSON1, False), "prepared": (LESSON1, True), "floor": (ONE_WIDGET, False)}
        for notebook, prepared in (runs[name] for name in args.runs.split(",")):
            window = args.window if n > 1 else 0
            row = one_run(proxy, python, n, notebook, prepared, window)
            print(json.dumps({k: v for k, v in row.items() if k != "times"}), flush=True)
            rows.append(row)
            args.out.parent.mkdir(parents=True, exist_ok=True)
            args.out.write_text(report(rows, args.window), encoding="utf-8")
    print(report(rows, args.window))
    return 0


if __name__ == "__main__":
    sys.exit(main())
