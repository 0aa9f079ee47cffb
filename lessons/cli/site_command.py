"""``pi-lessons site [OUT]``: the whole learner course as a static website that runs in the browser.

Every learner lesson in both languages, as a code-free Voici app (the start page of each language links
them) and in JupyterLite's JupyterLab for those who want the code. Python runs in the browser (Pyodide);
every file is in OUT, so ``python -m http.server`` in OUT, or any static web host, serves the course.
Progress is saved in the browser's own storage (JupyterLite's ``/drive``). See docs/site.md.
"""
from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from lessons.cli import site_assets
from lessons.cli.site_assets import SiteBuildError
from lessons.content.course import load_content
from lessons.content.reader import NOTEBOOKS_DIR, source_checkout
from lessons.content.syllabus import load_lessons
from lessons.content.text import LANGUAGES

HELP = "build the course as a static website that runs in the browser (no server, no install) into OUT"
DEFAULT_OUT = "pi-lessons-site"
CACHE_ENV = "PI_LESSONS_SITE_CACHE"
START = "00-start-here.ipynb"
KERNEL_SETTINGS = "@jupyterlite/pyodide-kernel-extension:kernel"
# The browser's kernel keeps the learner folder in JupyterLite's /drive, which lives in the browser's storage
# (IndexedDB) and so survives a reload and a browser restart; its home folder is in memory only.
BROWSER_HOME = "/drive/progress"
LOADING_ID = "pi-loading"


def add_arguments(parser) -> None:
    parser.add_argument("out", nargs="?", default=DEFAULT_OUT, help=f"the site's folder (default ./{DEFAULT_OUT}); replaced")
    parser.add_argument("--cache", help=f"where downloads are kept between builds (default ${CACHE_ENV}, else ~/.cache/pi-lessons/site)")


def run(args) -> int:
    out = Path(args.out).resolve()
    cache = Path(args.cache or os.environ.get(CACHE_ENV) or Path.home() / ".cache" / "pi-lessons" / "site").resolve()
    packages = build(out, cache)
    print(f"built {out} ({len(packages)} Python packages for the browser); serve it with: python -m http.server -d {out}")
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
        raise SiteBuildError(f"JupyterLab extensions not installed: {', '.join(missing)} (pip install 'pi-lessons[site]')")
    return [found[n] for n in wanted]


def build(out: Path, cache: Path) -> list[str]:
    """Build the site into ``out`` (replaced); returns the Python packages the browser loads."""
    root = source_checkout()
    if root is None:
        raise SiteBuildError("pi-lessons site builds from a source checkout of the course (it packs the course wheel)")
    cache.mkdir(parents=True, exist_ok=True)
    core = site_assets.pyodide_core(cache)
    with tempfile.TemporaryDirectory(prefix="pi-lessons-site-") as tmp:
        lite = Path(tmp)
        course = site_assets.course_wheel(root, lite / "dist")
        pypi = site_assets.pypi_wheels(cache, core, [*site_assets.BOOT, *_wheel_requirements(course)])
        wheels = [course, *pypi.glob("*.whl"), *site_assets.kernel_wheels(),
                  *(site_assets.stand_in_wheel(lite / "dist", name) for name in site_assets.STAND_INS)]
        roots = ["pi-lessons", *map(site_assets.requirement_name, site_assets.BOOT), *site_assets.KERNEL_OWN, *site_assets.STAND_INS]
        packages = site_assets.write_pyodide(lite / "static" / "pyodide", core, wheels, roots)
        for name, path in learner_notebooks().items():
            target = lite / "content" / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(json.dumps(site_notebook(path), ensure_ascii=False, indent=1), encoding="utf-8")
        _write_config(lite, out, packages)
        if out.exists():
            shutil.rmtree(out)
        done = subprocess.run([sys.executable, "-m", "jupyterlite_core", "build", "--lite-dir", str(lite)],
                              cwd=lite, capture_output=True, text=True)
        if done.returncode:
            raise SiteBuildError("jupyter lite build failed:\n" + "\n".join((done.stderr or done.stdout).splitlines()[-15:]))
    _finish(out)
    return packages


def _wheel_requirements(wheel: Path) -> list[str]:
    return [r.split(";")[0].strip() for r in site_assets.wheel_requirements(wheel) if "extra ==" not in r]


def _write_config(lite: Path, out: Path, packages: list[str]) -> None:
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
            "loadPyodideOptions": {"packages": packages, "env": {"PI_LESSONS_HOME": BROWSER_HOME}}}}}}
    (lite / "jupyter-lite.json").write_text(json.dumps(page_config, indent=1), encoding="utf-8")


