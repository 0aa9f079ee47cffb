"""Lesson 2 widgets, driven headless: labelling exercise, classifier reveal, piece counter, upload."""
import ipywidgets as w
import pytest

from lessons.classify.pieces import DUPLICATES_CLAUSE, especially_serious_clause, serious_clause
from lessons.engine.report import text as engine_text
from lessons.widgets.controls import plain_text
from lessons.widgets.labelling import LabellingWidget
from lessons.widgets.classifier_reveal import ClassifierReveal, PieceCounter
from lessons.widgets.upload_table import UploadClassifier
from tests.test_selfcheck_card import models_made


@pytest.fixture
def labelling(content):
    return LabellingWidget(content, lang="en", remember_language=False)


def answer(widget, qid, category, tier):
    widget.answer(qid, [category, tier])


def text(content, key, lang="en", **values):
    """A course text as the learner reads it: the tests follow the wording instead of copying it."""
    return plain_text(content.text(key, lang, **values))


def key(widget, qid):
    """The right ``[category, tier]`` of a column, from the answer key (the data, not a copy)."""
    return widget.model.solution(qid)


def a_wrong(widget, qid):
    right = key(widget, qid)
    return ["none", "none"] if right != ["none", "none"] else ["basic", "tier_50"]


def test_labelling_starts_empty_and_reveals_nothing(labelling, content):
    total = len(labelling.question_ids)
    assert labelling.value == {"exercise": "lesson2.labelling", "answers": {}, "correct": {}, "score": 0,
                               "total": total}
    assert "收货人" in labelling.read("sample") and text(content, "labelling.sample") in labelling.read("sample")
    assert all(labelling.feedback(q) == "" for q in labelling.question_ids if q.startswith("shop_orders/"))
    assert labelling.read("score") == text(content, "labelling.unchecked")


def test_check_gives_explained_feedback_citing_the_tier_clause(labelling, content):
    name, phone, address = "shop_orders/收货人", "shop_orders/手机号", "shop_orders/收货地址"
    answer(labelling, name, *key(labelling, name))
    answer(labelling, phone, *a_wrong(labelling, phone))
    assert labelling.feedback(name) == ""  # nothing before Check
    labelling.check()
    right, wrong = labelling.feedback(name), labelling.feedback(phone)
    info = content.info_types["name"]
    tier = content.tiers[info.tier]
    assert text(content, "common.correct") in right and info.reason("en") in right
    assert content.provisions[tier.clause].cite("en") in right and content.provisions[tier.clause].text.zh in right
    assert text(content, "common.incorrect") in wrong and content.tiers[key(labelling, phone)[1]].name("en") in wrong
    assert labelling.feedback(address) == text(content, "labelling.unanswered")
    assert labelling.value["correct"] == {name: True, phone: False} and labelling.value["score"] == 1
    columns = len(labelling.model.question_ids_of("shop_orders"))
    assert text(content, "labelling.table_score", correct=1, total=columns) in labelling.read("score")


def test_the_score_is_the_tables_and_counts_first_answers(labelling, content):
    """Labelling one table says "x of 7" for that table, not "x of 53"; a changed answer after Check is practice."""
    phone = "shop_orders/手机号"
    answer(labelling, phone, *a_wrong(labelling, phone))
    labelling.check()
    answer(labelling, phone, *key(labelling, phone))
    columns = len(labelling.model.question_ids_of("shop_orders"))
    score = labelling.read("score")
    assert text(content, "labelling.table_score", correct=0, total=columns) in score
    assert text(content, "common.score_practice", n=1, correct=1, total=columns) in score
    assert str(len(labelling.question_ids)) not in score.replace(str(columns), "")
    assert labelling.value["score"] == 1 and labelling.model.counted.score == 0


