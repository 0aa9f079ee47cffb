"""Reading CSV/TSV tables as learners and teachers bring them: encoding and delimiter found
automatically, every value kept as text, and every bad file reported in one line (LessonsError).

Encodings: UTF-8, UTF-8 with BOM, GBK/GB18030 (common in Chinese exports). Delimiters: comma, tab,
semicolon or bar, read from the header line. Large UTF-8 files use pyarrow's parser when it is
installed (faster); otherwise, and for small files, Python's csv module, which also finds ragged rows.
"""
from __future__ import annotations

import codecs
import csv
import io
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from lessons.content.errors import LessonsError

MAX_BYTES = 100_000_000  # 100 MB: far above any lesson file, small enough for a laptop
SNIFF_BYTES = 1_000_000
PYARROW_FROM_BYTES = 5_000_000  # below this the csv module is as fast and checks more
DELIMITERS = (",", "\t", ";", "|")
_DELIMITER_NAMES = {",": "comma", "\t": "tab", ";": "semicolon", "|": "bar"}


class TableError(LessonsError):
    """A table file cannot be read; the message says why in one line."""


@dataclass
class Table:
    """A table read from a file: the data (all values text) and how it was read."""

    frame: pd.DataFrame
    name: str
    encoding: str
    delimiter: str

    @property
    def description(self) -> str:
        return f"{self.name}: {len(self.frame)} rows, {len(self.frame.columns)} columns, {self.encoding}, {_DELIMITER_NAMES[self.delimiter]}-separated"


def read_table(path: Path | str, max_bytes: int | None = MAX_BYTES, engine: str = "auto") -> Table:
    """Read a CSV/TSV file; ``engine`` is "auto", "python" (csv module) or "pyarrow"."""
    path = Path(path)
    name = path.name
    try:
        if path.is_dir():
            raise TableError(f"{name}: is a folder, not a file")
        size = path.stat().st_size
        _check_size(name, size, max_bytes)
        with path.open("rb") as fh:
            head = fh.read(SNIFF_BYTES)
    except FileNotFoundError:
        raise TableError(f"{path}: no such file") from None
    except PermissionError:
        raise TableError(f"{name}: permission denied") from None
    except OSError as exc:
        raise TableError(f"{name}: cannot read ({exc.strerror or exc})") from None
    encoding = detect_encoding(head, name)
    delimiter = _delimiter(head, encoding, name)
    if _use_pyarrow(engine, encoding, size):
        return Table(_read_pyarrow(path, encoding, delimiter, name), name, encoding, delimiter)
    return _from_bytes(path.read_bytes(), name, encoding, delimiter)


def read_table_bytes(data: bytes, name: str = "upload", max_bytes: int | None = MAX_BYTES) -> Table:
    """Read a table from bytes (an upload); same checks and messages as :func:`read_table`."""
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise TableError(f"{name}: expected the file's bytes")
    data = bytes(data)
    _check_size(name, len(data), max_bytes)
    encoding = detect_encoding(data[:SNIFF_BYTES], name)
    return _from_bytes(data, name, encoding, _delimiter(data[:SNIFF_BYTES], encoding, name))


def _check_size(name: str, size: int, max_bytes: int | None) -> None:
    if size == 0:
        raise TableError(f"{name}: the file is empty")
    if max_bytes is not None and size > max_bytes:
        raise TableError(f"{name}: the file is {size / 1e6:.1f} MB; the limit is {max_bytes / 1e6:.0f} MB")


def detect_encoding(head: bytes, name: str = "file") -> str:
    """'utf-8-sig', 'utf-8' or 'gb18030' (which reads GBK), from the first bytes of a file."""
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise TableError(f"{name}: UTF-16 text is not supported; save the file as CSV UTF-8")
    if head.startswith(b"PK\x03\x04"):
        raise TableError(f"{name}: this is a ZIP or Excel (.xlsx) file, not CSV; save it as CSV first")
    if b"\x00" in head:
        raise TableError(f"{name}: looks like a binary file, not a CSV/TSV text table")
    for encoding in ("utf-8", "gb18030"):
        try:
            codecs.getincrementaldecoder(encoding)().decode(head, final=False)
            return encoding
        except UnicodeDecodeError:
            continue
    raise TableError(f"{name}: cannot decode the text as UTF-8 or GBK/GB18030")


