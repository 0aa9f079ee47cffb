"""Numbers as learners type them (lessons/content/numbers.py), and the case facts that use them."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lessons.content.errors import LessonsError
from lessons.content.numbers import NotANumber, parse_number
from lessons.engine.facts import Facts

READ = [
    ("5000", 5000), ("五千", 5000), ("5千", 5000), ("1.5万", 15000), ("两万", 20000), ("三千五百", 3500),
    ("三千五", 3500), ("两万五", 25000), ("３万", 30000), ("５０００", 5000), ("1,000", 1000), ("1，000", 1000),
    ("12,345,678", 12345678), ("5000元", 5000), ("5000条", 5000), ("¥5,000", 5000), ("五千元", 5000),
    ("一百零五", 105), ("十五", 15), ("一千零五十", 1050), ("一亿二千三百万", 123_000_000), ("3万5千", 35000),
    ("壹万贰仟", 12000), ("零", 0), ("0", 0), (" 42 ", 42), ("4999.5", 4999.5), ("0.5", 0.5), ("-5", -5),
    ("负五", -5), ("5000.0", 5000),
]
REFUSED = ["", "abc", "五五", "千五", "1,00", "5,5", "1.2.3", "万", "5千千", "五十千", "1e5", "nan", "inf", "--5",
           "五千abc", "1" * 61, "元"]


@pytest.mark.parametrize("text, number", READ)
def test_reads(text, number):
    value = parse_number(text)
    assert value == number and type(value) is type(number)


@pytest.mark.parametrize("text", REFUSED)
def test_refuses(text):
    with pytest.raises(NotANumber):
        parse_number(text)


DIGIT = "零一二三四五六七八九"


def chinese(n: int) -> str:
    """The standard Chinese numeral of 0 <= n < 10**12 (a reference written independently of the parser)."""
    if n == 0:
        return "零"

    def below_wan(k: int) -> str:
        out, zero = "", False
        for unit, name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
            digit = k // unit % 10
            if digit:
                out += ("零" if zero else "") + DIGIT[digit] + name
                zero = False
            elif out:
                zero = True
        return out

    out, skipped = "", False
    for value, name in ((n // 10**8, "亿"), (n // 10**4 % 10**4, "万"), (n % 10**4, "")):
        if value == 0:
            skipped = skipped or bool(out)
            continue
        if out and (skipped or value < 1000):
            out += "零"
        out += below_wan(value) + name
        skipped = False
    return out


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=0, max_value=10**12 - 1))
def test_chinese_numerals_round_trip(n):
    assert parse_number(chinese(n)) == n, chinese(n)


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=10**15), st.sampled_from(["{:d}", "{:,d}", "{:,d}元", "{:d}条"]))
def test_arabic_numbers_round_trip(n, form):
    text = form.format(n)
    assert parse_number(text) == n
    assert parse_number(text.translate({ord(c): ord(c) + 0xFEE0 for c in "0123456789,"})) == n  # full width


def test_the_case_facts_read_typed_numbers(content):
    facts = Facts.from_dict({"pieces": {"tier_5000": "五千"}, "illegal_gains_yuan": "1.5万"})
    assert facts.pieces.tier_5000 == 5000 and facts.illegal_gains_yuan == 15000


@pytest.mark.parametrize("data, zh", [
    ({"pieces": {"tier_50": "4999.5"}}, "“五十条档信息条数”必须是整数条数，而不是 4999.5"),
    ({"pieces": {"tier_50": "-5"}}, "“五十条档信息条数”不能为负数（-5）"),
    ({"illegal_gains_yuan": "很多"}, "“违法所得（元）”：'很多' 不是数字"),
    ({"business_profit_yuan": -5}, "“利用信息获利（元）”不能为负数（-5）"),
])
def test_the_case_facts_refuse_in_the_pages_language(content, data, zh):
    with pytest.raises(LessonsError) as caught:
        Facts.from_dict(data)
    assert zh in caught.value.in_language(content, "zh")
