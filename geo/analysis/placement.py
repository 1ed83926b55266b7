"""Where a row's point came from. A project the register gave only a zone is placed at the
zone's centre by the importer (geometry is required); the pages say so instead of passing
that point off as the project's place. Derived, not stored: the point equals its zone's
centre exactly, as the importer computed it from the same zone shape."""

from __future__ import annotations

import pandas as pd
import shapely


def zone_centre(shape: shapely.Geometry) -> shapely.Geometry:
    """The point a row without coordinates is shown at: inside the zone, also when the zone
    is not convex (a centroid may lie outside)."""
    return shapely.point_on_surface(shape)


def at_zone_centre(rows: pd.DataFrame, areas: pd.DataFrame) -> pd.Series:
    """Per row: True where its point is its zone's centre (the register gave no point)."""
    shapes = areas.set_index("area_id")["geometry"]
    flags = []
    for area, point in zip(rows["area_id"], rows.geometry, strict=True):
        shape = shapes.get(area) if isinstance(area, str) else None
        flags.append(
            point is not None
            and shape is not None
            and not point.is_empty
            and bool(point.equals(zone_centre(shape)))
        )
    return pd.Series(flags, index=rows.index, dtype=bool)
