"""A memory snapshot of the browser's Python with the kernel's and the lessons' modules already imported, made
when the site is built, so that a page restores it instead of importing them again (see docs/site.md).

Made by Pyodide's own (experimental) snapshot support, in Node.js, from the built site's Pyodide and wheels: a
first interpreter starts the kernel and imports what the lessons' code cells import, to learn which modules that
loads; a second one, started with ``_makeSnapshot``, imports the same modules and is saved as
``static/pyodide/snapshot-<hash>.bin``. The kernel's worker is patched to fetch it and pass it to ``loadPyodide``
(``_loadSnapshot``); if it cannot be fetched or restored, the worker starts Python as before.

What a snapshot cannot hold, and so is left for the page to import: anything that keeps a reference to Pyodide's
JavaScript API rather than to a browser global (micropip, and piplite which imports it; ``pyodide.http``), and the
kernel itself (``pyodide_kernel`` takes a function of that API and starts the kernel when imported). The snapshot
holds Python's memory only, not its files: the wheels are still unpacked when the page starts, so that what is
imported later (a lesson's further modules, data files) is found.
"""
from __future__ import annotations

import ast
import hashlib
import json
import re
import shutil
import tempfile
from pathlib import Path

from lessons.cli.site_assets import SiteBuildError, run

# In Pyodide's folder, named for its content: a browser that kept an older worker in its cache asks for the older
# snapshot, which the new site no longer has, and starts Python as before rather than from a snapshot that does not
# match the wheels it unpacks.
SNAPSHOT = "snapshot-{digest}.bin"
# Modules a snapshot cannot hold (see the module's docstring), by top-level name or full name.
LEFT_OUT = ("micropip", "piplite", "pyodide_kernel", "pyodide.http", "js", "pyodide_js")

# Run by Node.js. The kernel's stand-in modules (fcntl, termios, ...) are put in place first, as the kernel does
# before it imports IPython, so that the modules imported here are the ones the kernel would get.
_SNAPSHOT_JS = """import { loadPyodide } from %(module)s;
import { writeFileSync } from "fs";
const options = %(options)s;
const probe = await loadPyodide(options);
probe.globals.set("wanted", probe.toPy(%(wanted)s));
const modules = probe.runPython(%(probe)s).toJs();
const py = await loadPyodide({ ...options, _makeSnapshot: true });
py.globals.set("modules", py.toPy(modules));
py.runPython(%(load)s);
// The packages are unpacked again when the page starts (their files are not in the snapshot): Pyodide must not
// find them recorded as loaded, and a snapshot must list no loaded package.
for (const name of Object.keys(py.loadedPackages)) delete py.loadedPackages[name];
writeFileSync(%(out)s, py.makeMemorySnapshot());
"""
_PROBE_PY = """
import importlib, sys
before = set(sys.modules)
import piplite.piplite, pyodide_kernel
for name in wanted:
    try:
        importlib.import_module(name)
    except Exception:
        pass
left_out = %(left_out)s
[m for m in sys.modules if m not in before and getattr(sys.modules[m], "__spec__", None) is not None
 and m not in left_out and m.split(".")[0] not in left_out]
"""
_LOAD_PY = """
import importlib, importlib.util, runpy, sys
from pathlib import Path
kernel = importlib.util.find_spec("pyodide_kernel").submodule_search_locations[0]
runpy.run_path(str(Path(kernel) / "mocks.py"))["apply_mocks"]()
for name in modules:
    try:
        importlib.import_module(name)
    except Exception:
        pass
"""
# The worker's call of loadPyodide, in jupyterlite-pyodide-kernel's bundled worker (one for each of its two ways of
# talking to the page): loader, index URL and kernel options are minified names.
_WORKER_CALL = re.compile(r"this\._pyodide=await (\w+)\(\{indexURL:(\w+),\.\.\.(\w+)\.loadPyodideOptions\}\)")
# Restores the snapshot found beside Pyodide, else (or if it fails) starts Python as before. Python's random
# generator was seeded when the snapshot was made: every page would draw the same numbers, so it is seeded again.
_WORKER_LOAD = ("this._pyodide=await (async(load,o)=>{try{"
                "const snapshot=fetch(new URL(%(snapshot)s,new URL(o.indexURL,self.location.href)))"
                ".then(r=>{if(!r.ok)throw new Error(r.status);return r.arrayBuffer()});"
                "const p=await load({...o,_loadSnapshot:snapshot});"
                "p.runPython('import random;random.seed()');return p}"
                "catch(err){console.warn('Python starts without its memory snapshot',err)}"
                "return load(o)})(\\1,{indexURL:\\2,...\\3.loadPyodideOptions})")


