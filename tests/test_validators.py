"""Value detectors: known good and bad values, check digits; lists and both pandas string dtypes alike."""
import random

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lessons.classify import validators as v


def check(detector, good, bad, dtype=object):
    values = list(good) + list(bad)
    got = detector(values if dtype is list else pd.Series(values, dtype=dtype))
    assert got == [True] * len(good) + [False] * len(bad), list(zip(values, got, strict=False))


@pytest.mark.parametrize("dtype", [list, object, "string"])
def test_resident_id_check_digit_and_birth_date(dtype):
    check(v.resident_id,
          ["11010519491231002X", "11010519491231002x", "110105 19491231 002X", "１１０１０５１９４９１２３１００２Ｘ"],
          ["110105194912310021",  # wrong check digit
           "110105194913310029",  # month 13
           "11010519491231002", "", "not an id", "01010519491231002X",
           "440524188001010014"], dtype)  # valid check digit, but born 1880: not a living person


def test_resident_id_rejects_impossible_date_even_with_valid_check_digit():
    body = "11010519490230001"  # 30 February
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    number = body + "10X98765432"[sum(int(d) * w for d, w in zip(body, weights, strict=True)) % 11]
    assert v.resident_id([number]) == [False]


def test_luhn_bank_card_and_imei_are_told_apart_by_length_not_by_checksum():
    imei, card = "490154203237518", "4111111111111111"
    s = [imei, card]
    assert v.luhn(s) == [True, True]  # both pass the same check digit
    assert v.imei(s) == [True, False]
    assert v.bank_card(s) == [False, True]


def test_bank_cards_unionpay_grouped_and_wrong():
    unionpay = _luhn_complete("622202020011223344")  # 19 digits
    grouped = " ".join(unionpay[i:i + 4] for i in range(0, 19, 4))
    check(v.bank_card, [unionpay, grouped, "4111-1111-1111-1111"],
          ["4111111111111112", "62220202", _luhn_complete("123456781234567"), _luhn_complete("62220202001122")])


def test_uscc():
    check(v.uscc, ["91350100M000100Y43"], ["91350100M000100Y44", "91350100M000100Y4", "I1350100M000100Y43"])


def test_mobile_and_landline():
    check(
        v.mobile,
        ["13812345678", "+86 138 1234 5678", "+8613812345678", "0086-138-1234-5678", "１３８１２３４５６７８"],
        ["12812345678", "1381234567", "010-62345678"],
    )
    check(v.landline, ["010-62345678", "(021)55556666", "0571-88889999", "+86 755 83334444"],
          ["13812345678", "12345678", "010-12345678"])


def test_email_ip_mac():
    check(v.email, ["li.ming88@163.com", "a+b@sub.example.cn"], ["li.ming@", "@qq.com", "li ming@qq.com"])
    check(
        v.ip_address,
        ["192.168.1.1", "240e:3a1::1", "2001:db8:0:0:0:0:2:1", "::1"],
        ["256.1.1.1", "1.2.3", "1::2::3", "abc"],
    )
    check(
        v.mac,
        ["28:6c:07:aa:bb:cc", "28-6C-07-AA-BB-CC", "286c.07aa.bbcc"],
        ["28:6c:07-aa:bb:cc", "28:6c:07:aa:bb", "gg:6c:07:aa:bb:cc"],
    )


def test_plate_coordinates_dates():
    check(v.plate, ["京A12345", "粤B·D12345", "沪AD1234F"], ["京I12345", "A12345", "京A1234"])
    check(
        v.coordinates,
        ["39.904200,116.407400", "31.2304,121.4737;31.2310,121.4740"],
        ["1.0,2.0", "39.9,116.4", "60.0000,10.0000"],
    )
    check(v.date, ["2021-03-04", "2021/3/4", "2021年3月4日"], ["2021-02-30", "2021-03-04 10:00", "04/03/2021"])
    check(v.datetime, ["2021-03-04 10:00", "2021-03-04 10:00:59"], ["2021-03-04", "2021-13-04 10:00"])


def test_names_addresses_free_text():
    check(v.chinese_name, ["王秀英", "欧阳娜娜", "李明"], ["张", "Alice", "内科", "王秀英王秀英"])
    check(
        v.address,
        ["北京市朝阳区建国路88号3栋2单元501室", "浙江省杭州市西湖区文三路12号"],
        ["北京", "hello world", "朝阳区"],
    )
    check(
        v.free_text,
        ["明天上午十点在门口见，别迟到！", "see you at the gate tomorrow, ok?"],
        ["2型糖尿病", "13812345678", "wxid_abc"],
    )


def test_pass_rates_ignore_blanks_and_report_only_hits():
    rates = v.pass_rates(pd.Series(["490154203237518", "", None, "356938035643809"]))
    assert rates == {"imei": 1.0, "luhn": 1.0}
    assert v.pass_rates(pd.Series(["", None])) == {}
    assert v.pass_rates(pd.Series(["490154203237518", pd.NA], dtype="string")) == {"imei": 1.0, "luhn": 1.0}


def test_digits_are_ascii_digits_and_missing_values_are_blank():
    assert v.number(["١٢٣", "123"]) == [False, True]  # Arabic-Indic digits are not an amount or a code
    assert v.mobile(["１３８１２３４５６７８"]) == [True]  # full-width digits are folded to ASCII first
    assert v.text([None, float("nan"), pd.NA, pd.NaT, 5, " 京Ａ "]) == ["", "", "", "", "5", "京A"]


def _luhn_complete(body: str) -> str:
    total = 0
    for i, d in enumerate(reversed(body)):
        n = int(d) * (2 if i % 2 == 0 else 1)
        total += n - 9 if n > 9 else n
    return body + str((10 - total % 10) % 10)


@settings(max_examples=60, deadline=None)
@given(st.text("0123456789", min_size=14, max_size=14), st.integers(0, 14), st.integers(1, 9))
def test_luhn_catches_every_single_digit_error(body, position, delta):
    number = _luhn_complete(body)
    wrong = number[:position] + str((int(number[position]) + delta) % 10) + number[position + 1:]
    assert v.imei([number, wrong]) == [True, False]


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 10**9), st.integers(0, 16), st.integers(1, 9))
def test_resident_id_catches_every_single_digit_error(seed, position, delta):
    r = random.Random(seed)
    body = (
        "110105"
        + f"{r.randrange(1950, 2005)}{r.randrange(1, 13):02d}{r.randrange(1, 29):02d}"
        + f"{r.randrange(1000):03d}"
    )
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    number = body + "10X98765432"[sum(int(d) * w for d, w in zip(body, weights, strict=True)) % 11]
    wrong = number[:position] + str((int(number[position]) + delta) % 10) + number[position + 1:]
    assert v.resident_id([number, wrong]) == [True, False]
