"""Login secrets of a class: a one-time code per member until they choose a password, both stored hashed.

The file (``accounts.json`` in the class's state folder, mode 0600, root's) maps a login name to
``{"code": HASH | None, "password": HASH | None}``. Hashes are PBKDF2-HMAC-SHA256 with a random salt
(``pbkdf2$<iterations>$<salt hex>$<hash hex>``); the codes themselves are printed once, on the slips.
Failed logins are counted per name and per address; after ``MAX_FAILURES`` the name or address waits.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from filelock import FileLock

ITERATIONS = 200_000
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L: a code is copied from paper
MIN_PASSWORD = 8
MAX_SECRET = 256  # longer input is refused before hashing: PBKDF2 of a huge "password" is a denial of service
MAX_FAILURES = 5
LOCKOUT_SECONDS = 60


def hash_secret(secret: str, iterations: int = ITERATIONS) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.pbkdf2_hmac("sha256", secret.encode("utf-8"), salt, iterations)
    return f"pbkdf2${iterations}${salt.hex()}${digest.hex()}"


def verify_secret(secret: str, stored: str | None) -> bool:
    if not stored or not isinstance(secret, str) or len(secret) > MAX_SECRET:
        return False
    try:
        scheme, iterations, salt, digest = stored.split("$")
        if scheme != "pbkdf2":
            return False
        got = hashlib.pbkdf2_hmac("sha256", secret.encode("utf-8"), bytes.fromhex(salt), int(iterations))
    except ValueError:
        return False
    return hmac.compare_digest(got.hex(), digest)


def new_code() -> str:
    """A one-time code like ``K7QM-3XPA`` (40 bits): easy to type, impossible to guess in a few tries."""
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(8))
    return f"{raw[:4]}-{raw[4:]}"


def normal_code(text: str) -> str:
    """What a learner typed for a code, as issued: upper case, spaces and dashes ignored."""
    core = "".join(ch for ch in text.upper() if ch.isalnum())
    return f"{core[:4]}-{core[4:]}" if len(core) == 8 else text


class Accounts:
    """The secrets file of one class; every change is written atomically under a lock."""

    def __init__(self, path: Path | str):
        self.path = Path(path)
        self._lock = FileLock(str(self.path.with_name(f".{self.path.name}.lock")), timeout=20)

    def load(self) -> dict[str, dict]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        return data if isinstance(data, dict) else {}

    def _save(self, data: dict) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=f".{self.path.name}.", suffix=".tmp")
        try:
            os.fchmod(fd, 0o600)
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(data, fh, indent=1, sort_keys=True)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def issue(self, usernames: list[str], reissue: frozenset[str] | set[str] = frozenset()) -> dict[str, str]:
        """A new code for each name that has neither code nor password yet (or is in ``reissue``,
        whose password is then forgotten); returns the new codes in clear, to be printed once."""
        issued = {}
        with self._lock:
            data = self.load()
            for user in usernames:
                entry = data.get(user) or {}
                if user in reissue or not (entry.get("code") or entry.get("password")):
                    issued[user] = new_code()
                    data[user] = {"code": hash_secret(issued[user]), "password": None}
            self._save(data)
        return issued

    def login(self, user: str, secret: str, new_password: str = "") -> str:
        """``"ok"`` for a right password; for a right one-time code ``"ok"`` once a new password is given
        (the code is then spent) else ``"choose_password"``; ``"short_password"``; ``"wrong"`` otherwise."""
        if len(secret) > MAX_SECRET or len(new_password) > MAX_SECRET:
            return "wrong"
        entry = self.load().get(user)
        if not entry:
            verify_secret(secret, hash_secret("x", 1))  # about the same work for an unknown name
            return "wrong"
        if entry.get("password"):
            return "ok" if verify_secret(secret, entry["password"]) else "wrong"
        if not verify_secret(normal_code(secret), entry.get("code")):
            return "wrong"
        if not new_password:
            return "choose_password"
        if len(new_password) < MIN_PASSWORD:
            return "short_password"
        with self._lock:
            data = self.load()
            current = data.get(user) or {}
            if current.get("code") != entry.get("code"):  # spent by a concurrent login meanwhile
                return "wrong"
            data[user] = {"code": None, "password": hash_secret(new_password)}
            self._save(data)
        return "ok"


@dataclass
class Throttle:
    """Failed logins per key (a name, an address); a key with ``limit`` recent failures waits ``wait`` s."""

    limit: int = MAX_FAILURES
    wait: float = LOCKOUT_SECONDS
    failures: dict[str, list[float]] = field(default_factory=dict)

    def blocked(self, *keys: str, now: float | None = None) -> bool:
        now = time.monotonic() if now is None else now
        for key in keys:
            recent = [t for t in self.failures.get(key, []) if now - t < self.wait]
            self.failures[key] = recent
            if len(recent) >= self.limit:
                return True
        return False

    def failed(self, *keys: str, now: float | None = None) -> None:
        now = time.monotonic() if now is None else now
        for key in keys:
            self.failures.setdefault(key, []).append(now)

    def cleared(self, key: str) -> None:
        self.failures.pop(key, None)
