"""Display modes: the ordinary app, a presentation for meetings, a self-running public kiosk.

How a mode is chosen (first match wins):

1. ``OMRADEKART_MODE=kiosk`` or ``OMRADEKART_MODE=presentasjon`` in the server's environment
   locks every session of that server in the mode: the URL cannot change it. Use this for a
   public display (``OMRADEKART_MODE=kiosk make run``).
2. ``?mode=kiosk`` or ``?mode=presentasjon`` in the URL when a browser session starts (opening
   or reloading the page); the mode stays for the rest of the session and is written back to
   the URL so a reload keeps it. The sidebar's buttons switch a running session.
3. Otherwise the ordinary app.

The kiosk's timing: ``?interval=`` / ``OMRADEKART_KIOSK_INTERVAL`` (seconds per story step,
default 20) and ``?idle=`` / ``OMRADEKART_KIOSK_IDLE`` (seconds without a touch before the story
starts again from the beginning, default 90); the URL wins over the environment.

In the kiosk and presentation modes only their own pages are in the navigation (see
``navigation``), so every other page, the Data page with its write paths included, is
unreachable, also by editing the URL; ``require_writable`` lets code that writes refuse too.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from enum import StrEnum
from typing import Literal

import streamlit as st

from components import a11y
from components.modes.scripts import BOOT_ID, CHROME_CSS, KIOSK_CSS, PRESENTATION_CSS, WATCHDOG_JS
from components.modes.scripts import kiosk_script as kiosk_script  # run by the kiosk's pages

ENV_MODE = "OMRADEKART_MODE"
ENV_INTERVAL = "OMRADEKART_KIOSK_INTERVAL"
ENV_IDLE = "OMRADEKART_KIOSK_IDLE"
DEFAULT_INTERVAL_S = 20
DEFAULT_IDLE_S = 90
_BOUNDS_S = (1, 3600)
_PARAM = "mode"
_KEY = "_display_mode"
_ORIGIN = "_mode_origin"  # the ordinary page shown last: leaving a mode returns there
_RETURN = "_mode_return"  # leaving a mode: the page to go back to on the next run


class Mode(StrEnum):
    NORMAL = "normal"
    PRESENTATION = "presentasjon"
    KIOSK = "kiosk"


class ReadOnlyModeError(PermissionError):
    """A write was attempted in a mode where the app is read-only (kiosk, presentation)."""


def locked_mode() -> Mode | None:
    """The mode set for the whole server in OMRADEKART_MODE, or None."""
    return _parse(os.environ.get(ENV_MODE))


def current() -> Mode:
    """The mode of this session (see the module docstring for the order)."""
    locked = locked_mode()
    if locked is not None:
        st.session_state[_KEY] = locked
        return locked
    if _KEY not in st.session_state:  # the URL counts on a session's first run, as in state.py
        st.session_state[_KEY] = _parse(st.query_params.get(_PARAM)) or Mode.NORMAL
    mode = Mode(st.session_state[_KEY])
    if mode is Mode.NORMAL:
        st.query_params.pop(_PARAM, None)
    elif st.query_params.get(_PARAM) != mode.value:
        st.query_params[_PARAM] = mode.value  # a reload or a copied link keeps the mode
    return mode


def enter(mode: Mode) -> None:
    """Switch this session to `mode` (a button's callback); the next run builds its pages."""
    if locked_mode() is not None:
        return
    st.session_state[_KEY] = mode
    if mode is Mode.NORMAL:
        st.query_params.pop(_PARAM, None)
    else:
        st.query_params[_PARAM] = mode.value


def leave() -> None:
    """Back to the ordinary app, on the page the mode was entered from (a button's callback).

    The next run finishes it in ``remember``: only then are the ordinary pages in the
    navigation, so only then can it switch to one."""
    if locked_mode() is not None:
        return
    enter(Mode.NORMAL)
    st.session_state[_RETURN] = st.session_state.get(_ORIGIN)


def remember(page: st.Page) -> None:
    """Call with st.navigation's page: in the ordinary app, note it as the page a mode is
    entered from; right after ``leave``, switch back to the page noted before."""
    target = st.session_state.pop(_RETURN, None)
    if Mode(locked_mode() or st.session_state.get(_KEY, Mode.NORMAL)) is not Mode.NORMAL:
        return
    if isinstance(target, st.Page) and target.url_path != page.url_path:
        st.switch_page(target)
    st.session_state[_ORIGIN] = page


def writes_allowed() -> bool:
    """Only the ordinary app may change data; kiosk and presentation are read-only."""
    mode = locked_mode() or st.session_state.get(_KEY, Mode.NORMAL)
    return Mode(mode) is Mode.NORMAL


def require_writable() -> None:
    """Raise ReadOnlyModeError unless writes are allowed: call it before any write."""
    if not writes_allowed():
        raise ReadOnlyModeError("Områdekart is read-only in kiosk and presentation mode")


def navigation(
    mode: Mode,
    pages: Sequence[st.Page],
    *,
    presentation: st.Page,
    kiosk: st.Page,
    statement: st.Page,
) -> tuple[list[st.Page], Literal["sidebar", "hidden"]]:
    """The pages a mode may reach and where the menu goes: st.navigation(*navigation(...)).

    Kiosk: the kiosk and the accessibility statement. Presentation: the slides only. Ordinary:
    every page of ``pages`` plus the slides and the statement (the kiosk is started from the
    sidebar, not visited as a page beside the others).
    """
    if mode is Mode.KIOSK:
        return [kiosk, statement], "hidden"
    if mode is Mode.PRESENTATION:
        return [presentation], "hidden"
    return [*pages, presentation, statement], "sidebar"


def kiosk_timing() -> tuple[int, int]:
    """(seconds per story step, seconds idle before the story restarts)."""
    return (
        _seconds("interval", ENV_INTERVAL, DEFAULT_INTERVAL_S),
        _seconds("idle", ENV_IDLE, DEFAULT_IDLE_S),
    )


def inject(mode: Mode) -> None:
    """A mode's CSS: no Streamlit chrome; large type (presentation), big targets (kiosk)."""
    if mode is Mode.NORMAL:
        return
    css = CHROME_CSS + (PRESENTATION_CSS if mode is Mode.PRESENTATION else KIOSK_CSS)
    st.html(f"<style>{css}</style>")
    a11y.run_script(f"window.__okBoot = {json.dumps(BOOT_ID)};\n{WATCHDOG_JS}", "watchdog")


def _parse(value: str | None) -> Mode | None:
    if value in (Mode.PRESENTATION.value, Mode.KIOSK.value):
        return Mode(value)
    return None


def _seconds(param: str, env: str, default: int) -> int:
    for raw in (st.query_params.get(param), os.environ.get(env)):
        if raw is None:
            continue
        try:
            value = int(str(raw))
        except ValueError:
            continue
        if _BOUNDS_S[0] <= value <= _BOUNDS_S[1]:
            return value
    return default
