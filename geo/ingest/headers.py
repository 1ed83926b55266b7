"""Finding the header row of a sheet kept by people: below a title row or two and blank rows.

The header is the first row that looks most like one: many filled cells, all of them text
(not numbers or dates), and many of them names the importer knows for some field.
"""

from __future__ import annotations

import functools
import re

from geo.ingest import fields

_NUMBER_OR_DATE = re.compile(r"^[\d\s.,:/+-]+$")


def find_header_row(rows: list[list[str]]) -> int:
    """The 1-based number of the header row among the first rows of a sheet."""
    best, best_score = 1, -1.0
    widest = max((_filled(r) for r in rows), default=0)
    for number, row in enumerate(rows, start=1):
        cells = [c.strip() for c in row if c.strip()]
        if len(cells) < 2 and widest >= 2:
            continue  # a title ("Prosjektregister 2026") or a blank row
        texts = [c for c in cells if not _NUMBER_OR_DATE.match(c)]
        known = sum(1 for c in texts if fields.normalise(c) in _known_names())
        score = len(texts) + 3 * known - 2 * (len(cells) - len(texts))
        if score > best_score:
            best, best_score = number, score
    return best


def _filled(row: list[str]) -> int:
    return sum(1 for c in row if c.strip())


@functools.cache
def _known_names() -> frozenset[str]:
    names: set[str] = set(fields.ID_NAMES)
    for synonyms in fields.SYNONYMS.values():
        names.update(fields.normalise(s) for s in synonyms)
    for lang in ("nb", "en"):
        names.update(fields.normalise(label) for label in fields._labels(lang).values())
    return frozenset(names)
