"""``pi-lessons site [OUT]``: the whole learner course as a static website that runs in the browser.

Every learner lesson in both languages, as a code-free Voici app (the start page of each language links
them) and in JupyterLite's JupyterLab for those who want the code. Python runs in the browser (Pyodide);
every file is in OUT, so ``python -m http.server`` in OUT, or any static web host, serves the course.
Progress is saved in the browser's own storage (JupyterLite's ``/drive``). See docs/site.md.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from lessons.cli import site_assets, site_pages, site_snapshot
from lessons.cli.site_assets import SiteBuildError
from lessons.classroom.settings import SITE_HANDIN_ENV, service_url
from lessons.content.course import load_content
from lessons.content.reader import NOTEBOOKS_DIR, source_checkout
from lessons.content.text import LANGUAGES

HELP = "build the course as a static website that runs in the browser (no server, no install) into OUT"
DEFAULT_OUT = "pi-lessons-site"
CACHE_ENV = "PI_LESSONS_SITE_CACHE"
KERNEL_SETTINGS = "@jupyterlite/pyodide-kernel-extension:kernel"
# The browser's kernel keeps the learner folder in JupyterLite's /drive, which lives in the browser's storage
# (IndexedDB) and so survives a reload and a browser restart; its home folder is in memory only.
BROWSER_HOME = "/drive/progress"


def add_arguments(parser) -> None:
    parser.add_argument("out", metavar="OUT", nargs="?", default=DEFAULT_OUT,
                        help=f"the site's folder (default ./{DEFAULT_OUT}); a site built there before is replaced")
    parser.add_argument("--hand-in", metavar="URL",
                        help="a class server's hand-in service (https://HOST/services/handin/): Hand in on the site "
                             "sends the learner's progress there (the class server is started with --site-origin)")
    parser.add_argument("--cache", help=f"where downloads are kept between builds (default ${CACHE_ENV}, "
                                        "else ~/.cache/pi-lessons/site)")


def run(args) -> int:
    out = Path(args.out).resolve()
    cache = Path(args.cache or os.environ.get(CACHE_ENV) or Path.home() / ".cache" / "pi-lessons" / "site").resolve()
    hand_in = None
    if args.hand_in is not None:
        hand_in = service_url(args.hand_in)
        if hand_in is None:
            raise SiteBuildError.of("site_bad_hand_in_url", url=args.hand_in)
    packages = build(out, cache, hand_in=hand_in)
    print(f"built {out} ({len(packages)} Python packages for the browser)\n"
          f"serve it with: python -m http.server --directory {out}")
    return 0


def learner_notebooks() -> dict[str, Path]:
    """The learner lessons of both languages, by their path in the site (teachers' notebooks stay out)."""
    return {f"{lang}/{p.name}": p for lang in LANGUAGES for p in sorted((NOTEBOOKS_DIR / lang).glob("*.ipynb"))}


def site_notebook(path: Path) -> dict:
    """A lesson as the site serves it: no stored outputs (the browser runs it), the browser's kernel, and
    no JupyterLab-only instructions (Voici cannot leave them out by tag, and the code-free view comes first)."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    cells = []
    for cell in nb["cells"]:
        if "lab-only" in cell.get("metadata", {}).get("tags", []):
            continue
        if cell["cell_type"] == "code":
            cell["outputs"], cell["execution_count"] = [], None
        cells.append(cell)
    nb["cells"] = cells
    nb["metadata"]["kernelspec"] = {"name": "python", "display_name": "Python (Pyodide)", "language": "python"}
    return nb


def _extension_folders() -> list[str]:
    """The JupyterLab extensions the site needs: the browser kernel, ipywidgets' manager, anywidget."""
    from jupyter_core.paths import jupyter_path

    wanted = ("@jupyterlite/pyodide-kernel-extension", "@jupyter-widgets/jupyterlab-manager", "anywidget")
    found = {}
    for root in jupyter_path("labextensions"):
        for name in wanted:
            if name not in found and (Path(root) / name / "package.json").is_file():
                found[name] = str(Path(root) / name)
    missing = [n for n in wanted if n not in found]
    if missing:
        raise SiteBuildError.of("site_missing", what=", ".join(missing))
    return [found[n] for n in wanted]


def build(out: Path, cache: Path, extra: dict[str, dict] | None = None, hand_in: str | None = None) -> list[str]:
    """Build the site into ``out`` (replaced); returns the Python packages the browser loads.

    ``extra``: more notebooks for the site by path (e.g. the benchmark's one-widget baseline);
    ``hand_in``: a class server's hand-in service (``settings.service_url``), where Hand in sends progress."""
    root = source_checkout()
    if root is None:
        raise SiteBuildError.of("site_needs_checkout")
    _check_out(out)
    cache.mkdir(parents=True, exist_ok=True)
    core = site_assets.pyodide_core(cache)
    with tempfile.TemporaryDirectory(prefix="pi-lessons-site-") as tmp:
        lite = Path(tmp)
        course = site_assets.course_wheel(root, lite / "dist")
        site_assets.parsed_content(course)
        pypi = site_assets.pypi_wheels(cache, core, [*site_assets.BOOT, *site_assets.kernel_requirements(course)])
        wheels = [course, *pypi.glob("*.whl"), *site_assets.kernel_wheels(),
                  *(site_assets.stand_in_wheel(lite / "dist", name) for name in site_assets.STAND_INS)]
        wheels = site_assets.compiled_wheels(cache, core, wheels, lite / "compiled")
        roots = ["pi-lessons", *map(site_assets.requirement_name, site_assets.BOOT), *site_assets.KERNEL_OWN,
                 *site_assets.STAND_INS]
        packages = site_assets.write_pyodide(lite / "static" / "pyodide", core, wheels, roots)
        notebooks = {name: site_notebook(path) for name, path in learner_notebooks().items()} | (extra or {})
        for name, notebook in notebooks.items():
            target = lite / "content" / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(json.dumps(notebook, ensure_ascii=False, indent=1), encoding="utf-8")
        _write_config(lite, out, packages, hand_in)
        if out.exists():
            shutil.rmtree(out)
        done = subprocess.run([sys.executable, "-m", "jupyterlite_core", "build", "--lite-dir", str(lite)],
                              cwd=lite, capture_output=True, text=True)
        if done.returncode:
            tail = (done.stderr or done.stdout).splitlines()[-15:]
            raise SiteBuildError.of("site_step_failed", step="jupyter lite build", command="jupyter lite build",
                                    output="\n".join(tail))
    _finish(out)
    site_snapshot.add(out, list(notebooks.values()))
    return packages


def _check_out(out: Path) -> None:
    """OUT is replaced: refuse a folder that holds anything but a site built before."""
    if out.is_file() or (out.is_dir() and any(out.iterdir()) and not (out / "jupyter-lite.json").is_file()):
        raise SiteBuildError.of("site_out_not_a_site", folder=out)


def _write_config(lite: Path, out: Path, packages: list[str], hand_in: str | None = None) -> None:
    build_config = {"LiteBuildConfig": {
        "apps": ["lab", "voici"], "contents": ["content"], "output_dir": str(out), "no_sourcemaps": True,
        "no_unused_shared_packages": True, "ignore_sys_prefix": ["federated_extensions"],
        "federated_extensions": _extension_folders()}}
    (lite / "jupyter_lite_config.json").write_text(json.dumps(build_config, indent=1), encoding="utf-8")
    page_config = {"jupyter-lite-schema-version": 0, "jupyter-config-data": {
        "appName": "pi-lessons",
        "litePluginSettings": {KERNEL_SETTINGS: {
            "disablePyPIFallback": True,  # never reach out to PyPI: every package is in the site
            # Everything the kernel and the lessons import is loaded in one go while Pyodide starts.
            "loadPyodideOptions": {"packages": packages, "env": {
                "PI_LESSONS_HOME": BROWSER_HOME, **({SITE_HANDIN_ENV: hand_in} if hand_in else {})}}}}}}
    (lite / "jupyter-lite.json").write_text(json.dumps(page_config, indent=1), encoding="utf-8")


def _finish(out: Path) -> None:
    """The start pages, and every lesson page of the code-free view made ready (see site_pages)."""
    content = load_content()
    (out / "index.html").write_text(site_pages.front_door(content), encoding="utf-8")
    for lang in LANGUAGES:
        (out / f"{lang}.html").write_text(site_pages.start_page(lang, content), encoding="utf-8")
        for page in (out / "voici" / "render" / lang).glob("*.html"):
            site_pages.patch_lesson_page(page, lang, content)
