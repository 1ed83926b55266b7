"""The zone profile as an A4 PDF, built on the server (fpdf2; charts and map by vl-convert).

No Streamlit here: the page passes a ``geo.analysis.profile.ZoneProfile``, the texts it has already
translated, and the Altair charts; this module renders the charts to high-resolution PNG (300
dpi at their printed size), draws the zone and its neighbours as a static map from geometry (no
tiles, no network), and lays out two or more pages with page numbers, date and sources.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import altair as alt
import geopandas as gpd
import vl_convert as vlc
from fpdf import FPDF
from fpdf.enums import XPos, YPos

from components.i18n import format as fmt
from geo.build import browser as prepare

# DejaVu Sans covers Norwegian and the typographic dashes; Debian's fonts-dejavu-core ships it.
_FONT_FILES = next(
    (
        (folder / "DejaVuSans.ttf", folder / "DejaVuSans-Bold.ttf")
        for folder in (Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu"))
        if (folder / "DejaVuSans.ttf").exists() and (folder / "DejaVuSans-Bold.ttf").exists()
    ),
    None,
)
FONT = "DejaVu" if _FONT_FILES else "helvetica"
PNG_SCALE = 4  # vl-convert renders at 72 px per inch; 4 × gives about 300 dpi at print size
MARGIN_MM = 15
INK = (31, 41, 55)
MUTED = (90, 99, 112)
SAMPLE_ORANGE = (179, 84, 30)
RULE = (210, 214, 220)


@dataclass(frozen=True)
class Table:
    """A table for the PDF: headings, rows of text, column widths in mm."""

    headings: Sequence[str]
    rows: Sequence[Sequence[str]]
    widths: Sequence[float]


def zone_map_chart(
    zones: gpd.GeoDataFrame,
    area_id: str,
    *,
    places: gpd.GeoDataFrame | None = None,
    width: int = 320,
    height: int = 300,
) -> alt.LayerChart:
    """A static map of one zone among its neighbours: the zone filled, the neighbours in grey
    with their names, the zone's meeting places as dots. Drawn by Vega from geometry alone."""
    zone = zones[zones["area_id"] == area_id]
    around = zones[zones.intersects(zone.geometry.iloc[0].buffer(300))]
    tolerance = prepare.tolerance_for_zoom(15)
    shapes = prepare.to_browser_geojson(
        around.assign(is_zone=around["area_id"] == area_id),
        ["area_id", "name", "is_zone"],
        tolerance,
    )
    data = alt.Data(values=shapes["features"])
    base = (
        alt.Chart(data)
        .mark_geoshape(stroke="#4B5563", strokeWidth=0.8)
        .encode(
            color=alt.condition(
                "datum.properties.is_zone", alt.value("#EE8866"), alt.value("#EEF0F2")
            )
        )
        .project(type="mercator")
    )
    outline = (
        alt.Chart(alt.Data(values=[f for f in shapes["features"] if f["properties"]["is_zone"]]))
        .mark_geoshape(fillOpacity=0, stroke="#B3541E", strokeWidth=2.5)
        .project(type="mercator")
    )
    centres = around.to_crs(4326).assign(
        lon=lambda df: df.geometry.representative_point().x,
        lat=lambda df: df.geometry.representative_point().y,
    )
    label_data = centres[["lon", "lat", "name", "area_id"]].assign(
        is_zone=lambda df: df["area_id"] == area_id
    )
    labels = (
        alt.Chart(label_data)
        .mark_text(fontSize=10, fontWeight="bold", color="#1F2937")
        .encode(longitude="lon:Q", latitude="lat:Q", text="name:N")
        .project(type="mercator")
    )
    layers: list[alt.Chart] = [base, outline]
    if places is not None and len(places):
        points = places.to_crs(4326)
        dots = alt.Chart(
            points.assign(lon=points.geometry.x, lat=points.geometry.y)[["lon", "lat"]]
        ).mark_circle(size=22, color="#332288", opacity=0.85, stroke="white", strokeWidth=0.5)
        layers.append(dots.encode(longitude="lon:Q", latitude="lat:Q").project(type="mercator"))
    layers.append(labels)
    return alt.layer(*layers).properties(width=width, height=height)


