"""Bad input stays cheap: times in one run, as ratios, so they mean something on any machine.

* ``assess`` with N buyers against N/10 buyers (linear work gives a ratio near 10; the old
  quadratic sum gave near 100);
* ``read_table`` refusing a 10,000-column file against reading a 20-column file of the same size;
* a "billion laughs" content file refused against loading a normal UI file.

Usage: ``.venv/bin/python benchmarks/bad_input_benchmark.py [--buyers 30000]``
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from lessons.classify.tables import TableError, read_table_bytes  # noqa: E402
from lessons.content.errors import ContentError  # noqa: E402
from lessons.content.reader import read_yaml  # noqa: E402
from lessons.engine import Facts, assess  # noqa: E402
from lessons.engine.facts import parse_case_json  # noqa: E402
from bench_page import BenchPage  # noqa: E402

PAGE = BenchPage(__file__, 'Bad input stays cheap',
                 "Refusing bad input costs about what reading good input of the same size costs, "
                 "and assess grows linearly with buyers.")


def best(fn, repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def buyers(n: int) -> float:
    text = json.dumps({"conduct": "sell_or_provide", "pieces_sold_to_each_buyer": [{"tier_50": 1}] * n})
    return best(lambda: assess(Facts.from_dict(parse_case_json(text))))


def refused(fn, error) -> None:
    try:
        fn()
    except error:
        return
    raise SystemExit("expected a refusal")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--buyers", type=int, default=30_000)
    n = parser.parse_args().buyers
    small, large = buyers(n // 10), buyers(n)
    print(
        f"assess: {n // 10:,} buyers {small:.3f} s, {n:,} buyers {large:.3f} s, ratio {large / small:.1f} (linear: ~10)"
    )
    PAGE.row(f"assess, {n:,} buyers / {n // 10:,} buyers", f"{large / small:.1f}x ({large:.3f} s)",
             "linear: about 10")

    wide = (",".join(f"c{i}" for i in range(10_000)) + "\n" + ",".join(["1"] * 10_000) + "\n").encode()
    narrow = (
        ",".join(f"c{i}" for i in range(20))
        + "\n"
        + "\n".join(",".join(["1"] * 20) for _ in range(len(wide) // 40))
        + "\n"
    ).encode()
    t_wide = best(lambda: refused(lambda: read_table_bytes(wide, "wide.csv"), TableError))
    t_narrow = best(lambda: read_table_bytes(narrow, "narrow.csv"))
    print(f"read_table: 10,000 columns refused in {t_wide:.3f} s; 20 columns, same size, read in {t_narrow:.3f} s; "
          f"ratio {t_wide / t_narrow:.2f}")
    PAGE.row("refusing a 10,000-column table", f"{t_wide:.3f} s = {t_wide / t_narrow:.2f}x",
             f"reading 20 columns of the same size {t_narrow:.3f} s")

    with tempfile.TemporaryDirectory() as tmp:
        laughs = Path(tmp) / "laughs.yaml"
        lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
        lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 10)]
        laughs.write_text("\n".join(lines) + "\n", encoding="utf-8")
        t_laughs = best(lambda: refused(lambda: read_yaml(laughs), ContentError))
        t_ui = best(lambda: read_yaml(ROOT / "data" / "content" / "ui" / "engine.yaml"))
        print(f"read_yaml: billion laughs refused in {t_laughs:.3f} s; ui/engine.yaml loaded in {t_ui:.3f} s; "
              f"ratio {t_laughs / t_ui:.2f}")
        PAGE.row("refusing a billion-laughs YAML file", f"{t_laughs:.3f} s = {t_laughs / t_ui:.2f}x",
                 f"loading ui/engine.yaml {t_ui:.3f} s")
    return 0


if __name__ == "__main__":
    with PAGE:
        raise SystemExit(main())
