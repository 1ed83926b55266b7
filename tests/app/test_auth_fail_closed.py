"""OIDC without an [editors] list fails closed: no one the identity provider lets in is an editor.

st.login itself needs a browser and an identity provider; AppTest's `user` stands in for the
claims the provider would hand back, which is all components/editor/auth.py reads.
"""

from __future__ import annotations

import logging
import shutil
from pathlib import Path
from unittest import mock

import pytest
from streamlit.testing.v1 import AppTest

from geo.store import auth

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "app.py")
TIMEOUT = 180
OIDC = {
    "redirect_uri": "http://localhost:8501/oauth2callback",
    "cookie_secret": "a-long-random-secret-for-the-test-only",
    "client_id": "omradekart",
    "client_secret": "not-a-real-secret",
    "server_metadata_url": "https://login.example.invalid/.well-known/openid-configuration",
}
KARI = {"is_logged_in": True, "email": "kari.nordmann@trondheim.kommune.no", "name": "Kari"}
SIGN_IN = """
import streamlit as st
from components.editor import auth as auth_ui
with st.sidebar:
    auth_ui.sidebar_control("nb")
st.session_state["role"] = auth_ui.current_user().role
"""


@pytest.fixture
def gpkg(dataset_path: Path, tmp_path: Path, monkeypatch) -> Path:
    copy = tmp_path / "omradekart.gpkg"
    shutil.copyfile(dataset_path, copy)
    monkeypatch.setenv("OMRADEKART_GPKG", str(copy))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.delenv("OMRADEKART_USERS_FILE", raising=False)
    from components.editor import auth as auth_ui

    auth_ui._warn_no_editors.clear()  # logged once per process: let each test see it
    return copy


def _sign_in_app(user: dict | None, editors: list[str] | None) -> AppTest:
    at = AppTest.from_string(SIGN_IN, default_timeout=TIMEOUT)
    at.secrets["auth"] = OIDC
    if editors is not None:
        at.secrets["editors"] = {"emails": editors}
    if user is not None:
        at.user = dict(user)
    return at


def _warnings(at: AppTest) -> str:
    return "\n".join(w.value for w in at.sidebar.warning)


def test_without_an_editor_list_a_signed_in_employee_is_only_a_reader(gpkg, caplog):
    at = _sign_in_app(KARI, editors=None)
    with caplog.at_level(logging.WARNING, logger="components.editor.auth"):
        at.run()
    assert not at.exception, at.exception
    assert at.session_state["role"] == auth.VIEWER
    assert "Innlogget som kari.nordmann@trondheim.kommune.no (leser)" in "\n".join(
        m.value for m in at.sidebar.markdown
    )
    assert "Ingen er redaktør ennå" in _warnings(at)
    assert "no [editors] emails list: no one can edit" in caplog.text


def test_without_an_editor_list_the_sign_in_button_says_so_before_sign_in(gpkg, caplog):
    at = _sign_in_app({"is_logged_in": False}, editors=None)
    with caplog.at_level(logging.WARNING, logger="components.editor.auth"):
        at.run()
    assert not at.exception, at.exception
    assert [b.key for b in at.sidebar.button] == ["auth_sign_in_oidc"]
    assert "[editors] emails" in _warnings(at)
    assert at.session_state["role"] == auth.ANONYMOUS.role
    assert caplog.text.count("no one can edit") == 1


def test_an_empty_editor_list_is_no_editors_either(gpkg):
    at = _sign_in_app(KARI, editors=[])
    at.run()
    assert at.session_state["role"] == auth.VIEWER
    assert "Ingen er redaktør ennå" in _warnings(at)


def test_an_employee_on_the_list_is_an_editor_whatever_the_case_of_the_address(gpkg):
    at = _sign_in_app(KARI, editors=["Kari.Nordmann@Trondheim.Kommune.no"])
    at.run()
    assert at.session_state["role"] == auth.EDITOR
    assert not at.sidebar.warning


def test_an_employee_not_on_the_list_is_a_reader(gpkg):
    at = _sign_in_app(KARI, editors=["per@trondheim.kommune.no"])
    at.run()
    assert at.session_state["role"] == auth.VIEWER
    assert not at.sidebar.warning  # the list exists: nothing for the operator to fix


def test_without_an_editor_list_the_app_offers_no_data_page(gpkg):
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.secrets["auth"] = OIDC
    at.user = dict(KARI)
    with mock.patch("streamlit_folium.st_folium", lambda *a, **k: None):
        at.run()
    assert not at.exception, at.exception
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page("views/data.py")
