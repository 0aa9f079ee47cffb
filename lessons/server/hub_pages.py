"""JupyterHub's own pages in the class's language: the page frame and navigation bar, home, spawn pending,
server not running or stopping, logout and the error pages; and the error page of a learner's own server.

They are Jinja templates written to the class's ``state/templates`` (``c.JupyterHub.template_paths``, searched
before JupyterHub's own). Each extends JupyterHub's template (``templates/NAME.html``) and replaces only the
blocks that carry English, so the hub's scripts, redirects and forms keep working. ``page.html`` is the one
exception: its ``<html lang="en">``, the "requires JavaScript" note and the error dialog sit outside any block,
so it is JupyterHub's own ``page.html`` with those parts (and the navigation bar) replaced.

Not translated, since no learner meets them: the token page (shown to teachers only; learners get a notice),
the admin page (the class has no admins), the spawn options form (there is none), the OAuth confirmation
(skipped for the class's service and a learner's own server) and the sharing page (sharing is not granted).
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from http import HTTPStatus
from pathlib import Path

from lessons.content.course import Content
from lessons.server.hub_config import SERVICE, TEACHER_SCOPE

# Each of these statuses has its own text (hub_error_<status>); any other gets the general one.
ERROR_STATUSES = tuple(
    int(s)
    for s in (
        HTTPStatus.BAD_REQUEST,
        HTTPStatus.FORBIDDEN,
        HTTPStatus.NOT_FOUND,
        HTTPStatus.TOO_MANY_REQUESTS,
        HTTPStatus.INTERNAL_SERVER_ERROR,
        HTTPStatus.SERVICE_UNAVAILABLE,
    )
)
# The proxy cannot reach the learner's server: said as when it is unavailable.
SAME_AS = {int(HTTPStatus.BAD_GATEWAY): int(HTTPStatus.SERVICE_UNAVAILABLE)}


def jupyterhub_templates() -> Path:
    from jupyterhub._data import DATA_FILES_PATH

    return Path(DATA_FILES_PATH) / "templates"


class _Texts:
    """The class server's texts in one language, escaped for a template's HTML (and safe from Jinja)."""

    def __init__(self, content: Content, lang: str):
        self.content, self.lang = content, lang

    def __call__(self, key: str, **expressions: str) -> str:
        """The text of ``key``; a placeholder named in ``expressions`` becomes that Jinja expression."""
        marks = {name: f"\x00{name}\x00" for name in expressions}
        text = self.content.text(f"class_server.{key}", self.lang, **marks) if marks else self.raw(key)
        text = html.escape(text).replace("{", "&#123;")  # a brace in a text must not open a Jinja tag
        for name, expression in expressions.items():
            text = text.replace(marks[name], "{{ " + expression + " }}")
        return text

    def raw(self, key: str) -> str:
        return self.content.text(f"class_server.{key}", self.lang)


def _is_teacher() -> str:
    return f"{TEACHER_SCOPE!r} in parsed_scopes"


def nav_bar(t: _Texts) -> str:
    """The navigation bar: home, the teachers' pages and token for teachers, dark mode, who is signed in."""
    return (
        "{% block nav_bar %}"
        '<nav class="navbar navbar-expand-sm bg-body-tertiary mb-4"><div class="container-fluid">'
        '{% block logo %}<span id="jupyterhub-logo" class="navbar-brand"><a href="{{ logo_url or base_url }}">'
        f'<img src="{{{{ base_url }}}}logo" alt="{t("hub_home")}" class="jpy-logo" title="{t("hub_home")}"/>'
        "</a></span>{% endblock logo %}"
        '{% if user %}<button class="navbar-toggler" type="button" data-bs-toggle="collapse" '
        'data-bs-target="#thenavbar" aria-controls="thenavbar" aria-expanded="false" '
        f'aria-label="{t("hub_menu")}"><span class="navbar-toggler-icon"></span></button>{{% endif %}}'
        '<div class="collapse navbar-collapse" id="thenavbar"><ul class="navbar-nav me-auto mb-0">'
        "{% if user %}{% block nav_bar_left_items %}"
        f'<li class="nav-item"><a class="nav-link" href="{{{{ base_url }}}}home">{t("hub_home")}</a></li>'
        # The service's name is an internal id, and its pages are teachers' only: a learner gets no link.
        f"{{% if {_is_teacher()} %}}{{% for service in services %}}{{% if service.name == {SERVICE!r} %}}"
        f'<li class="nav-item"><a class="nav-link" href="{{{{ service.href }}}}">{t("hub_teacher_pages")}</a></li>'
        "{% endif %}{% endfor %}"
        f'<li class="nav-item"><a class="nav-link" href="{{{{ base_url }}}}token">{t("hub_token")}</a></li>'
        "{% endif %}{% endblock nav_bar_left_items %}{% endif %}</ul>"
        '<ul class="nav navbar-nav me-2">{% block nav_bar_right_items %}<li class="nav-item">'
        '{% block theme_toggle %}<button class="btn btn-sm" type="button" id="dark-theme-toggle" '
        f'aria-label="{t("hub_theme")}" title="{t("hub_theme")}">'
        '<i aria-hidden="true" class="fa fa-circle-half-stroke"></i></button>{% endblock theme_toggle %}</li>'
        '<li class="nav-item">{% block login_widget %}<span id="login_widget">{% if user %}'
        '<span class="me-1">{{ user.name }}</span><a id="logout" role="button" '
        'class="btn btn-sm btn-outline-contrast" href="{{ logout_url }}">'
        f'<i aria-hidden="true" class="fa fa-sign-out"></i>{t("hub_logout")}</a>{{% else %}}'
        '<a id="login" role="button" class="btn btn-sm btn-outline-contrast" href="{{ login_url }}">'
        f"{t('login_button')}</a>{{% endif %}}</span>{{% endblock login_widget %}}</li>"
        "{% endblock nav_bar_right_items %}</ul></div>{% block header %}{% endblock header %}</div></nav>"
        "{% endblock nav_bar %}"
    )


