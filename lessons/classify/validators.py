"""Value detectors: vectorised pattern and check-digit tests on pandas Series.

Every detector takes a Series of strings and returns a boolean Series (same index): True where
the value has the shape (and, where one exists, the valid check digit) of that kind of value.
Values are normalised first: full-width characters become ASCII (NFKC), case is folded where the
format ignores case, and spaces or hyphens are dropped for numbers people write in groups.
Regular expressions use only features Python's ``re`` shares with RE2, so they behave the same on
object and Arrow-backed string columns.
"""
from __future__ import annotations

import re

import numpy as np
import pandas as pd

# GB 11643-1999: weights and check characters of the 18-digit resident identity number (ISO 7064 MOD 11-2).
_ID_WEIGHTS = np.array([7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2], dtype=np.int64)
_ID_CHECK = np.frombuffer(b"10X98765432", dtype=np.uint8)

# GB 32100-2015: the Unified Social Credit Code alphabet (no I, O, Z, S, V) and weights, MOD 31.
_USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS = np.array([1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28], dtype=np.int64)
_USCC_VALUE = np.full(256, -1, dtype=np.int64)
for _i, _c in enumerate(_USCC_ALPHABET):
    _USCC_VALUE[ord(_c)] = _i

# The most common Chinese surnames (covering most of the population); single and double characters.
SURNAMES = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
) | {"欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙"}
_PLATE_PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼"
_ADDRESS_MARKERS = r"(?:省|自治区|市|区|县|旗|镇|乡|街道|路|街|巷|弄|村|号|栋|幢|单元|室|楼)"


def text(s: pd.Series) -> pd.Series:
    """Values as stripped, NFKC-normalised Python strings (object dtype); missing become ''."""
    s = s.astype(object).where(s.notna(), "").astype(str)
    return s.str.normalize("NFKC").str.strip()


def compact(s: pd.Series) -> pd.Series:
    """Normalised values without spaces and hyphens, upper-case (for IDs, cards, phone numbers)."""
    return text(s).str.replace(r"[\s\-]", "", regex=True).str.upper()


class Prepared:
    """The normalised forms of one Series, computed once and shared by all detectors."""

    def __init__(self, s: pd.Series, normalised: bool = False):
        self.index = s.index
        self.text = s if normalised else text(s)
        self._cache: dict[str, pd.Series] = {}

    def form(self, name: str) -> pd.Series:
        if name not in self._cache:
            if name == "compact":
                value = self.text.str.replace(r"[\s\-]", "", regex=True).str.upper()
            elif name == "phone":
                value = self.form("compact").str.replace(r"[()]", "", regex=True)
            elif name == "lower":
                value = self.text.str.lower()
            else:  # "nospace"
                value = self.text.str.replace(" ", "", regex=False)
            self._cache[name] = value
        return self._cache[name]


def _prepared(s) -> Prepared:
    return s if isinstance(s, Prepared) else Prepared(s)


def _digits_matrix(values: pd.Series, width: int) -> np.ndarray:
    """An (n, width) int matrix of the ASCII codes of equal-length ASCII strings."""
    raw = np.array(values.tolist(), dtype=f"S{width}")
    return raw.view(np.uint8).reshape(len(values), width).astype(np.int64)


def _luhn_ok(values: pd.Series) -> pd.Series:
    """Luhn (mod 10) check for all-digit strings of any length; groups by length to stay vectorised."""
    out = pd.Series(False, index=values.index)
    lengths = values.str.len()
    for length in lengths.unique():
        part = values[lengths == length]
        if part.empty or length < 2:
            continue
        d = _digits_matrix(part, int(length)) - 48
        # Double every second digit counting from the right, excluding the check digit itself.
        doubled = np.zeros(int(length), dtype=bool)
        doubled[-2::-2] = True
        d = np.where(doubled, d * 2, d)
        d = np.where(d > 9, d - 9, d)
        out[part.index] = d.sum(axis=1) % 10 == 0
    return out


def _candidates(s: pd.Series, pattern: str) -> tuple[pd.Series, pd.Series]:
    """An all-False result for ``s``, and the compact values that have the shape ``pattern``."""
    p = _prepared(s)
    v = p.form("compact")
    # ASCII only: \d also matches Thai or Arabic-Indic digits, which the byte matrix cannot hold.
    return pd.Series(False, index=p.index), v[v.str.fullmatch(pattern, flags=re.ASCII)]


def _luhn_where(s: pd.Series, pattern: str) -> pd.Series:
    """True where the compact value has the shape ``pattern`` and passes the Luhn check."""
    out, part = _candidates(s, pattern)
    if len(part):
        out[part.index] = _luhn_ok(part)
    return out


