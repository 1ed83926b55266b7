"""Kiosk and presentation modes in AppTest: what they show, hide and refuse.

streamlit-folium cannot run without a browser, so `st_folium` is replaced by a stand-in that
returns what the real one returns before any click.
"""

from __future__ import annotations

import re
from pathlib import Path
from unittest import mock

import pytest
from streamlit.testing.v1 import AppTest

from components import modes
from components.editor import store as editor_store
from components.maps import kiosk as kiosk_map
from geo.analysis import placesearch

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "app.py")
TIMEOUT = 120
# Only these pages may run in the kiosk; everything else (Data page included) must not.
KIOSK_PAGES = {"views/kiosk.py", "views/tilgjengelighet.py"}


def _no_click(fig, **kwargs):
    return {"last_active_drawing": None}


def _run(at: AppTest | None = None, **query: str) -> AppTest:
    if at is None:
        at = AppTest.from_file(APP, default_timeout=TIMEOUT)
        for key, value in query.items():
            at.query_params[key] = value
    with mock.patch("streamlit_folium.st_folium", _no_click):
        at.run()
    return at


def _sidebar_is_bare(at: AppTest) -> bool:
    """No text and no control in the sidebar (it holds only the hidden page scripts)."""
    sidebar = at.sidebar
    return not (
        sidebar.button or sidebar.segmented_control or sidebar.markdown or sidebar.text_input
    )


def _text(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption]
    parts += [t.value for t in at.title] + [s.value for s in at.subheader]
    return "\n".join(parts)


def _other_pages() -> list[str]:
    """Every page file in views/ outside the kiosk's allow-list, as it is now (others add pages)."""
    pages = sorted(f"views/{p.name}" for p in (ROOT / "views").glob("*.py"))
    return [p for p in pages if p not in KIOSK_PAGES]


def test_ordinary_app_has_a_sidebar_with_the_mode_switches():
    at = _run()
    assert not at.exception
    labels = [b.label for b in at.sidebar.button]
    assert "Start presentasjon" in labels and "Start kiosk" in labels


def test_kiosk_shows_the_story_and_no_sidebar():
    at = _run(mode="kiosk")
    assert not at.exception
    assert _sidebar_is_bare(at)
    assert [t.value for t in at.title] == ["Tre nabolag i Trondheim"]
    assert "eksempler på prosjekter (oppdiktet)" in _text(at)
    assert at.query_params["mode"] == "kiosk"


def test_kiosk_next_and_home_buttons_walk_the_story():
    at = _run(mode="kiosk")
    at.button(key="kiosk_next").click()
    _run(at)
    assert [t.value for t in at.title] == ["Lademoen"]
    assert "Del 2 av 4" in _text(at)
    at.button(key="kiosk_home").click()
    _run(at)
    assert [t.value for t in at.title] == ["Tre nabolag i Trondheim"]


def _registered(at: AppTest) -> dict[str, str]:
    """{page file relative to the repo: page hash} of the pages in the run's navigation."""
    return {
        str(Path(info["script_path"]).relative_to(ROOT)): page_hash
        for page_hash, info in at._registered_pages.items()
        if info.get("script_path") and Path(info["script_path"]).name != "app.py"
    }


@pytest.mark.parametrize("target", _other_pages())
def test_kiosk_cannot_reach_other_pages(target):
    at = _run(mode="kiosk")
    assert set(_registered(at)) == KIOSK_PAGES
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page(target)
    # A browser asking for the page's URL sends its page hash: the kiosk runs instead.
    ordinary = _registered(_run())
    if target not in ordinary:
        pytest.skip(f"{target} is not in the ordinary app's navigation")
    at._page_hash = ordinary[target]
    _run(at)
    assert not at.exception
    # Not in the navigation: Streamlit falls back to the kiosk, the page's script never ran.
    assert [t.value for t in at.title] == ["Tre nabolag i Trondheim"]
    assert _sidebar_is_bare(at)


def test_kiosk_hides_the_data_page_even_from_a_signed_in_editor():
    from components.editor import auth as auth_ui
    from geo.store import auth

    editor = auth.User("redaktor@example.org", auth.EDITOR)
    ordinary = AppTest.from_file(APP, default_timeout=TIMEOUT)
    ordinary.session_state[auth_ui._USER] = editor
    assert "views/data.py" in _registered(_run(ordinary))  # an editor has it in the app...
    kiosk = AppTest.from_file(APP, default_timeout=TIMEOUT)
    kiosk.query_params["mode"] = "kiosk"
    kiosk.session_state[auth_ui._USER] = editor
    _run(kiosk)
    assert not kiosk.exception
    assert set(_registered(kiosk)) == KIOSK_PAGES  # ...but not in the kiosk
    kiosk._page_hash = _registered(ordinary)["views/data.py"]  # nor by its URL
    _run(kiosk)
    assert [t.value for t in kiosk.title] == ["Tre nabolag i Trondheim"]


