"""The static site's Python runtime, gathered from registries into a cache and laid out for Pyodide.

Inputs, and where each comes from (nothing else is fetched, and the site fetches nothing at run time):

- Pyodide's core (WebAssembly interpreter, standard library, lock file) from the npm package ``pyodide``,
  at the version jupyterlite-pyodide-kernel was built for; the npm package holds no package wheels.
- Pure-Python wheels from PyPI: what the kernel loads at boot (micropip, IPython, jedi, comm and their
  requirements) and what the lessons import (ipywidgets, anywidget, filelock); versions Pyodide's own lock
  names are kept where PyPI has them.
- PyYAML built here as a pure-Python wheel (PyPI has no WebAssembly wheel of it).
- The course's own wheel, built from the checkout, with its YAML content parsed into JSON here (the browser's
  PyYAML is pure Python and slow; see lessons.content.reader.PARSED_DIR).

Every wheel gets its modules compiled to bytecode, by Pyodide's own Python run in Node.js (Python 3.12, which
this Python may not be): otherwise the browser compiles every module from source on every page load.
Pyodide checks every wheel against its lock file, so the lock is rewritten to list exactly these wheels
(their hashes, top-level modules and requirements read from the wheels themselves).
"""
from __future__ import annotations

import base64
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from email.parser import Parser
from pathlib import Path

from lessons.content.errors import LessonsError

PYODIDE_VERSION = "0.27.6"  # what jupyterlite-pyodide-kernel 0.6.1 loads (its PYODIDE_VERSION)
PYODIDE_PYTHON = "3.12"
PYYAML_VERSION = "6.0.3"
# What the kernel loads when it starts (jupyterlite-pyodide-kernel's worker). Listed in the lock and pre-loaded
# with the course in one go, instead of one piplite install after another; the kernel's own small wheels
# (piplite, ipykernel, pyodide-kernel) come with its JupyterLab extension.
BOOT = ("micropip", "ipython>=9", "jedi", "comm")
# Newer than Pyodide's lock, where it pins a version that cannot work here: IPython 8 needs sqlite3 (see STAND_INS).
NEWER = ("ipython",)
KERNEL_OWN = ("piplite", "ipykernel", "pyodide-kernel")
# jupyterlite-pyodide-kernel 0.6 also installs ssl and sqlite3 at boot (0.8 dropped the step: IPython and the
# kernel work without them). Pyodide builds them as WebAssembly wheels that only its CDN has, so the lock gets
# an empty distribution of each name instead: the kernel starts, and IPython keeps its history in memory.
STAND_INS = ("ssl", "sqlite3")
# The lessons' requirements besides PyYAML (built here) come from the course wheel's metadata.
# ipywidgets requires these two only for the files they put in JupyterLab and Notebook (the site serves
# the JupyterLab extension itself); in the kernel they are dead weight, so the lock leaves them out.
NOT_IN_KERNEL = ("widgetsnbextension", "jupyterlab-widgets")
# Markers of Pyodide's Python, to read the wheels' requirements as micropip does.
MARKERS = {"python_version": PYODIDE_PYTHON, "python_full_version": f"{PYODIDE_PYTHON}.2", "sys_platform": "emscripten",
           "platform_system": "Emscripten", "os_name": "posix", "platform_machine": "wasm32",
           "implementation_name": "cpython", "platform_python_implementation": "CPython", "extra": ""}
CORE_FILES = ("pyodide.js", "pyodide.mjs", "pyodide.asm.js", "pyodide.asm.wasm", "python_stdlib.zip", "package.json")


class SiteBuildError(LessonsError):
    """A step of the site build failed (a registry unreachable, a tool missing); the message says which."""


def canonical(name: str) -> str:
    return name.lower().replace("_", "-").replace(".", "-")


def run(cmd: list[str], what: str, **kwargs) -> None:
    done = subprocess.run(cmd, capture_output=True, text=True, **kwargs)
    if done.returncode:
        tail = (done.stderr or done.stdout).strip().splitlines()[-5:]
        raise SiteBuildError.of("site_step_failed", step=what, command=" ".join(cmd[:4]), output="\n".join(tail))


def pyodide_core(cache: Path) -> Path:
    """The npm package ``pyodide`` unpacked in the cache (fetched with npm once)."""
    folder = cache / f"pyodide-{PYODIDE_VERSION}"
    if (folder / "pyodide-lock.json").is_file():
        return folder
    npm = shutil.which("npm")
    if npm is None:
        raise SiteBuildError.of("site_needs_npm")
    packs = cache / "npm"
    packs.mkdir(parents=True, exist_ok=True)
    run([npm, "pack", f"pyodide@{PYODIDE_VERSION}", "--pack-destination", str(packs)], "npm pack pyodide")
    unpacked = cache / f".pyodide-{PYODIDE_VERSION}.partial"
    shutil.rmtree(unpacked, ignore_errors=True)
    with tarfile.open(packs / f"pyodide-{PYODIDE_VERSION}.tgz") as tar:
        tar.extractall(unpacked, filter="data")
    (unpacked / "package").rename(folder)
    shutil.rmtree(unpacked)
    return folder


