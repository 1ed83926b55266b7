"""Personal data out of the Nabolagspotten views: organisations only.

A grant list imported by the municipality may carry a contact person, an e-mail address or a
phone number, in columns of their own or written into a text. What the app shows or lets
anyone download passes through ``public_grants``:

1. only the columns in ``PUBLIC_COLUMNS`` are kept (an allow-list: a new column in an import
   is left out until someone decides it is public);
2. e-mail addresses and phone numbers are removed from every kept text;
3. the values of the dropped person columns (a contact's name) are removed wherever they
   appear in a kept text;
4. an ``organisation`` that reads as a person's name (two to four capitalised words, no word
   that names an organisation) is replaced, here and wherever it recurs in the row's texts,
   so a private applicant is never named.
"""

from __future__ import annotations

import re

import pandas as pd

REDACTED = "[…]"
PUBLIC_COLUMNS: tuple[str, ...] = (
    "grant_id",
    "area_id",
    "year",
    "organisation",
    "category",
    "title",
    "amount_applied",
    "amount_granted",
    "status",
    "is_sample",
    "source",
    "geometry",
)
TEXT_COLUMNS: tuple[str, ...] = ("organisation", "category", "title", "source")

# Column names that hold a person's details in typical imports (Norwegian and English).
_PERSON_COLUMN = re.compile(
    r"kontakt|contact|person|navn|name|søker|soker|applicant|e-?post|e-?mail|mail|"
    r"telefon|phone|mobil|tlf|adresse|address|fødsel|birth",
    re.IGNORECASE,
)
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# Norwegian numbers (8 digits, grouped as 12345678, 123 45 678, 12 34 56 78), optionally +47/0047,
# and other international numbers starting with +.
PHONE = re.compile(
    r"(?<![\w+])(?:(?:\+|00)47[\s.-]?)?(?:\d{8}|\d{3}[\s.-]\d{2}[\s.-]\d{3}|\d{2}(?:[\s.-]\d{2}){3})(?!\w)"
    r"|\+\d{1,3}[\s.-]?\d(?:[\s.-]?\d){6,12}(?!\w)"
)
# Words that make a name an organisation's (parts of words, any case: "Tempe velforening").
# Short ones ("AS", "SA", "kor") are not needed: they are not capitalised like a name.
_ORGANISATION_WORDS = (
    "borettslag", "sameie", "forening", "lag", "gruppa", "gruppe", "nettverk", "gjeng",
    "klubb", "korps", "kafe", "kafé", "menighet", "senter", "sentral", "utvalg", "skole",
    "barnehage", "kirke", "moské", "stiftelse", "huset", "verksted", "teater", "festival",
    "samfunn", "union", "idrett", "speider", "aksjon", "kollektiv", "prosjekt", "ungdom",
)  # fmt: skip
_NAME_WORD = re.compile(r"^[A-ZÆØÅÉ][a-zæøåéèüöä]+(?:-[A-ZÆØÅÉ][a-zæøåéèüöä]+)?\.?$")


def public_grants(grants: pd.DataFrame) -> pd.DataFrame:
    """The grants with no personal data left: allowed columns only, texts cleaned."""
    person_columns = [
        c for c in grants.columns if c not in PUBLIC_COLUMNS and _PERSON_COLUMN.search(str(c))
    ]
    frame = grants[[c for c in PUBLIC_COLUMNS if c in grants.columns]].copy()
    personal = [grants[c].tolist() for c in person_columns]
    if "organisation" in grants.columns:  # a private applicant's name, wherever it recurs
        personal.append(
            [v if looks_like_person(v) else None for v in grants["organisation"].tolist()]
        )
    for column in TEXT_COLUMNS:
        if column in frame.columns:
            frame[column] = [
                _clean(value, [values[i] for values in personal])
                for i, value in enumerate(frame[column].tolist())
            ]
    return frame


def looks_like_person(value: object) -> bool:
    """True for "Kari Nordmann" or "Ola J. Hansen"; False for "Tempe velforening"."""
    if not isinstance(value, str):
        return False
    words = value.split()
    if not 2 <= len(words) <= 4:
        return False
    lowered = value.casefold()
    if any(word in lowered for word in _ORGANISATION_WORDS):
        return False
    return all(_NAME_WORD.match(word) or re.fullmatch(r"[A-ZÆØÅ]\.", word) for word in words)


def contains_personal_data(text: str) -> bool:
    """True when ``text`` holds an e-mail address or a phone number."""
    return bool(EMAIL.search(text) or PHONE.search(text))


def _clean(value: object, personal: list[object]) -> object:
    if not isinstance(value, str):
        return value
    text = EMAIL.sub(REDACTED, value)
    text = PHONE.sub(REDACTED, text)
    for item in personal:
        if isinstance(item, str) and len(item.strip()) >= 3:
            text = re.sub(re.escape(item.strip()), REDACTED, text, flags=re.IGNORECASE)
    return text
