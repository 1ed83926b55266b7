"""The zone profile PDF: opens, is A4, has the zone's name, key figures, page numbers, date,
sources and embedded chart and map images; no hidden value ever reaches it."""

from __future__ import annotations

import datetime as dt
import io

import pandas as pd
import pypdf
import pytest

from components.charts import indicators as indicator_charts
from components.i18n import format as fmt
from components.programme import profile_pdf
from geo import schema
from geo.analysis import indicators, profile
from geo.store import GeoPackageStore

A4_POINTS = (595.28, 841.89)


@pytest.fixture(scope="module")
def tables(dataset_path) -> dict[str, pd.DataFrame]:
    store = GeoPackageStore(dataset_path)
    return {name: store.read(name) for name in schema.TABLES}


@pytest.fixture(scope="module")
def suppressed(tables) -> pd.DataFrame:
    return indicators.suppress(
        tables["indicator_values"],
        tables["indicators"],
        indicators.margins_from_areas(tables["areas"]),
    )


def _pdf(tables, suppressed, area_id: str) -> tuple[bytes, profile.ZoneProfile]:
    zone = profile.zone_profile(area_id, tables, suppressed)
    zones = tables["areas"][tables["areas"]["level"] == schema.Level.LEVEKARSSONE]
    catalog = tables["indicators"].set_index("indicator_id")
    rows = [
        [
            str(catalog.loc[f.indicator_id, "name_nb"]),
            "skjult (få personer)" if f.hidden else fmt.number(f.value, "nb", 1),
            fmt.number(f.reference, "nb", 1),
            fmt.number(f.index, "nb", 0),
        ]
        for f in zone.key_figures
    ]
    series = zone.population_series.assign(text="")
    population = indicator_charts.population_lines(
        series, titles={"year": "År", "value": "Innbyggere"}
    )
    texts = {
        "title": "Områdeprofil",
        "zone": zone.name,
        "subtitle": "Satsingssone",
        "sample_note": "Merket * er eksempeldata.",
        "summary": "Sammendrag",
        "map_caption": "Kart",
        "key_heading": "Nøkkeltall",
        "population_heading": "Befolkning",
        "population_caption": "SSB",
        "sources_heading": "Kilder",
        "page": "Side {page} av {pages}",
        "made": "Laget {date}",
    }
    pdf = profile_pdf.build(
        lang="nb",
        texts=texts,
        key_figures=profile_pdf.Table(
            ["Indikator", zone.name, "Trondheim", "Indeks"], rows, [44, 22, 22, 16]
        ),
        sections=[("Risikoer", "Ingen")],
        images={
            "map": profile_pdf.chart_png(profile_pdf.zone_map_chart(zones, area_id)),
            "population": profile_pdf.chart_png(population),
        },
        sources=zone.sources,
        today=dt.date(2026, 11, 22),
    )
    return pdf, zone


def test_pdf_opens_as_a4_with_name_figures_pages_date_and_sources(tables, suppressed):
    pdf, zone = _pdf(tables, suppressed, "lks-09")  # Lademoen
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    width, height = (float(v) for v in reader.pages[0].mediabox.upper_right)
    assert (width, height) == pytest.approx(A4_POINTS, abs=0.5)
    text = "\n".join(page.extract_text() for page in reader.pages)
    flat = " ".join(text.split())
    assert "Lademoen" in text
    for figure in zone.key_figures:
        if not figure.hidden:
            assert fmt.number(figure.value, "nb", 1).replace("\u00a0", " ") in flat
    assert f"Side 1 av {len(reader.pages)}" in flat
    assert "Laget 22.11.2026" in flat
    assert "SSB" in flat and "OpenStreetMap" in flat


def test_pdf_embeds_the_map_and_the_chart_at_print_resolution(tables, suppressed):
    pdf, _zone = _pdf(tables, suppressed, "lks-09")
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    images = [image for page in reader.pages for image in page.images]
    assert len(images) >= 2
    # the population chart: 120 mm wide on paper; at least 250 dpi
    widest = max(image.image.width for image in images)
    assert widest / (120 / 25.4) >= 250


def test_hidden_values_do_not_reach_the_profile(tables, suppressed):
    # a zone with hidden survey figures: its key figures say so and carry no number
    newest = suppressed.groupby("indicator_id")["year"].transform("max")
    hidden = suppressed[
        suppressed["suppressed"]
        & suppressed["area_id"].str.startswith("lks-")
        & (suppressed["year"] == newest)
    ]
    area_id = str(hidden["area_id"].iloc[0])
    zone = profile.zone_profile(area_id, tables, suppressed)
    hidden_figures = [f for f in zone.key_figures if f.hidden]
    assert hidden_figures
    for figure in hidden_figures:
        assert figure.value != figure.value and figure.index != figure.index
        assert figure.difference != figure.difference
