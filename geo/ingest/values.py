"""Values as people type them, turned into the model's: statuses and other closed sets by
their spelling, synonyms and spacing, money ("kr 350 000", "12 345,50", "1,5 mill"), dates
(Excel dates, "01.02.2024") as years, yes/no.

Each converter returns the value or raises BadValueError with what is wrong and what to do.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from typing import Any

from geo import schema
from geo.ingest.fields import enum_labels, normalise


class BadValueError(Exception):
    def __init__(self, nb: str, en: str, fix_nb: str = "", fix_en: str = "") -> None:
        super().__init__(en)
        self.nb, self.en, self.fix_nb, self.fix_en = nb, en, fix_nb, fix_en


# Other ways registers write a code (normalised); the code itself and its label also match.
SYNONYMS: dict[str, dict[str, tuple[str, ...]]] = {
    "ProjectStatus": {
        "ide": ("ide", "idefase", "forslag", "ideer", "skisse"),
        "planlagt": (
            "planlagt",
            "planlegges",
            "planlegging",
            "iplanlegging",
            "ikkestartet",
            "vedtatt",
        ),
        "pagar": (
            "pagar",
            "pagaende",
            "igang",
            "startet",
            "aktiv",
            "underarbeid",
            "paagar",
            "igangsatt",
        ),
        "avsluttet": (
            "avsluttet",
            "ferdig",
            "fullfort",
            "gjennomfort",
            "slutt",
            "lukket",
            "avslutta",
        ),
        "i_drift": (
            "idrift",
            "viderefortidrift",
            "viderefort",
            "drift",
            "permanent",
            "implementert",
            "overfortdrift",
            "overforttildrift",
            "videreforttildrift",
        ),
    },
    "Funding": {
        "kdd": (
            "kdd",
            "kommunalogdistriktsdepartementet",
            "departementet",
            "staten",
            "statligemidler",
        ),
        "husbanken": ("husbanken", "hb"),
        "kommune": (
            "kommune",
            "kommunen",
            "trondheimkommune",
            "kommunalemidler",
            "tk",
            "egenfinansiering",
        ),
        "eu": ("eu", "climagen", "horisonteuropa", "eumidler"),
        "annet": ("annet", "andre", "annen", "privat", "stiftelse", "sponsor"),
    },
    "Goal": {
        "stedsutvikling": ("stedsutvikling", "mal1", "1", "sted"),
        "tjenesteutvikling": ("tjenesteutvikling", "mal2", "2", "tjenester"),
        "lokalsamfunnsutvikling": ("lokalsamfunnsutvikling", "mal3", "3", "lokalsamfunn"),
    },
    "FocusArea": {
        "muligheter": (
            "muligheter",
            "mulighetererforalle",
            "mulighetforalle",
            "muligheterforalleogdemokrati",
            "demokrati",
        ),
        "lokalsamfunn": ("lokalsamfunn", "byggelokalsamfunn"),
        "bomiljo": ("bomiljo", "godeboognaermiljo", "naermiljo", "bonaermiljo", "boognaermiljo"),
        "fou": ("fou", "forskning", "innovasjon", "forskningutviklingoginnovasjon"),
    },
    "WorkLevel": {
        "nabolag": ("nabolag", "nabolagsniva", "individ"),
        "organisasjon": ("organisasjon", "organisasjonsniva", "virksomhet"),
        "system": ("system", "systemniva", "struktur"),
    },
    "PlaceType": {
        "park": ("park", "parker", "friomrade", "grontomrade", "byrom", "torg", "plass"),
        "lekeplass": ("lekeplass", "nærlekeplass", "naerlekeplass", "lekeomrade", "ballokke"),
        "bibliotek": ("bibliotek", "filial"),
        "skole": ("skole", "barneskole", "ungdomsskole", "skolegard"),
        "barnehage": ("barnehage",),
        "kirke": ("kirke", "livssyn", "menighet", "moske", "trossamfunn", "kirkelivssyn"),
        "idrett": (
            "idrett",
            "idrettsanlegg",
            "idrettshall",
            "hall",
            "ballbinge",
            "svommehall",
            "flerbrukshall",
        ),
        "ungdom": ("ungdom", "fritidsklubb", "ungdomsklubb", "ungdomshus", "fritid"),
        "nabolagshus": (
            "nabolagshus",
            "frivilligsentral",
            "grendehus",
            "velhus",
            "kulturhus",
            "motested",
        ),
        "kafe": ("kafe", "kafeannet", "annet", "kafeer", "cafe"),
    },
    "GrantStatus": {
        "innvilget": ("innvilget", "delvisinnvilget", "godkjent", "tildelt", "ja", "innvilga"),
        "avslatt": ("avslatt", "avslag", "ikkeinnvilget", "nei", "avvist"),
    },
    "Level": {code: (code,) for code in schema.values(schema.Level)},
    "Direction": {code: (code,) for code in schema.values(schema.Direction)},
    "RiskArea": {
        "organisatorisk": ("organisatorisk", "organisasjon"),
        "finansiell_politisk": ("finansiellpolitisk", "finansiell", "politisk", "okonomi"),
        "interessent": ("interessent", "interessenter"),
        "gjennomforing": ("gjennomforing",),
    },
    "RiskStatus": {
        "Åpen": ("apen", "open", "ny"),
        "Under oppfølging": ("underoppfolging", "oppfolging", "monitoring", "folgesopp"),
        "Lukket": ("lukket", "closed", "avsluttet"),
    },
}
ENUM_OF_FIELD = {
    ("projects", "status"): "ProjectStatus",
    ("projects", "funding"): "Funding",
    ("projects", "goal"): "Goal",
    ("indicators", "goal"): "Goal",
    ("projects", "focus_area"): "FocusArea",
    ("projects", "work_level"): "WorkLevel",
    ("meeting_places", "place_type"): "PlaceType",
    ("grants", "status"): "GrantStatus",
    ("areas", "level"): "Level",
    ("indicators", "direction"): "Direction",
    ("risks", "risk_area"): "RiskArea",
    ("risks", "status"): "RiskStatus",
}
_TRUE = {"true", "ja", "yes", "1", "x", "sann", "j", "y", "ok"}
_FALSE = {"false", "nei", "no", "0", "usann", "n", "ikke"}


def closed_set(table: str, field: str) -> str | None:
    """The name of the closed set a field holds (e.g. "ProjectStatus"), or None (open text)."""
    return ENUM_OF_FIELD.get((table, field))


def code(text: str, enum: str) -> str:
    """The code `text` means: the code, its label or a synonym, in any case and spacing, or a
    plain typo of one ("pågåår")."""
    codes = SYNONYMS[enum]
    nb, en = enum_labels(enum, "nb"), enum_labels(enum, "en")
    key = normalise(text)
    spellings: dict[str, str] = {}
    for value, others in codes.items():
        for spelling in (value, nb.get(value, ""), en.get(value, ""), *others):
            if normalise(spelling):
                spellings.setdefault(normalise(spelling), value)
    if key in spellings:
        return spellings[key]
    close = difflib.get_close_matches(key, list(spellings), n=1, cutoff=0.8)
    if close and len(key) >= 4:
        return spellings[close[0]]
    raise BadValueError(
        "Verdien er ikke en av de gyldige.",
        "The value is not one of the valid ones.",
        "Bruk en av: " + ", ".join(f"«{nb.get(v, v)}»" for v in codes) + ".",
        "Use one of: " + ", ".join(f"'{en.get(v, v)}'" for v in codes) + ".",
    )


def yes_no(text: str) -> bool:
    key = normalise(text)
    if key in _TRUE:
        return True
    if key in _FALSE:
        return False
    raise BadValueError(
        "Verdien er ikke ja eller nei.",
        "The value is not yes or no.",
        "Skriv «ja» eller «nei».",
        "Write 'ja' (yes) or 'nei' (no).",
    )


_MULTIPLIERS = {
    "mill": 1e6,
    "millioner": 1e6,
    "mnok": 1e6,
    "mnkr": 1e6,
    "mkr": 1e6,
    "mln": 1e6,
    "tusen": 1e3,
    "tnok": 1e3,
    "tkr": 1e3,
    "k": 1e3,
}


def number(text: Any, money: bool = False) -> float:
    """A number as Norwegians write it: "12 345,50", "kr 350 000", "350.000,-", "1,5 mill"."""
    raw = str(text).strip()
    cleaned = raw.lower().replace("\u00a0", " ").replace("\u202f", " ").replace("−", "-")
    cleaned = re.sub(r"\b(kr|nok|kroner)\b\.?|,-|\.-$", " ", cleaned).strip()
    factor = 1.0
    word = re.search(r"([a-z]+)\.?$", cleaned)
    if word and word.group(1) in _MULTIPLIERS:
        factor = _MULTIPLIERS[word.group(1)]
        cleaned = cleaned[: word.start()].strip()
    cleaned = cleaned.replace(" ", "").replace("'", "")
    if "," in cleaned and "." in cleaned:  # 1.234,5 or 1,234.5: the last one is the decimal
        decimal = "," if cleaned.rfind(",") > cleaned.rfind(".") else "."
        cleaned = cleaned.replace("." if decimal == "," else ",", "").replace(decimal, ".")
    elif money and re.fullmatch(r"\d{1,3}(\.\d{3})+", cleaned):
        cleaned = cleaned.replace(".", "")  # "350.000": a thousands point, as in Norway
    else:
        cleaned = cleaned.replace(",", ".")
    if re.fullmatch(r"[+-]?\d+(\.\d+)?", cleaned):
        return float(cleaned) * factor
    raise BadValueError(
        "Verdien er ikke et tall.",
        "The value is not a number.",
        "Skriv et tall, f.eks. 350 000 eller 12 345,50.",
        "Write a number, e.g. 350 000 or 12 345.50.",
    )


_EXCEL_EPOCH = dt.date(1899, 12, 30)


def year(text: str) -> int:
    """The year of "2026", "01.02.2024", "2024-02-01" (an Excel date), "feb. 2024", 45323."""
    cleaned = text.strip()
    if re.fullmatch(r"\d{4}(\.0+)?", cleaned):
        return int(float(cleaned))
    if re.fullmatch(r"\d{5}(\.\d+)?", cleaned):  # an Excel date the sheet shows as a number
        return (_EXCEL_EPOCH + dt.timedelta(days=int(float(cleaned)))).year
    for pattern in (
        "%Y-%m-%d",
        "%d.%m.%Y",
        "%d.%m.%y",
        "%d/%m/%Y",
        "%Y-%m-%dT%H:%M:%S",
        "%m.%Y",
        "%Y-%m",
    ):
        try:
            return dt.datetime.strptime(cleaned, pattern).year
        except ValueError:
            continue
    found = re.findall(r"(?<!\d)(19\d\d|20\d\d)(?!\d)", cleaned)
    worded = re.search(r"[^\W\d_]", cleaned)  # "32.13.2026" is a broken date: not a year
    # "feb. 2024", "høsten 2025", "Q1 2026": words around one year
    if worded and len(set(found)) == 1 and len(cleaned) <= 20:
        return int(found[0])
    raise BadValueError(
        "Verdien er ikke et årstall eller en dato.",
        "The value is not a year or a date.",
        "Skriv et årstall (2026) eller en dato (01.02.2026).",
        "Write a year (2026) or a date (01.02.2026).",
    )
