"""Benchmark: start-up of the command line and of each lesson's kernel work, in fresh processes.

Run by hand (not a test):  .venv/bin/python benchmarks/startup_benchmark.py   (--repeat N, default 5)

Every figure is the median of N fresh Python processes, printed beside a baseline from the same run:
Commands are timed in CPU seconds of the child process (user + system; steadier than wall time on a
shared machine), the lesson cells in wall-clock seconds inside the process.
* ``pi-lessons --help`` against the bare interpreter (target <= 0.3 s);
* ``pi-lessons classify`` on a 2-line CSV against the interpreter importing pandas (target: + 0.2 s at most);
* parsing every content file, with the loader the lessons use against PyYAML's pure-Python SafeLoader,
  and load_content() (first call, then again in the same process);
* per notebook, the code cells run as a kernel runs them (display left out): time to the first
  widget's cell done, time for all cells, the process's memory (RSS) after, and whether pandas was loaded.
"""
from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from bench_page import BenchPage

ROOT = Path(__file__).resolve().parent.parent
PAGE = BenchPage(__file__, 'Start-up: command line and lesson kernels',
                 "Medians of fresh processes: the command line against the bare interpreter, content loading, "
                 "and each lesson's cells run as a kernel runs them.")

LESSON = r"""
import ast, json, sys, time
cells = json.loads(sys.argv[1])
start = time.perf_counter()
ns, first = {}, None
for source in cells:  # as a kernel runs a cell: statements, then the last expression's value is shown
    tree = ast.parse(source)
    last = tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None
    exec(compile(tree, "<cell>", "exec"), ns)
    value = eval(compile(ast.Expression(last.value), "<cell>", "eval"), ns) if last else None
    if first is None and type(value).__module__.startswith("lessons.widgets"):
        first = time.perf_counter() - start
total = time.perf_counter() - start
rss = int(next(l for l in open("/proc/self/status") if l.startswith("VmRSS")).split()[1]) * 1024
print(json.dumps({"first": first or total, "total": total, "rss": rss, "pandas": "pandas" in sys.modules}))
"""

PARSE = r"""
import sys, time, yaml
from pathlib import Path
from lessons.content import reader
files = sorted(reader.CONTENT_DIR.rglob("*.yaml"))
texts = [p.read_text(encoding="utf-8") for p in files]
loader = yaml.SafeLoader if sys.argv[1] == "pure" else reader.StrictLoader
start = time.perf_counter()
for t in texts:
    yaml.load(t, Loader=loader)
print(time.perf_counter() - start)
"""

LOAD = r"""
import json, time
from lessons.content.course import load_content
start = time.perf_counter(); load_content(); first = time.perf_counter() - start
start = time.perf_counter(); load_content(); again = time.perf_counter() - start
print(json.dumps([first, again]))
"""


def _wall(args: list[str], repeat: int) -> float:
    """Median CPU time (user + system) of a fresh process running ``args``: on a shared machine it
    varies much less than the wall-clock time, which waits for the other processes too."""
    times = []
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run(args, cwd=ROOT, capture_output=True, check=True)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        times.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return statistics.median(times)


def _json(args: list[str], repeat: int) -> list:
    return [
        json.loads(subprocess.run(args, cwd=ROOT, capture_output=True, text=True, check=True).stdout.splitlines()[-1])
        for _ in range(repeat)
    ]


def _cells(path: Path) -> list[str]:
    nb = json.loads(path.read_text(encoding="utf-8"))
    return ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    py, n = sys.executable, args.repeat
    print(f"median of {n} fresh processes each; commands in CPU seconds of the process; the machine may be shared, "
          "so compare with the baseline beside each figure")

    bare = _wall([py, "-c", "pass"], n)
    helped = _wall([py, "-m", "lessons", "--help"], n)
    print(f"pi-lessons --help                 : {helped:5.2f} s   (bare interpreter {bare:.2f} s; target <= 0.3 s)")
    PAGE.row("`pi-lessons --help`, CPU s (target <= 0.3 s)", f"{helped:.2f} s", f"bare interpreter {bare:.2f} s")
    with tempfile.TemporaryDirectory() as tmp:
        small = Path(tmp) / "two.csv"
        small.write_text("姓名,手机号\n王芳,13812345678\n", encoding="utf-8")
        with_pandas = _wall([py, "-c", "import pandas"], n)
        classify = _wall([py, "-m", "lessons", "classify", str(small)], n)
    print(f"pi-lessons classify (2-line CSV)  : {classify:5.2f} s   (interpreter + import pandas {with_pandas:.2f} s; "
          f"difference {classify - with_pandas:+.2f} s, target <= +0.2 s)")
    PAGE.row("`classify` on a 2-line CSV, CPU s (target: +0.2 s at most)", f"{classify:.2f} s",
             f"interpreter importing pandas {with_pandas:.2f} s")

    pure = statistics.median(float(x) for x in _json([py, "-c", PARSE, "pure"], n))
    ours = statistics.median(float(x) for x in _json([py, "-c", PARSE, "strict"], n))
    loads = _json([py, "-c", LOAD], n)
    print(
        f"parse all content files           : {ours:5.3f} s   "
        f"(PyYAML pure-Python SafeLoader {pure:.3f} s: {pure / ours:.1f}x)"
    )
    print(f"load_content() first / again      : {statistics.median(f for f, _ in loads):5.3f} s / "
          f"{statistics.median(a for _, a in loads):.4f} s")
    PAGE.row("parse all content files", f"{ours:.3f} s", f"PyYAML pure-Python SafeLoader {pure:.3f} s")
    PAGE.row("`load_content()` first / again", f"{statistics.median(f for f, _ in loads):.3f} s / "
             f"{statistics.median(a for _, a in loads):.4f} s")

    print(
        f"\n{'notebook (cells run in a fresh process)':50s} {'first widget':>12s} {'all cells':>10s} "
        f"{'RSS':>8s}  pandas"
    )
    for path in sorted((ROOT / "notebooks").rglob("*.ipynb")):
        # baseline-*: browser_benchmark.py's, while it runs
        if ".ipynb_checkpoints" in path.parts or path.name.startswith("baseline-"):
            continue
        runs = _json([py, "-c", LESSON, json.dumps(_cells(path))], n)
        name = str(path.relative_to(ROOT / "notebooks"))
        print(
            f"{name:50s} {statistics.median(r['first'] for r in runs):10.2f} s "
            f"{statistics.median(r['total'] for r in runs):8.2f} s "
            f"{statistics.median(r['rss'] for r in runs) / 1e6:5.0f} MB  {'yes' if runs[-1]['pandas'] else 'no'}"
        )
        first, total = (statistics.median(r[key] for r in runs) for key in ("first", "total"))
        rss = statistics.median(r["rss"] for r in runs) / 1e6
        PAGE.row(f"`{name}`: first widget / all cells / RSS", f"{first:.2f} s / {total:.2f} s / {rss:.0f} MB"
                 + (", pandas loaded" if runs[-1]["pandas"] else ""))
    return 0


if __name__ == "__main__":
    with PAGE:
        sys.exit(main())
