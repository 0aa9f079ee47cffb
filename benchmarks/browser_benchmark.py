"""Benchmark: how fast each lesson opens in real Voilà and JupyterLab, and how much memory its kernel holds.

Run by hand (not a test):  .venv/bin/python benchmarks/browser_benchmark.py   (--repeat N, --only PART,
--voila-arg ARG to try a Voilà option, e.g. --voila-arg=--preheat_kernel=True)

It starts Voilà and JupyterLab on free local ports (as tests/browser/conftest.py does) and drives Debian's
Chromium through Playwright. Per notebook it prints:
* Voilà: page open -> first lesson widget shown (median of N page loads, each a new kernel), and the
  kernel's memory (RSS) once the page has finished loading (all cells run);
* JupyterLab: Run All -> every cell done and the kernel idle (one fresh kernel), and the kernel's RSS then.
As baselines from the same run it prints the same times for a notebook that only prints text, and for
one that shows a single plain ipywidgets widget: a slow machine shows up as slow baselines rather than
as slow lessons, and the second row is the floor any widget lesson starts from (Voilà must load the
widget manager's JavaScript and open the kernel's websocket before it can draw one).
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.browser.conftest import BIN, CHROMIUM_ARGS, Server, _free_port, chromium_path, kernel_pids, voila_options  # noqa: E402
from bench_page import BenchPage  # noqa: E402

WIDGET = ".pi-lesson-widget"
# Written into notebooks/ for the run, then removed: file name -> (the one cell's code, what shows it ran).
BASELINES = {
    "baseline-print.ipynb": ("print('ready')", "text=ready"),
    "baseline-one-widget.ipynb": ("import ipywidgets\nipywidgets.HTML('ready').add_class('pi-baseline-widget')",
                                  ".pi-baseline-widget"),
}

PAGE = BenchPage(__file__, 'Voilà and JupyterLab in Chromium',
                 "Per notebook: Voilà page open -> first lesson widget (median of page loads, each a new kernel) "
                 "and kernel memory; JupyterLab Run All -> kernel idle and memory. The baseline rows are notebooks "
                 "that only print or show one plain widget.")


def _rss_mb(pid: int) -> float:
    status = (Path("/proc") / str(pid) / "status").read_text()
    return int(next(line for line in status.splitlines() if line.startswith("VmRSS:")).split()[1]) * 1024 / 1e6


def _end_kernels(server: Server, timeout: float = 30) -> None:
    """Wait until the server has ended every kernel, so that each page load starts on an idle server.

    Voilà's kernels end by culling (VOILA_OPTIONS, here with a short timeout): killing them instead would
    make the kernel manager restart them, and the restarted kernels would slow every later load.
    """
    deadline = time.monotonic() + timeout
    while kernel_pids(server):
        if time.monotonic() > deadline:
            raise RuntimeError(f"kernels still running after {timeout} s: {kernel_pids(server)}")
        time.sleep(0.2)


def _baseline_notebook(folder: Path, name: str) -> Path:
    cell = {"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [],
            "source": BASELINES[name][0].splitlines(keepends=True)}
    nb = {
        "cells": [cell],
        "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    path = folder / name
    path.write_text(json.dumps(nb))
    return path


def voila_open(browser, server: Server, url: str, selector: str) -> tuple[float, float]:
    """Seconds from page open to the first ``selector``, and the kernel's RSS after the page loaded."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(120_000)
    start = time.perf_counter()
    page.goto(url, wait_until="commit")
    page.locator(selector).first.wait_for()
    seconds = time.perf_counter() - start
    page.wait_for_load_state("load")
    rss = max(_rss_mb(pid) for pid in kernel_pids(server))  # the page's kernel (the one before it was culled)
    page.close(run_before_unload=True)  # Voilà shuts the page's kernel down on unload
    context.close()
    _end_kernels(server)
    return seconds, rss