def _first_line(head: bytes, encoding: str) -> str:
    text = codecs.getincrementaldecoder(encoding)(errors="replace").decode(head, final=False)
    return text.lstrip("\ufeff").split("\n", 1)[0]


def _delimiter(head: bytes, encoding: str, name: str) -> str:
    line = _first_line(head, encoding)
    if not line.strip():
        raise TableError(f"{name}: the first line (the header) is blank")
    counts = {d: line.count(d) for d in DELIMITERS}
    best = max(DELIMITERS, key=lambda d: counts[d])  # ties keep the order of DELIMITERS
    return best if counts[best] else ","


def _use_pyarrow(engine: str, encoding: str, size: int) -> bool:
    if engine == "python" or encoding == "gb18030":
        return False
    try:
        import pyarrow  # noqa: F401  (optional: only speeds up large files)
    except ImportError:
        if engine == "pyarrow":
            raise TableError("the pyarrow engine needs pyarrow: pip install pyarrow") from None
        return False
    return engine == "pyarrow" or size >= PYARROW_FROM_BYTES


def _decode(data: bytes, encoding: str, name: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        shown = "GBK/GB18030" if encoding == "gb18030" else "UTF-8"
        raise TableError(f"{name}: cannot decode byte {exc.start} as {shown}; save the file as CSV UTF-8") from None


def _from_bytes(data: bytes, name: str, encoding: str, delimiter: str) -> Table:
    text = _decode(data, encoding, name)
    if "\x00" in text:
        raise TableError(f"{name}: looks like a binary file, not a CSV/TSV text table")
    try:
        rows = [row for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter) if any(f.strip() for f in row)]
    except csv.Error as exc:
        raise TableError(f"{name}: not a readable table ({exc})") from None
    if not rows:
        raise TableError(f"{name}: the file is empty")
    header = _header(rows[0])
    if len(rows) == 1:
        raise TableError(f"{name}: has a header but no data rows")
    width = len(header)
    for number, row in enumerate(rows[1:], 2):
        if len(row) != width:
            raise TableError(f"{name}: ragged rows: row {number} has {len(row)} fields, the header has {width}")
    frame = pd.DataFrame(rows[1:], columns=header, dtype=object)
    return Table(frame, name, encoding, delimiter)


def _header(names: list[str]) -> list[str]:
    """Stripped column names; blanks become col1, col2...; repeats get .1, .2 as pandas does."""
    out, seen = [], {}
    for number, raw in enumerate(names, 1):
        name = raw.strip().lstrip("\ufeff").strip() or f"col{number}"
        if name in seen:
            seen[name] += 1
            name = f"{name}.{seen[name]}"
        else:
            seen[name] = 0
        out.append(name)
    return out


def _read_pyarrow(path: Path, encoding: str, delimiter: str, name: str) -> pd.DataFrame:
    try:
        frame = pd.read_csv(path, engine="pyarrow", sep=delimiter, dtype=str, keep_default_na=False,
                            encoding="utf-8" if encoding == "utf-8-sig" else encoding)
    except (pd.errors.ParserError, ValueError, UnicodeDecodeError) as exc:
        message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        if "Expected" in message and "columns" in message:
            raise TableError(f"{name}: ragged rows ({message.replace('CSV parse error: ', '')[:120]})") from None
        if "UTF8" in message or "utf-8" in message.lower() or isinstance(exc, UnicodeDecodeError):
            raise TableError(f"{name}: cannot decode the text as UTF-8; save the file as CSV UTF-8") from None
        if "Empty CSV" in message or "No columns" in message:
            raise TableError(f"{name}: the file is empty") from None
        raise TableError(f"{name}: not a readable table ({message[:120]})") from None
    if frame.empty:
        raise TableError(f"{name}: has a header but no data rows")
    frame.columns = _header([str(c) for c in frame.columns])
    return frame