def test_kiosk_locked_by_the_environment_ignores_the_url(monkeypatch):
    monkeypatch.setenv(modes.ENV_MODE, "kiosk")
    at = _run(mode="normal")
    assert not at.exception
    assert [t.value for t in at.title] == ["Tre nabolag i Trondheim"]
    assert _sidebar_is_bare(at)


def test_the_accessibility_statement_is_reachable_in_the_kiosk():
    at = _run(mode="kiosk")
    at.switch_page("views/tilgjengelighet.py")
    _run(at)
    assert not at.exception
    assert [t.value for t in at.title] == ["Tilgjengelighetserklæring for Områdekart"]


def test_writes_are_refused_in_kiosk_mode(monkeypatch):
    monkeypatch.setenv(modes.ENV_MODE, "kiosk")
    with mock.patch.object(modes.st, "session_state", {}):
        assert not modes.writes_allowed()
        with pytest.raises(modes.ReadOnlyModeError):
            modes.require_writable()
        with pytest.raises(modes.ReadOnlyModeError):  # every write of the Data page opens this
            editor_store.writable()
    monkeypatch.delenv(modes.ENV_MODE)
    with mock.patch.object(modes.st, "session_state", {}):
        assert modes.writes_allowed()
        modes.require_writable()


def test_presentation_has_only_the_slides_and_no_sidebar():
    at = _run(mode="presentasjon")
    assert not at.exception
    assert _sidebar_is_bare(at)
    assert [t.value for t in at.title] == ["Områdesatsingene i Trondheim 2026–2031"]
    assert at.query_params["slide"] == "1"
    assert set(_registered(at)) == {"views/presentasjon.py"}
    at._page_hash = _registered(_run())["views/oversikt.py"]  # as an edited URL would ask
    _run(at)
    assert [t.value for t in at.title] == ["Områdesatsingene i Trondheim 2026–2031"]


@pytest.mark.parametrize(
    ("slide", "title"),
    [
        ("2", "Lademoen: soneprofil"),
        ("5", "Mål og status (eksempel)"),
        ("6", "Prosjektporteføljen (eksempel)"),
        ("7", "Risiko (eksempel)"),
        ("99", "Risiko (eksempel)"),  # out of range: the last slide
    ],
)
def test_each_slide_has_its_permalink(slide, title):
    at = _run(mode="presentasjon", slide=slide)
    assert not at.exception
    assert [t.value for t in at.title] == [title]


def test_presentation_buttons_move_and_update_the_permalink():
    at = _run(mode="presentasjon", slide="1")
    at.button(key="slide_next").click()
    _run(at)
    assert at.query_params["slide"] == "2"
    at.button(key="slide_prev").click()
    _run(at)
    assert at.query_params["slide"] == "1"
    assert at.button(key="slide_prev").disabled


def test_presentation_in_english():
    at = _run(mode="presentasjon", slide="6", lang="en")
    assert not at.exception
    assert [t.value for t in at.title] == ["The project portfolio (example)"]


def test_leaving_the_presentation_restores_the_app():
    at = _run(mode="presentasjon")
    exit_button = next(b for b in at.button if b.label == "Avslutt presentasjon")
    exit_button.click()
    _run(at)
    assert not at.exception
    assert "mode" not in at.query_params
    assert not _sidebar_is_bare(at)


def test_leaving_the_presentation_returns_to_the_page_it_was_started_from():
    at = _run()
    at.switch_page("views/risiko.py")
    _run(at)
    next(b for b in at.sidebar.button if b.label == "Start presentasjon").click()
    _run(at)
    assert at.query_params["mode"] == "presentasjon"
    at.button(key="presentation_exit").click()
    _run(at)
    assert not at.exception
    assert "mode" not in at.query_params and "slide" not in at.query_params
    assert [t.value for t in at.title][0] == "Risiko"  # the Risiko page, not the slides
    assert not any(b.label == "Avslutt presentasjon" for b in at.button)


def test_the_slides_as_an_ordinary_page_offer_to_start_not_to_leave():
    at = _run()
    at.switch_page("views/presentasjon.py")
    _run(at)
    assert not at.exception
    assert not any(b.label == "Avslutt presentasjon" for b in at.button)
    at.button(key="presentation_start").click()
    _run(at)
    assert at.query_params["mode"] == "presentasjon"
    assert _sidebar_is_bare(at)


def test_a_server_locked_in_presentation_mode_shows_no_way_out(monkeypatch):
    monkeypatch.setenv(modes.ENV_MODE, "presentasjon")
    at = _run()
    assert not at.exception
    assert not any(b.key == "presentation_exit" for b in at.button)


