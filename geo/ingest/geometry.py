"""Where each row lies, in EPSG:25832: from the file's own geometry, a WKT column or two
coordinate columns; the CRS from the file or, when it states none, from the numbers.

A point far from Trondheim is that row's error ("outside Trondheim"), not the file's.
"""

from __future__ import annotations

from collections.abc import Mapping

import geopandas as gpd
import numpy as np
import pyproj
import shapely
from pyproj.exceptions import CRSError
from shapely.geometry import box

from geo import schema
from geo.ingest import messages as msg
from geo.ingest import values
from geo.ingest.fields import labels
from geo.ingest.messages import Message

Ranges = tuple[tuple[float, float], tuple[float, float]]  # (x low, x high), (y low, y high)
# Trondheim municipality's extent in EPSG:25832 (from the Kartverket outline), plus a margin.
TRONDHEIM_BOUNDS = (552_000.0, 7_003_500.0, 587_500.0, 7_038_500.0)
_TRONDHEIM: dict[str, Ranges] = {
    "EPSG:4326": ((9.5, 11.5), (62.8, 63.8)),
    "EPSG:25832": ((520_000.0, 620_000.0), (6_950_000.0, 7_100_000.0)),
    "EPSG:25833": ((220_000.0, 320_000.0), (6_970_000.0, 7_100_000.0)),
}
# for rows that lie elsewhere in Norway: read them, then refuse them by row
_NORWAY: dict[str, Ranges] = {
    "EPSG:4326": ((4.0, 32.0), (57.5, 71.5)),
    "EPSG:25832": ((250_000.0, 1_200_000.0), (6_400_000.0, 7_960_000.0)),
}
_CRS_NAME = {
    "EPSG:4326": ("WGS 84, lengde/bredde (EPSG:4326)", "WGS 84 longitude/latitude (EPSG:4326)"),
    "EPSG:25832": ("ETRS89 / UTM sone 32N (EPSG:25832)", "ETRS89 / UTM zone 32N (EPSG:25832)"),
    "EPSG:25833": ("ETRS89 / UTM sone 33N (EPSG:25833)", "ETRS89 / UTM zone 33N (EPSG:25833)"),
}
POINT_TABLES = ("projects", "meeting_places", "grants")


def detect_crs(
    xs: np.ndarray, ys: np.ndarray, ranges: Mapping[str, Ranges] = _TRONDHEIM
) -> tuple[str, bool] | None:
    """(CRS, swapped) that puts most of these coordinates in the ranges, or None."""
    xs, ys = np.asarray(xs, dtype=float), np.asarray(ys, dtype=float)
    best, best_count = None, 0
    for crs, ((x_low, x_high), (y_low, y_high)) in ranges.items():
        for swapped, (a, b) in ((False, (xs, ys)), (True, (ys, xs))):
            count = int(np.sum((a >= x_low) & (a <= x_high) & (b >= y_low) & (b <= y_high)))
            if count > best_count:
                best, best_count = (crs, swapped), count
    return best


def from_file(
    raw_geometry: gpd.GeoSeries | None,
    crs: str | None,
    wkt: list[str] | None,
    xy: tuple[list[str], list[str]] | None,
    table: str,
    file_rows: list[int],
    columns: dict[str, tuple[str, str]],
    out: list[Message],
    boundary: shapely.Geometry | None = None,
) -> list[shapely.Geometry | None] | None:
    """Every row's geometry in EPSG:25832 (None where a row has none); None when the file
    gives no geometry at all."""
    if raw_geometry is not None:
        geoms = list(raw_geometry.to_numpy())
        where = columns.get("geometry", labels("geometry"))
    elif wkt is not None:
        geoms = [_wkt(text) for text in wkt]
        where = columns["_wkt"]
    elif xy is not None:
        geoms = []
        where = columns["_x"]
        for row, (x, y) in zip(file_rows, zip(*xy, strict=True), strict=True):
            if not x.strip() and not y.strip():
                geoms.append(None)
                continue
            try:
                geoms.append(shapely.Point(values.number(x), values.number(y)))
            except values.BadValueError:
                out.append(
                    msg.error(
                        "Koordinatene er ikke tall.",
                        "The coordinates are not numbers.",
                        row=row,
                        column_nb=f"{columns['_x'][0]} / {columns['_y'][0]}",
                        column_en=f"{columns['_x'][1]} / {columns['_y'][1]}",
                        value=f"{x} {y}",
                        fix_nb="Skriv øst og nord (eller lengde- og breddegrad) som tall.",
                        fix_en="Write east and north (or longitude and latitude) as numbers.",
                    )
                )
                geoms.append(None)
    else:
        return None
    geoms = [None if g is None or g.is_empty else g for g in geoms]
    series = gpd.GeoSeries(geoms)
    resolved = _resolve_crs(series, crs, out)  # may turn swapped axes in `series`
    if resolved is None:
        return [None] * len(geoms)
    series = series.set_crs(resolved, allow_override=True).to_crs(schema.CRS)
    fixed = _repair(list(series.to_numpy()), table, file_rows, where, out)
    _check_inside(fixed, boundary, file_rows, where, out)
    return fixed


