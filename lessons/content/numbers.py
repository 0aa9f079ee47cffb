"""Numbers as learners type them: 5000, 5,000, 1，000, ５０００, 五千, 5千, 1.5万, 两万, 三千五百, 5000元, 5000条.

``parse_number(text)`` returns an ``int`` when the value is whole and a ``float`` otherwise (the
caller decides whether a fraction or a negative number can be meant); anything else raises
``NotANumber``. One module, so that the case builder, the JSON reader and the review read alike.
"""
from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation

DIGITS = {"零": 0, "〇": 0, "一": 1, "壹": 1, "二": 2, "贰": 2, "两": 2, "三": 3, "叁": 3, "四": 4, "肆": 4,
          "五": 5, "伍": 5, "六": 6, "陆": 6, "七": 7, "柒": 7, "八": 8, "捌": 8, "九": 9, "玖": 9}
SMALL_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
BIG_UNITS = {"万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8}
# What may follow a number: the unit of an amount or of a count (written after the number in Chinese).
SUFFIXES = ("元人民币", "人民币", "元", "块", "条", "件", "个月", "个", "人", "年", "月", "倍",
            "yuan", "pieces", "years", "year", "months", "month", "times")
MAX_LENGTH = 60  # longer input is not a number anyone types
_ARABIC = re.compile(r"\d+(?:\.\d+)?|\.\d+")
_GROUPED = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")
_TOKEN = re.compile(r"\d+(?:\.\d+)?|\.\d+|.")


class NotANumber(ValueError):
    """The text cannot be read as a number."""


def parse_number(text: str) -> int | float:
    """The number ``text`` means; ``NotANumber`` when it means none (or more than one reading)."""
    if not isinstance(text, str) or len(text) > MAX_LENGTH:
        raise NotANumber(text)
    s = unicodedata.normalize("NFKC", text).strip().replace(" ", "")  # ５０００ -> 5000, ， -> ,
    s = s.lstrip("¥").rstrip()
    for suffix in SUFFIXES:
        if s.endswith(suffix) and len(s) > len(suffix):
            s = s[: -len(suffix)]
            break
    sign = 1
    if s[:1] in ("-", "\u2212", "负"):
        sign, s = -1, s[1:]
    elif s[:1] == "+":
        s = s[1:]
    if not s:
        raise NotANumber(text)
    if "," in s:
        if not _GROUPED.fullmatch(s):  # "1,00" or "5,5": a typing slip, not a number to guess at
            raise NotANumber(text)
        s = s.replace(",", "")
    value = _decimal(s) if _ARABIC.fullmatch(s) else _chinese(s, text)
    value = sign * value
    return int(value) if value == value.to_integral_value() else float(value)


def _decimal(s: str) -> Decimal:
    try:
        return Decimal(s)
    except InvalidOperation:  # pragma: no cover - the pattern admits only decimals
        raise NotANumber(s) from None


def _chinese(s: str, text: str) -> Decimal:
    """Chinese numerals, possibly with Arabic coefficients (5千, 1.5万, 3万5千, 三千五)."""
    done = Decimal(0)      # whole groups of 亿 read so far
    wan = Decimal(0)       # the 万 group inside the current 亿
    section = Decimal(0)   # below 万
    number: Decimal | None = None
    last_unit = 10**5      # small units must fall within a section (千 before 百 before 十)
    last_big = 10**9
    zero = False           # a 零 was written: 三千零五 is 3005, while 三千五 is 3500
    seen = False
    for token in _TOKEN.findall(s):
        if token[0].isdigit() or token[0] == ".":
            if number is not None:
                raise NotANumber(text)
            number, seen = Decimal(token), True
        elif token in DIGITS:
            if DIGITS[token] == 0:
                if number is not None:  # 一〇〇 or 五零: digit strings in Chinese are not amounts
                    raise NotANumber(text)
                zero = True
                continue
            if number is not None:
                raise NotANumber(text)
            number, seen = Decimal(DIGITS[token]), True
        elif token in SMALL_UNITS:
            unit = SMALL_UNITS[token]
            if unit >= last_unit:
                raise NotANumber(text)
            if number is None and not (unit == 10 and section == 0 and not seen):  # 十五 = 15; 百 alone is not
                raise NotANumber(text)
            section += (number if number is not None else 1) * unit
            number, last_unit, zero, seen = None, unit, False, True
        elif token in BIG_UNITS:
            unit = BIG_UNITS[token]
            group = section + (number or 0)
            if group == 0 or unit >= last_big:
                raise NotANumber(text)
            if unit == 10**8:
                done = (done + wan + group) * unit
                wan = Decimal(0)
            else:
                wan += group * unit
            section, number, last_unit, last_big, zero = Decimal(0), None, 10**5, unit, False
        else:
            raise NotANumber(text)
    if not seen:
        if zero and s in ("零", "〇"):
            return Decimal(0)
        raise NotANumber(text)
    if number is not None and not zero and number < 10 and number == int(number):
        # 三千五 = 3500, 两万五 = 25000: a last digit right after a unit counts in the next unit down
        previous = last_unit if last_unit < 10**5 else (last_big if last_big < 10**9 else None)
        if previous is not None and previous >= 100:
            number *= Decimal(previous) / 10
    return done + wan + section + (number or 0)
