"""One figure, every surface, real Chromium: Tempe-Sorgenfri's estimated population reads the
same words and digits on the Oversikt card, Områdeprofil and its PDF, the presentation slide,
the kiosk, the Kart tooltip and the Indikatorer CSV ("ca. 2 700 … (beregnet)")."""

from __future__ import annotations

import csv
import io

import pypdf
import pytest
from playwright.sync_api import Page, expect

from components.i18n import format as fmt
from geo.store import GeoPackageStore
from tests.e2e.conftest import expect_rerun, map_content_frame, wait_for_app_idle, wait_for_map

ZONE, NAME = "lks-26", "Tempe-Sorgenfri"


@pytest.fixture(scope="module")
def shown(dataset_path) -> str:
    """The figure as the one formatter writes it, from the dataset the app runs on."""
    values = GeoPackageStore(dataset_path).read("indicator_values")
    rows = values[(values["indicator_id"] == "befolkning_estimert") & (values["area_id"] == ZONE)]
    newest = rows.loc[rows["year"].idxmax(), "value"]
    text = fmt.estimate(newest, "nb")
    assert text.startswith("ca. ") and text != fmt.number(newest, "nb")  # rounded, said so
    return text


def test_card_profile_and_pdf(page: Page, app_server: str, shown: str, tmp_path) -> None:
    page.goto(f"{app_server}/?zone={ZONE}")
    wait_for_app_idle(page)
    card = page.locator(f".st-key-card-{ZONE}")
    expect(card).to_contain_text(shown)
    expect(card).to_contain_text("Innbyggere (beregnet)")
    card.get_by_text("Hvordan er tallet beregnet?").click()  # opens in the browser, no rerun
    expect(card).to_contain_text("SSB teller innbyggere per delområde")

    page.goto(f"{app_server}/omradeprofil?zone={ZONE}")
    wait_for_app_idle(page)
    metric = page.get_by_test_id("stMetric").first
    expect(metric).to_contain_text("Innbyggere (beregnet)")
    expect(metric).to_contain_text(shown)
    page.get_by_text("Hvordan er tallet beregnet?").first.click()
    expect(page.get_by_text("Hva kan gjøre tallet feil:").first).to_be_visible()
    expect(page.get_by_text("Slik er innbyggertallet beregnet")).to_be_visible()
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Last ned PDF").click()
    target = tmp_path / "profil.pdf"
    download_info.value.save_as(target)
    text = " ".join(" ".join(p.extract_text() for p in pypdf.PdfReader(target).pages).split())
    assert f"{shown} innbyggere (beregnet)".replace("\u00a0", " ") in text.replace("\u00a0", " ")
    assert "Hvordan er tallet beregnet?" in text
    assert "Hva kan gjøre tallet feil:" in text


def test_slide_and_kiosk(page: Page, app_server: str, shown: str) -> None:
    page.goto(f"{app_server}/?mode=presentasjon&slide=4")
    wait_for_app_idle(page)
    expect(page.get_by_role("heading", name=NAME).first).to_be_visible()
    expect(page.get_by_test_id("stMetric").first).to_contain_text(shown)
    expect(page.get_by_text("Hvordan er tallet beregnet?")).to_be_visible()

    page.goto(f"{app_server}/?mode=kiosk&interval=600")
    wait_for_app_idle(page)
    with expect_rerun(page):
        page.get_by_role("button", name=NAME).click()
    story = page.get_by_test_id("stMain")
    expect(story).to_contain_text(f"I {NAME} bor det {shown} mennesker")
    expect(story).to_contain_text("beregnet")


def test_kart_tooltip_and_indikatorer_csv(page: Page, app_server: str, shown: str) -> None:
    page.goto(f"{app_server}/kart?ind=befolkning_estimert&year=2025")
    wait_for_app_idle(page)
    wait_for_map(page)
    frame = map_content_frame(page)
    tooltip = frame.evaluate(
        """(zone) => {
            // hover the zone as a mouse would: Leaflet opens the choropleth's tooltip
            const map = Object.values(window).find((v) => v && v._layers && v.getCenter);
            let text = null;
            map.eachLayer((layer) => {
                const props = layer.feature && layer.feature.properties;
                if (props && props.area_id === zone) {
                    layer.fire("mouseover", {latlng: layer.getBounds().getCenter()}, true);
                    const tip = document.querySelector(".leaflet-tooltip");
                    if (tip) text = tip.innerText;
                }
            });
            return text;
        }""",
        ZONE,
    )
    assert tooltip is not None and NAME in tooltip
    assert shown in tooltip and "beregnet" in tooltip

    page.goto(f"{app_server}/indikatorer?indicator=befolkning_estimert")
    wait_for_app_idle(page)
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Last ned alle år (CSV)").click()
    rows = list(csv.DictReader(io.StringIO(download_info.value.path().read_text("utf-8-sig"))))
    newest = max((r for r in rows if r["area_id"] == ZONE), key=lambda r: int(r["year"]))
    assert newest["value_text"] == shown
    assert "OpenStreetMap" in newest["source"] and "SSB" in newest["source"]
