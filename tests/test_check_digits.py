"""One module computes the check characters (lessons.classify.check_digits); the validators accept exactly what the
sample generator makes with it. Expected values come from the standards' own definitions and published examples."""
import random

from hypothesis import given, settings
from hypothesis import strategies as st

from lessons.classify import validators as v
from lessons.classify.check_digits import (ID_WEIGHTS, USCC_ALPHABET, USCC_WEIGHTS, luhn_check, resident_id_check,
                                           uscc_check)
from lessons.classify.datasets import _Gen


def test_the_weights_are_the_standards_powers():
    assert ID_WEIGHTS == tuple(2 ** (17 - i) % 11 for i in range(17))  # ISO 7064 MOD 11-2
    assert USCC_WEIGHTS == tuple(3**i % 31 for i in range(17))  # GB 32100-2015
    assert len(USCC_ALPHABET) == 31 and not set("IOZSV") & set(USCC_ALPHABET)


def test_published_examples():
    assert resident_id_check("11010519491231002") == "X"  # the example of GB 11643-1999
    assert luhn_check("7992739871") == "3"  # ISO/IEC 7812-1's usual worked example
    assert luhn_check("49015420323751") == "8"  # an IMEI: 49-015420-323751-8


@settings(max_examples=80, deadline=None)
@given(st.text("0123456789", min_size=1, max_size=19))
def test_luhn_digit_makes_the_weighted_sum_a_multiple_of_ten(body):
    number = body + luhn_check(body)
    doubled = [int(d) * 2 for d in number[-2::-2]]
    assert (sum(map(int, number[-1::-2])) + sum(d - 9 if d > 9 else d for d in doubled)) % 10 == 0


@settings(max_examples=80, deadline=None)
@given(st.text(USCC_ALPHABET, min_size=17, max_size=17))
def test_uscc_character_makes_the_weighted_sum_a_multiple_of_31(body):
    code = body + uscc_check(body)
    weights = [3**i % 31 for i in range(17)] + [1]
    assert sum(USCC_ALPHABET.index(c) * w for c, w in zip(code, weights, strict=True)) % 31 == 0


@settings(max_examples=80, deadline=None)
@given(st.text("0123456789", min_size=17, max_size=17))
def test_resident_id_character_satisfies_mod_11_2(body):
    check = resident_id_check(body)
    value = 10 if check == "X" else int(check)
    assert (sum(int(d) * 2 ** (17 - i) for i, d in enumerate(body)) + value) % 11 == 1


def test_what_the_generator_makes_the_validators_accept():
    g = _Gen(7)
    city = g.city()
    ids = [g.resident_id(city, g.birth(), male=bool(i % 2)) for i in range(50)]
    codes = [g.uscc(city) for _ in range(50)]
    cards, imeis = [g.bank_card().replace(" ", "") for _ in range(50)], [g.imei() for _ in range(50)]
    assert all(v.resident_id(ids)) and all(v.uscc(codes)) and all(v.bank_card(cards)) and all(v.imei(imeis))
    broken = [x[:-1] + random.Random(i).choice([c for c in "0123456789" if c != x[-1]]) for i, x in enumerate(imeis)]
    assert not any(v.imei(broken))
