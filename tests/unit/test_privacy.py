"""No personal data in the Nabolagspotten outputs, even when an import carries it."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
import pytest
import shapely

from geo.analysis import privacy
from geo.schema import CRS

NAME, EMAIL, PHONE = "Kari Nordmann", "kari.nordmann@example.no", "+47 912 34 567"


def _imported() -> gpd.GeoDataFrame:
    """Two grant rows as an import might bring them: contact columns and details in the text."""
    return gpd.GeoDataFrame(
        {
            "grant_id": ["g1", "g2"],
            "area_id": ["lks-09", "lks-26"],
            "year": [2025, 2025],
            "organisation": ["Tempe velforening", "Ola J. Hansen"],  # a private applicant
            "category": ["Kultur", "Nabolagsfest"],
            "title": [f"Gatefest – kontakt {NAME}, {EMAIL}, tlf. {PHONE}", "Grillfest 12345678"],
            "amount_applied": [20000.0, 5000.0],
            "amount_granted": [15000.0, 0.0],
            "status": ["innvilget", "avslatt"],
            "is_sample": [False, False],
            "source": ["Import 2025", "Import 2025"],
            "kontaktperson": [NAME, "Ola J. Hansen"],
            "e-post": [EMAIL, "ola@example.com"],
            "telefon": [PHONE, "12 34 56 78"],
            "notat": ["ring etter kl. 16", ""],  # unknown column: left out too
        },
        geometry=[shapely.Point(570000, 7034000), shapely.Point(570100, 7034100)],
        crs=CRS,
    )


def _all_text(frame: pd.DataFrame) -> str:
    return frame.drop(columns="geometry", errors="ignore").to_csv(index=False)


def test_imported_row_with_name_email_and_phone_comes_out_clean():
    public = privacy.public_grants(_imported())
    text = _all_text(public)
    for personal in (NAME, "Nordmann", EMAIL, "912 34 567", "ola@example.com", "12345678",
                     "Ola J. Hansen", "ring etter"):  # fmt: skip
        assert personal not in text, personal
    assert list(public.columns) == list(privacy.PUBLIC_COLUMNS)
    assert isinstance(public, gpd.GeoDataFrame)


def test_organisations_and_the_rest_of_the_text_stay():
    public = privacy.public_grants(_imported()).set_index("grant_id")
    assert public.loc["g1", "organisation"] == "Tempe velforening"
    assert public.loc["g1", "title"].startswith("Gatefest – kontakt ")
    assert public.loc["g2", "organisation"] == privacy.REDACTED
    assert public.loc["g1", "amount_granted"] == 15000


@pytest.mark.parametrize(
    ("value", "person"),
    [
        ("Kari Nordmann", True),
        ("Ola J. Hansen", True),
        ("Anne-Lise Berg", True),
        ("Tempe velforening", False),
        ("Bjørn Stallares gate borettslag", False),
        ("Sameiet S.P. Andersens veg", False),
        ("Foreldrenettverket Buran", False),
        ("Nyhavna idrettslag", False),
        ("Lademoen", False),
    ],
)
def test_looks_like_person(value, person):
    assert privacy.looks_like_person(value) is person


@pytest.mark.parametrize(
    "text", ["tlf 91234567", "ring 912 34 567", "+47 91 23 45 67", "mail a.b@c.no", "0047 91234567"]
)
def test_contact_details_are_found(text):
    assert privacy.contains_personal_data(text)


@pytest.mark.parametrize("text", ["2023", "Budsjett 18000 kr", "2024–2025", "Grillfest for 120"])
def test_numbers_that_are_not_phones_stay(text):
    assert not privacy.contains_personal_data(text)


def test_the_built_sample_names_no_person(built_tables):
    grants = built_tables["grants"]
    public = privacy.public_grants(grants)
    assert (public["organisation"] == grants["organisation"]).all()
    assert not any(privacy.contains_personal_data(t) for t in _all_text(public).splitlines())


def test_a_private_applicant_is_removed_from_the_whole_row():
    grants = _imported().drop(columns=["kontaktperson", "e-post", "telefon", "notat"])
    grants.loc[1, "title"] = "Grillfest hos Ola J. Hansen"
    public = privacy.public_grants(grants).set_index("grant_id")
    assert public.loc["g2", "organisation"] == privacy.REDACTED
    assert public.loc["g2", "title"] == f"Grillfest hos {privacy.REDACTED}"