def test_not_personal_column_and_the_open_question(labelling, content):
    uscc, income = "shop_orders/商家统一社会信用代码", "loan_applications/月收入"
    answer(labelling, uscc, *key(labelling, uscc))
    labelling.choose("loan_applications")
    answer(labelling, income, *key(labelling, income))
    labelling.check()
    open_note = content.info_types[labelling.model.keys["loan_applications"].columns["月收入"]].open
    shown = labelling.feedback(income)
    assert text(content, "common.correct") in shown and open_note("en") in shown
    labelling.choose("shop_orders")
    labelling.check()
    assert key(labelling, uscc) == ["none", "none"]
    assert text(content, "labelling.answer_not_personal") in labelling.feedback(uscc)
    assert labelling.value["score"] == 2


def test_labelling_in_chinese(content):
    widget = LabellingWidget(content, lang="zh", remember_language=False)
    answer(widget, "shop_orders/收货人", "basic", "tier_5000")
    widget.check()
    assert widget.title == text(content, LabellingWidget.TITLE_KEY, "zh")
    shown = widget.feedback("shop_orders/收货人")
    clause = content.provisions[content.tiers[content.info_types["name"].tier].clause]
    assert text(content, "common.correct", "zh") in shown and clause.cite("zh") in shown
    assert widget.chosen("shop_orders/收货人")[0] == "basic"
    basic = content.categories["basic"]
    assert (basic.name("zh"), "basic") in widget.choices("shop_orders/收货人")["category"]
    widget.set_language("en")
    assert (basic.name("en"), "basic") in widget.choices("shop_orders/收货人")["category"]
    assert widget.value["score"] == 1


def test_restore_puts_answers_back_into_the_menus(labelling):
    """What is kept of junk: tests/test_models_selfcheck_labelling.py; here the menus follow the model."""
    labelling.restore({"app_telemetry/col1": ["device", "tier_5000"], "nope/x": ["basic", "tier_50"]})
    assert labelling.value["answers"] == labelling.model.answers == {"app_telemetry/col1": ["device", "tier_5000"]}
    labelling.choose("app_telemetry")
    assert labelling.chosen("app_telemetry/col1") == ["device", "tier_5000"]
    labelling.restore({})
    assert labelling.value["answers"] == {} and labelling.chosen("app_telemetry/col1") == ["", ""]


def test_the_columns_cost_no_widget_models_each(content):
    """One card is redrawn for the column shown: no models per column, none made by moving or another table."""
    made: list[LabellingWidget] = []
    # About a hundred with the page's own parts; a set per column of the first table was some 180.
    assert models_made(lambda: made.append(LabellingWidget(content, lang="en", remember_language=False))) < 120
    labelling = made[0]
    assert models_made(lambda: (labelling.next(), labelling.choose("loan_applications"), labelling.next())) == 0


def test_a_pick_in_the_shown_menus_labels_the_column_shown(labelling):
    """As the browser does: the learner picks in the card's menus; moving on answers nothing."""
    todo, menus = list(labelling.children), []
    while todo:
        node = todo.pop(0)
        menus += [node] if isinstance(node, w.Dropdown) and "pi-answer" in node.get_state()["_dom_classes"] else []
        todo[0:0] = list(getattr(node, "children", ()))
    category, tier = menus
    first = labelling.current
    category.value = "basic"
    assert labelling.chosen(first) == ["basic", ""]
    labelling.next()
    assert (category.value, tier.value) == ("", "") and set(labelling.value["answers"]) == {first}
    tier.value = "tier_50"
    assert labelling.chosen(labelling.current) == ["", "tier_50"] and labelling.chosen(first) == ["basic", ""]
    labelling.back()
    assert (category.value, tier.value) == ("basic", "")


def test_reveal_shows_nothing_until_clicked_then_agrees_with_the_key(content):
    reveal = ClassifierReveal(content, lang="en", dataset="app_telemetry", remember_language=False)
    assert reveal.value == {"dataset": "app_telemetry", "shown": False} and "imei" not in reveal.read("result").lower()
    reveal.reveal()
    assert reveal.value["agree"] == reveal.value["total"] == 8
    html = reveal.read("result")
    assert content.info_types["imei"].name("en") in html and text(content, "classify.luhn_note") in html
    assert "✓ " + text(content, "classify.agrees") in html
    reveal.set_language("zh")
    assert text(content, "classify.agreement", "zh", n=8, total=8) in reveal.read("result")
    assert text(content, "classify.luhn_note", "zh") in reveal.read("result")


