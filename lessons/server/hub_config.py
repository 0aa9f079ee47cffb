"""A class's JupyterHub configuration: ``jupyterhub_config.py`` for one machine and Zero to JupyterHub's
``config.yaml`` for Kubernetes, with the same authenticator, roles, hand-in service and culling.

Every value is written with ``repr``/YAML by this module, never pasted text, so a roster name or a
folder cannot inject configuration code.
"""

from __future__ import annotations

import json
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from lessons.server.roster import Member

SERVICE = "handin"
TEACHERS = "teachers"
TEACHER_SCOPE = "custom:pi-lessons:teach"  # also in lessons.server.handin_service (kept equal by a test)
CULL_SECONDS = 3600  # an idle learner's server stops after an hour; their files stay in their home
KERNEL_CULL_SECONDS = 300  # a kernel no page is connected to, idle this long, is ended
LEARNER_SERVER = "lessons.server.learner_server"  # jupyterhub.singleuser, started lighter


@dataclass(frozen=True)
class ClassSetup:
    """Everything the configuration depends on (ports are the machine's; names come from the roster)."""

    folder: Path
    members: tuple[Member, ...]
    ip: str
    port: int
    hub_port: int
    proxy_api_port: int
    service_port: int
    proxy: str
    lang: str = "en"
    cert: Path | None = None
    key: Path | None = None
    allow_lab: bool = False
    due: str | None = None
    cull_seconds: int = CULL_SECONDS
    homes: Path | None = None  # where learners' homes are (None: the system's, /home)
    python: str = field(default_factory=lambda: sys.executable)  # the hub's services
    learner_python: str = field(default_factory=lambda: sys.executable)  # learners' servers and kernels
    site_origin: str | None = None  # the course's static site, whose pages may hand in (settings.web_origin)

    @property
    def state(self) -> Path:
        return self.folder / "state"

    @property
    def course(self) -> Path:
        return self.folder / "course"

    @property
    def jupyter_config(self) -> Path:
        return self.folder / "jupyter"

    @property
    def jupyter_data(self) -> Path:
        """Data learners' servers read (``JUPYTER_PATH``): the error pages in the class's language."""
        return self.jupyter_config / "data"

    @property
    def start_url(self) -> str:
        return f"/voila/render/{self.lang}/00-start-here.ipynb"

    @property
    def scheme(self) -> str:
        return "https" if self.cert else "http"


def roles(setup: ClassSetup) -> list[dict]:
    access = f"access:services!service={SERVICE}"
    return [
        {"name": "user", "scopes": ["self", access]},
        {
            "name": "teacher",
            "description": "the class's teachers: the hand-in service's teachers' pages",
            "scopes": [TEACHER_SCOPE, access],
            "groups": [TEACHERS],
        },
        {
            "name": "idle-culler",
            "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"],
            "services": ["idle-culler"],
        },
        {"name": "class-preparer", "scopes": ["list:users", "read:users", "servers"], "services": ["class-preparer"]},
    ]


def server_token_scopes() -> list[str]:
    """The learner's server token: its own activity and server, and posting to the hand-in service."""
    return ["users:activity!user", "access:servers!server", f"access:services!service={SERVICE}"]


def single_user_config(setup: ClassSetup) -> dict:
    """jupyter_server settings of every learner's server (JUPYTER_CONFIG_DIR, read-only for learners)."""
    extensions = {"voila": True}
    if not setup.allow_lab:  # code-free: Voilà only, no JupyterLab, no notebook UI, no terminals
        extensions.update({"jupyterlab": False, "notebook": False, "jupyter_lsp": False, "notebook_shim": False})
    return {
        "ServerApp": {"jpserver_extensions": extensions, "terminals_enabled": setup.allow_lab,
                      "extra_template_paths": [str(setup.jupyter_data / "templates")]},  # error pages (hub_pages)
        "TagRemovePreprocessor": {"remove_cell_tags": ["lab-only"]},
        # A page's kernel ends when the page closes (Voilà asks for it on unload); one whose page went away
        # without asking (a phone put to sleep, a closed laptop) is ended after five idle minutes unconnected:
        # each holds 40-60 MB. A learner who comes back later reloads the page; every answer is already saved.
        "MappingKernelManager": {"cull_idle_timeout": KERNEL_CULL_SECONDS, "cull_interval": 60,
                                 "cull_connected": False},
        # Kernels talk over Unix sockets in the learner's home, not TCP ports on 127.0.0.1: forty servers
        # picking free ports at once sometimes picked the same one, the kernel died ("Address already in
        # use") and Voilà's page never finished; a learner's sockets are also closed to other learners.
        "KernelManager": {"transport": "ipc"},
    }


