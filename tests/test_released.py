"""A learner's page and the class server's hand-in service: the released marking and the in-class check.

The service is the real one (``handin_service.make_app``) on 127.0.0.1, in a thread of its own, behind a
small stand-in for the hub's API (``/hub/api/user``: whose token is this), so a learner's kernel reaches it
exactly as on a class server: ``HubRecorder`` with that learner's token. The teacher's acts (release,
choose the check's questions) are the ``Records`` calls the teachers' pages make, on the same folder.
"""
from __future__ import annotations

import asyncio
import datetime as dt
import json
import socket
import threading
from contextlib import contextmanager
from pathlib import Path

import pytest
from jupyterhub.services.auth import HubOAuth
from tornado import httpserver, netutil, web

from lessons.classroom import review as rv
from lessons.classroom.class_record import ClassRecord
from lessons.classroom.grading import load_answer_keys
from lessons.classroom.hub_recorder import HubRecorder, ServiceError
from lessons.classroom.settings import Classroom
from lessons.content.course import load_content
from lessons.server import handin_service
from lessons.server.handin_records import Records
from lessons.server.roster import Member, roster_json
from lessons.widgets.page import Page
from lessons.widgets.review_quiz import Review
from tests.test_one_language import english_in
from tests.test_widgets_no_ids import ids_in

EXERCISE = "lesson6.review"
PREFIX = "/services/handin/"
MEMBERS = [Member("pl1", "2024001", "王芳"), Member("pl2", "2024002", "Bob Zhang"),
           Member("plt", "T1", "Li", "teacher")]
# The hub's tokens and their users; "stranger" is a hub user the class's roster does not have.
TOKENS = {"tok-pl1": "pl1", "tok-pl2": "pl2", "tok-plt": "plt", "tok-x": "stranger"}


@pytest.fixture(scope="module")
def content():
    return load_content()


@pytest.fixture(scope="module")
def keys(content):
    return load_answer_keys(content)


class HubUser(web.RequestHandler):
    """The hub's ``GET /hub/api/user``: the user a token belongs to, with the scope to reach the service."""

    def get(self):
        token = self.request.headers.get("Authorization", "").partition(" ")[2]
        if token not in TOKENS:
            raise web.HTTPError(403)
        self.finish({"kind": "user", "name": TOKENS[token], "groups": [],
                     "scopes": ["access:services!service=handin"]})


@contextmanager
def serving(app: web.Application):
    """``app`` on a free port of 127.0.0.1, in a thread and event loop of its own; yields the port."""
    sockets = netutil.bind_sockets(0, "127.0.0.1")
    loop = asyncio.new_event_loop()
    started = threading.Event()
    servers: list[httpserver.HTTPServer] = []

    def run():
        asyncio.set_event_loop(loop)
        servers.append(httpserver.HTTPServer(app))
        servers[0].add_sockets(sockets)
        started.set()
        loop.run_forever()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    started.wait(10)
    try:
        yield sockets[0].getsockname()[1]
    finally:
        loop.call_soon_threadsafe(servers[0].stop)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(10)
        loop.close()


@contextmanager
def class_service(state: Path, monkeypatch, due: str | None = None):
    """The hand-in service and the hub's user API, each in its own thread (the service asks the hub
    synchronously, as a separate hub process answers it); yields the service's URL."""
    with serving(web.Application([("/hub/api/user", HubUser)])) as hub_port:
        monkeypatch.setenv("JUPYTERHUB_API_URL", f"http://127.0.0.1:{hub_port}/hub/api")
        monkeypatch.setenv("JUPYTERHUB_API_TOKEN", "service-token")
        monkeypatch.setenv("JUPYTERHUB_SERVICE_NAME", "handin")
        monkeypatch.setenv("JUPYTERHUB_SERVICE_PREFIX", PREFIX)
        if due:
            monkeypatch.setenv("PI_LESSONS_DUE", due)
        else:
            monkeypatch.delenv("PI_LESSONS_DUE", raising=False)
        HubOAuth.clear_instance()  # the handlers' hub client reads the environment above when first made
        try:
            with serving(handin_service.make_app(state, "en", PREFIX)) as port:
                yield f"http://127.0.0.1:{port}{PREFIX}"
        finally:
            HubOAuth.clear_instance()


@pytest.fixture
def state(tmp_path):
    folder = tmp_path / "state"
    folder.mkdir()
    (folder / "roster.json").write_text(json.dumps(roster_json(MEMBERS), ensure_ascii=False), encoding="utf-8")
    return folder


