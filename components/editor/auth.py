"""Sign-in for editors: st.login (OIDC) when an [auth] section is configured, else local accounts.

Who is signed in is decided here, on the server, from session state or st.user; the role
itself is checked again by geo/ on every write (geo.store.auth.require_editor).

- OIDC: [auth] in .streamlit/secrets.toml (e.g. the municipality's Entra ID). Signed-in users
  are editors only when their e-mail is in [editors] emails = [...]. Fail closed: without that
  list no one is an editor (the identity provider lets in every employee), and the sign-in and
  the log say so.
- Local accounts: [local_users.NAME] tables with argon2 hashes, made by
  `.venv/bin/omradekart users add NAME`; also read from the file OMRADEKART_USERS_FILE names
  (the browser tests use that, so they never touch the real secrets).
"""

from __future__ import annotations

import logging
import os
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import streamlit as st

from components.i18n import format as fmt
from components.i18n import translate
from geo.store import auth

_USER = "auth_user"
_PROBLEM = "auth_problem"
_LOG = logging.getLogger(__name__)


def current_user() -> auth.User:
    """The signed-in user, or the anonymous viewer."""
    user = st.session_state.get(_USER)
    if isinstance(user, auth.User):
        return user
    if oidc_configured() and _oidc_logged_in():
        email = str(st.user.get("email") or st.user.get("name") or "oidc")
        role = auth.EDITOR if email.casefold() in oidc_editors() else auth.VIEWER
        return auth.User(email, role)
    return auth.ANONYMOUS


def sidebar_control(lang: str) -> None:
    """Sign-in or sign-out in the sidebar; call it inside `with st.sidebar:`."""
    user = current_user()
    if user is not auth.ANONYMOUS:
        role = translate(f"auth.role_{user.role}", lang)
        # Body text, not a caption: a caption's grey fails the contrast rule on the sidebar.
        st.markdown(translate("auth.signed_in_as", lang, name=user.name, role=role))
        if oidc_configured() and not oidc_editors():
            st.warning(translate("drift.no_editors", lang), icon=":material/lock:")
        st.button(
            translate("auth.sign_out", lang),
            icon=":material/logout:",
            key="auth_sign_out",
            on_click=_sign_out,
        )
        return
    if oidc_configured():
        st.button(
            translate("auth.sign_in_oidc", lang),
            icon=":material/login:",
            key="auth_sign_in_oidc",
            on_click=st.login,
        )
        if not oidc_editors():
            st.warning(translate("drift.no_editors", lang), icon=":material/lock:")
        return
    with st.expander(translate("auth.sign_in_heading", lang), icon=":material/login:"):
        st.text_input(translate("auth.name", lang), key="auth_name")
        st.text_input(translate("auth.password", lang), type="password", key="auth_password")
        st.button(
            translate("auth.sign_in", lang),
            key="auth_sign_in",
            on_click=_try_sign_in,
            args=(lang,),
        )
        problem = st.session_state.pop(_PROBLEM, None)
        if problem:
            st.error(problem)
        if not local_accounts():
            st.caption(translate("auth.no_accounts", lang))


def _try_sign_in(lang: str) -> None:
    """The sign-in button's callback: runs before the rerun, so the new run is signed in."""
    name = str(st.session_state.get("auth_name") or "")
    password = str(st.session_state.get("auth_password") or "")
    st.session_state["auth_password"] = ""  # never kept past the attempt
    result = auth.sign_in(local_accounts(), name, password, _throttle())
    if result.user is not None:
        st.session_state[_USER] = result.user
    elif result.wait_s > 0:
        seconds = fmt.number(result.wait_s, lang)
        st.session_state[_PROBLEM] = translate("auth.wait", lang, seconds=seconds)
    else:
        st.session_state[_PROBLEM] = translate("auth.failed", lang)


def local_accounts() -> dict[str, Any]:
    accounts: dict[str, Any] = {}
    extra = os.environ.get("OMRADEKART_USERS_FILE")
    if extra and Path(extra).is_file():
        with open(extra, "rb") as handle:
            accounts.update(tomllib.load(handle).get(auth.USERS_SECTION, {}))
    section = _secret(auth.USERS_SECTION, {})
    accounts.update({name: dict(value) for name, value in section.items()})
    return accounts


def oidc_configured() -> bool:
    return bool(_secret("auth", {}))


def oidc_editors() -> frozenset[str]:
    """The e-mails (case-folded) that are editors under OIDC; empty, and logged, without a list."""
    emails = _secret("editors", {}).get("emails")
    if not isinstance(emails, list | tuple) or not emails:
        _warn_no_editors()
        return frozenset()
    return frozenset(str(email).strip().casefold() for email in emails)


@st.cache_resource(show_spinner=False)
def _warn_no_editors() -> None:
    """Once per server process, not on every rerun."""
    _LOG.warning(
        "OIDC sign-in is configured but .streamlit/secrets.toml has no [editors] emails list: "
        'no one can edit. Add [editors] emails = ["name@trondheim.kommune.no", ...].'
    )


@st.cache_resource(show_spinner=False)
def _throttle() -> auth.Throttle:
    """One throttle per server process: a new browser session does not reset it."""
    return auth.Throttle()


def _sign_out() -> None:
    if st.session_state.pop(_USER, None) is None and oidc_configured():
        st.logout()


def _oidc_logged_in() -> bool:
    try:
        return bool(st.user.is_logged_in)
    except (AttributeError, KeyError):
        return False


def _secret(name: str, default: Mapping[str, Any]) -> Mapping[str, Any]:
    try:
        value = st.secrets.get(name, default)
    except (FileNotFoundError, KeyError, st.errors.StreamlitSecretNotFoundError):
        return default
    return value if isinstance(value, Mapping) else default