def lab_run_all(browser, server: Server, base: str, path: str, selector: str) -> tuple[float, float]:
    """Seconds from Run All to every cell done with the kernel idle, and the kernel's RSS then."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(120_000)
    page.goto(f"{base}/lab/tree/{path}?reset")
    page.locator(".jp-Notebook .jp-Cell").first.wait_for()
    page.locator("#jp-main-statusbar").get_by_text("Idle").wait_for()
    page.locator(".jp-Notebook").first.click()
    page.keyboard.press("Escape")
    page.get_by_role("menuitem", name="Run", exact=True).click()
    start = time.perf_counter()
    page.get_by_role("menuitem", name="Run All Cells", exact=True).click()
    page.wait_for_function(
        """() => {
            const prompts = [...document.querySelectorAll('.jp-CodeCell .jp-InputArea-prompt')];
            return prompts.length > 0 && prompts.every(p => /\\[\\d+\\]/.test(p.textContent));
        }""", polling=50)
    page.locator("#jp-main-statusbar").get_by_text("Idle").wait_for()
    seconds = time.perf_counter() - start
    if selector:
        page.locator(selector).first.wait_for()
    rss = _rss_mb(kernel_pids(server)[-1])
    with urllib.request.urlopen(f"{base}/api/sessions") as response:
        sessions = json.load(response)
    for s in sessions:  # one kernel at a time, as on a learner's own server
        urllib.request.urlopen(urllib.request.Request(f"{base}/api/sessions/{s['id']}", method="DELETE")).close()
    context.close()
    _end_kernels(server)
    return seconds, rss


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="Voilà page loads per notebook (default 3)")
    parser.add_argument("--only", default="", help="only notebooks whose path contains this text")
    parser.add_argument("--voila-arg", action="append", default=[], help="an extra Voilà option (repeatable)")
    parser.add_argument("--no-lab", action="store_true", help="skip JupyterLab")
    args = parser.parse_args()
    chromium = chromium_path()
    if chromium is None:
        print("needs Chromium: apt-get install -y chromium", file=sys.stderr)
        return 2
    from playwright.sync_api import sync_playwright

    work = Path(tempfile.mkdtemp(prefix="pi-lessons-bench-"))
    notebooks = ROOT / "notebooks"
    found = sorted(str(p.relative_to(notebooks)) for p in notebooks.rglob("*.ipynb")
                   if ".ipynb_checkpoints" not in p.parts and args.only in str(p))
    # Both servers serve the repository's notebooks/: the baselines are written there for the run, then removed.
    baselines = [_baseline_notebook(notebooks, name) for name in BASELINES]
    env = {**os.environ, "PI_LESSONS_HOME": str(work / "home"), "JUPYTER_CONFIG_DIR": str(work / "jupyter-config"),
           "JUPYTER_RUNTIME_DIR": str(work / "jupyter-runtime")}
    servers = []
    try:
        vport, lport = _free_port(), _free_port()
        # As `pi-lessons voila` serves the course, but culling a closed page's kernel after 5 s instead of 10 min.
        voila = Server(
            [
                str(BIN / "voila"),
                "notebooks",
                "--no-browser",
                f"--Voila.port={vport}",
                "--Voila.ip=127.0.0.1",
                "--Voila.port_retries=0",
                *voila_options(cull_seconds=5),
                *args.voila_arg,
            ],
            f"http://127.0.0.1:{vport}/",
            env,
            work,
        )
        servers.append(voila)
        lab = None
        if not args.no_lab:
            lab = Server(
                [
                    str(BIN / "jupyter"),
                    "lab",
                    "--no-browser",
                    "--allow-root",
                    f"--ServerApp.port={lport}",
                    "--ServerApp.ip=127.0.0.1",
                    "--ServerApp.port_retries=0",
                    "--IdentityProvider.token=",
                    "--ServerApp.password=",
                    "--ServerApp.disable_check_xsrf=True",
                    f"--ServerApp.root_dir={ROOT}",
                    f"--LabApp.user_settings_dir={work / 'lab-user-settings'}",
                    f"--LabApp.workspaces_dir={work / 'lab-workspaces'}",
                ],
                f"http://127.0.0.1:{lport}/lab",
                env,
                work,
            )
            servers.append(lab)
        print(f"{len(found)} notebooks; Voilà: median of {args.repeat} page loads (each a new kernel); "
              f"JupyterLab: one Run All in a fresh kernel. Extra Voilà options: {args.voila_arg or 'none'}")
        print("The machine may be shared: compare with the baseline rows of the same run.")
        print(
            f"{'notebook':44s} {'Voilà open->widget':>19s} {'(runs)':>16s} {'RSS':>7s} "
            f"{'Lab Run All->idle':>18s} {'RSS':>7s}"
        )
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, headless=True, args=CHROMIUM_ARGS)
            # warm the server up
            voila_open(browser, voila, f"{voila.url}voila/render/{next(iter(BASELINES))}", "text=ready")
            for name in [*BASELINES, *found]:
                selector = BASELINES[name][1] if name in BASELINES else WIDGET
                runs = [
                    voila_open(browser, voila, f"{voila.url}voila/render/{name}", selector) for _ in range(args.repeat)
                ]
                times = [t for t, _ in runs]
                line = (f"{name:44s} {statistics.median(times):17.2f} s {'/'.join(f'{t:.1f}' for t in times):>16s} "
                        f"{statistics.median(r for _, r in runs):4.0f} MB")
                if lab is not None:
                    seconds, rss = lab_run_all(browser, lab, lab.url.removesuffix("/lab"), f"notebooks/{name}",
                                               BASELINES[name][1] if name in BASELINES else WIDGET)
                    line += f" {seconds:16.2f} s {rss:4.0f} MB"
                print(line, flush=True)
                lab_figures = f"; Lab {seconds:.2f} s, {rss:.0f} MB" if lab is not None else ""
                voila_figures = (
                    f"Voilà {statistics.median(times):.2f} s, {statistics.median(r for _, r in runs):.0f} MB"
                )
                PAGE.row(f"`{name}`", voila_figures + lab_figures, "baseline" if name in BASELINES else "")
            browser.close()
    finally:
        for server in servers:
            server.stop()
        for baseline in baselines:
            baseline.unlink(missing_ok=True)
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    with PAGE:
        sys.exit(main())