def luhn(s: pd.Series) -> pd.Series:
    """Any 12-19 digit number passing the Luhn check (bank cards and IMEIs both use it)."""
    return _luhn_where(s, r"\d{12,19}")


def bank_card(s: pd.Series) -> pd.Series:
    """Bank card numbers: 16-19 digits, a card-scheme prefix (UnionPay 62, Visa 4, Mastercard 5) and Luhn."""
    return _luhn_where(s, r"(?:62\d{14,17}|4\d{15,18}|5[1-5]\d{14,17})")


def imei(s: pd.Series) -> pd.Series:
    """IMEI device identifiers: 15 digits whose last digit is the Luhn check digit."""
    return _luhn_where(s, r"\d{15}")


def resident_id(s: pd.Series) -> pd.Series:
    """18-character resident identity numbers (GB 11643): a real date of birth and the MOD 11-2 check character."""
    out, part = _candidates(s, r"[1-9]\d{16}[\dX]")
    if not len(part):
        return out
    codes = _digits_matrix(part, 18)
    check = _ID_CHECK[(((codes[:, :17] - 48) * _ID_WEIGHTS).sum(axis=1)) % 11]
    born = pd.to_datetime(part.str.slice(6, 14), format="%Y%m%d", errors="coerce")
    plausible = born.notna() & (born.dt.year >= 1900) & (born <= pd.Timestamp("2030-12-31"))
    out[part.index] = (codes[:, 17] == check) & plausible.to_numpy()
    return out


def uscc(s: pd.Series) -> pd.Series:
    """Unified Social Credit Codes of organisations (GB 32100): 18 characters, MOD 31 check character."""
    out, part = _candidates(s, r"[1-9A-HJ-NP-RTUWXY][1-9A-HJ-NP-RTUWXY0]\d{6}[0-9A-HJ-NP-RTUWXY]{10}")
    if not len(part):
        return out
    values = _USCC_VALUE[_digits_matrix(part, 18)]
    expected = (31 - (values[:, :17] * _USCC_WEIGHTS).sum(axis=1) % 31) % 31
    out[part.index] = values[:, 17] == expected
    return out


def mobile(s: pd.Series) -> pd.Series:
    """Mainland mobile numbers: 11 digits from 13x-19x, optionally with +86 / 0086."""
    return _prepared(s).form("phone").str.fullmatch(r"(?:\+?86|0086)?1[3-9]\d{9}")


def landline(s: pd.Series) -> pd.Series:
    """Mainland landline numbers: area code (010, 02x or a 4-digit 0xxx) and 7-8 digits, optionally +86."""
    p = _prepared(s)
    return p.form("phone").str.fullmatch(r"(?:(?:\+?86|0086)0?|0)(?:10|2\d|[3-9]\d{2})[2-9]\d{6,7}") & ~mobile(p)


def email(s: pd.Series) -> pd.Series:
    return _prepared(s).text.str.fullmatch(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}")


_OCTET = r"(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)"


def ipv4(s: pd.Series) -> pd.Series:
    return _prepared(s).text.str.fullmatch(rf"{_OCTET}(?:\.{_OCTET}){{3}}")


def ipv6(s: pd.Series) -> pd.Series:
    """IPv6 addresses in full or '::'-compressed form (at most eight groups, one '::')."""
    v = _prepared(s).form("lower")
    group = r"[0-9a-f]{1,4}"
    full = v.str.fullmatch(rf"(?:{group}:){{7}}{group}")
    compressed = v.str.fullmatch(rf"(?:{group}(?::{group})*)?::(?:{group}(?::{group})*)?")
    groups = v.str.count(":") + 1
    return full | (compressed & (v.str.count("::") == 1) & (groups <= 8))


def ip_address(s: pd.Series) -> pd.Series:
    p = _prepared(s)
    return ipv4(p) | ipv6(p)


def mac(s: pd.Series) -> pd.Series:
    """MAC addresses: six hex pairs separated by ':' or '-' (one separator throughout), or Cisco dotted form."""
    v = _prepared(s).form("lower")
    pair = "[0-9a-f]{2}"
    return (
        v.str.fullmatch(rf"{pair}(?::{pair}){{5}}")
        | v.str.fullmatch(rf"{pair}(?:-{pair}){{5}}")
        | v.str.fullmatch(r"[0-9a-f]{4}\.[0-9a-f]{4}\.[0-9a-f]{4}")
    )