def teacher(state: Path, keys) -> Records:
    """What the teachers' pages (release, in-class check) change: the service's records folder."""
    return Records(state / "records", keys, MEMBERS)


def scored_questions(content) -> list[rv.Question]:
    return [q for q in rv.load_questions(content) if q.scored]


def right(q: rv.Question):
    return list(q.answer) if isinstance(q.answer, tuple) else q.answer


def wrong(q: rv.Question):
    if isinstance(q.answer, float):  # a numeric question
        return q.answer + 1000 + 10 * q.tolerance
    answer = q.answer if isinstance(q.answer, tuple) else (q.answer,)
    other = next(o.id for o in q.options if o.id not in answer)
    return [other] if q.kind == "multiple" else other


def learner_page(tmp_path: Path, monkeypatch, url: str, token: str, lang: str = "en") -> Page:
    """The page of a learner's kernel on the class server: the hub's user, their own home, their token."""
    login = TOKENS[token]
    monkeypatch.setenv("PI_LESSONS_HOME", str(tmp_path / login))
    classroom = Classroom(hub_user=login, learner_name=next(m.name for m in MEMBERS if m.username == login))
    return Page(lang=lang, remember=False, classroom=classroom, recorder=HubRecorder(url, token))


def test_before_release_no_marking_after_release_the_services_record(tmp_path, monkeypatch, state, keys, content):
    questions = scored_questions(content)[:3]
    with class_service(state, monkeypatch, due="2030-01-01T18:00+08:00") as url:
        page = learner_page(tmp_path, monkeypatch, url, "tok-pl1")
        review = Review(page=page)
        review.answer(questions[0].id, right(questions[0]))
        review.answer(questions[1].id, wrong(questions[1]))  # recorded by the service as answered
        assert set(teacher(state, keys).firsts("pl1")[EXERCISE]) == {questions[0].id, questions[1].id}
        # Before release: when the marking will be shown, and no recorded answer anywhere on the page.
        assert review.class_record.state == "waiting"
        assert "due time" in review.read("class-record") and "2030-01-01 10:00 UTC" in review.read("class-record")
        review.go_to(questions[1].id)
        assert "Recorded by the class server" not in review.feedback()
        # The learner answers again after Start fresh: their own file now says otherwise (practice).
        review.start_fresh()
        review.confirm()
        review.answer(questions[1].id, right(questions[1]))
        review.answer(questions[2].id, right(questions[2]))  # a first answer, recorded now
        teacher(state, keys).release()
        review.ask_class_server()
        recorded = teacher(state, keys).learner_file(MEMBERS[0])["exercises"][EXERCISE]
        assert review.class_record.state == "released"
        assert review.class_record.answers == recorded["first"] and review.class_record.correct == recorded["correct"]
        assert recorded["correct"] == {questions[0].id: True, questions[1].id: False, questions[2].id: True}
        assert "2 of your 3 recorded first answers are right" in review.read("class-record")
        review.go_to(questions[1].id)
        shown = review.feedback()
        recorded_line = shown.split("\n")[0]  # the record first, then this page's own (right) answer
        assert "Recorded by the class server" in recorded_line
        assert content.text("common.incorrect", "en") in recorded_line
        assert content.text("common.correct", "en") in shown.split("\n")[1]
        # A new page (the learner opens Lesson 6 again) shows the same record from the start.
        again = Review(page=learner_page(tmp_path, monkeypatch, url, "tok-pl1"))
        assert again.class_record.correct == recorded["correct"]
        # Another learner sees only their own record: nothing answered, nothing recorded.
        other = Review(page=learner_page(tmp_path, monkeypatch, url, "tok-pl2"))
        assert other.class_record.released and other.class_record.answers == {}
        other.go_to(questions[0].id)
        assert "recorded no answer" in other.feedback() and "The answer:" not in other.feedback()