def _pip(*args: str) -> list[str]:
    return [sys.executable, "-m", "pip", "--disable-pip-version-check", *args]


def requirement_name(requirement: str) -> str:
    from packaging.requirements import Requirement

    return canonical(Requirement(requirement).name)


def pypi_wheels(cache: Path, core: Path, requirements: list[str]) -> Path:
    """Pure-Python wheels of ``requirements`` and of the boot packages, for Pyodide's Python, from PyPI.

    Pyodide's own lock pins the versions it was tested with: they constrain the choice where they apply.
    One folder per set of requirements, downloaded once: later builds with the same requirements reuse it
    without the network, and always get the same wheels.
    """
    lock = json.loads((core / "pyodide-lock.json").read_text(encoding="utf-8"))
    pins = sorted(f"{p['name']}=={p['version']}" for p in lock["packages"].values()
                  if p["file_name"].endswith("-none-any.whl") and canonical(p["name"]) not in NEWER)
    wanted = [r for r in [*BOOT, *requirements] if requirement_name(r) != "pyyaml"]
    key = hashlib.sha256("\n".join([*pins, *wanted, PYYAML_VERSION]).encode()).hexdigest()[:16]
    folder = cache / f"wheels-pyodide-{PYODIDE_VERSION}-{key}"
    if (folder / "complete").is_file():
        return folder
    partial = cache / f".{folder.name}.partial"
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir(parents=True)
    constraints = partial / "constraints.txt"
    constraints.write_text("\n".join(pins) + "\n", encoding="utf-8")
    run(_pip("download", "--quiet", "--only-binary=:all:", "--python-version", PYODIDE_PYTHON, "--implementation", "py",
             "--abi", "none", "--platform", "any", "-c", str(constraints), "-d", str(partial), *wanted), "pip download")
    env = {**os.environ, "PYYAML_FORCE_LIBYAML": "0"}  # no C extension: a wheel any Python can load
    run(_pip("wheel", "--quiet", "--no-deps", "--no-binary", "pyyaml", "-w", str(partial), f"pyyaml=={PYYAML_VERSION}"),
        "building the pure-Python PyYAML wheel", env=env)
    (partial / "complete").write_text("")
    partial.rename(folder)
    return folder


def course_wheel(root: Path, dest: Path) -> Path:
    """The course's own wheel, built from the checkout (with the build back-end installed here)."""
    dest.mkdir(parents=True, exist_ok=True)
    for old in dest.glob("pi_lessons-*.whl"):
        old.unlink()
    run(_pip("wheel", "--quiet", "--no-deps", "--no-build-isolation", "-w", str(dest), str(root)),
        "building the course wheel")
    return next(dest.glob("pi_lessons-*.whl"))


def add_to_wheel(wheel: Path, files: dict[str, bytes]) -> None:
    """Add ``files`` (their paths in the wheel: their bytes) to ``wheel`` in place, and to its RECORD."""
    with zipfile.ZipFile(wheel) as z:
        items = [(info, z.read(info)) for info in z.infolist()]
    record = next(n for n, (info, _) in enumerate(items) if info.filename.endswith(".dist-info/RECORD"))
    info, text = items.pop(record)
    lines = text.decode("utf-8")
    for name, data in files.items():
        digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
        lines += f"{name},sha256={digest},{len(data)}\n"
    with zipfile.ZipFile(wheel, "w", zipfile.ZIP_DEFLATED) as z:
        for old, data in items:
            z.writestr(old, data)
        for name, data in files.items():
            z.writestr(zipfile.ZipInfo(name, (2020, 1, 1, 0, 0, 0)), data, zipfile.ZIP_DEFLATED)
        z.writestr(info, lines.encode("utf-8"))