def _finish(out: Path) -> None:
    """Start pages per language, a loading message on every lesson page, and the language of each page."""
    content = load_content()
    lessons = load_lessons()
    for lang in LANGUAGES:
        def t(key: str, **values) -> str:
            return html.escape(content.text(f"site.{key}", lang, **values))

        rows = []
        for lesson in [None, *lessons]:
            file = START if lesson is None else lesson.file
            title = t("start_title") if lesson is None else html.escape(lesson.title(lang))
            summary = "" if lesson is None else f"<p>{html.escape(lesson.summary(lang))}</p>"
            rows.append(f"<li><a class='pi-lesson' href='voici/render/{lang}/{file.removesuffix('.ipynb')}.html'>{title}</a>"
                        f"{summary}<p class='pi-code'><a href='lab/index.html?path={lang}/{file}'>{t('with_code')}</a></p></li>")
        other = [lg for lg in LANGUAGES if lg != lang][0]
        page = _page(lang, t("title"), f"<h1>{t('title')}</h1><p>{t('intro')}</p><ol class='pi-lessons'>{''.join(rows)}</ol>"
                     f"<p>{t('saved')}</p><p><a href='{other}.html' lang='{other}'>{html.escape(content.text('site.other_language', other))}</a></p>")
        (out / f"{lang}.html").write_text(page, encoding="utf-8")
        for page_file in (out / "voici" / "render" / lang).glob("*.html"):
            _patch_lesson_page(page_file, lang, t("loading"), t("loading_slow"))
    (out / "index.html").write_text(_choose_language(content), encoding="utf-8")


def _page(lang: str, title: str, body: str) -> str:
    return (f"<!doctype html><html lang='{'zh-CN' if lang == 'zh' else lang}'><head><meta charset='utf-8'>"
            f"<meta name='viewport' content='width=device-width, initial-scale=1'><title>{title}</title><style>"
            "body{font-family:system-ui,sans-serif;max-width:44rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#1a1a1a}"
            "a{color:#0b57d0}.pi-lessons li{margin-bottom:1rem}.pi-lesson{font-size:1.15rem;font-weight:600}"
            ".pi-code{font-size:.9rem;margin:0}</style></head>"
            f"<body><main>{body}</main></body></html>")


def _choose_language(content) -> str:
    """The site's front door: the English page, with the Chinese page one link away (and the reverse)."""
    links = "".join(f"<p lang='{'zh-CN' if lang == 'zh' else lang}'><a href='{lang}.html'>"
                    f"{html.escape(content.text('site.title', lang))}</a></p>" for lang in LANGUAGES)
    return _page("en", "pi-lessons", links)


def _patch_lesson_page(path: Path, lang: str, loading: str, slow: str) -> None:
    """A message that Python is starting, shown until the first widget appears (the first visit loads about
    ten megabytes), and the page's language for screen readers."""
    text = path.read_text(encoding="utf-8")
    # Voici 0.9 leaves the kernel's settings relative to the site's root: make them relative to this page.
    text = text.replace('"./static/pyodide/', '"../../../static/pyodide/').replace('"./extensions/', '"../../../extensions/')
    # Voila's template links Font Awesome from a CDN; its app bundles the same styles, and the site fetches
    # nothing from another host.
    text = re.sub(r"<link[^>]*href=\"https?://[^\"]*\"[^>]*/?>", "", text)
    text = re.sub(r"<html(?![^>]*\blang=)", f"<html lang=\"{'zh-CN' if lang == 'zh' else lang}\"", text, count=1)
    banner = (f"<div id='{LOADING_ID}' role='status' aria-live='polite' style='position:fixed;top:0;left:0;right:0;z-index:1000;"
              "background:#fff8e1;border-bottom:1px solid #c9a227;padding:.6rem 1rem;font:1rem system-ui,sans-serif;color:#1a1a1a'>"
              f"<span class='pi-loading-text'>{loading}</span> <span class='pi-loading-time'></span></div>"
              "<script>(function(){var b=document.getElementById('" + LOADING_ID + "'),t0=Date.now(),"
              f"slow={json.dumps(slow)},shown=false;"
              "var timer=setInterval(function(){var s=Math.round((Date.now()-t0)/1000);"
              "b.querySelector('.pi-loading-time').textContent=s+' s';"
              "if(s>=20&&!shown){shown=true;b.querySelector('.pi-loading-text').textContent+=' '+slow;}"
              "if(document.querySelector('.jupyter-widgets, .widget-html, .widget-box')){clearInterval(timer);b.remove();}},500);})();"
              "</script>")
    text = re.sub(r"(<body[^>]*>)", lambda m: m.group(1) + banner, text, count=1)
    path.write_text(text, encoding="utf-8")
