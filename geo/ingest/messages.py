"""One finding of an import, in Norwegian and English, as the page and the command line show it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

SEVERITIES = ("error", "warning", "info")  # an error blocks the import


@dataclass(frozen=True)
class Message:
    """What was found, where (row as in the file, column as the user sees it), and what to do."""

    severity: str
    nb: str
    en: str
    row: int | None = None  # row number as in the file (header and title rows counted)
    column_nb: str | None = None  # the file's column, or the field's label
    column_en: str | None = None
    value: str | None = None
    fix_nb: str = ""
    fix_en: str = ""

    def column(self, lang: str) -> str | None:
        return self.column_nb if lang == "nb" else self.column_en

    def text(self, lang: str) -> str:
        """One line: «Rad 7, kolonne «Status», verdi «pågåår»: … Gjør: …»."""
        nb = lang == "nb"
        where = []
        if self.row is not None:
            where.append(f"{'Rad' if nb else 'Row'} {self.row}")
        column = self.column(lang)
        if column:
            where.append(
                f"{'kolonne' if nb else 'column'} «{column}»" if nb else f"column '{column}'"
            )
        if self.value not in (None, ""):
            where.append(
                f"{'verdi' if nb else 'value'} «{self.value}»" if nb else f"value '{self.value}'"
            )
        head = ", ".join(where)
        head = head[:1].upper() + head[1:]  # «Kolonne …» when there is no row to start with
        body = self.nb if nb else self.en
        fix = self.fix_nb if nb else self.fix_en
        line = f"{head}: {body}" if head else body
        return f"{line} {fix}".strip() if fix else line

    def as_dict(self) -> dict[str, Any]:
        return {
            "severity": self.severity,
            "row": self.row,
            "column": {"nb": self.column_nb, "en": self.column_en},
            "value": self.value,
            "message": {"nb": self.nb, "en": self.en},
            "fix": {"nb": self.fix_nb, "en": self.fix_en},
        }


def error(nb: str, en: str, **where: Any) -> Message:
    return Message("error", nb, en, **where)


def warning(nb: str, en: str, **where: Any) -> Message:
    return Message("warning", nb, en, **where)


def info(nb: str, en: str, **where: Any) -> Message:
    return Message("info", nb, en, **where)
