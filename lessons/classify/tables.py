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
from typing import TYPE_CHECKING

from lessons.content.errors import LessonsError, Term
from lessons.content.files import megabytes, read_bytes, terminal_safe

MAX_BYTES = 100_000_000  # 100 MB: far above any lesson file, small enough for a laptop
NO_LIMIT = 10**12  # max_bytes=None still reads at most this (a device or /proc file may never end)
MAX_COLUMNS = 200  # real exports have tens of columns; each column costs tens of ms to classify
SNIFF_BYTES = 1_000_000
PYARROW_FROM_BYTES = 5_000_000  # below this the csv module is as fast and checks more
DELIMITERS = (",", "\t", ";", "|")
_DELIMITER_NAMES = {",": "comma", "\t": "tab", ";": "semicolon", "|": "bar"}

if TYPE_CHECKING:  # pandas is imported when a table is read: the commands' --help and DELIMITERS need none of it
    import pandas as pd


class TableError(LessonsError):
    """A table file cannot be read; the message says why in one line."""


@dataclass
class Table:
    """A table read from a file: the data (all values text; a PlainFrame without pandas) and how it was read."""

    frame: pd.DataFrame
    name: str
    encoding: str
    delimiter: str
    notes: tuple[Term, ...] = ()  # what was changed while reading, e.g. repeated headers renamed (English as str)

    @property
    def description(self) -> str:
        return (
            f"{self.name}: {len(self.frame)} rows, {len(self.frame.columns)} columns, {self.encoding}, "
            f"{_DELIMITER_NAMES[self.delimiter]}-separated"
        )

    def describe(self, content, lang: str) -> str:
        """The description in ``lang`` (the English one is ``description``)."""
        if lang == "en":
            return self.description
        delimiter = content.text(f"classify.delimiter_{_DELIMITER_NAMES[self.delimiter]}", lang)
        return content.text("classify.read_description", lang, name=self.name, rows=len(self.frame),
                            columns=len(self.frame.columns), encoding=self.encoding, delimiter=delimiter)


def read_table(path: Path | str, max_bytes: int | None = MAX_BYTES, engine: str = "auto") -> Table:
    """Read a CSV/TSV file; ``engine`` is "auto", "python" (csv module) or "pyarrow".

    The file type is checked before reading: a FIFO or a device is refused at once (it would block
    or never end), and no more than ``max_bytes`` are read.
    """
    path = Path(path)
    name = terminal_safe(path.name or str(path))
    limit = max_bytes if max_bytes is not None else NO_LIMIT
    head = _read(path, limit, name, head=SNIFF_BYTES)
    if not head:
        raise TableError.of("empty_file", file=name)
    encoding = detect_encoding(head, name)
    delimiter = _delimiter(head, encoding, name)
    try:
        size = path.stat().st_size
    except OSError:
        size = 0
    if _use_pyarrow(engine, encoding, size):  # a regular file (checked above): pyarrow reads it itself
        frame, notes = _read_pyarrow(path, head, encoding, delimiter, name)
        return Table(frame, name, encoding, delimiter, notes)
    data = _read(path, limit, name)
    _check_size(name, len(data), max_bytes)
    return _from_bytes(data, name, encoding, delimiter)


def _read(path: Path, limit: int, name: str, head: int | None = None) -> bytes:
    try:
        return read_bytes(path, limit, name, head=head)
    except LessonsError as exc:
        if exc.key == "no_such_file":  # the full path helps when the name alone is not found
            raise TableError.of("no_such_file", file=terminal_safe(path)) from None
        raise TableError(str(exc), exc.key, **exc.values) from None


def read_table_bytes(data: bytes, name: str = "upload", max_bytes: int | None = MAX_BYTES) -> Table:
    """Read a table from bytes (an upload); same checks and messages as :func:`read_table`."""
    name = terminal_safe(name)
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise TableError.of("not_bytes", file=name)
    data = bytes(data)
    _check_size(name, len(data), max_bytes)
    encoding = detect_encoding(data[:SNIFF_BYTES], name)
    return _from_bytes(data, name, encoding, _delimiter(data[:SNIFF_BYTES], encoding, name))


def _check_size(name: str, size: int, max_bytes: int | None) -> None:
    if size == 0:
        raise TableError.of("empty_file", file=name)
    if max_bytes is not None and size > max_bytes:
        raise TableError.of("too_large_size", file=name, size=f"{size / 1e6:.1f}", limit=megabytes(max_bytes))


