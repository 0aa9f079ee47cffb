"""Widget models each lesson creates when its code cells run (counts, not times).

    PYTHONPATH=$PWD python benchmarks/widget_models.py            # --lang zh, --top N

Every widget model (Layout and Style models included) is a comm message when the page opens: on a
class server forty learners open a lesson at once, and in the static site's browser kernel each
model costs time. For each lesson notebook in ``source/`` the script runs, in a fresh Python
process, the code cells of one language (untagged cells and those tagged with the language), counts
the ``ipywidgets.Widget`` instances constructed, and prints the total and the commonest kinds.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "source"


def code_cells(notebook: Path, lang: str) -> list[str]:
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    return ["".join(c["source"]) for c in cells if c["cell_type"] == "code"
            and (not c.get("metadata", {}).get("tags") or lang in c["metadata"]["tags"])]


def count(notebook: Path, lang: str) -> Counter:
    """In this process: run the notebook's cells and count the widget models they construct, by kind."""
    import ipywidgets

    made: Counter = Counter()
    ipywidgets.Widget.on_widget_constructed(lambda widget: made.update([type(widget).__name__]))
    namespace: dict = {"__name__": "__main__"}
    for source in code_cells(notebook, lang):
        exec(compile(source, str(notebook), "exec"), namespace)  # noqa: S102 - the course's own notebooks
    return made


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", default="en", choices=("en", "zh"))
    parser.add_argument("--top", type=int, default=4, help="kinds shown per lesson")
    parser.add_argument("--one", help=argparse.SUPPRESS)  # the child process: one notebook, counts as JSON
    args = parser.parse_args()
    if args.one:
        print(json.dumps(count(Path(args.one), args.lang)))
        return
    print(f"{'lesson (' + args.lang + ')':45} {'models':>7}  commonest kinds")
    for notebook in sorted(SOURCE.glob("*.ipynb")):
        with tempfile.TemporaryDirectory(prefix="pi-models-") as home:
            env = {**os.environ, "PI_LESSONS_HOME": home}
            run = subprocess.run([sys.executable, __file__, "--lang", args.lang, "--one", str(notebook)],
                                 capture_output=True, text=True, env=env, cwd=ROOT)
        if run.returncode:
            print(f"{notebook.name:45} failed: {run.stderr.strip().splitlines()[-1:]}")
            continue
        made = Counter(json.loads(run.stdout.strip().splitlines()[-1]))
        kinds = ", ".join(f"{kind} {n}" for kind, n in made.most_common(args.top))
        print(f"{notebook.name:45} {sum(made.values()):>7}  {kinds}")


if __name__ == "__main__":
    main()
