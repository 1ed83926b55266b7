"""Page 1 of the zone profile's PDF says plainly which figures are examples, in their own text."""

from __future__ import annotations

import io
import re
from unittest import mock

import pypdf
from streamlit.testing.v1 import AppTest

from tests.app.test_oversikt import APP, TIMEOUT, _clicked


def _first_page(zone: str, lang: str = "nb") -> str:
    captured = {}

    def fake_download_button(label, data=None, **kwargs):
        captured["data"] = data
        return False

    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.query_params["zone"] = zone
    at.query_params["lang"] = lang
    with (
        mock.patch("streamlit_folium.st_folium", _clicked(None)),
        mock.patch("streamlit.download_button", fake_download_button),
    ):
        at.run()
        at.switch_page("views/omradeprofil.py").run()
    assert not at.exception
    reader = pypdf.PdfReader(io.BytesIO(captured["data"]()))
    return " ".join(reader.pages[0].extract_text().split())


def test_pdf_page_one_marks_the_sample_figures_and_the_projects():
    text = _first_page("lks-09")  # Lademoen
    # the project count in the summary line carries the mark right after the figure
    assert re.search(r"\d+ \(eksempel\) prosjekter", text), text[:400]
    # the sample indicators' values and Trondheim's, each marked: at least two marks a row
    assert text.count("(eksempel)") >= 1 + 2 * 3, text


def test_pdf_page_one_marks_them_in_english_too():
    text = _first_page("lks-09", "en")
    assert re.search(r"\d+ \(example\) projects", text), text[:400]
