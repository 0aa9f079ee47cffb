"""Check characters of the identifiers Lesson 2 validates and generates, one function per scheme.

``lessons.classify.validators`` compares a value's last character with these; the seeded sample
generator (``lessons.classify.datasets``) appends them, so its identifiers pass the validators.
"""
from __future__ import annotations

# GB 11643-1999 resident identity number: ISO 7064 MOD 11-2 over 17 digits (weight of position i: 2**(17-i) mod 11).
ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK = "10X98765432"

# GB 32100-2015 Unified Social Credit Code: 31 characters (no I, O, Z, S, V), MOD 31 (weight i: 3**i mod 31).
USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_USCC_VALUE = {c: i for i, c in enumerate(USCC_ALPHABET)}

# Luhn (ISO/IEC 7812-1), bank cards and IMEIs: a doubled digit d counts as 2d, less 9 above 9.
_DOUBLED = [(2 * d - 9 if d > 4 else 2 * d) for d in range(10)]


def resident_id_check(body: str) -> str:
    """The 18th character of a resident identity number whose first 17 digits are ``body``."""
    return ID_CHECK[sum(int(d) * w for d, w in zip(body, ID_WEIGHTS, strict=True)) % 11]


def uscc_check(body: str) -> str:
    """The 18th character of a Unified Social Credit Code whose first 17 characters are ``body``."""
    total = sum(_USCC_VALUE[c] * w for c, w in zip(body, USCC_WEIGHTS, strict=True))
    return USCC_ALPHABET[(31 - total % 31) % 31]


def luhn_check(body: str) -> str:
    """The Luhn digit to append to the digits ``body``."""
    # With the check digit appended, the body's last digit is second from the right: doubled.
    total = sum(_DOUBLED[int(d)] for d in body[-1::-2]) + sum(map(int, body[-2::-2]))
    return str((10 - total % 10) % 10)
