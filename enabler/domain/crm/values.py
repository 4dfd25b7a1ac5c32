"""Reading the values CRM exports write: money, counts, dates, websites, names (pure).

Each parser returns None for an empty cell and raises ValueError with a plain-words reason for
a value it cannot read, so the import can report the row by line number and skip it.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable, Mapping
from enum import StrEnum

_EMPTY = {"", "-", "—", "–"}
_CURRENCY = re.compile(r"^(?:[A-Z]{3}\s*)?[$€£¥]?\s*|\s*[A-Z]{3}$")
_THOUSANDS = re.compile(r"^\d{1,3}(,\d{3})+(\.\d+)?$")


class DateOrder(StrEnum):
    MDY = "MDY"  # 11/23/2026, Salesforce's US default
    DMY = "DMY"  # 23/11/2026


def is_empty(text: str) -> bool:
    return text.strip() in _EMPTY


def parse_amount(text: str) -> float | None:
    """'$1,100,000.00', 'USD 740000', '1.234.567,89', '1 250 000' → a number."""
    if is_empty(text):
        return None
    raw = text.strip()
    value = _CURRENCY.sub("", raw.replace("\u00a0", " ")).replace(" ", "").replace("'", "")
    negative = value.startswith("(") and value.endswith(")")
    value = value.strip("()")
    if "," in value and "." in value:
        # The later separator is the decimal one: 1,234.5 or 1.234,5
        if value.rfind(",") > value.rfind("."):
            value = value.replace(".", "").replace(",", ".")
        else:
            value = value.replace(",", "")
    elif "," in value:
        value = value.replace(",", "") if _THOUSANDS.match(value) else value.replace(",", ".")
    elif value.count(".") > 1:
        value = value.replace(".", "")
    try:
        number = float(value)
    except ValueError:
        raise ValueError(f"{raw!r} is not a number") from None
    if number != number or number in (float("inf"), float("-inf")):
        raise ValueError(f"{raw!r} is not a number")
    return -number if negative else number


def parse_count(text: str) -> int | None:
    """A whole, non-negative number such as an employee count."""
    number = parse_amount(text)
    if number is None:
        return None
    if number < 0 or number != int(number):
        raise ValueError(f"{text.strip()!r} is not a whole number")
    return int(number)


SLASHED_DATE = re.compile(r"^(\d{1,2})([/.\-])(\d{1,2})\2(\d{2}|\d{4})$")
_NAMED = ("%b %d, %Y", "%B %d, %Y", "%d %b %Y", "%d %B %Y", "%d-%b-%Y", "%b %d %Y")


def parse_crm_date(text: str, order: DateOrder = DateOrder.MDY) -> dt.date | None:
    """ISO dates and times, 11/23/2026 or 23/11/2026 (by `order`), 23.11.2026, Nov 23, 2026."""
    if is_empty(text):
        return None
    raw = text.strip()
    head = raw.split("T")[0].split(" ")[0]
    try:
        return dt.date.fromisoformat(head)
    except ValueError:
        pass
    m = SLASHED_DATE.match(head)
    if m:
        a, sep, b, year = int(m.group(1)), m.group(2), int(m.group(3)), int(m.group(4))
        year += 2000 if year < 100 else 0
        day_first = sep == "." or order is DateOrder.DMY
        day, month = (a, b) if day_first else (b, a)
        try:
            return dt.date(year, month, day)
        except ValueError:
            way = "day-first" if day_first else "month-first"
            raise ValueError(f"{raw!r} is not a real date ({way})") from None
    for fmt in _NAMED:
        try:
            return dt.datetime.strptime(raw.split(" at ")[0], fmt).date()
        except ValueError:
            continue
    raise ValueError(f"{raw!r} is not a date (expected e.g. 2026-11-23 or 11/23/2026)")


_HOST = re.compile(r"^[\w-]+(\.[\w-]+)+$", re.UNICODE)


def normalise_domain(text: str) -> str:
    """'https://www.Northwind.example/about' → 'northwind.example'; '' when not a web address."""
    host = text.strip().casefold()
    host = re.sub(r"^[a-z][a-z0-9+.-]*://", "", host)
    host = re.split(r"[/?#@\s]", host, maxsplit=1)[0].split(":")[0].rstrip(".")
    host = host.removeprefix("www.")
    return host if _HOST.match(host) else ""


_LEGAL = {
    "inc", "incorporated", "llc", "llp", "ltd", "limited", "corp", "corporation", "co",
    "plc", "gmbh", "ag", "sa", "sas", "bv", "nv", "pty", "oy", "ab", "spa", "srl", "kg",
}  # fmt: skip


def company_key(name: str) -> str:
    """Names that differ only in case, accents, punctuation or 'Inc.' match."""
    text = unicodedata.normalize("NFKD", name.casefold())
    text = "".join(c for c in text if not unicodedata.combining(c)).replace("&", " and ")
    words = re.findall(r"\w+", text)
    if words and words[0] == "the":
        words = words[1:]
    while len(words) > 1 and words[-1] in _LEGAL:
        words.pop()
    # A name of symbols only ("????????", what a lost encoding leaves) matches itself.
    return " ".join(words) or " ".join(name.casefold().split())


# Common CRM industry names for the industries a library is usually written for.
INDUSTRY_ALIASES = {
    "hospital and health care": "Healthcare",  # LinkedIn/HubSpot label
    "hospital health care": "Healthcare",  # HubSpot's internal value HOSPITAL_HEALTH_CARE
    "health care": "Healthcare",
    "healthcare": "Healthcare",
    "medical practice": "Healthcare",
    "banking": "Financial Services",
    "finance": "Financial Services",
    "financial services": "Financial Services",
    "machinery": "Manufacturing",
    "industrial automation": "Manufacturing",
    "manufacturing": "Manufacturing",
}


def industry_key(text: str) -> str:
    return " ".join(re.findall(r"[^\W_]+", text.replace("&", " and ").casefold()))


def canonical_industry(
    text: str, known: Iterable[str] = (), aliases: Mapping[str, str] | None = None
) -> str:
    """A CRM industry in the library's words: 'HOSPITAL_HEALTH_CARE' → 'Healthcare'.

    `aliases` (a mapping file's, keyed by `industry_key`) come first, then the library's own
    industry names, then common CRM names."""
    words = industry_key(text)
    if not words:
        return ""
    if aliases and words in aliases:
        return aliases[words]
    for name in known:
        if industry_key(name) == words:
            return name
    if words in INDUSTRY_ALIASES:
        return INDUSTRY_ALIASES[words]
    clean = " ".join(text.replace("_", " ").split())
    return clean.title() if clean.isupper() else clean
