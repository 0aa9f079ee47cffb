"""Re-execute every lesson notebook and store its outputs (``make notebooks``).

Outputs must be deterministic and small: widget views are dropped (their model ids are random
and a notebook opened before running would show "model not found"), so a stored widget shows
its short text form until the learner runs the cell. Any error output stops the script.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
MAX_BYTES = 300_000


def notebooks(selected: list[str]) -> list[Path]:
    found = sorted(p for p in (ROOT / "notebooks").rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)
    return [p for p in found if not selected or any(s in p.name for s in selected)]


def clean(nb) -> None:
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        for out in cell.get("outputs", []):
            out.get("data", {}).pop(WIDGET_VIEW, None)
            if out.get("output_type") == "error":
                raise SystemExit(f"error output in a cell: {out.get('ename')}: {out.get('evalue')}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help="only notebooks whose file name contains one of these")
    args = parser.parse_args()
    os.environ["PI_LESSONS_HOME"] = tempfile.mkdtemp(prefix="pi-lessons-exec-")
    for path in notebooks(args.names):
        start = time.perf_counter()
        nb = nbformat.read(path, as_version=4)
        NotebookClient(nb, timeout=600, kernel_name="python3", record_timing=False,
                       resources={"metadata": {"path": str(path.parent)}}).execute()
        clean(nb)
        nb.metadata["kernelspec"] = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
        nbformat.write(nb, path)
        size = path.stat().st_size
        print(f"{path.relative_to(ROOT)}: {time.perf_counter() - start:.1f} s, {size // 1000} KB")
        if size > MAX_BYTES:
            print(f"  too large: {size} bytes > {MAX_BYTES}", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