def test_a_check_set_by_the_teacher_is_the_reviews_first_view(tmp_path, monkeypatch, state, keys, content):
    questions = scored_questions(content)
    chosen = [questions[4].id, questions[1].id, questions[3].id]  # the teacher's order, not the course's
    notes: list[str] = []
    with class_service(state, monkeypatch) as url:
        page = learner_page(tmp_path, monkeypatch, url, "tok-pl1")
        before = Review(page=page)
        assert before.shown_ids == before.question_ids and before.read("check-view") == ""
        assert teacher(state, keys).set_check([f"{EXERCISE}/{q}" for q in chosen] +
                                              [f"lesson1.selfcheck/{next(iter(keys.exercises['lesson1.selfcheck']))}"])
        # The service keeps only ids it knows; an id of another version of the course can still reach a page.
        (state / "records" / "check.json").write_text(json.dumps(
            {"questions": [f"{EXERCISE}/{chosen[0]}", f"{EXERCISE}/q-from-another-version", *[
                f"{EXERCISE}/{q}" for q in chosen[1:]]]}), encoding="utf-8")
        record = ClassRecord(HubRecorder(url, "tok-pl1"), EXERCISE, before.question_ids, log=notes.append)
        record.refresh()
        assert record.check == chosen and record.view == "check" and record.shown_ids() == chosen
        assert len(notes) == 1 and "q-from-another-version" in notes[0]
        review = Review(page=learner_page(tmp_path, monkeypatch, url, "tok-pl1"))
        assert review.shown_ids == chosen and review.current == chosen[0]
        assert "1 of 3" in review.read("progress") and "(3)" in review.read("check-view")
        review.next()
        assert review.current == chosen[1]
        assert "q-from-another-version" not in review.read("question-select") + review.read("class-record")
        review.go_to(questions[0].id)  # the rest stays reachable
        assert review.current == questions[0].id and review.shown_ids == review.question_ids
        review.choose("check")
        assert review.current == chosen[0]


def test_service_down_or_answering_nonsense_is_a_message_not_a_traceback(tmp_path, monkeypatch):
    with socket.socket() as s:  # a port nothing listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    recorder = HubRecorder(f"http://127.0.0.1:{port}/services/handin/", "tok-pl1")
    with pytest.raises(ServiceError) as raised:
        recorder.mine()
    assert raised.value.key == "class_service_unreachable"
    monkeypatch.setenv("PI_LESSONS_HOME", str(tmp_path))
    page = Page(lang="zh", remember=False, classroom=Classroom(hub_user="pl1", learner_name="王芳"), recorder=recorder)
    review = Review(page=page)
    assert review.class_record.state == "unreachable"
    note = review.read("class-record")
    assert "暂时无法连接班级服务器" in note and "Traceback" not in note and english_in(note) == []
    first = review.question_ids[0]
    review.answer(first, right(review.model.questions[first]))  # the lesson still works
    assert review.model.latest.correct[first]


def test_a_reply_too_large_or_not_json_is_refused_by_key(tmp_path):
    class Reply(web.RequestHandler):
        def get(self, what):
            self.finish(b"[" * 10 if what == "mine" else b"x" * (2 << 20))

    with serving(web.Application([(r"/s/api/(\w+)", Reply)])) as port:
        recorder = HubRecorder(f"http://127.0.0.1:{port}/s/", "t")
        for ask in (recorder.mine, recorder.check):
            with pytest.raises(ServiceError) as raised:
                ask()
            assert raised.value.key == "class_service_bad_reply"


def test_a_chinese_page_shows_the_record_without_english_or_ids(tmp_path, monkeypatch, state, keys, content):
    q = scored_questions(content)[0]
    with class_service(state, monkeypatch, due="2030-01-01T18:00+08:00") as url:
        review = Review(page=learner_page(tmp_path, monkeypatch, url, "tok-pl1", lang="zh"))
        waiting = review.read("class-record")
        assert "截止时间" in waiting and english_in(waiting) == [] and ids_in(waiting) == []
        review.answer(q.id, wrong(q))
        teacher(state, keys).release()
        teacher(state, keys).set_check([f"{EXERCISE}/{q.id}"])
        review.ask_class_server()
        shown = "\n".join([review.read("class-record"), review.read("check-view"), review.feedback(),
                           review.read("ask-again")])
        assert "班级服务器记录的你的首次作答" in shown and "课堂测验" in shown
        assert english_in(shown) == [] and ids_in(shown) == [], shown


def test_off_a_class_server_nothing_changes(tmp_path, monkeypatch, content):
    monkeypatch.setenv("PI_LESSONS_HOME", str(tmp_path))
    monkeypatch.delenv("PI_LESSONS_HANDIN_URL", raising=False)
    review = Review(page=Page(lang="en", remember=False))
    assert review.class_record.state == "off" and review.shown_ids == review.question_ids
    assert review.read("class-record") == "" and "ask-again" not in review.actions
    with pytest.raises(ValueError):
        review.choose("check")


