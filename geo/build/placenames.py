"""The place-name gazetteer: OpenStreetMap street names and place labels, one point per name.

Built into the GeoPackage (layer ``place_names``) so the kiosk's "what is happening near me"
search works offline (geo.analysis.placesearch). A street is many edges in OSM: its point is
the edge midpoint nearest the middle of all its edges, so it lies on the street itself. Paths,
service roads, platforms and piers are left out: they are not what a resident searches for.
"""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
import shapely

STREET_CLASSES = ("primary", "secondary", "tertiary", "trunk", "minor")
# Named places worth finding; farms and isolated dwellings are old names of single houses.
PLACE_KINDS = ("suburb", "quarter", "neighbourhood", "locality", "square", "hamlet")


def build_place_names(
    streets: gpd.GeoDataFrame, place_labels: gpd.GeoDataFrame
) -> gpd.GeoDataFrame:
    """Columns ``name``, ``kind`` ("street" or the OSM place kind) and a point geometry."""
    named = streets[streets["name"].notna() & streets["osm_class"].isin(STREET_CLASSES)]
    rows = []
    for name, edges in named.groupby("name", sort=True):
        middle = edges.geometry.union_all().centroid
        midpoints = shapely.line_interpolate_point(edges.geometry.to_numpy(), 0.5, normalized=True)
        nearest = midpoints[int(shapely.distance(midpoints, middle).argmin())]
        rows.append({"name": str(name).strip(), "kind": "street", "geometry": nearest})
    places = place_labels[
        place_labels["osm_place"].isin(PLACE_KINDS) & place_labels["name"].notna()
    ]
    places = places.drop_duplicates("name")
    rows += [
        {"name": str(name).strip(), "kind": str(kind), "geometry": geom}
        for name, kind, geom in zip(
            places["name"], places["osm_place"], places.geometry, strict=True
        )
    ]
    frame = pd.DataFrame(rows, columns=["name", "kind", "geometry"])
    return gpd.GeoDataFrame(frame, geometry="geometry", crs=streets.crs)