def plate(s: pd.Series) -> pd.Series:
    """Mainland licence plates: province character, issuing-office letter, 5 (or 6 for new-energy) characters."""
    v = _prepared(s).form("compact").str.replace("·", "", regex=False)
    return v.str.fullmatch(rf"[{_PLATE_PROVINCES}][A-HJ-NP-Z][A-HJ-NP-Z0-9]{{4,5}}[A-HJ-NP-Z0-9挂学警]")


def coordinates(s: pd.Series) -> pd.Series:
    """Precise positions 'lat,lon' (4+ decimals) inside China's bounding box, alone or as a ';'-separated track."""
    p = _prepared(s)
    v = p.form("nospace")
    point = r"\d{1,2}\.\d{4,},\d{2,3}\.\d{4,}"
    shaped = v.str.fullmatch(rf"{point}(?:;{point})*")
    out = pd.Series(False, index=p.index)
    if shaped.any():  # the bounding-box test only where the shape fits (extract is slow)
        first = v[shaped].str.extract(r"^(\d{1,2}\.\d+),(\d{2,3}\.\d+)")
        lat = pd.to_numeric(first[0], errors="coerce")
        lon = pd.to_numeric(first[1], errors="coerce")
        out[first.index] = (lat.between(3, 54) & lon.between(73, 136)).to_numpy()
    return out


def date(s: pd.Series) -> pd.Series:
    """Calendar dates written 2021-03-04, 2021/3/4, 2021.03.04 or 2021年3月4日 (no time of day)."""
    return _dates(_prepared(s), r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$")


def datetime(s: pd.Series) -> pd.Series:
    """A date followed by a time of day (HH:MM or HH:MM:SS)."""
    return _dates(_prepared(s), r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?[ T]\d{1,2}:\d{2}(?::\d{2})?$")


def _dates(p: Prepared, pattern: str) -> pd.Series:
    """Values matching ``pattern`` (year, month, day groups) that are real calendar dates."""
    out = pd.Series(False, index=p.index)
    shaped = p.text.str.match(pattern)
    if shaped.any():  # extracting and parsing only where the shape fits
        parts = p.text[shaped].str.extract(pattern)
        joined = parts[0] + "-" + parts[1].str.zfill(2) + "-" + parts[2].str.zfill(2)
        out[parts.index] = pd.to_datetime(joined, format="%Y-%m-%d", errors="coerce").notna().to_numpy()
    return out


def gender(s: pd.Series) -> pd.Series:
    return _prepared(s).form("lower").isin({"男", "女", "m", "f", "male", "female"})


def chinese_name(s: pd.Series) -> pd.Series:
    """Chinese personal names: 2-4 Han characters beginning with a common surname."""
    v = _prepared(s).text.str.replace("·", "", regex=False)
    shaped = v.str.fullmatch(r"[\u4e00-\u9fff]{2,4}")
    return shaped & (v.str.slice(0, 1).isin(SURNAMES) | v.str.slice(0, 2).isin(SURNAMES))


def address(s: pd.Series) -> pd.Series:
    """Chinese postal addresses: Han text with at least three place markers (province, city, road, number...)."""
    v = _prepared(s).text
    return v.str.contains(r"[\u4e00-\u9fff]", regex=True) & (v.str.count(_ADDRESS_MARKERS) >= 3) & (v.str.len() >= 6)


def free_text(s: pd.Series) -> pd.Series:
    """Sentences rather than codes: 8+ characters with words or Chinese text and punctuation or spaces."""
    v = _prepared(s).text
    return (v.str.len() >= 8) & v.str.contains(r"[\u4e00-\u9fff]{2}|[A-Za-z]{2,} [A-Za-z]{2,}", regex=True) & v.str.contains(
        r"[\s，。！？、,.!?；;：:]", regex=True
    )


def number(s: pd.Series) -> pd.Series:
    """Plain numbers such as amounts, counts or durations (not codes with a structure of their own)."""
    return _prepared(s).text.str.replace(",", "", regex=False).str.fullmatch(r"[-+]?\d{1,10}(?:\.\d+)?")


# Detector name -> function, most specific first: a value is explained by the first kind it fits.
DETECTORS = {
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


def pass_rates(s: pd.Series, normalised: bool = False) -> dict[str, float]:
    """Share of non-blank values each detector accepts (detectors with no hits are left out).

    ``normalised``: the values already went through :func:`text` (saves a pass).
    """
    v = s if normalised else text(s)
    v = v[v != ""]
    if v.empty:
        return {}
    p = Prepared(v, normalised=True)
    rates = {}
    for name, detect in DETECTORS.items():
        rate = float(detect(p).mean())
        if rate > 0:
            rates[name] = rate
    return rates
