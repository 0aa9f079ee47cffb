"""Value detectors: pattern and check-digit tests on lists of strings.

Every detector takes the values of a column (any sequence of strings, or a :class:`Prepared`) and
returns a list of booleans, one per value: True where the value has the shape (and, where one
exists, the valid check digit) of that kind of value. Values are normalised first: full-width
characters become ASCII (NFKC), case is folded where the format ignores case, and spaces or hyphens
are dropped for numbers people write in groups.

The classifier looks at a sample of about a thousand values per column, so plain Python with
compiled patterns is fast here; pandas' string methods cost more per call than they save on so few
values. Digit patterns are ASCII-only (``re.ASCII``): ``\\d`` is 0-9, as in the formats themselves.
"""
from __future__ import annotations

import datetime as _dt
import math
import re
import unicodedata
from collections.abc import Callable, Iterable

from lessons.classify.check_digits import luhn_check, resident_id_check, uscc_check

# The most common Chinese surnames (covering most of the population); single and double characters.
SURNAMES = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
) | {"欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙"}
_PLATE_PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼"
_ADDRESS_MARKERS = r"(?:省|自治区|市|区|县|旗|镇|乡|街道|路|街|巷|弄|村|号|栋|幢|单元|室|楼)"


def _re(pattern: str) -> re.Pattern:
    return re.compile(pattern, re.ASCII)


def _missing(value) -> bool:
    """None, NaN, pandas' NA and NaT: what pandas' ``notna`` calls missing."""
    if value is None:
        return True
    if isinstance(value, float):
        return math.isnan(value)
    return type(value).__name__ in ("NAType", "NaTType")


def text(values: Iterable) -> list[str]:
    """Values as stripped, NFKC-normalised strings; missing ones become ''."""
    normalize = unicodedata.normalize
    return [v if v.isascii() and v.strip() == v else normalize("NFKC", v).strip()
            for v in ("" if _missing(v) else v if isinstance(v, str) else str(v) for v in values)]


_COMPACT = re.compile(r"[\s\-]")  # any Unicode space, as str.strip() takes


def compact(values: Iterable) -> list[str]:
    """Normalised values without spaces and hyphens, upper-case (for IDs, cards, phone numbers)."""
    return [_COMPACT.sub("", v).upper() for v in text(values)]


class Prepared:
    """The normalised forms of one column's values, computed once and shared by all detectors."""

    def __init__(self, values: Iterable, normalised: bool = False):
        self.text = list(values) if normalised else text(values)
        self._cache: dict[str, list] = {}

    def form(self, name: str) -> list:
        if name not in self._cache:
            if name == "compact":
                value = [_COMPACT.sub("", v).upper() for v in self.text]
            elif name == "phone":
                value = [v.replace("(", "").replace(")", "") for v in self.form("compact")]
            elif name == "lower":
                value = [v.lower() for v in self.text]
            else:  # "nospace"
                value = [v.replace(" ", "") for v in self.text]
            self._cache[name] = value
        return self._cache[name]

    def luhn(self) -> list[bool]:
        """The Luhn check of every compact value that is all digits (shared by three detectors)."""
        if "luhn" not in self._cache:
            self._cache["luhn"] = [
                v.isdigit() and v.isascii() and len(v) > 1 and _luhn_ok(v) for v in self.form("compact")
            ]
        return self._cache["luhn"]


def _prepared(values) -> Prepared:
    return values if isinstance(values, Prepared) else Prepared(values)


def _matches(values: list[str], pattern: re.Pattern) -> list[bool]:
    match = pattern.fullmatch
    return [match(v) is not None for v in values]


def _luhn_ok(digits: str) -> bool:
    return luhn_check(digits[:-1]) == digits[-1]


def _luhn_where(values, pattern: re.Pattern) -> list[bool]:
    """True where the compact value has the shape ``pattern`` and passes the Luhn check."""
    p = _prepared(values)
    match = pattern.fullmatch
    return [ok and match(v) is not None for v, ok in zip(p.form("compact"), p.luhn(), strict=True)]


_LUHN = _re(r"\d{12,19}")
_BANK_CARD = _re(r"(?:62\d{14,17}|4\d{15,18}|5[1-5]\d{14,17})")
_IMEI = _re(r"\d{15}")


def luhn(values) -> list[bool]:
    """Any 12-19 digit number passing the Luhn check (bank cards and IMEIs both use it)."""
    return _luhn_where(values, _LUHN)


def bank_card(values) -> list[bool]:
    """Bank card numbers: 16-19 digits, a card-scheme prefix (UnionPay 62, Visa 4, Mastercard 5) and Luhn."""
    return _luhn_where(values, _BANK_CARD)


