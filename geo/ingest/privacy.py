"""Personal data that never reaches the store: contact people, e-mail addresses, phone
numbers and private persons named as applicants (a grant export from the case system holds
them all). The columns are dropped before anything is converted; the applicant's name is
replaced by «Privatperson»; the report says what was left out and why.
"""

from __future__ import annotations

import re

from geo.ingest import messages as msg
from geo.ingest.fields import normalise
from geo.ingest.messages import Message

PRIVATE_PERSON = "Privatperson"
PERSONAL_COLUMNS = (
    "kontaktperson",
    "kontakt",
    "kontaktpersonnavn",
    "epost",
    "email",
    "mail",
    "epostadresse",
    "telefon",
    "tlf",
    "mobil",
    "telefonnummer",
    "mobilnummer",
    "fodselsnummer",
    "personnummer",
    "fodselsdato",
    "hjemmeadresse",
    "privatadresse",
    "kontonummer",
    "kontonr",
    "kontaktepost",
    "kontakttelefon",
    "sokersepost",
    "sokerstelefon",
)
APPLICANT_KIND = ("sokertype", "typesoker", "sokerkategori", "organisasjonsform")
_ORGANISATION = re.compile(
    r"\b(lag|forening|foreningen|klubb|klubben|as|sa|ba|ans|da|borettslag|brl|sameie|sameiet|"
    r"velforening|vel|menighet|skole|barnehage|kor|korps|idrettslag|il|fau|frivilligsentral|"
    r"senter|sentret|kirke|råd|rådet|stiftelse|stiftelsen|gruppe|gruppa|nettverk|dugnad\w*|"
    r"organisasjon|kommune|lag\w*|\w*lag|\w*forening|\w*klubb|\w*senter|\w*gjengen|\w*huset)\b",
    re.IGNORECASE,
)
_PERSON = re.compile(r"^[A-ZÆØÅ][a-zæøåéü'-]+( [A-ZÆØÅ][a-zæøåéü'.-]*){1,3}$")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")


def personal_columns(columns: list[str]) -> list[str]:
    """The file's columns that hold personal data, by their names."""
    return [c for c in columns if normalise(c) in PERSONAL_COLUMNS]


def is_private_person(applicant: str, kind: str = "") -> bool:
    """Whether an applicant is a private person: said so by a "Søkertype" column, or a name
    of two to four words with no sign of an organisation."""
    if kind:
        return normalise(kind) in ("privatperson", "privat", "person", "enkeltperson")
    text = applicant.strip()
    if _EMAIL.search(text):
        return True
    return bool(_PERSON.match(text)) and not _ORGANISATION.search(text)


def left_out_message(columns: list[str], persons: int) -> list[Message]:
    out = []
    if columns:
        shown = ", ".join(f"«{c}»" for c in columns)
        shown_en = ", ".join(f"'{c}'" for c in columns)
        out.append(
            msg.info(
                f"Kolonnene {shown} er personopplysninger og blir ikke lagret.",
                f"The columns {shown_en} are personal data and are not stored.",
                fix_nb="Dashbordet er åpent for mange; kontaktinfo hører hjemme i "
                "saksbehandlingen.",
                fix_en="The dashboard is open to many; contact details belong in the case system.",
            )
        )
    if persons:
        out.append(
            msg.info(
                f"{persons} søker(e) er privatpersoner; navnet er lagret som «{PRIVATE_PERSON}».",
                f"{persons} applicant(s) are private persons; the name is stored as "
                f"'{PRIVATE_PERSON}'.",
                fix_nb="Navn på enkeltpersoner vises ikke i dashbordet (personvern).",
                fix_en="Names of individuals are not shown in the dashboard (privacy).",
            )
        )
    return out
