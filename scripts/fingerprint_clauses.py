"""Record a sha256 fingerprint of every clause marked verbatim, after checking it against the legal reference.

    python scripts/fingerprint_clauses.py            # check every verbatim clause, then rewrite the fingerprints
    python scripts/fingerprint_clauses.py --check    # only compare (what the tests do when the reference is absent)

The reference (``../shared/reference/legal.md``, ``legal-2026.md`` and ``legal-more.md`` beside the checkout, or the
folder named by $PI_LESSONS_REFERENCE) holds the verified statute texts. The fingerprint file lets the verbatim check
run in a plain clone: a clause whose Chinese text changed since it was checked no longer matches its fingerprint.
"""
from __future__ import annotations

import argparse
import hashlib
import os
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FINGERPRINTS = ROOT / "tests" / "golden" / "verbatim_clauses.sha256"
REFERENCE_FILES = ("legal.md", "legal-2026.md", "legal-more.md")


def reference_dir() -> Path:
    return Path(os.environ.get("PI_LESSONS_REFERENCE") or ROOT.parent / "shared" / "reference")


def squeeze(text: str) -> str:
    """The text without whitespace: line breaks in YAML or Markdown are not part of the statute."""
    return re.sub(r"\s+", "", text)


def fingerprint(text: str) -> str:
    return hashlib.sha256(squeeze(text).encode("utf-8")).hexdigest()


def reference_text() -> str | None:
    """All reference files, squeezed, or None when the reference is not beside the checkout."""
    folder = reference_dir()
    files = [folder / name for name in REFERENCE_FILES if (folder / name).exists()]
    return "".join(squeeze(f.read_text(encoding="utf-8")) for f in files) if files else None


def verbatim_clauses() -> dict[str, str]:
    sys.path.insert(0, str(ROOT))
    from lessons.content.course import load_content

    return {p.id: p.text.zh for p in load_content().provisions.values() if p.verbatim}


def read_fingerprints(path: Path = FINGERPRINTS) -> dict[str, str]:
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            digest, clause = line.split(maxsplit=1)
            out[clause.strip()] = digest
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare only; write nothing")
    args = parser.parse_args(argv)
    clauses = verbatim_clauses()
    wanted = {cid: fingerprint(text) for cid, text in clauses.items()}
    if args.check:
        stored = read_fingerprints()
        wrong = sorted(c for c in set(wanted) | set(stored) if wanted.get(c) != stored.get(c))
        for c in wrong:
            print(f"{c}: text differs from the fingerprint checked against the reference", file=sys.stderr)
        return 1 if wrong else 0
    reference = reference_text()
    if reference is None:
        print(f"no legal reference in {reference_dir()}: cannot check the clauses, nothing written", file=sys.stderr)
        return 2
    missing = sorted(cid for cid, text in clauses.items() if squeeze(text) not in reference)
    if missing:
        print("not found word for word in the reference: " + ", ".join(missing), file=sys.stderr)
        return 1
    lines = ["# sha256 of each verbatim clause's Chinese text (whitespace removed), written by",
             "# scripts/fingerprint_clauses.py after finding the text word for word in the legal reference."]
    lines += [f"{digest}  {cid}" for cid, digest in sorted(wanted.items())]
    FINGERPRINTS.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(wanted)} verbatim clauses checked and fingerprinted in {FINGERPRINTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