def imei(values) -> list[bool]:
    """IMEI device identifiers: 15 digits whose last digit is the Luhn check digit."""
    return _luhn_where(values, _IMEI)


_RESIDENT_ID = _re(r"[1-9]\d{16}[\dX]")
_LATEST_BIRTH = _dt.date(2030, 12, 31)


def _real_date(year: str, month: str, day: str) -> _dt.date | None:
    try:
        return _dt.date(int(year), int(month), int(day))
    except ValueError:
        return None


def _resident_id_ok(v: str) -> bool:
    if _RESIDENT_ID.fullmatch(v) is None:
        return False
    if resident_id_check(v[:17]) != v[17]:
        return False
    born = _real_date(v[6:10], v[10:12], v[12:14])
    return born is not None and 1900 <= born.year and born <= _LATEST_BIRTH


def resident_id(values) -> list[bool]:
    """18-character resident identity numbers (GB 11643): a real date of birth and the MOD 11-2 check character."""
    return [_resident_id_ok(v) for v in _prepared(values).form("compact")]


_USCC = _re(r"[1-9A-HJ-NP-RTUWXY][1-9A-HJ-NP-RTUWXY0]\d{6}[0-9A-HJ-NP-RTUWXY]{10}")


def _uscc_ok(v: str) -> bool:
    if _USCC.fullmatch(v) is None:
        return False
    return uscc_check(v[:17]) == v[17]


def uscc(values) -> list[bool]:
    """Unified Social Credit Codes of organisations (GB 32100): 18 characters, MOD 31 check character."""
    return [_uscc_ok(v) for v in _prepared(values).form("compact")]


_MOBILE = _re(r"(?:\+?86|0086)?1[3-9]\d{9}")
_LANDLINE = _re(r"(?:(?:\+?86|0086)0?|0)(?:10|2\d|[3-9]\d{2})[2-9]\d{6,7}")


def mobile(values) -> list[bool]:
    """Mainland mobile numbers: 11 digits from 13x-19x, optionally with +86 / 0086."""
    return _matches(_prepared(values).form("phone"), _MOBILE)


def landline(values) -> list[bool]:
    """Mainland landline numbers: area code (010, 02x or a 4-digit 0xxx) and 7-8 digits, optionally +86."""
    p = _prepared(values)
    return [a and not b for a, b in zip(_matches(p.form("phone"), _LANDLINE), mobile(p), strict=True)]


_EMAIL = _re(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}")


def email(values) -> list[bool]:
    return _matches(_prepared(values).text, _EMAIL)


_OCTET = r"(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)"
_IPV4 = _re(rf"{_OCTET}(?:\.{_OCTET}){{3}}")
_GROUP = r"[0-9a-f]{1,4}"
_IPV6_FULL = _re(rf"(?:{_GROUP}:){{7}}{_GROUP}")
_IPV6_COMPRESSED = _re(rf"(?:{_GROUP}(?::{_GROUP})*)?::(?:{_GROUP}(?::{_GROUP})*)?")


def ipv4(values) -> list[bool]:
    return _matches(_prepared(values).text, _IPV4)


def _ipv6_ok(v: str) -> bool:
    if _IPV6_FULL.fullmatch(v):
        return True
    return _IPV6_COMPRESSED.fullmatch(v) is not None and v.count("::") == 1 and v.count(":") + 1 <= 8


def ipv6(values) -> list[bool]:
    """IPv6 addresses in full or '::'-compressed form (at most eight groups, one '::')."""
    return [_ipv6_ok(v) for v in _prepared(values).form("lower")]


def ip_address(values) -> list[bool]:
    p = _prepared(values)
    return [a or b for a, b in zip(ipv4(p), ipv6(p), strict=True)]


_MAC = _re(r"[0-9a-f]{2}(?::[0-9a-f]{2}){5}|[0-9a-f]{2}(?:-[0-9a-f]{2}){5}|[0-9a-f]{4}\.[0-9a-f]{4}\.[0-9a-f]{4}")


def mac(values) -> list[bool]:
    """MAC addresses: six hex pairs separated by ':' or '-' (one separator throughout), or Cisco dotted form."""
    return _matches(_prepared(values).form("lower"), _MAC)


_PLATE = _re(rf"[{_PLATE_PROVINCES}][A-HJ-NP-Z][A-HJ-NP-Z0-9]{{4,5}}[A-HJ-NP-Z0-9挂学警]")


def plate(values) -> list[bool]:
    """Mainland licence plates: province character, issuing-office letter, 5 (or 6 for new-energy) characters."""
    return _matches([v.replace("·", "") for v in _prepared(values).form("compact")], _PLATE)


