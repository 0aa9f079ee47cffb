"""A class roster: student numbers, names and roles read from the teacher's CSV, and safe login names.

The CSV has a header row with ``student_id`` and ``name`` (``学号`` and ``姓名`` are accepted) and an
optional ``role`` (``learner`` or ``teacher``; ``学生`` or ``教师``). Each member's login name is also their
Unix user name, derived from the student number: a prefix, then the number's lowercase letters and digits
(``2024-101`` -> ``pl2024101``), so no two members share one and none is a system account.
"""

from __future__ import annotations

import csv
import errno
import io
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from lessons.content.errors import LessonsError, Term
from lessons.classroom.records import ProgressError, normalize_name, normalize_student_id

ROLE_WORDS = {"learner": "learner", "学生": "learner", "teacher": "teacher", "教师": "teacher", "老师": "teacher"}
HEADERS = {
    "student_id": "student_id",
    "学号": "student_id",
    "number": "student_id",
    "name": "name",
    "姓名": "name",
    "role": "role",
    "角色": "role",
}
MAX_MEMBERS = 2000
MAX_ROSTER_BYTES = 1 << 20
PREFIX = re.compile(r"[a-z][a-z0-9]{0,7}")
UNIX_NAME = re.compile(r"[a-z][a-z0-9-]{0,31}")


@dataclass(frozen=True)
class Member:
    username: str
    student_id: str
    name: str
    role: str = "learner"

    @property
    def teacher(self) -> bool:
        return self.role == "teacher"


def username_for(student_id: str, prefix: str = "pl") -> str:
    """The login and Unix user name of a student number: ``prefix`` + its lowercase letters and digits."""
    if not PREFIX.fullmatch(prefix):
        raise LessonsError.of("roster_bad_prefix", prefix=prefix)
    core = re.sub(r"[^a-z0-9]", "", unicodedata.normalize("NFKC", student_id).casefold())
    name = f"{prefix}{core}"
    if not core or not UNIX_NAME.fullmatch(name):
        raise LessonsError.of("roster_no_login", number=student_id, limit=32 - len(prefix))
    return name


def parse_roster(text: str, prefix: str = "pl", where: str | None = None) -> list[Member]:
    """The members of a roster CSV text; LessonsError (one line, with the row) for anything unusable."""
    where = where or Term("the roster", "errors.roster_the_roster")
    if len(text) > MAX_ROSTER_BYTES:
        raise LessonsError.of("roster_too_large", where=where, limit=MAX_ROSTER_BYTES)
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    if not rows:
        raise LessonsError.of("roster_empty", where=where)
    columns = [HEADERS.get(h.strip().casefold()) for h in rows[0]]
    if "student_id" not in columns or "name" not in columns:
        raise LessonsError.of("roster_no_columns", where=where)
    members: list[Member] = []
    seen: dict[str, int] = {}
    for line, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        cells = {c: row[i].strip() for i, c in enumerate(columns) if c and i < len(row)}
        try:
            number = normalize_student_id(cells.get("student_id", ""))
            name = normalize_name(cells.get("name", ""))
        except ProgressError as exc:
            raise LessonsError.of("roster_row", where=where, line=line, problem=exc) from None
        if number is None:
            raise LessonsError.of("roster_no_number", where=where, line=line)
        given = cells.get("role") or "learner"
        role = ROLE_WORDS.get(given.casefold(), "")
        if not role:
            raise LessonsError.of("roster_bad_role", where=where, line=line, role=given)
        user = username_for(number, prefix)
        if user in seen:
            raise LessonsError.of("roster_same_login", where=where, first=seen[user], line=line, login=user)
        seen[user] = line
        members.append(Member(user, number, name, role))
        if len(members) > MAX_MEMBERS:
            raise LessonsError.of("roster_too_many", where=where, limit=MAX_MEMBERS)
    if not members:
        raise LessonsError.of("roster_no_members", where=where)
    return members


def read_roster(path: Path | str, prefix: str = "pl") -> list[Member]:
    path = Path(path)
    try:
        raw = path.read_bytes()[: MAX_ROSTER_BYTES + 1]
        text = raw.decode("utf-8")
    except OSError as exc:
        problem = Term(exc.strerror or str(exc), "errors.os_code", code=errno.errorcode.get(exc.errno or 0, ""))
        raise LessonsError.of("roster_unreadable", path=path, problem=problem) from None
    except UnicodeDecodeError:
        raise LessonsError.of("roster_not_utf8", path=path) from None
    return parse_roster(text, prefix, str(path))


def roster_json(members: list[Member]) -> list[dict]:
    return [{"username": m.username, "student_id": m.student_id, "name": m.name, "role": m.role} for m in members]


def members_from_json(data) -> list[Member]:
    return [Member(d["username"], d["student_id"], d["name"], d.get("role", "learner")) for d in data or []]
