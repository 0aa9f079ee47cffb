"""Check every content file and say what was loaded (for teachers editing content)."""
from __future__ import annotations

from ..content import load_content

HELP = "check the content files under data/content and summarise them"


def add_arguments(parser) -> None:
    parser.add_argument("--root", help="content folder to check (default: the package's data/content)")


def run(args) -> int:
    c = load_content(args.root)
    print(
        f"content OK: {len(c.categories)} categories, {len(c.tiers)} tiers, "
        f"{len(c.info_types)} information types, {len(c.provisions)} clauses, {len(c.ui)} UI texts"
    )
    return 0
