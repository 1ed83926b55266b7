"""The Data page in AppTest: absent for viewers, sign-in, edits through the form, role checks.

Writes go to a temp copy of the dataset (OMRADEKART_GPKG), never to data/omradekart.gpkg.
streamlit-folium cannot run without a browser, so `st_folium` is replaced by a fake.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from unittest import mock

import pytest
from streamlit.testing.v1 import AppTest

from geo.store import GeoPackageStore, auth

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "app.py")
TIMEOUT = 180
PASSWORD = "riktig-hest-batteri"
ACCOUNTS = {
    "kari": {"password_hash": auth.hash_password(PASSWORD), "role": "editor"},
    "ola": {"password_hash": auth.hash_password(PASSWORD), "role": "viewer"},
}


@pytest.fixture
def gpkg(dataset_path: Path, tmp_path: Path, monkeypatch) -> Path:
    copy = tmp_path / "omradekart.gpkg"
    shutil.copyfile(dataset_path, copy)
    monkeypatch.setenv("OMRADEKART_GPKG", str(copy))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    from components.editor import auth as auth_ui

    auth_ui._throttle.clear()  # one throttle per process: start each test with none
    return copy


def _no_click(fig, *, key=None, **kwargs):
    return None


def _run(at: AppTest) -> AppTest:
    with mock.patch("streamlit_folium.st_folium", _no_click):
        at.run()
    assert not at.exception, at.exception
    return at


def _app(user: auth.User | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.secrets["local_users"] = ACCOUNTS
    if user is not None:
        at.session_state["auth_user"] = user
    return at


# AppTest keeps no sidebar after the first run of an app with st.navigation (Streamlit 1.67),
# so the sign-in control is driven on its own here, as the sidebar of app.py calls it.
SIGN_IN = """
import streamlit as st
from components.editor import auth as auth_ui
with st.sidebar:
    auth_ui.sidebar_control("nb")
