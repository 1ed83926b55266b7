"""The plain mark that a project, grant, risk or figure is an example, in the same type as it.

An audience reads a name or a figure, not a grey caption under it: the mark goes into the same
text (``mark``), so it has the same size and weight and cannot be read past. The page-wide
explanation stays components.page.sample_notice.
"""

from __future__ import annotations

from components.i18n import translate


def word(lang: str) -> str:
    """ "eksempel" / "example"."""
    return translate("sample_mark.example", lang)


def mark(text: str, lang: str) -> str:
    """``text`` followed by the mark: "Ungdomsråd Lademoen (eksempel)", "13,6 % (eksempel)"."""
    return translate("sample_mark.marked", lang, text=text)


def mark_if(text: str, is_sample: bool, lang: str) -> str:
    """``mark`` for a sample row, ``text`` unchanged for real data."""
    return mark(text, lang) if is_sample else text