def page_frame(source: str, lang: str, t: _Texts) -> str:
    """JupyterHub's ``page.html`` (``source``) in ``lang``. A part that a later JupyterHub changed is left
    as it is (the page still works; tests/test_hub_pages.py then fails and names it)."""
    error_dialog = (
        '<div class="modal fade" id="error-dialog" tabindex="-1" role="dialog" aria-labelledby="error-label" '
        'aria-hidden="true"><div class="modal-dialog"><div class="modal-content"><div class="modal-header">'
        f'<h2 class="modal-title" id="error-label">{t("hub_error")}</h2>'
        f'<button type="button" class="btn-close" data-bs-dismiss="modal" aria-label="{t("hub_close")}"></button>'
        f'</div><div class="modal-body"><div class="ajax-error alert-danger">{t("hub_error_detail")}</div></div>'
        '<div class="modal-footer"><button type="button" class="btn btn-primary" data-bs-dismiss="modal" '
        f'data-dismiss="modal">{t("hub_ok")}</button></div></div></div></div>'
    )
    noscript = t("hub_noscript")
    replacements: list[tuple[str, Callable[[re.Match], str]]] = [
        (r'<html lang="en">', lambda m: f'<html lang="{lang}">'),
        (r'(<div id="noscript">).*?(</div>)', lambda m: m.group(1) + noscript + m.group(2)),
        (r"\{% call modal\('Error'.*?\{% endcall %\}", lambda m: error_dialog),
        (r"\{% block nav_bar %\}.*\{% endblock nav_bar %\}", lambda m: nav_bar(t)),
    ]
    for pattern, replace in replacements:
        source = re.sub(pattern, replace, source, count=1, flags=re.DOTALL)
    return source