def chart_png(chart: alt.TopLevelMixin) -> bytes:
    """A chart as a PNG at about 300 dpi when printed at its own size."""
    return bytes(vlc.vegalite_to_png(chart.to_json(), scale=PNG_SCALE))


def build(
    *,
    lang: str,
    texts: Mapping[str, str],
    key_figures: Table,
    sections: Sequence[tuple[str, Table | str]],
    images: Mapping[str, bytes],
    sources: Sequence[str],
    today: dt.date | None = None,
) -> bytes:
    """The PDF's bytes.

    ``texts``: translated ``title``, ``zone``, ``subtitle``, ``sample_note``, ``summary``,
    ``map_caption``, ``population_heading``, ``population_caption``, ``key_heading``,
    ``sources_heading``, ``page`` (with {page} and {pages}), ``made`` (with {date}).
    ``images``: PNG bytes for ``map`` and ``population``. ``sections``: after the charts,
    (heading, table or paragraph) in order.
    """
    today = today or dt.date.today()
    pdf = _ProfilePDF(texts, fmt.date(today, lang))
    pdf.add_page()
    pdf.set_text_color(*MUTED)
    pdf.set_font(FONT, "", 11)
    pdf.cell(0, 6, texts["title"], new_x=XPos.LMARGIN, new_y=YPos.NEXT, align="L")
    pdf.set_text_color(*INK)
    pdf.set_font(FONT, "B", 26)
    pdf.cell(0, 13, texts["zone"], new_x=XPos.LMARGIN, new_y=YPos.NEXT, align="L")
    pdf.set_font(FONT, "", 12)
    pdf.multi_cell(0, 6, texts["subtitle"], new_x=XPos.LMARGIN, new_y=YPos.NEXT, align="L")
    pdf.ln(1)
    pdf.set_text_color(*SAMPLE_ORANGE)
    pdf.set_font(FONT, "B", 10)
    pdf.multi_cell(0, 5, texts["sample_note"], new_x=XPos.LMARGIN, new_y=YPos.NEXT, align="L")
    pdf.set_text_color(*INK)
    pdf.ln(2)
    pdf.set_font(FONT, "", 13)
    pdf.multi_cell(0, 7, texts["summary"], new_x=XPos.LMARGIN, new_y=YPos.NEXT, align="L")
    pdf.ln(2)

    top = pdf.get_y()
    map_width = 72.0
    shown = pdf.image(io.BytesIO(images["map"]), x=MARGIN_MM, y=top, w=map_width)
    map_bottom = top + float(shown.rendered_height)
    pdf.set_xy(MARGIN_MM, map_bottom + 1)
    pdf.set_font(FONT, "", 8)
    pdf.set_text_color(*MUTED)
    pdf.multi_cell(
        map_width, 4, texts["map_caption"], new_x=XPos.LMARGIN, new_y=YPos.NEXT, align="L"
    )
    left_bottom = pdf.get_y()
    pdf.set_text_color(*INK)
    right_x = MARGIN_MM + map_width + 6
    pdf.set_xy(right_x, top)
    pdf.set_font(FONT, "B", 13)
    pdf.cell(0, 7, texts["key_heading"], new_x=XPos.LEFT, new_y=YPos.NEXT)
    _table(pdf, key_figures, x=right_x, font_size=9)
    pdf.set_y(max(left_bottom, pdf.get_y()) + 4)

    _heading(pdf, texts["population_heading"])
    pdf.image(io.BytesIO(images["population"]), x=MARGIN_MM, w=120)
    pdf.set_font(FONT, "", 9)
    pdf.set_text_color(*MUTED)
    pdf.multi_cell(
        0, 4.5, texts["population_caption"], new_x=XPos.LMARGIN, new_y=YPos.NEXT, align="L"
    )
    pdf.set_text_color(*INK)

    for heading, body in sections:
        _heading(pdf, heading)
        if isinstance(body, Table):
            _table(pdf, body, x=MARGIN_MM, font_size=10)
        else:
            pdf.set_font(FONT, "", 10)
            pdf.multi_cell(0, 5, body, new_x=XPos.LMARGIN, new_y=YPos.NEXT, align="L")

    _heading(pdf, texts["sources_heading"])
    pdf.set_font(FONT, "", 9)
    for source in sources:
        pdf.multi_cell(0, 4.5, f"• {source}", new_x=XPos.LMARGIN, new_y=YPos.NEXT, align="L")
    return bytes(pdf.output())


