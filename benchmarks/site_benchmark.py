"""Benchmark of the static browser site (`pi-lessons site`): how fast Lessons 1-3 show their first widget, and
how large the site is.

Run by hand (not a test):  .venv/bin/python benchmarks/site_benchmark.py   (--repeat N; --out FILE)

It builds the site from this checkout with one extra page, a notebook showing a single ipywidgets widget, serves
it with `python -m http.server` on 127.0.0.1 and opens pages in Debian's Chromium (every other host blocked).
Pages are visited round after round (every page once per round). Per page: cold = a new browser profile (nothing
cached), page open -> first widget shown; warm = the same page opened again in that profile (the browser's HTTP
cache holds Pyodide and the wheels). The one-widget page is the floor:
Python starting in the page costs the same everywhere, so a lesson is judged by its ratio to the floor, measured in
the same run. Sizes: every file of the site, raw and gzip-compressed (what a server compressing its answers sends),
and what the browser downloaded for the first (cold) visit of Lesson 1. A second one-widget page takes the floor
apart: when the kernel's worker started, when it had downloaded Pyodide and the wheels, when the cell ran.
The figures are written to docs/benchmarks/site.md by this script.
"""
from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from lessons.cli.site_command import CACHE_ENV, build  # noqa: E402
from tests.browser.conftest import CHROMIUM_ARGS, _free_port, chromium_path  # noqa: E402

FLOOR = "en/one-widget"
PAGES = {"one-widget notebook (floor)": FLOOR, "Lesson 1": "en/01-what-is-personal-information",
         "Lesson 2": "en/02-classify-leaked-data", "Lesson 3": "en/03-article-253-1-penalties"}
# Every other host is blocked by a proxy that does not exist (127.0.0.1 bypasses it), and any request for one is
# recorded and stops the run. Not by Playwright's request routing: routing switches the browser's HTTP cache off,
# and a warm visit would then download everything again.
OFFLINE_ARGS = ["--proxy-server=http://127.0.0.1:9", "--proxy-bypass-list=127.0.0.1"]
GOALS = {"ratio": 1.5, "warm_s": 5.0, "gzip_mb": 60.0}
ONE_WIDGET = {"cells": [{"cell_type": "code", "execution_count": None, "id": "one", "metadata": {}, "outputs": [],
                         "source": "import ipywidgets as w\nw.HTML('<b>ready</b>')"}],
              "metadata": {"kernelspec": {"name": "python", "display_name": "Python (Pyodide)", "language": "python"}},
              "nbformat": 4, "nbformat_minor": 5}
# The floor taken apart: the same one widget, showing when (in the kernel's worker) Pyodide, its memory snapshot
# and the wheels were downloaded and when the cell ran. Voici runs the kernel in a web worker; its clock starts
# when the worker does.
TIMING = "en/floor-timing"
TIMING_CELL = ("import js, json\nimport ipywidgets as w\n"
               "_ends = [e.responseEnd for e in js.performance.getEntriesByType('resource')"
               " if e.name.split('?')[0].endswith(('.whl', '.wasm', '.zip', 'pyodide-lock.json', '.bin'))]\n"
               "w.HTML('<pre id=floor-timing>' + json.dumps({'origin': js.performance.timeOrigin, "
               "'fetched': max(_ends, default=0), 'cell': js.performance.now()}) + '</pre>')")
FLOOR_PARTS = ("the page's own start, until the kernel's worker starts",
               "Pyodide's files, its memory snapshot and the wheels fetched, Pyodide starting meanwhile (worker)",
               "Python restored from the snapshot, the wheels unpacked, the kernel started, the cell run (worker)",
               "the widget shown after its cell ran")


def sizes(out: Path) -> tuple[int, int]:
    """(raw, gzip-compressed) bytes of every file of the site."""
    raw = packed = 0
    for path in out.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            raw += len(data)
            packed += len(gzip.compress(data, compresslevel=6))
    return raw, packed


def first_widget(context, url: str, downloaded: list | None = None, parts: list | None = None) -> float:
    page = context.new_page()
    if downloaded is not None:
        page.on("requestfinished", lambda request: downloaded.append(request.url))
    start = time.perf_counter()
    page.goto(url)
    page.locator(".jupyter-widgets").first.wait_for(timeout=300_000)
    seconds = time.perf_counter() - start
    if parts is not None:
        shown, origin = page.evaluate("[performance.now(), performance.timeOrigin]")
        worker = json.loads(page.locator("#floor-timing").inner_text())
        started = worker["origin"] - origin
        parts.append([started / 1000, worker["fetched"] / 1000, (worker["cell"] - worker["fetched"]) / 1000,
                      (shown - started - worker["cell"]) / 1000])
    page.close()
    return seconds


def measure(playwright, chromium: str, site: str, page: str, profile: Path, elsewhere: list[str],
            downloaded: list[str] | None = None, parts: list | None = None) -> tuple[float, float]:
    """(cold, warm) seconds to the first widget of ``page``, in a new browser profile."""
    context = playwright.chromium.launch_persistent_context(str(profile), executable_path=chromium, headless=True,
                                                            args=[*CHROMIUM_ARGS, *OFFLINE_ARGS])
    context.on("request", lambda request: None if request.url.startswith((site, "blob:", "data:"))
               else elsewhere.append(request.url))
    url = f"{site}/voici/render/{page}.html"
    cold = first_widget(context, url, downloaded, parts)
    warm = first_widget(context, url, None, parts)
    context.close()
    return cold, warm