def test_piece_counter_cites_items_6_and_para_2_and_article_11(content):
    counter = PieceCounter(content, lang="en", dataset="loan_applications", remember_language=False)
    assert counter.value["shown"] is False
    counter.reveal()
    v = counter.value
    assert v["pieces"] == {"tier_50": 165, "tier_500": 15, "tier_5000": 0} and v["duplicates_removed"] == 2
    assert v["engine_input"] == {"conduct": "sell_or_provide", "pieces": v["pieces"]} == counter.engine_input
    html = counter.read("result")
    clauses = [content.provisions[c] for c in (serious_clause(), especially_serious_clause(), DUPLICATES_CLAUSE)]
    assert [c.id for c in clauses] == ["INT2017.a5.p1.i6", "INT2017.a5.p2.i3", "INT2017.a11.p3"]
    for clause in clauses:
        assert clause.cite("en") in html and plain_text(clause.text.zh) in html
    level = text(content, "classify.verdict_serious", score="3.33")
    assert level in html and text(content, "classify.pieces_intro") in counter.read("intro")
    counter.set_language("zh")
    assert text(content, "classify.verdict_serious", "zh", score="3.33") in counter.read("result")
    assert text(content, "classify.pieces_intro", "zh") in counter.read("intro")


def upload(widget, name, data):
    widget.upload(data, name)


def test_upload_classifies_a_file_or_says_why_not(content):
    widget = UploadClassifier(content, lang="en", remember_language=False)
    assert widget.value == {} and text(content, "classify.upload_waiting") in widget.read("result")
    upload(widget, "leak.csv", "姓名,手机号,备用\n王芳,13812345678,17\n李强,13912345678,18\n".encode("gbk"))
    assert widget.value["columns"] == {"姓名": "name", "手机号": "mobile_number", "备用": None}
    assert widget.value["pieces"]["tier_5000"] == 2 and text(content, "classify.unsure") in widget.read("result")
    assert not widget.holding  # bytes dropped after reading
    upload(widget, "bad.csv", b"a,b\n1,2,3\n")
    error = text(content, "errors.ragged", file="bad.csv", row=2, fields=3, width=2)
    assert widget.value == {"file": "bad.csv", "error": error}
    shown = widget.read("result")
    assert text(content, "classify.upload_error", message="\0").split("\0")[0] in shown and error in shown
    assert "Traceback" not in shown
    widget.set_language("zh")
    assert text(content, "classify.upload_error", "zh", message="\0").split("\0")[0] in widget.read("result")


def test_every_button_has_a_description_or_tooltip(content):
    import ipywidgets as w

    for cls in (LabellingWidget, ClassifierReveal, PieceCounter, UploadClassifier):
        widget = cls(content, lang="en", remember_language=False)
        stack, buttons = [widget], []
        while stack:
            node = stack.pop()
            if isinstance(node, (w.Button, w.FileUpload)):
                buttons.append(node)
            stack.extend(getattr(node, "children", ()))
        assert buttons, cls
        assert all(b.description or b.tooltip for b in buttons), cls


def test_piece_counter_hands_counts_to_the_engine(content):
    counter = PieceCounter(content, lang="en", dataset="app_telemetry", remember_language=False)
    if_sold = text(content, "classify.if_sold")
    assert if_sold not in counter.read("result")  # nothing before the click
    counter.reveal()
    assert counter.value["engine_input"]["pieces"]["tier_50"] >= 50
    assert counter.value["tier_if_sold"] == "serious"
    missing = engine_text(content, "verdict_missing", "en", facts="\0").split("\0")[0]
    assert if_sold in counter.read("result") and missing in counter.read("result")
