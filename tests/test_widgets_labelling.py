"""Lesson 2 widgets, driven headless: labelling exercise, classifier reveal, piece counter, upload."""
import datetime as dt

import pytest

from lessons.widgets.labelling import LabellingWidget
from lessons.widgets.classifier_reveal import ClassifierReveal, PieceCounter
from lessons.widgets.upload_table import UploadClassifier


@pytest.fixture
def labelling(content):
    return LabellingWidget(content, lang="en", remember_language=False)


def answer(widget, column, category, tier):
    row = widget._rows[f"{widget._dataset.value}/{column}"]
    row[1].value, row[2].value = category, tier


def test_labelling_starts_empty_and_reveals_nothing(labelling):
    assert labelling.value == {"exercise": "lesson2.labelling", "answers": {}, "correct": {}, "score": 0, "total": 53}
    assert "收货人" in labelling._sample.value and "First rows" in labelling._sample.value
    assert all(row[3].value == "" for row in labelling._rows.values())
    assert "Feedback appears here" in labelling._score.value


def test_check_gives_explained_feedback_citing_the_tier_clause(labelling):
    answer(labelling, "收货人", "basic", "tier_5000")
    answer(labelling, "手机号", "basic", "tier_500")
    assert labelling._rows["shop_orders/收货人"][3].value == ""  # nothing before Check
    labelling._check.click()
    right, wrong = labelling._rows["shop_orders/收货人"][3].value, labelling._rows["shop_orders/手机号"][3].value
    assert "✓ Correct" in right and "A name identifies a person" in right
    assert "Art. 5 para. 1 item 5" in right and "第三项、第四项规定以外的公民个人信息五千条以上的" in right
    assert "✗ Not quite" in wrong and "5,000-piece tier" in wrong
    assert "Not answered yet" in labelling._rows["shop_orders/收货地址"][3].value
    assert labelling.value["correct"] == {"shop_orders/收货人": True, "shop_orders/手机号": False}
    assert labelling.value["score"] == 1 and "This table: 1 of 7" in labelling._score.value


def test_not_personal_column_and_the_open_question(labelling):
    answer(labelling, "商家统一社会信用代码", "none", "none")
    labelling._dataset.value = "loan_applications"
    answer(labelling, "月收入", "basic", "tier_50")
    labelling._check.click()
    income = labelling._rows["loan_applications/月收入"][3].value
    assert "✓" in income and "stricter reading" in income  # the info type's `open` note
    labelling._dataset.value = "shop_orders"
    labelling._check.click()
    uscc = labelling._rows["shop_orders/商家统一社会信用代码"][3].value
    assert "✓" in uscc and "not personal information" in uscc and "Art. 1" in uscc
    assert labelling.value["score"] == 2


def test_labelling_in_chinese(content):
    widget = LabellingWidget(content, lang="zh", remember_language=False)
    answer(widget, "收货人", "basic", "tier_5000")
    widget._check.click()
    assert "为泄露数据表的各列贴标签" in widget._title.value
    assert "✓ 正确" in widget._rows["shop_orders/收货人"][3].value and "《解释》第五条第一款第（五）项" in widget._rows["shop_orders/收货人"][3].value
    assert widget._rows["shop_orders/收货人"][1].label == "基本信息"
    widget.lang = "en"
    assert widget._rows["shop_orders/收货人"][1].label == "Basic information" and widget.value["score"] == 1


def test_restore_puts_answers_back_and_ignores_junk(labelling):
    labelling.restore({"app_telemetry/col1": ["device", "tier_5000"], "app_telemetry/col4": ["device", "tier_5000"],
                       "nope/x": ["basic", "tier_50"], "shop_orders/收货人": ["telepathy", "tier_50"], "shop_orders/手机号": "basic"})
    assert labelling.value["answers"] == {"app_telemetry/col1": ["device", "tier_5000"], "app_telemetry/col4": ["device", "tier_5000"]}
    assert labelling.value["correct"] == {"app_telemetry/col1": True, "app_telemetry/col4": False}
    labelling._dataset.value = "app_telemetry"
    assert labelling._rows["app_telemetry/col1"][1].value == "device"
    labelling.restore({})
    assert labelling.value["answers"] == {} and labelling._rows["app_telemetry/col1"][1].value == ""


def test_reveal_shows_nothing_until_clicked_then_agrees_with_the_key(content):
    reveal = ClassifierReveal(content, lang="en", dataset="app_telemetry", remember_language=False)
    assert reveal.value == {"dataset": "app_telemetry", "shown": False} and "imei" not in reveal._out.value.lower()
    reveal._button.click()
    assert reveal.value["agree"] == reveal.value["total"] == 8
    html = reveal._out.value
    assert "IMEI (device identifier)" in html and "cannot tell them apart" in html and "✓ agrees" in html
    reveal.lang = "zh"
    assert "分类器与标准答案一致的有8列" in reveal._out.value and "仅凭校验无法区分" in reveal._out.value


def test_piece_counter_cites_items_6_and_para_2_and_article_11(content):
    counter = PieceCounter(content, lang="en", dataset="loan_applications", remember_language=False)
    assert counter.value["shown"] is False
    counter._button.click()
    v = counter.value
    assert v["pieces"] == {"tier_50": 165, "tier_500": 15, "tier_5000": 0} and v["duplicates_removed"] == 2
    assert v["engine_input"] == {"conduct": "sell_or_provide", "pieces": v["pieces"]} == counter.engine_input
    html = counter._out.value
    assert "Art. 5 para. 1 item 6" in html and "Art. 5 para. 2 item 3" in html and "Art. 11 para. 3" in html
    assert "按相应比例合计达到有关数量标准的" in html and "十倍以上" in html
    assert "serious circumstances" in html and "3.33" in html and "teaching simplification" in counter._intro.value
    counter.lang = "zh"
    assert "情节严重" in counter._out.value and "教学上的简化" in counter._intro.value


def upload(widget, name, data):
    widget._upload.value = ({"name": name, "type": "text/csv", "size": len(data), "content": memoryview(data),
                             "last_modified": dt.datetime(2024, 1, 1, tzinfo=dt.timezone.utc)},)


def test_upload_classifies_a_file_or_says_why_not(content):
    widget = UploadClassifier(content, lang="en", remember_language=False)
    assert widget.value == {} and "No file uploaded" in widget._out.value
    upload(widget, "leak.csv", "姓名,手机号,备用\n王芳,13812345678,17\n李强,13912345678,18\n".encode("gbk"))
    assert widget.value["columns"] == {"姓名": "name", "手机号": "mobile_number", "备用": None}
    assert widget.value["pieces"]["tier_5000"] == 2 and "unsure" in widget._out.value
    assert widget._upload.value == ()  # bytes dropped after reading
    upload(widget, "bad.csv", b"a,b\n1,2,3\n")
    assert widget.value == {"file": "bad.csv", "error": "bad.csv: ragged rows: row 2 has 3 fields, the header has 2"}
    assert "Cannot read this file" in widget._out.value and "Traceback" not in widget._out.value
    widget.lang = "zh"
    assert "无法读取该文件" in widget._out.value


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


def test_piece_counter_hands_counts_to_the_engine():
    from lessons.widgets.classifier_reveal import PieceCounter

    counter = PieceCounter(lang="en", dataset="app_telemetry", remember_language=False)
    assert "If this whole table were sold" not in counter._out.value  # nothing before the click
    counter._button.click()
    assert counter.value["engine_input"]["pieces"]["tier_50"] >= 50
    assert counter.value["tier_if_sold"] == "serious"
    assert "If this whole table were sold" in counter._out.value and "Missing facts" in counter._out.value