"""


def _sign_in_app() -> AppTest:
    at = AppTest.from_string(SIGN_IN, default_timeout=TIMEOUT)
    at.secrets["local_users"] = ACCOUNTS
    return at


def _sign_in(at: AppTest, name: str, password: str) -> AppTest:
    at.text_input(key="auth_name").input(name)
    at.text_input(key="auth_password").input(password)
    at.button(key="auth_sign_in").click()
    return _run(at)


def _texts(at: AppTest) -> str:
    return "\n".join(e.value for e in [*at.error, *at.success, *at.caption, *at.markdown])


def test_a_viewer_sees_a_sign_in_and_cannot_navigate_to_the_data_page(gpkg):
    at = _run(_app())
    assert "auth_name" in [w.key for w in at.text_input]
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page("views/data.py")  # not registered in st.navigation for a viewer


def test_signing_in_as_editor(gpkg):
    at = _sign_in(_run(_sign_in_app()), "kari", PASSWORD)
    assert at.session_state["auth_user"] == auth.User("kari", auth.EDITOR)
    assert "Innlogget som kari (redaktør)" in _texts(at)


def test_an_editor_gets_the_data_page(gpkg):
    at = _run(_app(auth.User("kari", auth.EDITOR)))
    at.switch_page("views/data.py")
    _run(at)
    assert [t.value for t in at.title] == ["Data"]
    assert at.selectbox(key="import_table").value == "projects"


def test_a_wrong_password_is_refused_and_slowed_down(gpkg):
    at = _run(_sign_in_app())
    at = _sign_in(at, "kari", "feil-passord")
    assert "Feil brukernavn eller passord." in _texts(at)
    for _ in range(auth.FREE_ATTEMPTS - 1):
        at = _sign_in(at, "kari", "feil-passord")
    assert "For mange mislykkede forsøk" in _texts(at)
    at = _sign_in(at, "kari", PASSWORD)  # even the right password waits
    assert "auth_user" not in at.session_state


def test_a_viewer_account_signs_in_but_gets_no_data_page(gpkg):
    at = _sign_in(_run(_sign_in_app()), "ola", PASSWORD)
    assert at.session_state["auth_user"] == auth.User("ola", auth.VIEWER)
    app = _run(_app(at.session_state["auth_user"]))
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        app.switch_page("views/data.py")


@pytest.mark.parametrize("user", [None, auth.User("ola", auth.VIEWER)])
def test_the_page_itself_refuses_a_viewer(gpkg, user):
    """Run views/data.py directly, as a crafted request would: it stops before any control."""
    digest = gpkg.read_bytes()
    at = AppTest.from_file(str(ROOT / "views" / "data.py"), default_timeout=TIMEOUT)
    if user is not None:
        at.session_state["auth_user"] = user
    _run(at)
    assert "bare for innloggede redaktører" in _texts(at)
    assert not at.tabs and not at.selectbox and not at.button
    assert gpkg.read_bytes() == digest


def test_an_editor_edits_one_row_and_the_history_has_it(gpkg):
    at = _run(_app(auth.User("kari", auth.EDITOR)))
    at.switch_page("views/data.py")
    _run(at)
    at.selectbox(key="edit_table").set_value("meeting_places")
    _run(at)
    row_box = at.selectbox(key="edit_row_meeting_places")
    place_id = row_box.value
    at.text_input(key="edit_meeting_places_name").input("<b>Nytt navn</b>")
    next(b for b in at.button if b.label == "Lagre").click()
    _run(at)
    assert "er lagret" in _texts(at)
    stored = GeoPackageStore(gpkg).read("meeting_places").set_index("place_id")
    assert stored.loc[place_id, "name"] == "<b>Nytt navn</b>"
    log = GeoPackageStore(gpkg).history()
    assert list(log["user"]) == ["kari"] and list(log["row_id"]) == [place_id]
    # the history tab says what the change was, in words, not the stored codes
    [shown] = [
        frame for frame in (d.value for d in at.dataframe) if "Hva" in getattr(frame, "columns", [])
    ]
    assert list(shown["Hva"]) == ["Redigering"] and list(shown["Tabell"]) == ["Møteplasser"]


def test_delete_needs_a_confirmation(gpkg):
    at = _run(_app(auth.User("kari", auth.EDITOR)))
    at.switch_page("views/data.py")
    _run(at)
    at.selectbox(key="edit_table").set_value("meeting_places")
    _run(at)
    place_id = at.selectbox(key="edit_row_meeting_places").value
    button = at.button(key=f"delete_go_meeting_places_{place_id}")
    assert button.disabled
    at.checkbox(key=f"delete_sure_meeting_places_{place_id}").check()
    _run(at)
    at.button(key=f"delete_go_meeting_places_{place_id}").click()
    _run(at)
    assert place_id not in set(GeoPackageStore(gpkg).read("meeting_places")["place_id"])


def test_a_crafted_write_without_the_role_is_refused(gpkg):
    """Even if a session reaches the write code, geo/ refuses a viewer: nothing changes."""
    from components.editor import store as data_store

    digest = gpkg.read_bytes()
    store = data_store.writable()
    frame = store.read("meeting_places")
    with pytest.raises(auth.NotAllowedError):
        store.replace_table("meeting_places", frame, editor=auth.User("ola"), kind="edit")
    assert gpkg.read_bytes() == digest


def _has_key(at: AppTest, key: str) -> bool:
    return any(getattr(b, "key", None) == key for b in at.button)


def test_kiosk_mode_has_no_sign_in_and_no_data_page(gpkg, monkeypatch):
    monkeypatch.setenv("OMRADEKART_MODE", "kiosk")
    at = _run(_app(auth.User("kari", auth.EDITOR)))
    assert "auth_name" not in [w.key for w in at.text_input]
    assert not [b for b in at.button if b.key == "auth_sign_out"]
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page("views/data.py")


def test_a_click_on_the_map_moves_the_point(gpkg):
    clicked = {"last_clicked": {"lat": 63.4398, "lng": 10.4218}}

    def fake_st_folium(fig, *, key=None, **kwargs):
        return clicked if key and key.startswith("edit_map_") else None

    at = _app(auth.User("kari", auth.EDITOR))
    with mock.patch("streamlit_folium.st_folium", fake_st_folium):
        at.run()
        at.switch_page("views/data.py").run()
        at.selectbox(key="edit_table").set_value("meeting_places").run()
        place_id = at.selectbox(key="edit_row_meeting_places").value
        assert any(t.value.startswith("Ny plassering: 63.43980, 10.42180") for t in at.text)
        next(b for b in at.button if b.label == "Lagre").click().run()
    assert not at.exception
    moved = GeoPackageStore(gpkg).read("meeting_places").set_index("place_id")
    point = moved.loc[[place_id]].to_crs("EPSG:4326").geometry.iloc[0]
    assert round(point.y, 4) == 63.4398 and round(point.x, 4) == 10.4218


def test_undo_an_import_from_the_page(gpkg):
    from geo.ingest import importer

    store = GeoPackageStore(gpkg, writable=True)
    before = sorted(store.read("meeting_places")["place_id"])
    content = b"name,place_type,lat,lon\nNy,park,63.4398,10.4218\n"
    plan = importer.plan(content, "meeting_places", store=store, name="n.csv")
    done = importer.apply(store, plan, auth.User("kari", auth.EDITOR))
    assert len(store.read("meeting_places")) == len(before) + 1

    at = _run(_app(auth.User("per", auth.EDITOR)))
    at.switch_page("views/data.py")
    _run(at)
    assert at.selectbox(key="undo_which").value == done.import_id
    assert at.button(key="undo_go").disabled  # needs the confirmation first
    next(c for c in at.checkbox if c.key.startswith("undo_confirm_")).check()
    _run(at)
    at.button(key="undo_go").click()
    _run(at)
    assert f"Importen {done.import_id} er angret; radene er som før." in _texts(at)
    assert sorted(GeoPackageStore(gpkg).read("meeting_places")["place_id"]) == before
    log = GeoPackageStore(gpkg).history()
    assert log.iloc[-1]["kind"] == "undo" and log.iloc[-1]["user"] == "per"


REPORT = """
import streamlit as st
from components.editor import import_panel
from geo.ingest import importer
from geo.store import open_store

