"""Check every content file and say what was loaded (for teachers editing content)."""
from __future__ import annotations

from pathlib import Path

from lessons.content.course import load_content, question_ids
from lessons.content.files import terminal_safe
from lessons.classify.datasets import load_keys
from lessons.engine.scenarios import load_scenarios
from lessons.content.thresholds import load_thresholds
from lessons.content.errors import ContentError, LessonsError
from lessons.classroom.action_plan import load_guide
from lessons.content.reader import shown
from lessons.classroom.review import load_questions
from lessons.classroom.selfcheck import load_items

HELP = "check the content files under data/content and summarise them"


# Which content source holds the questions each saved exercise answers (ids as in progress files).
ANSWERED_FROM = {"lesson6.review": "questions", "lesson1.selfcheck": "selfcheck"}


def add_arguments(parser) -> None:
    parser.add_argument("--root", help="content folder to check (default: the package's data/content)")
    parser.add_argument("--answers", metavar="DIR", help="a folder of learners' progress files: warn about saved "
                        "answers to questions the content no longer has")


def orphaned(known: dict[str, tuple[str, ...]], folder) -> list[str]:
    """Lines naming the saved answers (exercise, question id, learners) whose question is gone."""
    from collections import Counter

    from lessons.classroom.progress import read_progress_file  # only when asked: a folder of files is read

    folder = Path(folder)
    if not folder.is_dir():
        raise LessonsError.of("not_a_progress_folder", folder=terminal_safe(folder))
    gone: Counter[tuple[str, str]] = Counter()
    for path in sorted(p for p in folder.rglob("*.json") if p.is_file()):
        data, _problem = read_progress_file(path)
        for exercise, record in ((data or {}).get("exercises") or {}).items():
            source = ANSWERED_FROM.get(exercise)
            if source is not None:
                gone.update((exercise, q) for q in record.get("answers", {}) if q not in known[source])
    return [
        f"warning: {terminal_safe(e)} question {terminal_safe(q, 60)!r} is answered in {n} learner file(s) "
        "but is no longer in the content; those answers will not show or count"
        for (e, q), n in sorted(gone.items())
    ]


def run(args) -> int:
    from lessons.classify.headers import load_headers  # imported here: it loads pandas, which --help needs not

    c = load_content(args.root)
    root = c.root
    items = load_items(c, root / "selfcheck.yaml")
    questions = load_questions(c, root / "questions")
    guide = load_guide(c, root / "leak_plan.yaml")
    load_headers(c, root / "headers.yaml")
    scenarios = load_scenarios(root / "scenarios.yaml")
    thresholds = load_thresholds(root / "thresholds.yaml")
    for t in thresholds.values():
        if t.clause not in c.provisions:
            raise ContentError(f"{shown(root / 'thresholds.yaml')}: entry '{t.id}': field 'clause': "
                               f"names clause '{t.clause}', which is not in provisions/")
    keys = load_keys(content=c)
    cases, task = _lesson4(c, root)
    warnings = orphaned(question_ids(root), args.answers) if args.answers else []
    print(
        f"content OK: {len(c.categories)} categories, {len(c.tiers)} tiers, "
        f"{len(c.info_types)} information types, {len(c.provisions)} clauses, {len(c.ui)} UI texts, "
        f"{len(items)} self-check items, {len(questions)} review questions, {len(guide.steps)} action-plan steps, "
        f"{len(scenarios)} scenarios, {len(thresholds)} thresholds, {len(keys)} sample datasets, "
        f"{len(cases)} court-case defendants, {len(task.criteria)} writing-task criteria"
    )
    for line in warnings:
        print(line)
    return 0


def _lesson4(c, root: Path):
    """Lesson 4's published cases and writing task (lessons.engine.court_cases, lessons.classroom.writing)."""
    from lessons.classroom.writing import load_writing_task
    from lessons.engine.court_cases import load_court_cases

    cases = load_court_cases(root / "court_cases.yaml")
    task = load_writing_task(root / "writing_gc194.yaml")
    for clause in task.clauses:
        if clause not in c.provisions:
            raise ContentError(f"{shown(root / 'writing_gc194.yaml')}: entry '{task.id}': field 'clauses': "
                               f"names clause '{clause}', which is not in provisions/")
    return cases, task