def downloaded_size(out: Path, site: str, urls: list[str]) -> tuple[int, int]:
    raw = packed = 0
    for url in set(urls):
        path = out / url.removeprefix(site + "/").split("?")[0]
        if path.is_file():
            data = path.read_bytes()
            raw, packed = raw + len(data), packed + len(gzip.compress(data, compresslevel=6))
    return raw, packed


def floor_table(parts: list[list[float]]) -> list[str]:
    """The floor's parts, cold and warm (medians of the runs; the visits alternate cold, warm)."""
    cold, warm = parts[0::2], parts[1::2]
    lines = ["", "What the floor is made of (the one-widget page again, timed inside the page and the kernel's "
             "worker):", "", "| part | cold (s) | warm (s) |", "| --- | ---: | ---: |"]
    for n, label in enumerate(FLOOR_PARTS):
        lines.append(f"| {label} | {statistics.median(p[n] for p in cold):.1f} | "
                     f"{statistics.median(p[n] for p in warm):.1f} |")
    lines.append(f"| total | {statistics.median(sum(p) for p in cold):.1f} | "
                 f"{statistics.median(sum(p) for p in warm):.1f} |")
    return lines


def report(rows: dict, parts: list, raw: int, packed: int, first_visit: tuple[int, int], build_s: float,
           repeat: int) -> str:
    floor_cold, floor_warm = statistics.median(rows[FLOOR][0]), statistics.median(rows[FLOOR][1])
    lines = ["# The static site: time to the first widget, and size", "",
             f"Written by `benchmarks/site_benchmark.py --repeat {repeat}` on {dt.date.today().isoformat()} "
             f"({platform.machine()}, {os.cpu_count()} cores, Chromium headless, served by `python -m http.server` "
             "on 127.0.0.1, every other host blocked). Medians of the runs; do not edit by hand.", "",
             "| page | cold (s) | cold / floor | warm (s) | warm / floor |", "| --- | ---: | ---: | ---: | ---: |"]
    verdicts = []
    for label, page in PAGES.items():
        cold, warm = statistics.median(rows[page][0]), statistics.median(rows[page][1])
        lines.append(f"| {label} | {cold:.1f} | {cold / floor_cold:.2f} | {warm:.1f} | {warm / floor_warm:.2f} |")
        if page != FLOOR:
            verdicts.append((label, cold / floor_cold <= GOALS["ratio"] and warm / floor_warm <= GOALS["ratio"],
                             warm < GOALS["warm_s"]))
    mb = 1_000_000
    lines += ["", "| size | raw (MB) | gzip (MB) |", "| --- | ---: | ---: |",
              f"| whole site | {raw / mb:.1f} | {packed / mb:.1f} |",
              f"| first visit of Lesson 1 (downloaded) | {first_visit[0] / mb:.1f} | {first_visit[1] / mb:.1f} |",
              *floor_table(parts), "",
              f"Site build: {build_s:.0f} s (downloads already cached).", "", "Goals (issue 21):", ""]
    for label, ratio_ok, warm_ok in verdicts:
        lines.append(f"- {label}: within {GOALS['ratio']}x of the floor: {'yes' if ratio_ok else 'NO'}; "
                     f"warm under {GOALS['warm_s']:.0f} s: {'yes' if warm_ok else 'NO'}")
    small = packed / mb < GOALS["gzip_mb"]
    lines.append(f"- site under {GOALS['gzip_mb']:.0f} MB compressed: {'yes' if small else 'NO'}")
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--out", default=str(ROOT / "docs" / "benchmarks" / "site.md"))
    args = parser.parse_args()
    chromium = chromium_path()
    if chromium is None:
        raise SystemExit("Chromium is needed: apt-get install -y chromium")
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="pi-lessons-site-bench-") as folder:
        tmp = Path(folder)
        out = tmp / "site"
        cache = Path(os.environ.get(CACHE_ENV) or Path.home() / ".cache" / "pi-lessons" / "site")
        start = time.perf_counter()
        timing = json.loads(json.dumps(ONE_WIDGET))
        timing["cells"][0]["source"] = TIMING_CELL
        build(out, cache, extra={f"{FLOOR}.ipynb": ONE_WIDGET, f"{TIMING}.ipynb": timing})
        build_s = time.perf_counter() - start
        raw, packed = sizes(out)
        port = _free_port()
        server = subprocess.Popen([sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1",
                                   "--directory", str(out)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        site = f"http://127.0.0.1:{port}"
        try:
            time.sleep(1)
            rows: dict[str, tuple[list[float], list[float]]] = {p: ([], []) for p in [*PAGES.values(), TIMING]}
            elsewhere: list[str] = []
            downloaded: list[str] = []
            parts: list[list[float]] = []
            with sync_playwright() as playwright:
                # Round after round, every page once in each: a burst of load from the machine's other users then
                # slows one visit of several pages, rather than every visit of one page.
                for n in range(args.repeat):
                    for page, (cold, warm) in rows.items():
                        profile = tmp / f"profile-{n}-{page.replace('/', '-')}"
                        seconds = measure(playwright, chromium, site, page, profile, elsewhere,
                                          downloaded if n == 0 and page == PAGES["Lesson 1"] else None,
                                          parts if page == TIMING else None)
                        cold.append(seconds[0])
                        warm.append(seconds[1])
                        print(f"round {n + 1}: {page} cold {seconds[0]:.1f} s, warm {seconds[1]:.1f} s")
        finally:
            server.terminate()
            server.wait(timeout=10)
        first_visit = downloaded_size(out, site, downloaded)
    if elsewhere:
        raise SystemExit(f"the site asked another host: {sorted(set(elsewhere))[:5]}")
    text = report(rows, parts, raw, packed, first_visit, build_s, args.repeat)
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
