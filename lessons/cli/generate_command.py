"""Write the synthetic sample tables of Lesson 2 and their answer keys (seeded, byte-identical)."""
from __future__ import annotations

import filecmp
import tempfile
from pathlib import Path

from lessons.classify.datasets import KEYS_FILE, SAMPLES_DIR, SEED, SPECS, generate
from lessons.content.files import terminal_safe
from lessons.content.errors import LessonsError, Term
from lessons.content.reader import in_installation, shown, source_checkout

HELP = "write the synthetic 'leaked' sample tables and answer keys (data/samples in a source checkout)"
INSTALLED_DEFAULT = "pi-lessons-samples"  # under the current folder: an installed package is never written to


def add_arguments(parser) -> None:
    parser.add_argument("--out", default=None, help=f"folder to write to (default: data/samples in a source checkout, "
                                                    f"else ./{INSTALLED_DEFAULT}; --check reads the shipped files)")
    parser.add_argument(
        "--seed", type=int, default=SEED, help=f"random seed (default: {SEED}; the shipped files use it)"
    )
    parser.add_argument(
        "--check",
        action="store_true",
        help="write nothing; exit 1 if the files in the folder differ from a fresh generation",
    )


def default_out(check: bool) -> Path:
    """Where to write (or, with --check, what to compare) when --out is not given."""
    return SAMPLES_DIR if check or source_checkout() else Path(INSTALLED_DEFAULT)


def run(args) -> int:
    out = Path(args.out) if args.out else default_out(args.check)
    if out.exists() and not out.is_dir():
        raise LessonsError.of("out_is_file", folder=terminal_safe(out))
    if not args.check and in_installation(out):
        raise LessonsError.of("out_in_package", folder=terminal_safe(out))
    for name in [s.file for s in SPECS] + [KEYS_FILE]:
        target = out / name
        # Writing to a FIFO would wait for a reader forever; a device or folder cannot take the table.
        if (target.exists() or target.is_symlink()) and not target.is_file():
            raise LessonsError.of("out_not_regular", file=terminal_safe(target))
    if args.check:
        with tempfile.TemporaryDirectory() as tmp:
            fresh = generate(tmp, seed=args.seed)
            differ = [
                p.name for p in fresh if not (out / p.name).is_file() or not filecmp.cmp(p, out / p.name, shallow=False)
            ]
        if differ:
            print(f"{shown(out)}: differs from a fresh generation: {', '.join(differ)}")
            return 1
        print(f"{shown(out)}: {len(fresh)} files identical to a fresh generation")
        return 0
    try:
        written = generate(out, seed=args.seed)
    except OSError as exc:
        problem = Term(terminal_safe(exc.strerror or exc), "errors.os_problem")
        raise LessonsError.of("cannot_write", folder=terminal_safe(out), problem=problem) from None
    for path in written:
        print(f"wrote {shown(path)} ({path.stat().st_size:,} bytes)")
    return 0
