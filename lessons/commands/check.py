"""Check every content file and say what was loaded (for teachers editing content)."""
from __future__ import annotations

from ..content import load_content
from ..plan import load_guide
from ..review import load_questions
from ..selfcheck import load_items

HELP = "check the content files under data/content and summarise them"


def add_arguments(parser) -> None:
    parser.add_argument("--root", help="content folder to check (default: the package's data/content)")


def run(args) -> int:
    c = load_content(args.root)
    root = c.root
    items = load_items(c, root / "selfcheck.yaml")
    questions = load_questions(c, root / "questions")
    guide = load_guide(c, root / "leak_plan.yaml")
    print(
        f"content OK: {len(c.categories)} categories, {len(c.tiers)} tiers, "
        f"{len(c.info_types)} information types, {len(c.provisions)} clauses, {len(c.ui)} UI texts, "
        f"{len(items)} self-check items, {len(questions)} review questions, {len(guide.steps)} action-plan steps"
    )
    return 0