def lesson_imports(notebooks: list[dict]) -> list[str]:
    """Every module the notebooks' code cells import (cells that are not plain Python are skipped)."""
    names: dict[str, None] = {}
    for notebook in notebooks:
        for cell in notebook["cells"]:
            if cell["cell_type"] != "code":
                continue
            source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
            try:
                tree = ast.parse(source)
            except SyntaxError:
                continue
            for node in ast.walk(tree):
                if isinstance(node, ast.Import):
                    names.update((alias.name, None) for alias in node.names)
                elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                    names[node.module] = None
    return list(names)


def make(pyodide_dir: Path, options: dict, wanted: list[str]) -> str:
    """Write the snapshot into ``pyodide_dir`` for loadPyodide ``options`` (packages, env) with the kernel's modules
    and ``wanted`` imported; returns its file name."""
    node = shutil.which("node") or shutil.which("nodejs")
    if node is None:
        raise SiteBuildError.of("site_needs_npm")
    index = str(pyodide_dir.resolve()) + "/"
    with tempfile.TemporaryDirectory(prefix="pi-lessons-snapshot-") as tmp:
        script = _SNAPSHOT_JS % {
            "module": json.dumps((pyodide_dir / "pyodide.mjs").resolve().as_uri()),
            "options": json.dumps({"indexURL": index, "packages": options.get("packages", []),
                                   "env": options.get("env", {})}),
            "wanted": json.dumps(wanted), "probe": json.dumps(_PROBE_PY % {"left_out": repr(LEFT_OUT)}),
            "load": json.dumps(_LOAD_PY), "out": json.dumps(str(Path(tmp) / "snapshot.bin"))}
        # The script comes on stdin: Python's sys.executable and $_ (from Node's process.argv) then hold no path of
        # this build's machine.
        run([node, "--input-type=module", "-"], "making the memory snapshot of Python with Pyodide", cwd=tmp,
            input=script)
        name = SNAPSHOT.format(digest=hashlib.sha256((Path(tmp) / "snapshot.bin").read_bytes()).hexdigest()[:16])
        shutil.move(Path(tmp) / "snapshot.bin", pyodide_dir / name)
    return name


def patch_worker(text: str, snapshot: str) -> str:
    """The kernel's worker (its bundled JavaScript) made to restore the snapshot named ``snapshot`` (in Pyodide's
    folder); unchanged if it has no such call."""
    return _WORKER_CALL.sub(_WORKER_LOAD % {"snapshot": json.dumps(snapshot)}, text)


def add(out: Path, notebooks: list[dict]) -> None:
    """Make the snapshot in the built site ``out`` and patch the kernel's workers to restore it."""
    config = json.loads((out / "jupyter-lite.json").read_text(encoding="utf-8"))
    settings = config["jupyter-config-data"]["litePluginSettings"]["@jupyterlite/pyodide-kernel-extension:kernel"]
    snapshot = make(out / "static" / "pyodide", settings["loadPyodideOptions"], lesson_imports(notebooks))
    patched = 0
    for script in (out / "extensions" / "@jupyterlite" / "pyodide-kernel-extension" / "static").glob("*.js"):
        text = script.read_text(encoding="utf-8")
        new = patch_worker(text, snapshot)
        if new != text:
            script.write_text(new, encoding="utf-8")
            patched += 1
    if not patched:
        raise SiteBuildError.of("site_step_failed", step="patching the kernel's worker", command="",
                                output="no call of loadPyodide found")