class _ProfilePDF(FPDF):
    """A4 portrait with a footer: date on the left, "Side x av y" on the right."""

    def __init__(self, texts: Mapping[str, str], date_text: str) -> None:
        super().__init__(orientation="P", unit="mm", format="A4")
        self.texts = texts
        self.date_text = date_text
        self.set_margins(MARGIN_MM, MARGIN_MM, MARGIN_MM)
        self.set_auto_page_break(auto=True, margin=18)
        self.alias_nb_pages("{nb}")
        _add_fonts(self)
        self.set_title(f"{texts['title']}: {texts['zone']}")
        self.set_lang("nb-NO" if texts.get("lang", "nb") == "nb" else "en-GB")
        self.set_creator("Områdekart")

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(FONT, "", 8)
        self.set_text_color(*MUTED)
        self.cell(0, 5, self.texts["made"].format(date=self.date_text), align="L")
        self.set_x(MARGIN_MM)
        self.cell(0, 5, self.texts["page"].format(page=self.page_no(), pages="{nb}"), align="R")
        self.set_text_color(*INK)


def _add_fonts(pdf: FPDF) -> None:
    if _FONT_FILES:
        pdf.add_font(FONT, "", str(_FONT_FILES[0]))
        pdf.add_font(FONT, "B", str(_FONT_FILES[1]))


def _heading(pdf: FPDF, text: str) -> None:
    if pdf.get_y() > pdf.h - 35:
        pdf.add_page()
    pdf.ln(3)
    pdf.set_draw_color(*RULE)
    pdf.line(MARGIN_MM, pdf.get_y(), pdf.w - MARGIN_MM, pdf.get_y())
    pdf.ln(2)
    pdf.set_font(FONT, "B", 14)
    pdf.cell(0, 8, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT, align="L")


def _table(pdf: FPDF, table: Table, *, x: float, font_size: float) -> None:
    line = font_size * 0.5
    pdf.set_x(x)
    _row(pdf, table.headings, table.widths, x=x, line=line, font_size=font_size, header=True)
    for row in table.rows:
        _row(pdf, row, table.widths, x=x, line=line, font_size=font_size, header=False)


def _row(
    pdf: FPDF,
    cells: Sequence[str],
    widths: Sequence[float],
    *,
    x: float,
    line: float,
    font_size: float,
    header: bool,
) -> None:
    """One table row: cells wrapped within their widths, a rule under the tallest."""
    pdf.set_font(FONT, "B" if header else "", font_size - (1 if header else 0))
    height = _row_height(pdf, cells, widths, line)
    if pdf.get_y() + height > pdf.h - 20:
        pdf.add_page()
    top = pdf.get_y()
    if header:
        pdf.set_fill_color(238, 240, 242)
        pdf.rect(x, top, sum(widths), height + 0.6, style="F")
    pdf.set_xy(x, top)
    for text, width in zip(cells, widths, strict=True):
        left = pdf.get_x()
        pdf.multi_cell(width, line, text, new_x=XPos.RIGHT, new_y=YPos.TOP, align="L")
        pdf.set_xy(left + width, top)
    pdf.set_draw_color(*RULE)
    pdf.line(x, top + height + 0.6, x + sum(widths), top + height + 0.6)
    pdf.set_xy(x, top + height + 1.2)


def _row_height(pdf: FPDF, row: Sequence[str], widths: Sequence[float], line: float) -> float:
    lines = [
        len(pdf.multi_cell(width, line, text, dry_run=True, output="LINES", align="L"))
        for text, width in zip(row, widths, strict=True)
    ]
    return max(lines) * line
