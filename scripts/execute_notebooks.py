"""Build the English and Chinese lesson notebooks from ``source/`` and store their outputs (``make notebooks``).

Each notebook in ``source/`` is one lesson in both languages: a cell tagged ``en`` or ``zh`` belongs to
that language, an untagged cell (shared code) to both. The build keeps, for each language, the untagged
cells and that language's cells, and writes ``notebooks/<lang>/<same path>``; Chinese markdown is wrapped
in ``<div lang="zh-Hans">`` so screen readers read it as Chinese, and the first cell links the other
language's version. ``--check`` only compares: it fails when a built notebook is not what its source
makes (someone edited a built notebook, or forgot to rebuild).

Outputs must be deterministic and small: widget views are dropped (their model ids are random
and a notebook opened before running would show "model not found"), so a stored widget shows
its short text form until the learner runs the cell. Any error output stops the script.
"""
from __future__ import annotations

import argparse
import os
import posixpath
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "source"
BUILT = ROOT / "notebooks"
LANGUAGES = ("en", "zh")
# The link each language's first cell gets to the other version, marked with the language it is in.
OTHER_VERSION = {
    "en": '<span lang="zh-Hans">[阅读中文版]({})</span>',
    "zh": '<span lang="en">[English version]({})</span>',
}
COURSE_LIST = {"en": "[← Course list]({})", "zh": "[← 课程目录]({})"}
START = "00-start-here.ipynb"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
MAX_BYTES = 300_000
KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}


def sources(selected: tuple[str, ...] | list[str] = ()) -> list[str]:
    """The lesson sources, as paths relative to ``source/`` with '/'."""
    found = sorted(
        p.relative_to(SOURCE).as_posix() for p in SOURCE.rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts
    )
    return [p for p in found if not selected or any(s in p for s in selected)]


def expected_outputs() -> set[str]:
    """Every built notebook the sources make, relative to ``notebooks/``."""
    return {f"{lang}/{rel}" for rel in sources() for lang in LANGUAGES}


NEW_CELL = {
    "markdown": nbformat.v4.new_markdown_cell,
    "code": nbformat.v4.new_code_cell,
    "raw": nbformat.v4.new_raw_cell,
}


def page_title(rel: str, lang: str) -> str:
    """The page's title in ``lang`` (the browser tab, Voilà's loading text): the lesson's, then the course's."""
    from lessons.content.course import load_content
    from lessons.content.syllabus import load_lessons

    content = load_content()
    course = content.text("common.course_title", lang)
    name = posixpath.basename(rel)
    if name == START:
        return course
    if rel.startswith("teacher/"):
        return f"{content.text('class_summary.title', lang)} · {course}"
    lesson = next((item for item in load_lessons() if item.file == name), None)
    return f"{lesson.title(lang)} · {course}" if lesson else course


def build(source, rel: str, lang: str):
    """The notebook of one language made from a source notebook (not executed)."""
    nb = nbformat.v4.new_notebook(metadata={
        "kernelspec": dict(KERNELSPEC), "language_info": {"name": "python"}, "title": page_title(rel, lang),
        "pi_lessons": {"language": lang, "source": f"source/{rel}",
                       "note": f"Made by `make notebooks` from source/{rel}: edit that file, not this one."}})
    other = "zh" if lang == "en" else "en"
    link = OTHER_VERSION[lang].format(posixpath.relpath(f"{other}/{rel}", posixpath.dirname(f"{lang}/{rel}")))
    if posixpath.basename(rel) != START:  # every page but the start page leads back to the lesson list
        link = COURSE_LIST[lang].format(posixpath.relpath(START, posixpath.dirname(rel) or ".")) + " · " + link
    for cell in source.cells:
        tags = cell.metadata.get("tags", [])
        own = [t for t in tags if t in LANGUAGES]
        if own and lang not in own:
            continue
        text = cell.source
        if cell.cell_type == "markdown":
            if link and not any(c.cell_type == "markdown" for c in nb.cells):
                text, link = f"{text}\n\n{link}", None  # the first text a reader sees offers the other language
            if own == ["zh"]:
                text = f'<div lang="zh-Hans">\n\n{text}\n\n</div>'  # blank lines: the markdown inside still renders
        new = NEW_CELL[cell.cell_type](text)
        new.id = cell.get("id") or f"cell-{len(nb.cells)}"
        if tags:
            new.metadata["tags"] = list(tags)
        nb.cells.append(new)
    return nb


def shape(nb) -> list:
    """What the check compares: cell kinds, sources and tags, and the build note (outputs aside)."""
    return [nb.metadata.get("pi_lessons"), nb.metadata.get("title")] + [
        (c.cell_type, c.source, c.metadata.get("tags", [])) for c in nb.cells
    ]


def differences() -> list[str]:
    """Built notebooks that are not what the sources make, missing ones, and ones with no source."""
    problems = []
    for rel in sources():
        source = nbformat.read(SOURCE / rel, as_version=4)
        for lang in LANGUAGES:
            path = BUILT / lang / rel
            if not path.is_file():
                problems.append(f"notebooks/{lang}/{rel}: missing")
            elif shape(nbformat.read(path, as_version=4)) != shape(build(source, rel, lang)):
                problems.append(f"notebooks/{lang}/{rel}: differs from source/{rel}")
    found = {p.relative_to(BUILT).as_posix() for p in BUILT.rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts}
    problems += [f"notebooks/{p}: has no source" for p in sorted(found - expected_outputs())]
    return problems


def clean(nb) -> None:
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        for out in cell.get("outputs", []):
            out.get("data", {}).pop(WIDGET_VIEW, None)
            if out.get("output_type") == "error":
                raise SystemExit(f"error output in a cell: {out.get('ename')}: {out.get('evalue')}")


def execute(nb, folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    NotebookClient(nb, timeout=600, kernel_name="python3", record_timing=False,
                   resources={"metadata": {"path": str(folder)}}).execute()
    clean(nb)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help="only sources whose path contains one of these")
    parser.add_argument(
        "--check", action="store_true", help="build nothing; exit 1 if a built notebook differs from its source"
    )
    args = parser.parse_args()
    if args.check:
        problems = differences()
        print("\n".join(problems) or f"{len(expected_outputs())} built notebooks match source/")
        return 1 if problems else 0
    os.environ["PI_LESSONS_HOME"] = tempfile.mkdtemp(prefix="pi-lessons-exec-")
    total = time.perf_counter()
    for rel in sources(args.names):
        source = nbformat.read(SOURCE / rel, as_version=4)
        for lang in LANGUAGES:
            start, path = time.perf_counter(), BUILT / lang / rel
            nb = build(source, rel, lang)
            execute(nb, path.parent)
            nbformat.write(nb, path)
            size = path.stat().st_size
            print(f"{path.relative_to(ROOT)}: {time.perf_counter() - start:.1f} s, {size // 1000} KB")
            if size > MAX_BYTES:
                print(f"  too large: {size} bytes > {MAX_BYTES}", file=sys.stderr)
                return 1
    stray = sorted(
        {p.relative_to(BUILT).as_posix() for p in BUILT.rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts}
        - expected_outputs()
    )
    for p in stray:
        print(f"notebooks/{p}: has no source in source/; delete it if it is an old build", file=sys.stderr)
    print(f"total: {time.perf_counter() - total:.1f} s")
    return 1 if stray else 0


if __name__ == "__main__":
    sys.exit(main())