def detect_encoding(head: bytes, name: str = "file") -> str:
    """'utf-8-sig', 'utf-8' or 'gb18030' (which reads GBK), from the first bytes of a file."""
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise TableError.of("utf16", file=name)
    if head.startswith(b"PK\x03\x04"):
        raise TableError.of("xlsx", file=name)
    if b"\x00" in head:
        raise TableError.of("binary", file=name)
    for encoding in ("utf-8", "gb18030"):
        try:
            codecs.getincrementaldecoder(encoding)().decode(head, final=False)
            return encoding
        except UnicodeDecodeError:
            continue
    raise TableError.of("undecodable", file=name)


def _first_line(head: bytes, encoding: str) -> str:
    text = codecs.getincrementaldecoder(encoding)(errors="replace").decode(head, final=False)
    return text.lstrip("\ufeff").split("\n", 1)[0]


def _delimiter(head: bytes, encoding: str, name: str) -> str:
    line = _first_line(head, encoding)
    if not line.strip():
        raise TableError.of("blank_header", file=name)
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
            raise TableError.of("needs_pyarrow") from None
        return False
    return engine == "pyarrow" or size >= PYARROW_FROM_BYTES


def _decode(data: bytes, encoding: str, name: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        shown = "GBK/GB18030" if encoding == "gb18030" else "UTF-8"
        raise TableError.of("undecodable_byte", file=name, byte=exc.start, encoding=shown) from None


def _from_bytes(data: bytes, name: str, encoding: str, delimiter: str) -> Table:
    text = _decode(data, encoding, name)
    if "\x00" in text:
        raise TableError.of("binary", file=name)
    _check_columns(name, _first_line(data[:SNIFF_BYTES], encoding), delimiter)
    rows, starts = [], []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        line = 0
        for row in reader:
            if any(f.strip() for f in row):
                rows.append(row)
                starts.append(line + 1)
            line = reader.line_num
    except csv.Error as exc:
        if "field limit" in str(exc):
            raise TableError.of(
                "long_cell", file=name, row=len(rows) + 1, limit=f"{csv.field_size_limit():,}"
            ) from None
        raise TableError.of(
            "not_a_table", file=name, problem=Term(terminal_safe(exc), "errors.parser_problem")
        ) from None
    if not rows:
        raise TableError.of("empty_file", file=name)
    _check_unclosed_quote(text, starts[-1], len(rows), name)
    header, notes = _header(rows[0])
    if len(rows) == 1:
        raise TableError.of("header_only", file=name)
    width = len(header)
    for number, row in enumerate(rows[1:], 2):
        if len(row) != width:
            raise TableError.of("ragged", file=name, row=number, fields=len(row), width=width)
    notes += _merged_rows(rows, starts, delimiter, width)
    return Table(_frame(header, rows[1:]), name, encoding, delimiter, notes)


def _frame(header: list[str], rows: list[list[str]]):
    """A DataFrame of text; a PlainFrame where pandas is not installed (the browser's kernel)."""
    try:
        import pandas as pd
    except ImportError:
        from lessons.classify.frames import PlainFrame

        return PlainFrame(header, rows)
    return pd.DataFrame(rows, columns=header, dtype=object)


def _merged_rows(rows: list[list[str]], starts: list[int], delimiter: str, width: int) -> tuple[Term, ...]:
    """Notes for quoted cells that span lines which look like whole rows: a stray pair of quotes
    may have merged several records into one (the file is still read as written)."""
    notes: list[Term] = []
    for number, (row, start) in enumerate(zip(rows[1:], starts[1:], strict=True), 2):
        for cell in row:
            if "\n" in cell or "\r" in cell:
                inner = cell.splitlines()[1:]
                if width > 1 and any(line.count(delimiter) >= width - 1 for line in inner):
                    notes.append(
                        Term(
                            f"row {number} (line {start}): a quoted cell spans {len(inner) + 1} lines that look "
                            'like separate rows; check the quotes (") around it',
                            "classify.note_merged_rows",
                            row=number,
                            line=start,
                            lines=len(inner) + 1,
                        )
                    )
                    break
        if len(notes) == 3:
            break
    return tuple(notes)


def _check_columns(name: str, first_line: str, delimiter: str) -> None:
    """Refuse very wide tables before parsing: classifying 10,000 columns would block the kernel for minutes."""
    count = first_line.count(delimiter) + 1
    if count > MAX_COLUMNS:
        raise TableError.of("too_many_columns", file=name, columns=f"{count:,}", limit=f"{MAX_COLUMNS:,}")


def _check_unclosed_quote(text: str, start_line: int, row: int, name: str) -> None:
    """The csv module reads an unclosed quote to the end of the file as one cell: say so instead.

    A quoted cell that is closed has an even number of quote characters from where its record
    starts; an odd count at the end of the file means the last record's quote never closes.
    """
    lines = io.StringIO(text, newline="")  # the same line breaks as the csv module counts (\r, \n, \r\n)
    for _ in range(start_line - 1):
        lines.readline()
    tail = lines.read()
    if tail.count('"') % 2 and any(ch in tail.strip() for ch in "\r\n"):
        raise TableError.of("unclosed_quote", file=name, row=row, line=start_line)


def _header(names: list[str]) -> tuple[list[str], tuple[Term, ...]]:
    """Stripped column names; blanks become col1, col2...; repeats get .1, .2 as pandas does.

    Names stay distinct even when a file already has "a.1" next to two "a" columns; each rename is
    returned as a note, so the learner sees which columns were renamed and why.
    """
    if len(names) > MAX_COLUMNS:
        raise TableError.of("too_many_names", columns=f"{len(names):,}", limit=f"{MAX_COLUMNS:,}")
    cleaned = [raw.strip().lstrip("\ufeff").strip() or f"col{number}" for number, raw in enumerate(names, 1)]
    taken = set(cleaned)
    out, seen, notes = [], {}, []  # type: list[str], dict[str, int], list[Term]
    for number, name in enumerate(cleaned, 1):
        if name not in seen:
            seen[name] = 0
            out.append(name)
            continue
        renamed = name
        while renamed in taken:
            seen[name] += 1
            renamed = f"{name}.{seen[name]}"
        taken.add(renamed)
        out.append(renamed)
        header, read_as = repr(terminal_safe(name, 40)), repr(terminal_safe(renamed, 44))
        notes.append(Term(f"column {number}: the header {header} is repeated; read as {read_as}",
                          "classify.note_renamed", column=number, header=header, renamed=read_as))
    return out, tuple(notes)


def _read_pyarrow(
    path: Path, head: bytes, encoding: str, delimiter: str, name: str
) -> tuple[pd.DataFrame, tuple[Term, ...]]:
    """Read with pyarrow's CSV reader itself: every column declared as text (no type inference), into
    Arrow-backed string columns without a copy; the header row is renamed as the csv path renames it."""
    import pandas as pd
    import pyarrow as pa
    import pyarrow.csv as pa_csv

    _check_columns(name, _first_line(head, encoding), delimiter)
    try:
        # The header is read as a data row, so its names stay text as written (renamed below as the csv path does).
        table = pa_csv.read_csv(
            path,
            read_options=pa_csv.ReadOptions(autogenerate_column_names=True),
            parse_options=pa_csv.ParseOptions(delimiter=delimiter),
            convert_options=pa_csv.ConvertOptions(
                column_types={f"f{i}": pa.large_string() for i in range(MAX_COLUMNS + 1)}
            ),
        )
    except (pa.ArrowInvalid, ValueError, UnicodeDecodeError) as exc:
        message = terminal_safe(str(exc).splitlines()[0] if str(exc) else type(exc).__name__)
        if "Expected" in message and "columns" in message:
            problem = Term(message.replace("CSV parse error: ", "")[:120], "errors.parser_problem")
            raise TableError.of("ragged_arrow", file=name, problem=problem) from None
        if "UTF8" in message or "utf-8" in message.lower() or isinstance(exc, UnicodeDecodeError):
            raise TableError.of("undecodable_utf8", file=name) from None
        if "Empty CSV" in message or "No columns" in message:
            raise TableError.of("empty_file", file=name) from None
        raise TableError.of("not_a_table", file=name, problem=Term(message[:120], "errors.parser_problem")) from None
    if table.num_columns > MAX_COLUMNS:  # a header spread over several lines hid columns from the first line
        _check_columns(name, delimiter * (table.num_columns - 1), delimiter)
    if table.num_rows < 2:
        raise TableError.of("header_only", file=name)
    header, notes = _header([str(column[0]) for column in table.columns])
    pandas_3 = int(pd.__version__.split(".")[0]) >= 3  # its default "str" dtype is this Arrow column already
    frame = table.slice(1).to_pandas(
        types_mapper=None if pandas_3 else {pa.large_string(): pd.StringDtype("pyarrow")}.get
    )
    frame.columns = header
    return frame, notes