content = (
    "Prosjektnavn;Levekårssone;Status;Øst;Nord\\n"
    "Leksehjelp;Lademoen;Pågår;;\\n"
    "Torgdag;Lademoen;Idé;570544;7034539\\n"
    "Sykkelverksted;Lademoen;Tullestatus;;\\n"
).encode()
plan = importer.plan(content, "projects", store=open_store(), name="p.csv")
import_panel._report(plan, st.session_state.get("lang", "nb"))
"""


@pytest.mark.parametrize(
    ("lang", "words"),
    [("nb", {"Feil", "Advarsel", "Til orientering"}), ("en", {"Error", "Warning", "Note"})],
)
def test_the_import_report_says_the_kind_of_each_message_in_words(gpkg, lang, words):
    at = AppTest.from_string(REPORT, default_timeout=TIMEOUT)
    at.session_state["lang"] = lang
    _run(at)
    [report] = [e.value for e in at.dataframe]
    assert set(report["Type"]) == words  # an error, a warning (point in Møllenberg) and a note
    assert not set(report["Type"]) & {"error", "warning", "info"}


@pytest.mark.parametrize(
    ("lang", "label", "said"),
    [("nb", "«Kilde»", "Fyll inn en verdi"), ("en", "'Source'", "Fill in a value")],
)
def test_an_invalid_edit_is_told_by_the_form_field_and_nothing_is_stored(gpkg, lang, label, said):
    at = _app(auth.User("kari", auth.EDITOR))
    at.query_params["lang"] = lang
    _run(at)
    at.switch_page("views/data.py")
    _run(at)
    at.selectbox(key="edit_table").set_value("meeting_places")
    _run(at)
    place_id = at.selectbox(key="edit_row_meeting_places").value
    before = GeoPackageStore(gpkg).read("meeting_places").set_index("place_id").loc[place_id]
    at.text_input(key="edit_meeting_places_source").input("")  # a source is required
    next(b for b in at.button if b.label in ("Lagre", "Save")).click()
    _run(at)
    errors = " ".join(e.value for e in at.error)
    assert label in errors and said in errors, errors
    # the user's words only: not the stored field's name, nor the check's
    assert "«source»" not in errors and "'source'" not in errors, errors
    assert "str_length" not in errors and "meeting_places" not in errors, errors
    after = GeoPackageStore(gpkg).read("meeting_places").set_index("place_id").loc[place_id]
    assert after["source"] == before["source"]
    assert GeoPackageStore(gpkg).history().empty