def _status_cases(t: _Texts) -> str:
    """What an error page says: one clear message per status (``status_code`` in the template), never the
    server's English message or an exception's text."""
    cases: list[str] = []
    for status in (*ERROR_STATUSES, *SAME_AS):
        key = f"hub_error_{SAME_AS.get(status, status)}"
        cases.append(
            f"{{% {'if' if not cases else 'elif'} status_code == {status} %}}"
            f"<h1>{t(key + '_title')}</h1><p>{t(key)}</p>"
        )
    return (
        "".join(cases)
        + f"{{% else %}}<h1>{t('hub_error')}</h1><p>{t('hub_error_detail')}</p>{{% endif %}}"
        f"<p><small>{t('hub_error_code', code='status_code')}</small></p>"
    )


def error_page(t: _Texts) -> str:
    """The hub's error page."""
    return (
        '{% extends "templates/error.html" %}\n{% block h1_error %}'
        + _status_cases(t)
        + "{% endblock h1_error %}\n{% block error_detail %}"
        f'<p><a href="{{{{ base_url }}}}home">{t("hub_back_home")}</a></p>'
        "{% endblock error_detail %}\n"
    )


def learner_error_page(content: Content, lang: str) -> str:
    """The error page of a learner's own server (jupyter_server's and Voilà's, e.g. a lesson's address
    mistyped): a page of its own, since theirs carry English outside any block."""
    t = _Texts(content, lang)
    return (
        f'<!doctype html>\n<html lang="{lang}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1"><title>{{ status_code }}</title>'
        "<style>body{font-family:sans-serif;margin:2rem auto;max-width:40rem;padding:0 1rem;line-height:1.5}"
        "a{color:#0b57d0}</style></head><body><main>"
        + _status_cases(t)
        + f'<p><a href="/hub/home">{t("hub_back_home")}</a></p></main></body></html>\n'
    )


# Where a learner's server finds the error page: jupyter_server's templates (``ServerApp.extra_template_paths``)
# and Voilà's "lab" template (a data folder on ``JUPYTER_PATH``, searched before Voilà's own); each renders
# "<status>.html" if it has one (both have 404.html), else "error.html".
LEARNER_PAGES = ("templates", "voila/templates/lab")


def write_learner_pages(data: Path, content: Content, lang: str) -> list[Path]:
    """Write the learner server's error pages under the data folder ``data`` (readable by every learner)."""
    page = learner_error_page(content, lang)
    written = []
    for folder in LEARNER_PAGES:
        (data / folder).mkdir(parents=True, exist_ok=True)
        for name in ("error.html", "404.html"):
            (data / folder / name).write_text(page, encoding="utf-8")
            written.append(data / folder / name)
    return written


def spawn_pending(t: _Texts) -> str:
    """The progress bar with our own words: the spawner's progress messages are English, so they are not
    shown; instead how long the learner has waited, and on failure what to do."""
    return (
        '{% extends "templates/spawn_pending.html" %}\n{% block main %}'
        '<div class="container text-center" id="class-spawn" data-progress-url="{{ progress_url }}" '
        f'data-elapsed="{t("hub_spawn_elapsed")}">'
        f"<h1>{t('hub_spawn_title')}</h1><p>{t('hub_spawn_wait')}</p>"
        '<div class="progress"><div id="progress-bar" class="progress-bar" role="progressbar" '
        f'aria-label="{t("hub_progress")}" aria-valuenow="0" aria-valuemin="0" aria-valuemax="100"></div></div>'
        '<p id="progress-message"></p>'
        f'<div id="spawn-failed" role="alert" hidden><p>{t("hub_spawn_failed")}</p>'
        f'<p><a href="{{{{ base_url }}}}home">{t("hub_back_home")}</a></p></div>'
        "</div>{% endblock main %}\n"
        "{% block script %}<script>\n" + SPAWN_SCRIPT + "</script>{% endblock script %}\n"
    )


