"""A JupyterHub authenticator for a class roster: a one-time code at first login, then the learner's password.

Configured by ``lessons.server.hub_config``: ``RosterAuthenticator.accounts_file`` is the class's secrets
file (``lessons.server.accounts``), ``allowed_users`` the roster's login names and ``admin_users`` none
(teachers get the teacher role through a group instead). The login form asks for the login name, the
password (or the code from the slip) and, at first login, a new password.
"""

from __future__ import annotations

import asyncio

from jupyterhub.auth import Authenticator
from traitlets import Integer, Unicode

from lessons.server.accounts import MAX_FAILURES, Accounts, Throttle

ADDRESS_FAILURES = 60  # a whole class may share one address (a school's NAT): only floods from one address wait


class RosterAuthenticator(Authenticator):
    accounts_file = Unicode(help="the class's secrets file (accounts.json, mode 0600)").tag(config=True)
    lockout_seconds = Integer(60, help="how long a login name waits after too many failed logins").tag(config=True)

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._names = Throttle(limit=MAX_FAILURES, wait=self.lockout_seconds)
        self._addresses = Throttle(limit=ADDRESS_FAILURES, wait=self.lockout_seconds)

    async def authenticate(self, handler, data):
        user = self.normalize_username(str(data.get("username", ""))[:64])
        address = f"ip:{handler.request.remote_ip}" if handler is not None else "ip:?"
        if self._names.blocked(f"user:{user}") or self._addresses.blocked(address):
            self.log.warning("login of %s from %s refused: too many failed logins", user, address)
            return None
        if self.allowed_users and user not in self.allowed_users:
            self._addresses.failed(address)
            return None
        secret, new = str(data.get("password", "")), str(data.get("new_password", ""))
        # PBKDF2 takes ~0.1 s of CPU: run it off the hub's event loop so other logins are not held up.
        result = await asyncio.to_thread(Accounts(self.accounts_file).login, user, secret, new)
        if result == "ok":
            self._names.cleared(f"user:{user}")
            return user
        if result == "wrong":
            self._names.failed(f"user:{user}")
            self._addresses.failed(address)
        self.log.info("login of %s: %s", user, result)
        return None
