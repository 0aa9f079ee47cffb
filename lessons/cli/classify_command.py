"""Classify the columns of a CSV/TSV file and count its pieces of personal information per tier."""
from __future__ import annotations

import json
from typing import TYPE_CHECKING

from lessons.content.files import check_max_bytes, json_safe, terminal_safe
from lessons.classify.tables import MAX_BYTES, read_table
from lessons.content.text import LANGUAGES, text_table

if TYPE_CHECKING:
    from lessons.classify.classifier import Classifier, ColumnResult
    from lessons.classify.counting import Pieces

HELP = "classify the columns of a CSV/TSV file and count pieces per tier (--json for machines)"


def add_arguments(parser) -> None:
    parser.add_argument("path", metavar="PATH", help="a CSV or TSV file (UTF-8, UTF-8 with BOM or GBK/GB18030)")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    parser.add_argument("--lang", choices=LANGUAGES, default="en", help="language of the table (default: en)")
    parser.add_argument(
        "--max-mb", type=float, default=MAX_BYTES / 1e6, help=f"refuse larger files (default: {MAX_BYTES / 1e6:.0f})"
    )


def as_json(columns: list[ColumnResult], pieces: Pieces, classifier: Classifier) -> dict:
    """The JSON contract: rows, duplicates_removed, columns, pieces, proportional_score."""
    return {
        "rows": pieces.rows,
        "duplicates_removed": pieces.duplicates_removed,
        "columns": [c.to_json(classifier.content) for c in columns],
        "pieces": dict(pieces.pieces),
        "proportional_score": pieces.proportional_score,
    }


def run(args) -> int:
    # Imported here: the classifier loads pandas, which `pi-lessons --help` has no use for.
    from lessons.classify.classifier import UNSURE, Classifier
    from lessons.classify.counting import classify_and_count

    max_bytes = check_max_bytes(args.max_mb)  # inf, nan, 0 and negatives get a message, not a traceback
    classifier = Classifier()
    table = read_table(args.path, max_bytes=max_bytes)
    columns, pieces = classify_and_count(table.frame, classifier)
    if args.json:
        print(json_safe(json.dumps(as_json(columns, pieces, classifier), ensure_ascii=False, indent=2)))
        return 0
    content, lang = classifier.content, args.lang

    def t(key: str, **values) -> str:
        return content.text(f"classify.{key}", lang, **values)

    rows = [[t("col_column"), t("col_type"), t("col_category"), t("col_tier"), t("col_confidence")]]
    for c in columns:
        if c.info_type:
            info = content.info_types[c.info_type]  # its category and tier are the info type's
            kind = [info.name(lang), content.categories[info.category].name(lang), content.tiers[info.tier].name(lang)]
        else:
            kind = [t("unsure") if c.status == UNSURE else t("not_personal"), "-", "-"]
        rows.append([terminal_safe(c.name, 60), *kind, f"{c.confidence:.2f}"])  # headers come from the file
    print(table.describe(content, lang))
    for note in table.notes:
        print(f"  {t('note')}: {note.shown(content, lang)}")
    print("\n".join(text_table(rows, header_rule=True)))
    print()
    print(t("duplicates_line", n=pieces.duplicates_removed))
    for tier in content.tiers.values():
        print(f"{tier.name(lang)}: {pieces.pieces[tier.id]}")
    print(t("score_line", score=f"{pieces.proportional_score:g}", level=t(f"level_{pieces.level}")))
    print(t("cli_evidence_hint"))
    return 0