SPAWN_SCRIPT = """(function () {
  var box = document.getElementById("class-spawn");
  var bar = document.getElementById("progress-bar");
  var shown = document.getElementById("progress-message");
  var started = Date.now();
  var tick = function () {
    var seconds = Math.round((Date.now() - started) / 1000);
    shown.textContent = box.dataset.elapsed.replace("{seconds}", seconds);
  };
  var timer = setInterval(tick, 1000);
  tick();
  var events = new EventSource(box.dataset.progressUrl);
  events.onmessage = function (e) {
    var evt = JSON.parse(e.data);
    if (evt.progress !== undefined) {
      bar.style.width = evt.progress + "%";
      bar.setAttribute("aria-valuenow", evt.progress);
    }
    if (evt.ready) {
      events.close();
      clearInterval(timer);
      window.location.reload();  // the hub now redirects to the running server
    }
    if (evt.failed) {
      events.close();
      clearInterval(timer);
      bar.classList.add("bg-danger");
      shown.textContent = "";
      document.getElementById("spawn-failed").hidden = false;
    }
  };
  window._jupyterhub_page_loaded = true;
})();
"""


def not_running(t: _Texts) -> str:
    return (
        '{% extends "templates/not_running.html" %}\n'
        f"{{% block heading %}}<h1>{{% if failed %}}{t('hub_failed_title')}{{% else %}}{t('hub_not_running_title')}"
        "{% endif %}</h1>{% endblock heading %}\n"
        f"{{% block message %}}<p>{{% if failed %}}{t('hub_failed')}{{% else %}}{t('hub_not_running')}"
        "{% endif %}</p>{% endblock message %}\n"
        '{% block start_button %}<a id="start" role="button" class="btn btn-lg btn-primary" href="{{ spawn_url }}">'
        f"{{% if failed %}}{t('hub_retry')}{{% else %}}{t('hub_start')}{{% endif %}}</a>{{% endblock start_button %}}\n"
    )


def hub_pages(content: Content, lang: str, hub_templates: Path | None = None) -> dict[str, str]:
    """The templates (file name: text) that put the hub's pages in ``lang``."""
    t = _Texts(content, lang)
    source = ((hub_templates or jupyterhub_templates()) / "page.html").read_text(encoding="utf-8")
    return {
        "page.html": page_frame(source, lang, t),
        "home.html": (
            '{% extends "templates/home.html" %}\n{% block main %}<div class="container text-center">'
            f"<h1>{t('hub_home_title')}</h1><p>{t('hub_home_help')}</p>"
            '<a id="start" role="button" class="btn btn-lg btn-primary" href="{{ url }}">'
            f"{t('hub_home_open')}</a></div>{{% endblock main %}}\n"
        ),
        "spawn_pending.html": spawn_pending(t),
        "not_running.html": not_running(t),
        "stop_pending.html": (
            '{% extends "templates/stop_pending.html" %}\n{% block main %}<div class="container text-center">'
            f"<h1>{t('hub_stopping_title')}</h1><p>{t('hub_stopping')}</p>"
            '<p><i class="fa fa-spinner fa-pulse fa-fw fa-3x" aria-hidden="true"></i></p>'
            f'<a role="button" id="refresh" class="btn btn-lg btn-primary" href="#">{t("hub_refresh")}</a>'
            "</div>{% endblock main %}\n"
        ),
        "logout.html": (
            '{% extends "templates/logout.html" %}\n{% block main %}<div id="logout-main" class="container">'
            f'<p>{t("hub_logged_out")}</p><p><a href="{{{{ login_url }}}}">{t("hub_login_again")}</a></p>'
            "</div>{% endblock main %}\n"
        ),
        "error.html": error_page(t),
        "404.html": '{% extends "error.html" %}\n',  # not JupyterHub's 404.html, whose text is English
        # The token page is for teachers (and stays JupyterHub's, in English); a learner needs no token.
        "token.html": (
            f'{{% extends "templates/token.html" %}}\n{{% block main %}}{{% if {_is_teacher()} %}}{{{{ super() }}}}'
            f'{{% else %}}<div class="container"><p>{t("teachers_only")}</p></div>{{% endif %}}{{% endblock main %}}\n'
        ),
    }


def write_hub_pages(folder: Path, content: Content, lang: str) -> list[Path]:
    """Write the templates into ``folder`` (made if missing); returns their paths."""
    folder.mkdir(exist_ok=True)
    written = []
    for name, text in hub_pages(content, lang).items():
        (folder / name).write_text(text, encoding="utf-8")
        written.append(folder / name)
    return written
