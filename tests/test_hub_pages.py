"""The hub's own pages in the class's language, rendered as JupyterHub renders them (its Jinja environment and
loaders, the variables its handlers pass) without starting a hub: a Chinese class's pages carry no English."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace

import pytest

pytest.importorskip("jupyterhub")

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, PrefixLoader  # noqa: E402

from lessons.content.course import load_content  # noqa: E402
from lessons.server.class_setup import login_template  # noqa: E402
from lessons.server.hub_config import SERVICE, TEACHER_SCOPE  # noqa: E402
from lessons.server.hub_pages import jupyterhub_templates, write_hub_pages  # noqa: E402

LOGIN = "pl2024001"
PRODUCT_NAMES = {"JupyterHub", "JavaScript", "Voilà"}
STATUSES = (400, 403, 404, 405, 429, 500, 502, 503)
SHOWN_ATTRIBUTES = {"alt", "title", "aria-label", "placeholder", "value"}


class Shown(HTMLParser):
    """The text a reader meets: text outside scripts and styles, and the attributes a browser shows or reads
    aloud; ``lang`` of the html element."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.lang = ""
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag == "html":
            self.lang = dict(attrs).get("lang") or ""
        if tag in ("script", "style", "title"):
            self._skip += 1
        self.parts += [v for k, v in attrs if k in SHOWN_ATTRIBUTES and v and not (tag == "input" and k == "value")]

    def handle_endtag(self, tag):
        if tag in ("script", "style", "title"):
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def shown(page: str) -> Shown:
    parser = Shown()
    parser.feed(page)
    return parser


def english_words(page: str) -> set[str]:
    text = " ".join(shown(page).parts).replace(LOGIN, " ")
    return {w for w in re.findall(r"[A-Za-zÀ-ÿ]{2,}", text) if w not in PRODUCT_NAMES}


@pytest.fixture(scope="module")
def content():
    return load_content()


def environment(folder: Path) -> Environment:
    """As JupyterHub builds it (app.py, init_tornado_settings): the class's folder first, its own templates
    after, and its own also under the ``templates/`` prefix."""
    base = str(jupyterhub_templates())
    loader = ChoiceLoader(
        [PrefixLoader({"templates": FileSystemLoader([base])}, "/"), FileSystemLoader([str(folder), base])]
    )
    return Environment(loader=loader, autoescape=True)


def namespace(teacher: bool = False, signed_in: bool = True) -> dict:
    """The variables of BaseHandler.template_namespace and render_template."""
    spawner = SimpleNamespace(options_form=None, active=False, ready=False, pending="spawn", name="")
    user = SimpleNamespace(name=LOGIN, json_escaped_name=LOGIN, spawner=spawner) if signed_in else None
    service = SimpleNamespace(name=SERVICE, href=f"/services/{SERVICE}/")
    scopes = {"self": None, f"access:services!service={SERVICE}": None}
    if teacher:
        scopes[TEACHER_SCOPE] = None
    return {
        "base_url": "/hub/",
        "prefix": "/",
        "user": user,
        "login_url": "/hub/login",
        "login_service": "",
        "logout_url": "/hub/logout",
        "static_url": lambda path, include_version=True: f"/hub/static/{path}",
        "version_hash": "",
        "services": [service] if signed_in else [],
        "parsed_scopes": scopes,
        "expanded_scopes": set(scopes),
        "xsrf": "the-xsrf-token",
        "xsrf_token": "the-xsrf-token",
    }


def pages(folder: Path) -> dict[str, str]:
    """Every page a learner can meet, with the variables its handler passes (handlers/pages.py, login.py,
    base.py write_error)."""
    env = environment(folder)
    ns = namespace()
    spawner = ns["user"].spawner
    out = {
        "home": env.get_template("home.html").render(
            **ns,
            url=f"/user/{LOGIN}/",
            allow_named_servers=False,
            named_server_limit_per_user=0,
            url_path_join=lambda *a: "/".join(a),
            spawners={},
            default_server=spawner,
            invalid_server_names=[],
        ),
        "spawn_pending": env.get_template("spawn_pending.html").render(
            **ns, spawner=spawner, progress_url=f"/hub/api/users/{LOGIN}/server/progress?_xsrf=x"
        ),
        "stop_pending": env.get_template("stop_pending.html").render(**ns, spawner=spawner),
        "not_running": env.get_template("not_running.html").render(
            **ns, server_name="", spawn_url=f"/hub/spawn/{LOGIN}", implicit_spawn_seconds=0
        ),
        "failed": env.get_template("not_running.html").render(
            **ns,
            server_name="",
            spawn_url=f"/hub/spawn/{LOGIN}",
            failed=True,
            failed_message="Spawner.start timed out",
            failed_html_message="",
        ),
        "logout": env.get_template("logout.html").render(**{**namespace(signed_in=False)}),
        "token": env.get_template("token.html").render(
            **ns, api_tokens=[], oauth_clients=[], token_expires_in_options_html="", token_expires_in_max_seconds=0
        ),
    }
    if (folder / "login.html").exists():  # LoginHandler._render, after a refused password
        out["login"] = env.get_template("login.html").render(
            **namespace(signed_in=False),
            next="",
            username=LOGIN,
            login_error="Invalid username or password",
            authenticator_login_url="/hub/login?next=",
            authenticator=SimpleNamespace(request_otp=False),
            custom_html="",
        )
    for status in STATUSES:
        name = f"{status}.html" if (folder / f"{status}.html").exists() else "error.html"  # as write_error picks
        out[f"error {status}"] = env.get_template(name).render(
            **ns,
            status_code=status,
            status_message="Forbidden",
            message=f"No such user: {LOGIN}x",
            message_html="",
            extra_error_html="You can try restarting your server from the home page.",
            exception=None,
        )
    return out


