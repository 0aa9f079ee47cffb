"""What a learner's server on the class hub runs and costs: the command, its environment, kernel culling.

The memory and start-up figures themselves are measured by benchmarks/class_benchmark.py, never here.
"""

import subprocess
import sys
from pathlib import Path

import yaml

from lessons.server.hub_config import (
    KERNEL_CULL_SECONDS,
    LEARNER_SERVER,
    ClassSetup,
    hub_config,
    single_user_config,
    z2jh_config,
)
from lessons.server.roster import parse_roster

ROOT = Path(__file__).resolve().parents[1]


def setup_for(tmp_path: Path, **kw) -> ClassSetup:
    members = tuple(parse_roster("student_id,name,role\nT-01,Teacher Li,teacher\n2024001,王芳,learner\n"))
    return ClassSetup(tmp_path / "class", members, "0.0.0.0", 8000, 8081, 8001, 8002, "/usr/bin/chp", **kw)


def hub_settings(setup: ClassSetup, tmp_path: Path) -> dict:
    """The hub configuration's settings, as JupyterHub reads them (``c`` with attribute sections)."""
    (tmp_path / "token").write_text("t")

    class Section(dict):
        def __getattr__(self, name):
            return self.setdefault(name, Section())

        def __setattr__(self, name, value):
            self[name] = value

    c = Section()
    exec(compile(hub_config(setup, tmp_path / "token"), "jupyterhub_config.py", "exec"), {"get_config": lambda: c})
    return c


def test_the_hub_starts_each_learners_server_with_the_lighter_command_and_two_malloc_arenas(tmp_path):
    setup = setup_for(tmp_path, learner_python="/usr/bin/python3")
    c = hub_settings(setup, tmp_path)
    assert c["Spawner"]["cmd"] == ["/usr/bin/python3", "-m", LEARNER_SERVER]
    assert c["Spawner"]["environment"]["MALLOC_ARENA_MAX"] == "2"
    values = yaml.safe_load(z2jh_config(setup))
    assert values["singleuser"]["cmd"] == ["python", "-m", LEARNER_SERVER]
    assert values["singleuser"]["extraEnv"]["MALLOC_ARENA_MAX"] == "2"


def test_kernels_of_closed_pages_end_after_five_idle_minutes_and_open_pages_keep_theirs(tmp_path):
    kernels = single_user_config(setup_for(tmp_path))["MappingKernelManager"]
    assert kernels["cull_idle_timeout"] == KERNEL_CULL_SECONDS == 300
    assert kernels["cull_connected"] is False


def test_the_learners_server_does_not_build_the_rfc3987_parser_and_still_checks_uris():
    # jupyterhub.singleuser's main is replaced by one that imports the server as it would and reports
    probe = (
        "import sys, types\n"
        "fake = types.ModuleType('jupyterhub.singleuser')\n"
        "def main():\n"
        "    import jupyter_server.serverapp, jsonschema\n"
        "    checks = jsonschema.Draft7Validator.FORMAT_CHECKER.checkers\n"
        "    print(sys.modules.get('rfc3987_syntax', 'absent'), 'uri' in checks, 'iri' in checks)\n"
        "    return 0\n"
        "fake.main = main\n"
        "import jupyterhub; sys.modules['jupyterhub.singleuser'] = fake\n"
        f"from {LEARNER_SERVER} import main as learner_server\n"
        "learner_server()\n"
    )
    out = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["None", "True", "False"]


def test_a_learners_server_says_its_errors_in_the_class_language(tmp_path):
    """A mistyped lesson address on a learner's own server: jupyter_server's and Voilà's error pages, which are
    English, give way to the class's (run here as the hub would start the server, without the hub's login)."""
    import os
    import socket
    import time
    import urllib.error
    import urllib.request

    from lessons.content.course import load_content
    from lessons.server.class_setup import write_class
    from lessons.server.hub_config import environment

    setup = setup_for(tmp_path, lang="zh")
    write_class(setup, load_content(), "http://127.0.0.1:8000/")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, **environment(setup)}
    server = subprocess.Popen([sys.executable, "-m", "jupyter", "server", "--no-browser", "--allow-root",
                               f"--ServerApp.port={port}", "--ServerApp.ip=127.0.0.1", "--IdentityProvider.token=",
                               f"--ServerApp.root_dir={setup.course}"], env=env, cwd=tmp_path,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        pages = {}
        for path in ("voila/render/zh/99-missing.ipynb", "no-such-page"):
            for _ in range(120):
                try:
                    urllib.request.urlopen(f"http://127.0.0.1:{port}/{path}", timeout=10)
                except urllib.error.HTTPError as error:
                    pages[path] = (error.code, error.read().decode("utf-8"))
                    break
                except OSError:
                    time.sleep(0.5)
        assert set(pages) == {"voila/render/zh/99-missing.ipynb", "no-such-page"}
        for code, page in pages.values():
            assert code == 404 and '<html lang="zh">' in page and "找不到这个页面" in page, page[:300]
            assert "does not exist" not in page and "Not Found" not in page
    finally:
        server.terminate()
        server.wait(timeout=30)