def parsed_content(wheel: Path) -> int:
    """Every YAML file of the course wheel parsed and checked here, added to it as JSON (see the reader's
    PARSED_DIR), so that the browser reads JSON instead of parsing YAML. Returns the number added.

    A file whose parsed value JSON cannot hold exactly (a date, a key that is not text) or that does not
    load is left out: the browser parses that one itself, and reports its problem as the command line does."""
    from lessons.content.errors import ContentError
    from lessons.content.reader import PACKAGE_DIR, PARSED_DIR, parsed_name, read_yaml

    folder = PARSED_DIR.relative_to(PACKAGE_DIR.parent).as_posix()
    added = {}
    with zipfile.ZipFile(wheel) as z, tempfile.TemporaryDirectory() as tmp:
        for name in z.namelist():
            if not name.endswith((".yaml", ".yml")):
                continue
            data = z.read(name)
            path = Path(tmp) / "content.yaml"
            path.write_bytes(data)
            try:
                value = read_yaml(path)
                text = json.dumps(value, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
            except (ContentError, TypeError, ValueError):
                continue
            if json.loads(text) == value:
                added[f"{folder}/{parsed_name(data)}"] = text.encode("utf-8")
    add_to_wheel(wheel, added)
    return len(added)


# Run by Node.js: Pyodide's Python compiles each wheel's modules into unchecked hash-based .pyc files beside them
# (in __pycache__, as an import would), so the browser loads bytecode; the sources stay for tracebacks.
_COMPILE_JS = """import { loadPyodide } from %(module)s;
const py = await loadPyodide({ indexURL: %(index)s });
py.FS.mkdir("/w");
py.FS.mount(py.FS.filesystems.NODEFS, { root: %(folder)s }, "/w");
py.runPython(%(code)s);
"""
_COMPILE_PY = """
import base64, hashlib, importlib.util, json, os, warnings, zipfile
from importlib._bootstrap_external import _code_to_hash_pyc

def record_line(name, data):
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"{name},sha256={digest},{len(data)}\\n"

for name in json.load(open("/w/wheels.json")):
    with zipfile.ZipFile("/w/in/" + name) as src, zipfile.ZipFile("/w/out/" + name, "w", zipfile.ZIP_DEFLATED) as out:
        record, lines, added = None, "", ""
        for info in src.infolist():
            data = src.read(info)
            if info.filename.endswith(".dist-info/RECORD"):
                record, lines = info, data.decode()
                continue
            out.writestr(info, data)
            top = info.filename.split("/")[0]
            if not info.filename.endswith(".py") or top.endswith((".data", ".dist-info")):
                continue
            try:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    code = compile(data, info.filename, "exec", dont_inherit=True)
            except (SyntaxError, ValueError):
                continue
            pyc = importlib.util.cache_from_source(info.filename)
            blob = _code_to_hash_pyc(code, importlib.util.source_hash(data), False)
            out.writestr(zipfile.ZipInfo(pyc, (2020, 1, 1, 0, 0, 0)), blob, zipfile.ZIP_DEFLATED)
            added += record_line(pyc, blob)
        out.writestr(record, (lines + added).encode())
"""


def compiled_wheels(cache: Path, core: Path, wheels: list[Path], dest: Path) -> list[Path]:
    """``wheels`` with bytecode for Pyodide's Python added (see _COMPILE_PY), in ``dest``.

    A wheel compiled before is taken from the cache (by its hash); the others are compiled in one run of Node.js."""
    node = shutil.which("node") or shutil.which("nodejs")
    if node is None:
        raise SiteBuildError.of("site_needs_npm")
    # named for the compiling code too, so that a change to it compiles everything again
    store = cache / f"compiled-pyodide-{PYODIDE_VERSION}-{hashlib.sha256(_COMPILE_PY.encode()).hexdigest()[:12]}"
    store.mkdir(parents=True, exist_ok=True)
    dest.mkdir(parents=True, exist_ok=True)
    keyed = {wheel: store / hashlib.sha256(wheel.read_bytes()).hexdigest()[:24] / wheel.name for wheel in wheels}
    todo = [wheel for wheel, done in keyed.items() if not done.is_file()]
    if todo:
        with tempfile.TemporaryDirectory(prefix="pi-lessons-compile-") as tmp:
            work = Path(tmp)
            (work / "in").mkdir()
            (work / "out").mkdir()
            for wheel in todo:
                shutil.copy2(wheel, work / "in" / wheel.name)
            (work / "wheels.json").write_text(json.dumps([w.name for w in todo]), encoding="utf-8")
            script = _COMPILE_JS % {"module": json.dumps((core / "pyodide.mjs").resolve().as_uri()),
                                    "index": json.dumps(str(core.resolve()) + "/"), "folder": json.dumps(str(work)),
                                    "code": json.dumps(_COMPILE_PY)}
            (work / "compile.mjs").write_text(script, encoding="utf-8")
            run([node, str(work / "compile.mjs")], "compiling the wheels to bytecode with Pyodide")
            for wheel in todo:
                keyed[wheel].parent.mkdir(parents=True, exist_ok=True)
                shutil.move(work / "out" / wheel.name, keyed[wheel])
    kept = {done.parent for done in keyed.values()}
    for old in store.iterdir():  # the course's wheel differs at every build: keep only this build's set
        if old not in kept:
            shutil.rmtree(old)
    out = []
    for wheel, done in keyed.items():
        shutil.copy2(done, dest / wheel.name)
        out.append(dest / wheel.name)
    return out


def kernel_wheels() -> list[Path]:
    """The kernel's own wheels, shipped in jupyterlite-pyodide-kernel's JupyterLab extension."""
    from jupyter_core.paths import jupyter_path

    for folder in jupyter_path("labextensions"):
        pypi = Path(folder) / "@jupyterlite" / "pyodide-kernel-extension" / "static" / "pypi"
        wheels = [w for w in pypi.glob("*.whl") if canonical(w.name.split("-")[0]) in KERNEL_OWN]
        if len(wheels) == len(KERNEL_OWN):
            return wheels
    raise SiteBuildError.of("site_missing", what="jupyterlite-pyodide-kernel")


def stand_in_wheel(dest: Path, name: str) -> Path:
    """An empty distribution called ``name`` (see STAND_INS): metadata only, no module."""
    dest.mkdir(parents=True, exist_ok=True)
    wheel = dest / f"{name}-0-py3-none-any.whl"
    info = f"{name}-0.dist-info"
    files = {f"{info}/METADATA": f"Metadata-Version: 2.1\nName: {name}\nVersion: 0\nSummary: empty stand-in, "
                                 f"so the kernel starts offline without Pyodide's {name}\n",
             f"{info}/WHEEL": "Wheel-Version: 1.0\nGenerator: pi-lessons\nRoot-Is-Purelib: true\nTag: py3-none-any\n"}
    files[f"{info}/RECORD"] = "".join(f"{name},,\n" for name in [*files, f"{info}/RECORD"])
    with zipfile.ZipFile(wheel, "w") as z:
        for name, text in files.items():
            z.writestr(zipfile.ZipInfo(name, (2020, 1, 1, 0, 0, 0)), text)
    return wheel


def _metadata(wheel: Path) -> tuple[str, str, list[str], list[str]]:
    """(name, version, requirements, top-level import names) read from a wheel."""
    with zipfile.ZipFile(wheel) as z:
        names = z.namelist()
        meta = Parser().parsestr(z.read(next(n for n in names if n.endswith(".dist-info/METADATA"))).decode("utf-8"))
        tops = sorted({n.split("/")[0].removesuffix(".py") for n in names
                       if not n.split("/")[0].endswith((".dist-info", ".data")) and (n.endswith(".py") or "/" in n)})
    return meta["Name"], meta["Version"], meta.get_all("Requires-Dist") or [], tops


def kernel_requirements(wheel: Path) -> list[str]:
    """The requirements of a wheel that hold in Pyodide (no extras), without their markers."""
    from packaging.requirements import Requirement

    out = []
    for text in _metadata(wheel)[2]:
        req = Requirement(text)
        if req.marker is None or req.marker.evaluate(MARKERS):
            req.marker = None
            out.append(str(req))
    return out


def _requires(requirements: list[str]) -> list[str]:
    from packaging.requirements import Requirement

    out = []
    for text in requirements:
        req = Requirement(text)
        if req.marker is None or req.marker.evaluate(MARKERS):
            out.append(canonical(req.name))
    return out


def write_pyodide(dest: Path, core: Path, wheels: list[Path], roots: list[str]) -> list[str]:
    """Pyodide's core and the wheels needed by ``roots`` in ``dest``, with a lock listing exactly them.

    Returns the package names written. A requirement no wheel provides stops the build (at run time it
    would be fetched from a CDN, which the site must never do).
    """
    found = {}
    for wheel in wheels:
        name, version, requirements, tops = _metadata(wheel)
        found[canonical(name)] = (wheel, version, [r for r in _requires(requirements) if r not in NOT_IN_KERNEL], tops)
    chosen, todo = [], [canonical(r) for r in roots]
    while todo:
        name = todo.pop()
        if name in chosen:
            continue
        if name not in found:
            raise SiteBuildError.of("site_no_wheel", name=name)
        chosen.append(name)
        todo.extend(found[name][2])
    dest.mkdir(parents=True, exist_ok=True)
    for file in CORE_FILES:
        shutil.copy2(core / file, dest / file)
    lock = json.loads((core / "pyodide-lock.json").read_text(encoding="utf-8"))
    packages = {}
    for name in sorted(chosen):
        wheel, version, depends, tops = found[name]
        shutil.copy2(wheel, dest / wheel.name)
        packages[name] = {"name": name, "version": version, "file_name": wheel.name, "install_dir": "site",
                          "sha256": hashlib.sha256(wheel.read_bytes()).hexdigest(), "package_type": "package",
                          "imports": tops, "depends": sorted(depends), "unvendored_tests": False,
                          "shared_library": False}
    lock["packages"] = packages
    (dest / "pyodide-lock.json").write_text(json.dumps(lock, indent=1, sort_keys=True), encoding="utf-8")
    return sorted(chosen)