@pytest.fixture(scope="module")
def zh_pages(content, tmp_path_factory):
    folder = tmp_path_factory.mktemp("zh")
    write_hub_pages(folder, content, "zh")
    (folder / "login.html").write_text(login_template(content, "zh"), encoding="utf-8")
    return pages(folder)


@pytest.fixture(scope="module")
def en_pages(content, tmp_path_factory):
    folder = tmp_path_factory.mktemp("en")
    write_hub_pages(folder, content, "en")
    (folder / "login.html").write_text(login_template(content, "en"), encoding="utf-8")
    return pages(folder)


def test_a_chinese_class_s_hub_pages_show_no_english(zh_pages):
    assert "login" in zh_pages and len(zh_pages) == 8 + len(STATUSES)
    for name, page in zh_pages.items():
        assert shown(page).lang == "zh", name
        assert not english_words(page), (name, sorted(english_words(page)))


def test_jupyterhub_s_own_pages_show_english_in_a_chinese_class(tmp_path):
    """The check above can fail: JupyterHub's pages as they are (no class templates) are English."""
    found = pages(tmp_path)
    for name in ("home", "spawn_pending", "logout", "error 403", "error 404"):
        assert shown(found[name]).lang == "en" and english_words(found[name]), name


def test_an_english_class_s_hub_pages_are_ours(en_pages, content):
    t = lambda key: content.text(f"class_server.{key}", "en")  # noqa: E731
    assert all(shown(page).lang == "en" for page in en_pages.values())
    assert t("hub_home_open") in en_pages["home"] and t("hub_logout") in en_pages["home"]
    assert (
        t("hub_spawn_title") in en_pages["spawn_pending"]
        and "Your server is starting up" not in en_pages["spawn_pending"]
    )
    assert t("hub_logged_out") in en_pages["logout"] and "Successfully logged out" not in en_pages["logout"]
    assert t("hub_error_404_title") in en_pages["error 404"] and "lots of moons" not in en_pages["error 404"]
    assert t("hub_failed_title") in en_pages["failed"] and t("hub_not_running_title") in en_pages["not_running"]


def test_each_error_status_has_its_own_message_and_never_the_hub_s(zh_pages, content):
    t = lambda key: content.text(f"class_server.{key}", "zh")  # noqa: E731
    for status, key in (
        (400, "hub_error_400"),
        (403, "hub_error_403"),
        (404, "hub_error_404"),
        (429, "hub_error_429"),
        (500, "hub_error_500"),
        (502, "hub_error_503"),
        (503, "hub_error_503"),
        (405, "hub_error"),
    ):
        page = zh_pages[f"error {status}"]
        assert t(key) in page and f"错误代码：{status}" in page, status
        assert "No such user" not in page and "Traceback" not in page and "restarting" not in page


def test_the_spawn_page_keeps_the_progress_bar_and_shows_our_words_not_the_spawner_s(zh_pages):
    page = zh_pages["spawn_pending"]
    assert 'data-progress-url="/hub/api/users/pl2024001/server/progress?_xsrf=x"' in page
    assert 'id="progress-bar"' in page and "new EventSource" in page and "window.location.reload()" in page
    assert "evt.message" not in page and "html_message" not in page  # the spawner's English events are not shown
    assert 'data-elapsed="已等待 {seconds} 秒"' in page.replace("&#123;", "{")


def test_the_frame_keeps_jupyterhub_s_scripts_and_the_xsrf_token(zh_pages):
    for name, page in zh_pages.items():
        assert 'xsrf_token: "the-xsrf-token"' in page and "require.config" in page, name
        if "<form" in page:  # the login form posts the token too
            assert 'name="_xsrf" value="the-xsrf-token"' in page, name
        assert 'id="error-dialog"' in page and 'class="ajax-error' in page, name  # utils.js fills it


def test_a_learner_sees_no_internal_service_name_no_token_page_and_no_teachers_link(zh_pages, content):
    home = zh_pages["home"]
    teacher_pages = content.text("class_server.hub_teacher_pages", "zh")
    assert SERVICE not in home and teacher_pages not in home and "/hub/token" not in home
    assert content.text("class_server.teachers_only", "zh") in zh_pages["token"]
    assert "api_token" not in zh_pages["token"]


def test_a_teacher_gets_the_teachers_pages_and_the_token_page(content, tmp_path):
    write_hub_pages(tmp_path, content, "zh")
    env = environment(tmp_path)
    ns = namespace(teacher=True)
    home = env.get_template("home.html").render(
        **ns, url="/user/t/", allow_named_servers=False, default_server=ns["user"].spawner
    )
    assert f'href="/services/{SERVICE}/">{content.text("class_server.hub_teacher_pages", "zh")}' in home
    assert 'href="/hub/token"' in home
    token = env.get_template("token.html").render(
        **ns, api_tokens=[], oauth_clients=[], token_expires_in_options_html="", token_expires_in_max_seconds=0
    )
    assert content.text("class_server.teachers_only", "zh") not in token and 'id="request-token-form"' in token
