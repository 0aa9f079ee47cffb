"""Terms of punishment as Chinese judgments and English reports write them: the one place that formats them.

Chinese legal writing counts in 年 and 个月 with Chinese numerals ("有期徒刑三年，缓刑三年", "三年二个月",
"一年十个月", "拘役六个月"), never in months alone; English says "3 years 2 months".
"""
from __future__ import annotations

DIGITS = "零一二三四五六七八九"


def zh_number(n: int) -> str:
    """0-99 in Chinese numerals as judgments write them: 二 (not 两), 十, 十一, 二十."""
    if not 0 <= n < 100:
        raise ValueError(f"{n}: only 0-99 are written here")
    tens, ones = divmod(n, 10)
    if tens == 0:
        return DIGITS[ones]
    return ("" if tens == 1 else DIGITS[tens]) + "十" + (DIGITS[ones] if ones else "")


def term_text(months: int, lang: str) -> str:
    """A term of ``months``: "三年二个月" / "3 years 2 months", "十个月" / "10 months", "三年" / "3 years"."""
    if months < 0:
        raise ValueError(f"{months}: a term cannot be negative")
    years, rest = divmod(months, 12)
    if lang == "zh":
        return (f"{zh_number(years)}年" if years else "") + (f"{zh_number(rest)}个月" if rest or not years else "")
    parts = []
    if years:
        parts.append(f"{years} year" + ("s" if years > 1 else ""))
    if rest or not years:
        parts.append(f"{rest} month" + ("s" if rest != 1 else ""))
    return " ".join(parts)


def sentence_text(months: int, lang: str, suspended_months: int | None = None, detention: bool = False) -> str:
    """The principal penalty: "有期徒刑三年，缓刑三年" / "imprisonment of 3 years, suspended for 3 years"."""
    if lang == "zh":
        out = ("拘役" if detention else "有期徒刑") + term_text(months, "zh")
        return out + (f"，缓刑{term_text(suspended_months, 'zh')}" if suspended_months else "")
    kind = "criminal detention" if detention else "imprisonment"
    out = f"{kind} of {term_text(months, 'en')}"
    return out + (f", suspended for {term_text(suspended_months, 'en')}" if suspended_months else "")