def environment(setup: ClassSetup) -> dict:
    env = {
        "PI_LESSONS_HANDIN_URL": f"http://127.0.0.1:{setup.service_port}/services/{SERVICE}/",
        "JUPYTER_CONFIG_DIR": str(setup.jupyter_config),
        "PI_LESSONS_CLASS_LANG": setup.lang,
        # glibc gives each thread that allocates an arena of its own (up to 8 per core); a learner's server
        # and kernel have several threads (ZeroMQ's, the server's thread pool) but little to allocate in them
        "MALLOC_ARENA_MAX": "2",
    }
    # our error pages first (hub_pages.write_learner_pages); with another interpreter Voilà's templates are still
    # this environment's
    paths = [setup.jupyter_data] + ([Path(sys.prefix) / "share" / "jupyter"] if setup.learner_python != setup.python
                                    else [])
    env["JUPYTER_PATH"] = os.pathsep.join(map(str, paths))
    if setup.due:
        env["PI_LESSONS_DUE"] = setup.due
    return env


def hub_config(setup: ClassSetup, preparer_token_file: Path) -> str:
    """The text of ``jupyterhub_config.py``."""
    members = {m.username: {"name": m.name, "student_id": m.student_id} for m in setup.members}
    teachers = sorted(m.username for m in setup.members if m.teacher)
    service_env = {
        "PI_LESSONS_CLASS_STATE": str(setup.state),
        "PI_LESSONS_CLASS_LANG": setup.lang,
        **({"PI_LESSONS_DUE": setup.due} if setup.due else {}),
        **({"PI_LESSONS_SITE_ORIGIN": setup.site_origin} if setup.site_origin else {}),
    }
    lines = [
        '"""Written by `pi-lessons class start`; edits are overwritten at the next start."""',
        "import pwd",
        "c = get_config()  # noqa: F821",
        f"c.JupyterHub.ip = {setup.ip!r}",
        f"c.JupyterHub.port = {setup.port!r}",
        'c.JupyterHub.hub_ip = "127.0.0.1"',
        f"c.JupyterHub.hub_port = {setup.hub_port!r}",
        f"c.ConfigurableHTTPProxy.api_url = {f'http://127.0.0.1:{setup.proxy_api_port}'!r}",
        f"c.ConfigurableHTTPProxy.command = [{setup.proxy!r}]",
        f"c.JupyterHub.db_url = {'sqlite:///' + str(setup.state / 'hub.sqlite')!r}",
        f"c.JupyterHub.cookie_secret_file = {str(setup.state / 'cookie_secret')!r}",
        f"c.JupyterHub.pid_file = {str(setup.state / 'hub.pid')!r}",
        f"c.JupyterHub.template_paths = [{str(setup.state / 'templates')!r}]",
        *(
            [f"c.JupyterHub.ssl_cert = {str(setup.cert)!r}", f"c.JupyterHub.ssl_key = {str(setup.key)!r}"]
            if setup.cert
            else []
        ),
        'c.JupyterHub.authenticator_class = "lessons.server.roster_auth.RosterAuthenticator"',
        f"c.RosterAuthenticator.accounts_file = {str(setup.state / 'accounts.json')!r}",
        f"c.Authenticator.allowed_users = set({sorted(members)!r})",
        "c.Authenticator.admin_users = set()",
        f"c.JupyterHub.custom_scopes = {{{TEACHER_SCOPE!r}: {{'description': 'Class summary, gradebook'}}}}",
        f"c.JupyterHub.load_groups = {{{TEACHERS!r}: {{'users': {teachers!r}}}}}",
        f"c.JupyterHub.load_roles = {roles(setup)!r}",
        "c.JupyterHub.spawner_class = 'localprocess'",
        f"c.Spawner.cmd = [{setup.learner_python!r}, '-m', {LEARNER_SERVER!r}]",
        f"c.Spawner.notebook_dir = {str(setup.course)!r}",
        f"c.Spawner.default_url = {setup.start_url!r}",
        f"c.Spawner.server_token_scopes = {server_token_scopes()!r}",
        "c.Spawner.start_timeout = 120",
        "c.Spawner.http_timeout = 120",
        f"MEMBERS = {json.dumps(members, ensure_ascii=False)}",
        "",
        "def _home(spawner):",
        "    return pwd.getpwnam(spawner.user.name).pw_dir",
        "",
        f"c.Spawner.environment = {{**{environment(setup)!r},",
        "    # progress in the learner's own home (mode 0700); who they are comes from the hub and the roster",
        "    'PI_LESSONS_HOME': lambda spawner: _home(spawner) + '/.pi-lessons',",
        "    # short: a kernel's Unix socket path (runtime dir + 50 characters) must stay under 108 bytes",
        "    'JUPYTER_RUNTIME_DIR': lambda spawner: _home(spawner) + '/.jupyter-run',",
        "    'PI_LESSONS_LEARNER_NAME': lambda spawner: MEMBERS.get(spawner.user.name, {}).get('name', ''),",
        "    'PI_LESSONS_STUDENT_ID': lambda spawner: MEMBERS.get(spawner.user.name, {}).get('student_id', ''),",
        "}",
        "c.JupyterHub.services = [",
        f"    {{'name': {SERVICE!r}, 'url': {f'http://127.0.0.1:{setup.service_port}'!r},",
        f"     'command': [{setup.python!r}, '-m', 'lessons.server.handin_service'],",
        f"     'environment': {service_env!r},",
        f"     'oauth_client_allowed_scopes': [{TEACHER_SCOPE!r}], 'oauth_no_confirm': True}},",
        f"    {{'name': 'idle-culler', 'command': [{setup.python!r}, '-m', 'jupyterhub_idle_culler',",
        f"     '--timeout={setup.cull_seconds}', '--cull-every=300']}},",
        f"    {{'name': 'class-preparer', 'api_token': open({str(preparer_token_file)!r}).read().strip()}},",
        "]",
    ]
    return "\n".join(lines) + "\n"