def _resolve_crs(series: gpd.GeoSeries, crs: str | None, out: list[Message]) -> str | None:
    valid = series[series.notna()]
    valid = valid[~valid.is_empty]
    if valid.empty:
        return schema.CRS
    centres = valid.representative_point()
    xs, ys = centres.x.to_numpy(), centres.y.to_numpy()
    if crs is not None:
        try:
            crs = pyproj.CRS.from_user_input(crs).to_string()
        except CRSError:
            crs = None
    detected = detect_crs(xs, ys) or detect_crs(xs, ys, _NORWAY)
    if crs is not None and crs != "EPSG:4326" and not (detected and detected[0] == crs):
        out.append(msg.info(f"Koordinatsystem fra fila: {crs}.", f"CRS from the file: {crs}."))
        return crs
    if detected is None:
        out.append(
            msg.error(
                "Koordinatene ligger ikke i Norge i noe kjent koordinatsystem (EPSG:4326, "
                "25832, 25833).",
                "The coordinates lie in Norway in no known CRS (EPSG:4326, 25832, 25833).",
                fix_nb="Oppgi koordinatsystemet i fila, eller bruk lengde- og breddegrad.",
                fix_en="State the CRS in the file, or use longitude and latitude.",
            )
        )
        return None
    found, swapped = detected
    nb, en = _CRS_NAME[found]
    if crs is None:
        out.append(
            msg.info(
                f"Fila oppgir ikke koordinatsystem; ut fra tallene er {nb} antatt.",
                f"The file states no CRS; from the numbers, {en} is assumed.",
            )
        )
    elif crs != found:
        out.append(
            msg.warning(
                f"Fila oppgir {crs}, men tallene passer med {nb}; det er antatt.",
                f"The file states {crs}, but the numbers fit {en}; that is assumed.",
            )
        )
    else:
        out.append(msg.info(f"Koordinatsystem fra fila: {nb}.", f"CRS from the file: {en}."))
    if swapped:
        series[:] = shapely.transform(series.to_numpy(), lambda c: c[:, ::-1])
        out.append(
            msg.warning(
                "Koordinatene sto i motsatt rekkefølge (nord/øst byttet om); de er snudd.",
                "The coordinates were the wrong way round (north/east swapped); they have been "
                "swapped back.",
            )
        )
    return found


def _repair(
    geoms: list[shapely.Geometry | None],
    table: str,
    file_rows: list[int],
    where: tuple[str, str],
    out: list[Message],
) -> list[shapely.Geometry | None]:
    wanted = {"Point"} if table in POINT_TABLES else None
    if table == "areas":
        wanted = {"Polygon", "MultiPolygon"}
    at = {"column_nb": where[0], "column_en": where[1]}
    for position, geom in enumerate(geoms):
        row = file_rows[position]
        if geom is None or geom.is_empty:
            geoms[position] = None
            continue
        if not geom.is_valid:
            fixed = shapely.make_valid(geom)
            if fixed.geom_type == "GeometryCollection":
                polygons = [g for g in fixed.geoms if g.geom_type in ("Polygon", "MultiPolygon")]
                fixed = shapely.union_all(polygons) if polygons else fixed
            polygonal = {"Polygon", "MultiPolygon"}
            if (
                fixed.is_valid
                and not fixed.is_empty
                and (
                    fixed.geom_type == geom.geom_type
                    or {fixed.geom_type, geom.geom_type} <= polygonal
                )
            ):
                geoms[position] = fixed
                out.append(
                    msg.warning(
                        "Ugyldig geometri (f.eks. en flate som krysser seg selv) er reparert "
                        "(make_valid).",
                        "Invalid geometry (e.g. a self-crossing polygon) was repaired "
                        "(make_valid).",
                        row=row,
                        fix_nb="Sjekk formen i forhåndsvisningen.",
                        fix_en="Check the shape in the preview.",
                        **at,
                    )
                )
            else:
                geoms[position] = None
                out.append(
                    msg.error(
                        "Ugyldig geometri som ikke kan repareres.",
                        "Invalid geometry that cannot be repaired.",
                        row=row,
                        fix_nb="Rett geometrien i kartprogrammet.",
                        fix_en="Fix the geometry in the GIS program.",
                        **at,
                    )
                )
                continue
        kind = getattr(geoms[position], "geom_type", None)
        if wanted and kind not in wanted:
            kind_nb, kind_en = ("punkt", "a point") if "Point" in wanted else ("flate", "a polygon")
            out.append(
                msg.error(
                    f"Geometrien er {kind}; tabellen krever {kind_nb}.",
                    f"The geometry is a {kind}; the table needs {kind_en}.",
                    row=row,
                    fix_nb=f"Eksporter laget som {kind_nb}.",
                    fix_en=f"Export the layer as {kind_en}.",
                    **at,
                )
            )
    return geoms


def _check_inside(
    geoms: list[shapely.Geometry | None],
    boundary: shapely.Geometry | None,
    file_rows: list[int],
    where: tuple[str, str],
    out: list[Message],
) -> None:
    area = shapely.buffer(boundary if boundary is not None else box(*TRONDHEIM_BOUNDS), 500.0)
    for position, geom in enumerate(geoms):
        if geom is None or area.intersects(geom):
            continue
        point = gpd.GeoSeries([geom.representative_point()], crs=schema.CRS).to_crs(4326).iloc[0]
        out.append(
            msg.error(
                "Stedet ligger utenfor Trondheim kommune.",
                "The place lies outside Trondheim municipality.",
                row=file_rows[position],
                column_nb=where[0],
                column_en=where[1],
                value=f"{point.y:.4f} N; {point.x:.4f} Ø".replace(".", ","),
                fix_nb="Rett koordinatene (byttet om, feil fortegn?) eller fjern raden.",
                fix_en="Correct the coordinates (swapped, wrong sign?) or remove the row.",
            )
        )
        geoms[position] = None


def _wkt(text: str) -> shapely.Geometry | None:
    if not text.strip():
        return None
    try:
        return shapely.from_wkt(text)
    except shapely.errors.GEOSException:
        return None
