"""Which levekårssone a row belongs to: by the name or code it states, or by its point.

A name is matched in any case and spacing ("tempe - sorgenfri"); the zone's code (e.g. 132)
and id (lks-04) work too. A near miss ("Ladmoen") is taken when the row's point lies in the
zone it nearly names (a correction, reported); otherwise the row is refused with the nearest
names. A stated zone that the point contradicts is kept (the register decides which zone a
project serves; a point may lie just across the border) and the row gets a warning.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

import geopandas as gpd
import pandas as pd
import shapely

from geo.analysis import placement
from geo.ingest import messages as msg
from geo.ingest.fields import normalise
from geo.ingest.messages import Message


@dataclass(frozen=True)
class Zones:
    """The levekårssoner: id, name, code and shape."""

    frame: gpd.GeoDataFrame
    every_level: bool = False  # also bydeler and the kommune (tables of figures and risks)

    @classmethod
    def of(cls, areas: pd.DataFrame, *, every_level: bool = False) -> Zones:
        """The levekårssoner, or with `every_level` every area, levekårssoner first (so a
        name shared with a bydel means the zone)."""
        first = areas["level"] == "levekarssone"
        chosen = pd.concat([areas[first], areas[~first]]) if every_level else areas[first]
        frame = chosen[["area_id", "name", "code", "geometry"]].reset_index(drop=True)
        return cls(gpd.GeoDataFrame(frame, geometry="geometry"), every_level)

    def name(self, area_id: str) -> str:
        found = self.frame.loc[self.frame["area_id"] == area_id, "name"]
        return str(found.iloc[0]) if len(found) else area_id

    def by_text(self) -> dict[str, str]:
        keys: dict[str, str] = {}
        for row in self.frame.itertuples():
            for text in (row.name, row.code, row.area_id):
                if isinstance(text, str) and normalise(text):
                    keys.setdefault(normalise(text), str(row.area_id))
        return keys

    def containing(self, geometry: shapely.Geometry | None) -> str | None:
        if geometry is None or geometry.is_empty:
            return None
        point = geometry.representative_point()
        hits = self.frame[self.frame.contains(point)]
        return None if hits.empty else str(hits["area_id"].iloc[0])

    def centre(self, area_id: str) -> shapely.Geometry:
        shape = self.frame.loc[self.frame["area_id"] == area_id, "geometry"].iloc[0]
        return placement.zone_centre(shape)

    def centres(self) -> dict[str, shapely.Geometry]:
        return {
            str(a): placement.zone_centre(s)
            for a, s in zip(self.frame["area_id"], self.frame.geometry, strict=True)
        }


def resolve(
    stated: list[str] | None,
    geometries: list[shapely.Geometry | None],
    zones: Zones,
    file_rows: list[int],
    column: tuple[str, str],
    out: list[Message],
) -> list[str | None]:
    """The zone id of every row (None where neither a zone nor a point gives one)."""
    keys = zones.by_text()
    result: list[str | None] = []
    for position, row in enumerate(file_rows):
        text = (stated[position] if stated else "").strip()
        geometry = geometries[position] if geometries else None
        lies_in = zones.containing(geometry)
        where = {"row": row, "column_nb": column[0], "column_en": column[1], "value": text}
        if not text:
            result.append(lies_in)
            continue
        found = keys.get(normalise(text))
        if found is None:
            close = difflib.get_close_matches(normalise(text), list(keys), n=3, cutoff=0.6)
            named = list(dict.fromkeys(keys[c] for c in close))
            if lies_in is not None and lies_in in named:
                out.append(
                    msg.warning(
                        f"Ingen sone heter slik; punktet ligger i «{zones.name(lies_in)}», som "
                        "ligner, og raden er lagt dit.",
                        f"No zone has this name; the point lies in '{zones.name(lies_in)}', which "
                        "is close, and the row was put there.",
                        fix_nb="Rett skrivemåten i registeret.",
                        fix_en="Correct the spelling in the register.",
                        **where,
                    )
                )
                result.append(lies_in)
                continue
            suggestions = ", ".join(f"«{zones.name(a)}»" for a in named) or "–"
            suggestions_en = ", ".join(f"'{zones.name(a)}'" for a in named) or "–"
            out.append(
                msg.error(
                    "Ingen levekårssone eller annet område heter slik."
                    if zones.every_level
                    else "Ingen levekårssone heter slik.",
                    "No levekårssone or other area has this name."
                    if zones.every_level
                    else "No levekårssone has this name.",
                    fix_nb=f"Mente du {suggestions}? Rett navnet, eller skriv sonens kode.",
                    fix_en=f"Did you mean {suggestions_en}? Correct the name, or write the "
                    "zone's code.",
                    **where,
                )
            )
            result.append(None)
            continue
        if lies_in is not None and lies_in != found:
            out.append(
                msg.warning(
                    f"Punktet ligger i «{zones.name(lies_in)}», ikke i «{zones.name(found)}». "
                    f"Raden er lagt i «{zones.name(found)}» som registeret sier (sonen det "
                    "gjelder, kan ligge ved siden av stedet).",
                    f"The point lies in '{zones.name(lies_in)}', not in '{zones.name(found)}'. "
                    f"The row was put in '{zones.name(found)}' as the register says (the zone a "
                    "project serves may lie next to its place).",
                    fix_nb="Sjekk sonen eller koordinatene om dette er feil.",
                    fix_en="Check the zone or the coordinates if this is wrong.",
                    **where,
                )
            )
        result.append(found)
    return result