_POINT = r"\d{1,2}\.\d{4,},\d{2,3}\.\d{4,}"
_TRACK = _re(rf"{_POINT}(?:;{_POINT})*")
_FIRST_POINT = _re(r"(\d{1,2}\.\d+),(\d{2,3}\.\d+)")


def _in_china(v: str) -> bool:
    first = _FIRST_POINT.match(v)
    if _TRACK.fullmatch(v) is None or first is None:
        return False
    lat, lon = first.groups()
    return 3 <= float(lat) <= 54 and 73 <= float(lon) <= 136


def coordinates(values) -> list[bool]:
    """Precise positions 'lat,lon' (4+ decimals) inside China's bounding box, alone or as a ';'-separated track."""
    return [_in_china(v) for v in _prepared(values).form("nospace")]


_DATE = _re(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?")
_DATETIME = _re(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?[ T]\d{1,2}:\d{2}(?::\d{2})?")


def _dates(values, pattern: re.Pattern) -> list[bool]:
    """Values matching ``pattern`` (year, month, day groups) that are real calendar dates."""
    out = []
    for v in _prepared(values).text:
        m = pattern.fullmatch(v)
        out.append(m is not None and _real_date(*m.groups()) is not None)
    return out


def date(values) -> list[bool]:
    """Calendar dates written 2021-03-04, 2021/3/4, 2021.03.04 or 2021年3月4日 (no time of day)."""
    return _dates(values, _DATE)


def datetime(values) -> list[bool]:
    """A date followed by a time of day (HH:MM or HH:MM:SS)."""
    return _dates(values, _DATETIME)


_GENDERS = {"男", "女", "m", "f", "male", "female"}


def gender(values) -> list[bool]:
    return [v in _GENDERS for v in _prepared(values).form("lower")]


_HAN_NAME = _re(r"[\u4e00-\u9fff]{2,4}")


def chinese_name(values) -> list[bool]:
    """Chinese personal names: 2-4 Han characters beginning with a common surname."""
    out = []
    for v in _prepared(values).text:
        v = v.replace("·", "")
        out.append(_HAN_NAME.fullmatch(v) is not None and (v[:1] in SURNAMES or v[:2] in SURNAMES))
    return out


_HAN = _re(r"[\u4e00-\u9fff]")
_MARKER = _re(_ADDRESS_MARKERS)


def address(values) -> list[bool]:
    """Chinese postal addresses: Han text with at least three place markers (province, city, road, number...)."""
    return [len(v) >= 6 and _HAN.search(v) is not None and len(_MARKER.findall(v)) >= 3 for v in _prepared(values).text]


_WORDS = _re(r"[\u4e00-\u9fff]{2}|[A-Za-z]{2,} [A-Za-z]{2,}")
_PUNCTUATION = re.compile(r"[\s，。！？、,.!?；;：:]")  # any Unicode space


def free_text(values) -> list[bool]:
    """Sentences rather than codes: 8+ characters with words or Chinese text and punctuation or spaces."""
    return [
        len(v) >= 8 and _WORDS.search(v) is not None and _PUNCTUATION.search(v) is not None
        for v in _prepared(values).text
    ]


_NUMBER = _re(r"[-+]?\d{1,10}(?:\.\d+)?")


def number(values) -> list[bool]:
    """Plain numbers such as amounts, counts or durations (not codes with a structure of their own)."""
    return _matches([v.replace(",", "") for v in _prepared(values).text], _NUMBER)


# Detector name -> function, most specific first: a value is explained by the first kind it fits.
DETECTORS: dict[str, Callable[..., list[bool]]] = {
    "resident_id": resident_id,
    "uscc": uscc,
    "bank_card": bank_card,
    "imei": imei,
    "luhn": luhn,
    "mac": mac,
    "ip_address": ip_address,
    "email": email,
    "mobile": mobile,
    "landline": landline,
    "plate": plate,
    "coordinates": coordinates,
    "datetime": datetime,
    "date": date,
    "gender": gender,
    "chinese_name": chinese_name,
    "address": address,
    "free_text": free_text,
    "number": number,
}

# Detectors whose pass also proves a check digit (reported as "checksum pass rate").
CHECKSUM = {"resident_id", "uscc", "bank_card", "imei", "luhn"}


def pass_rates(values: Iterable, normalised: bool = False) -> dict[str, float]:
    """Share of non-blank values each detector accepts (detectors with no hits are left out).

    ``normalised``: the values already went through :func:`text` (saves a pass).
    """
    v = [x for x in (values if normalised else text(values)) if x != ""]
    if not v:
        return {}
    p = Prepared(v, normalised=True)
    rates = {}
    for name, detect in DETECTORS.items():
        hits = sum(detect(p))
        if hits:
            rates[name] = hits / len(v)
    return rates