def z2jh_config(setup: ClassSetup) -> str:
    """Zero to JupyterHub's ``config.yaml``: the same authenticator, roles, service and culling on Kubernetes.

    Learners are isolated by their own pods (KubeSpawner) instead of Unix users; the image must have
    pi-lessons installed, and the accounts file is mounted from a Secret (see docs/class-server.md).
    """
    teachers = sorted(m.username for m in setup.members if m.teacher)
    extra = "\n".join(
        [
            "from lessons.server.roster_auth import RosterAuthenticator  # noqa: F401 (installed in the hub image)",
            f"c.JupyterHub.custom_scopes = {{{TEACHER_SCOPE!r}: {{'description': 'Class summary, gradebook'}}}}",
            f"c.JupyterHub.load_groups = {{{TEACHERS!r}: {{'users': {teachers!r}}}}}",
            f"c.Spawner.server_token_scopes = {server_token_scopes()!r}",
            # the login page with the first-login field and the hub's pages in the class's language, written
            # when the hub starts (its image has pi-lessons installed), as `class start` writes them on one machine
            "import tempfile",
            "from pathlib import Path",
            "from lessons.content.course import load_content",
            "from lessons.server.class_setup import write_hub_templates",
            "c.JupyterHub.template_paths = [str(write_hub_templates(",
            f"    Path(tempfile.mkdtemp(prefix='pi-lessons-templates-')), load_content(), {setup.lang!r}))]",
        ]
    )
    config = {
        "hub": {
            "config": {
                "JupyterHub": {"authenticator_class": "lessons.server.roster_auth.RosterAuthenticator"},
                "RosterAuthenticator": {"accounts_file": "/srv/pi-lessons/accounts.json"},
                "Authenticator": {"allowed_users": sorted(m.username for m in setup.members), "admin_users": []},
            },
            "loadRoles": {
                r["name"]: {k: v for k, v in r.items() if k != "name"}
                for r in roles(setup)
                if r["name"] not in ("idle-culler", "class-preparer")
            },
            "services": {
                SERVICE: {
                    "url": "http://pi-lessons-handin:8000",
                    "oauth_client_allowed_scopes": [TEACHER_SCOPE],
                    "oauth_no_confirm": True,
                }
            },
            "extraConfig": {"pi-lessons": extra},
            "extraVolumes": [{"name": "pi-lessons-accounts", "secret": {"secretName": "pi-lessons-accounts"}}],
            "extraVolumeMounts": [{"name": "pi-lessons-accounts", "mountPath": "/srv/pi-lessons"}],
        },
        "singleuser": {
            "image": {"name": "YOUR-REGISTRY/pi-lessons-singleuser", "tag": "latest"},
            "defaultUrl": setup.start_url,
            "cmd": ["python", "-m", LEARNER_SERVER],
            "extraEnv": {k: v for k, v in environment(setup).items() if k not in ("JUPYTER_CONFIG_DIR", "JUPYTER_PATH")}
            | {
                "PI_LESSONS_HANDIN_URL": f"http://pi-lessons-handin:8000/services/{SERVICE}/",
                "PI_LESSONS_HOME": "/home/jovyan/.pi-lessons",
            },
            "memory": {"limit": "400M", "guarantee": "200M"},
            "cpu": {"limit": 1},
        },
        "cull": {"enabled": True, "timeout": setup.cull_seconds, "every": 300},
    }
    head = (
        "# Zero to JupyterHub (Helm chart) values for this class, written by `pi-lessons class start`.\n"
        "# helm upgrade --install pi-lessons jupyterhub/jupyterhub --values config.yaml\n"
    )
    return head + yaml.safe_dump(config, allow_unicode=True, sort_keys=False)
