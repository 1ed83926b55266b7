"""Every text a user sees, from one catalog per language: components/i18n/locales/<lang>/*.toml.

The catalog is data, one file per page plus common.toml, so adding a page's texts or a
language is adding files. tests/unit/test_i18n.py keeps the languages in step; on screen a
missing key falls back to Norwegian, then to the key itself.
"""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path
from typing import Any

LANGUAGES = ("nb", "en")
DEFAULT_LANGUAGE = "nb"
BABEL_LOCALES = {"nb": "nb_NO", "en": "en_GB"}
_LOCALE_DIR = Path(__file__).parent / "locales"


@cache
def catalog(lang: str) -> dict[str, str]:
    """The flattened catalog of one language: {"section.key": "text"}, all its files merged."""
    merged: dict[str, str] = {}
    for path in sorted((_LOCALE_DIR / lang).glob("*.toml")):
        with open(path, "rb") as handle:
            texts = _flatten(tomllib.load(handle))
        clash = merged.keys() & texts.keys()
        if clash:
            raise ValueError(f"{path.name} repeats keys defined in another file: {sorted(clash)}")
        merged.update(texts)
    return merged


def translate(key: str, lang: str, **values: Any) -> str:
    """The text for `key` in `lang`, with {placeholders} filled in."""
    text = catalog(normalise(lang)).get(key)
    if text is None:
        text = catalog(DEFAULT_LANGUAGE).get(key, key)
    return text.format(**values) if values else text


def has(key: str, lang: str) -> bool:
    return key in catalog(normalise(lang))


def enum_label(enum_name: str, code: str | None, lang: str) -> str:
    """The label of an enum code, e.g. enum_label("status", "pagar", "nb") -> "Pågår"."""
    if code is None:
        return translate("common.unknown", lang)
    return translate(f"enum.{enum_name}.{code}", lang)


def normalise(lang: str | None) -> str:
    return lang if lang in LANGUAGES else DEFAULT_LANGUAGE


def _flatten(tree: dict[str, Any], prefix: str = "") -> dict[str, str]:
    flat: dict[str, str] = {}
    for key, value in tree.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(_flatten(value, f"{name}."))
        else:
            flat[name] = str(value)
    return flat
