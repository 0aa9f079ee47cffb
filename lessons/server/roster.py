"""A class roster: student numbers, names and roles read from the teacher's CSV, and safe login names.

The CSV has a header row with ``student_id`` and ``name`` (``学号`` and ``姓名`` are accepted) and an
optional ``role`` (``learner`` or ``teacher``). Each member's login name is also their Unix user name,
derived from the student number: a prefix, then the number's lowercase letters and digits
(``2024-101`` -> ``pl2024101``), so no two members share one and none is a system account.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from lessons.content.errors import LessonsError
from lessons.classroom.records import ProgressError, normalize_name, normalize_student_id

ROLES = ("learner", "teacher")
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
        raise LessonsError(f"--user-prefix {prefix!r}: 1 to 8 lowercase letters and digits, starting with a letter")
    core = re.sub(r"[^a-z0-9]", "", unicodedata.normalize("NFKC", student_id).casefold())
    name = f"{prefix}{core}"
    if not core or not UNIX_NAME.fullmatch(name):
        raise LessonsError(
            f"student number {student_id!r}: gives no usable login name (letters and digits, at most "
            f"{32 - len(prefix)})"
        )
    return name


def parse_roster(text: str, prefix: str = "pl", where: str = "roster") -> list[Member]:
    """The members of a roster CSV text; LessonsError (one line, with the row) for anything unusable."""
    if len(text) > MAX_ROSTER_BYTES:
        raise LessonsError(f"{where}: larger than {MAX_ROSTER_BYTES} bytes")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    if not rows:
        raise LessonsError(f"{where}: empty; the first row names the columns student_id,name[,role]")
    columns = [HEADERS.get(h.strip().casefold()) for h in rows[0]]
    if "student_id" not in columns or "name" not in columns:
        raise LessonsError(f"{where}: the first row must name the columns student_id and name (and optionally role)")
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
            raise LessonsError(f"{where}, row {line}: {exc}") from None
        if number is None:
            raise LessonsError(f"{where}, row {line}: no student number")
        role = (cells.get("role") or "learner").casefold()
        if role not in ROLES:
            raise LessonsError(f"{where}, row {line}: role {role!r} is not one of {', '.join(ROLES)}")
        user = username_for(number, prefix)
        if user in seen:
            raise LessonsError(f"{where}, rows {seen[user]} and {line}: both give the login name {user}")
        seen[user] = line
        members.append(Member(user, number, name, role))
        if len(members) > MAX_MEMBERS:
            raise LessonsError(f"{where}: more than {MAX_MEMBERS} members")
    if not members:
        raise LessonsError(f"{where}: no members")
    return members


def read_roster(path: Path | str, prefix: str = "pl") -> list[Member]:
    path = Path(path)
    try:
        raw = path.read_bytes()[: MAX_ROSTER_BYTES + 1]
        text = raw.decode("utf-8")
    except OSError as exc:
        raise LessonsError(f"{path}: cannot read the roster ({exc.strerror or exc})") from None
    except UnicodeDecodeError:
        raise LessonsError(f"{path}: the roster is not UTF-8 text (save it as 'CSV UTF-8')") from None
    return parse_roster(text, prefix, str(path))


def roster_json(members: list[Member]) -> list[dict]:
    return [{"username": m.username, "student_id": m.student_id, "name": m.name, "role": m.role} for m in members]


def members_from_json(data) -> list[Member]:
    return [Member(d["username"], d["student_id"], d["name"], d.get("role", "learner")) for d in data or []]