def test_a_recorder_that_only_records_leaves_the_page_as_off_a_server():
    class Recorder:
        def record_first(self, identity, exercise_id, answers): ...

        def hand_in(self, identity, data): ...

    record = ClassRecord(Recorder(), EXERCISE, ["q1"])
    record.refresh()
    assert record.state == "off" and not record.on_class_server


def test_a_due_time_passed_releases_without_the_teacher(tmp_path, monkeypatch, state, keys, content):
    q = scored_questions(content)[0]
    past = (dt.datetime.now(dt.timezone.utc) - dt.timedelta(days=1)).isoformat(timespec="minutes")
    teacher(state, keys).record_first("pl1", EXERCISE, {q.id: right(q)})
    with class_service(state, monkeypatch, due=past) as url:
        record = ClassRecord(HubRecorder(url, "tok-pl1"), EXERCISE, [x.id for x in rv.load_questions(content)])
        record.refresh()
        assert record.released and record.answers == {q.id: right(q)} and record.correct == {q.id: True}


def test_lesson_1_self_check_shows_the_record_and_the_check(tmp_path, monkeypatch, state, keys, content):
    from lessons.classroom import selfcheck as sc
    from lessons.widgets.selfcheck_quiz import SelfCheck

    items = [i for i in sc.load_items(content) if i.scored][:3]
    with class_service(state, monkeypatch) as url:
        quiz = SelfCheck(page=learner_page(tmp_path, monkeypatch, url, "tok-pl1"))
        assert quiz.class_record.state == "waiting" and "once your teacher releases" in quiz.read("class-record")
        solution = sc.solution(items[0], content)
        wrong_choice = next(c for c in sc.choices(items[0]) if c != solution)
        quiz.answer(items[0].id, wrong_choice)
        assert "Recorded by the class server" not in quiz.feedback(items[0].id)
        quiz.start_fresh()
        quiz.confirm()
        quiz.answer(items[0].id, solution)  # practice now: the record keeps the wrong first answer
        teacher(state, keys).release()
        teacher(state, keys).set_check([f"lesson1.selfcheck/{items[2].id}", f"lesson1.selfcheck/{items[1].id}"])
        quiz.ask_class_server()
        recorded = teacher(state, keys).learner_file(MEMBERS[0])["exercises"]["lesson1.selfcheck"]
        assert quiz.class_record.correct == recorded["correct"] == {items[0].id: False}
        assert content.text("common.incorrect", "en") in quiz.feedback(items[0].id).split("\n")[0]
        assert "0 of your 1 recorded first answers are right" in quiz.read("class-record")
        # A new page opens on the check: its questions in the teacher's order, the rest reachable.
        again = SelfCheck(page=learner_page(tmp_path, monkeypatch, url, "tok-pl1"))
        assert again.shown_ids == [items[2].id, items[1].id] and again.current == items[2].id
        again.go_to(items[0].id)
        assert again.shown_ids == again.question_ids


def test_a_recorder_failing_in_its_own_words_is_said_by_key(content):
    class Failing:
        def mine(self):
            raise ConnectionResetError("Connection reset by peer")

        def check(self):
            return []

    record = ClassRecord(Failing(), EXERCISE, ["q1"])
    record.refresh()
    assert record.state == "unreachable" and isinstance(record.problem, ServiceError)
    assert record.problem.in_language(content, "zh") == content.text("errors.class_service_unreachable", "zh")


def test_a_refusal_by_the_service_is_a_message_by_key(tmp_path, monkeypatch, state, keys, content):
    teacher(state, keys).release()
    with class_service(state, monkeypatch) as url:
        with pytest.raises(ServiceError) as raised:
            HubRecorder(url, "tok-x").mine()  # the hub knows the user, the class's roster does not
        assert raised.value.key == "class_service_refused" and raised.value.values == {"status": 403}
        with pytest.raises(ServiceError) as raised:
            HubRecorder(url, "not-a-token").check()
        assert raised.value.key == "class_service_refused"
        monkeypatch.setenv("PI_LESSONS_HOME", str(tmp_path))
        page = Page(lang="zh", remember=False, classroom=Classroom(hub_user="stranger"),
                    recorder=HubRecorder(url, "tok-x"))
        note = Review(page=page).read("class-record")
        assert "班级服务器拒绝了请求（状态码 403）" in note and english_in(note) == []