def test_targets_slide_speaks_the_app_s_status_words():
    at = _run(mode="presentasjon", slide="5")
    text = _text(at)
    assert re.search(r"\d+ i rute", text) and re.search(r"\d+ bak skjema", text)
    assert not re.search(r"\d+ (på vei|etter)\b", text)  # the words the slide used to have


def test_slides_mark_sample_figures_in_the_figure_itself():
    at = _run(mode="presentasjon", slide="2")  # Lademoen
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Prosjekter"].endswith("(eksempel)")
    assert not metrics["Innbyggere (beregnet)"].endswith("(eksempel)")  # real data stays unmarked
    cells = at.table[0].value
    marked = cells["Lademoen"].astype(str).str.endswith("(eksempel)").to_dict()
    # the real indicators (first in the list) stay unmarked, every sample one is marked
    assert not marked["Andel bosatte innen 300 m gange fra lekeplass"]
    assert any(marked.values()) and not all(marked.values())
    risks = _run(mode="presentasjon", slide="7").table[0].value
    assert all(str(title).endswith("(eksempel)") for title in risks.index)


def test_kiosk_zone_marks_every_example_project():
    at = _run(mode="kiosk")
    at.button(key="kiosk_zone_1").click()
    _run(at)
    listed = [m.value for m in at.markdown if "<li>" in m.value]
    items = listed[0].split("<li>")[1:]
    named = [item for item in items if "(se kartet)" not in item]  # not the "… og N til" line
    assert named and all("(eksempel)" in item for item in named)


def test_kiosk_zone_lists_a_few_projects_and_says_how_many_more_the_map_shows():
    at = _run(mode="kiosk")
    at.button(key="kiosk_zone_1").click()
    _run(at)
    tables = kiosk_map.data.tables()
    areas = tables["areas"]
    area_id = areas.loc[areas["name"] == at.title[0].value, "area_id"].iloc[0]
    n_projects = int((tables["projects"]["area_id"] == area_id).sum())
    assert n_projects > 4  # enough to be cut short
    items = [m.value for m in at.markdown if "<li>" in m.value][0].split("<li>")[1:]
    assert len(items) == 4
    assert f"… og {n_projects - 3} til (se kartet)" in items[-1]


def test_kiosk_search_finds_a_street_despite_a_typo_and_lists_what_is_near():
    at = _run(mode="kiosk")
    at.button(key="kiosk_search_open").click()
    _run(at)
    at.text_input(key="kiosk_query").input("innheredsveien")  # one r missing
    at.button[[b.label for b in at.button].index("Søk")].click()
    _run(at)
    assert not at.exception
    text = _text(at)
    assert "Innen ca. 5 minutters gange fra Innherredsveien" in text
    assert "luftlinje" in text  # says how the walk is measured
    assert "(eksempel)" in text  # nearby example projects are marked


def test_kiosk_search_says_plainly_when_nothing_matches():
    at = _run(mode="kiosk")
    at.button(key="kiosk_search_open").click()
    _run(at)
    at.text_input(key="kiosk_query").input("Xyzzyvegen")
    at.button[[b.label for b in at.button].index("Søk")].click()
    _run(at)
    assert not at.exception
    assert "Fant ingen gate eller sted som ligner «Xyzzyvegen»" in _text(at)


def test_kiosk_forgets_the_search_when_the_story_goes_on():
    at = _run(mode="kiosk")
    at.button(key="kiosk_search_open").click()
    _run(at)
    at.text_input(key="kiosk_query").input("Lademoen")
    at.button[[b.label for b in at.button].index("Søk")].click()
    _run(at)
    at.button(key="kiosk_home").click()  # what the idle timer presses
    _run(at)
    at.button(key="kiosk_search_open").click()
    _run(at)
    assert at.text_input(key="kiosk_query").value == ""
    assert "Innen ca. 5 minutters gange" not in _text(at)


def test_kiosk_search_outside_the_focus_zones_draws_its_map_and_says_no_projects():
    at = _run(mode="kiosk")
    at.button(key="kiosk_search_open").click()
    _run(at)
    at.text_input(key="kiosk_query").input("Ladehammeren")  # north of the focus zones
    at.button[[b.label for b in at.button].index("Søk")].click()
    _run(at)
    assert not at.exception
    assert "Ingen eksempelprosjekter så nær" in _text(at)
    # the map itself, as the browser gets it: no project layer to draw is no error
    names = kiosk_map.data.tables()["place_names"]
    row = names[names["name"] == "Ladehammeren"]
    point = row.geometry.iloc[0]
    place = kiosk_map.Place(
        name="Ladehammeren",
        x=point.x,
        y=point.y,
        radius_m=placesearch.walk_radius_m(5),
        project_ids=frozenset(),
        place_ids=frozenset(),
    )
    html = kiosk_map.zone_map(None, "nb", place).get_root().render()
    assert "Ladehammeren" in html and "setPrefix" in html
