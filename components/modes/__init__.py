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
import uuid
from collections.abc import Sequence
from enum import StrEnum
from typing import Literal

import streamlit as st

from components import a11y

ENV_MODE = "OMRADEKART_MODE"
ENV_INTERVAL = "OMRADEKART_KIOSK_INTERVAL"
ENV_IDLE = "OMRADEKART_KIOSK_IDLE"
DEFAULT_INTERVAL_S = 20
DEFAULT_IDLE_S = 90
_BOUNDS_S = (1, 3600)
_PARAM = "mode"
_KEY = "_display_mode"


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
    css = _CHROME_CSS + (_PRESENTATION_CSS if mode is Mode.PRESENTATION else _KIOSK_CSS)
    st.html(f"<style>{css}</style>")
    a11y.run_script(f"window.__okBoot = {json.dumps(_BOOT_ID)};\n{WATCHDOG_JS}", "watchdog")


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


# Streamlit's own chrome: the sidebar and its toggle, the header with the main menu, toolbar,
# deploy button and running indicator, the decoration bar and the footer.
_CHROME_CSS = """
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
[data-testid="stExpandSidebarButton"], [data-testid="stHeader"], [data-testid="stToolbar"],
[data-testid="stMainMenu"], [data-testid="stDecoration"], [data-testid="stStatusWidget"],
#MainMenu, footer { display: none !important; }
[data-testid="stMainBlockContainer"] { padding-top: 1rem !important;
  padding-bottom: 1.5rem; max-width: none; }
"""

# Large type and high contrast for a projector: near-black on white, no faded captions.
_PRESENTATION_CSS = """
html { font-size: 22px !important; }
[data-testid="stApp"] { color: #000; }
[data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] p {
  color: #1A1A1A !important; }
[data-testid="stMarkdownContainer"] p, [data-testid="stMarkdownContainer"] li,
[data-testid="stTable"] td, [data-testid="stTable"] th { font-size: 24px; color: #000; }
[data-testid="stCaptionContainer"] p { font-size: 20px; }
[data-testid="stMetricValue"], [data-testid="stMetricValue"] [data-testid="stMarkdownContainer"] p {
  font-size: 64px; line-height: 1.1; }
[data-testid="stMetricLabel"] p { font-size: 1.05rem; color: #000; }
.ok-slide-number { font-size: 1rem; font-weight: 600; }
.stButton button { min-height: 48px; font-size: 1rem; }
"""

# Touch targets of at least 44 × 44 px (WCAG 2.5.5), larger type for reading at a distance.
_KIOSK_CSS = """
html { font-size: 20px !important; }
[data-testid="stMarkdownContainer"] p, [data-testid="stMarkdownContainer"] li { font-size: 23px; }
[data-testid="stCaptionContainer"] p { font-size: 19px; }
.stButton button, [data-testid="stBaseButton-secondary"], [data-testid="stBaseButton-primary"],
[data-testid="stButtonGroup"] button, [data-testid="stPageLink-NavLink"] {
  min-height: 56px; min-width: 56px; }
.stButton button { font-size: 1.1rem; padding: 0.5rem 1.25rem; }
[data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] p {
  color: #1A1A1A !important; }
.ok-kiosk-paused .st-key-kiosk_pause { display: none; }
html:not(.ok-kiosk-paused) .st-key-kiosk_play,
html:not(.ok-kiosk-paused) .st-key-kiosk_paused_note { display: none; }
"""


def kiosk_script(interval_s: int, idle_s: int) -> str:
    """The kiosk's client side: advance, pause on a touch, start again after idle time.

    Runs in the page (components.a11y.run_script). Every `interval_s` it presses the "next"
    button; a touch, click, key or wheel anywhere (also inside the map's iframe) pauses the
    story and marks ``<html class="ok-kiosk-paused">`` (CSS then shows the play button and a
    note); after `idle_s` without one it presses "to the start" (or the statement page's link
    back) and runs again. The "play" button resumes at once. Programmatic clicks are no touch.
    """
    config = f"{{interval: {interval_s * 1000}, idle: {idle_s * 1000}}}"
    return (
        f"window.__okKioskConfig = {config};\n"
        """
if (!window.__okKiosk) {
  window.__okKiosk = true;
  const root = document.documentElement;
  let touchedAt = null;  // null: the story runs
  let advancedAt = performance.now();
  const press = (selector) => {
    const element = document.querySelector(selector);
    if (element) element.click();
    return Boolean(element);
  };
  const touched = (event) => {
    const target = event.target;
    if (target && target.closest && target.closest('.st-key-kiosk_play')) return;
    touchedAt = performance.now();
    root.classList.add('ok-kiosk-paused');
  };
  const listen = (doc) => {
    for (const type of ['pointerdown', 'touchstart', 'keydown', 'wheel']) {
      doc.addEventListener(type, touched, {capture: true, passive: true});
    }
  };
  listen(document);
  document.addEventListener('click', (event) => {
    if (event.target.closest && event.target.closest('.st-key-kiosk_play')) {
      touchedAt = null;
      advancedAt = performance.now();
      root.classList.remove('ok-kiosk-paused');
    }
  }, true);
  setInterval(() => {
    // touches inside the map's iframe (same origin) count too
    for (const frame of document.querySelectorAll('iframe')) {
      try {
        const doc = frame.contentDocument;
        if (doc && !doc.__okKioskListening) { doc.__okKioskListening = true; listen(doc); }
      } catch (error) { /* another origin: not ours */ }
    }
    const now = performance.now();
    const config = window.__okKioskConfig;
    if (touchedAt !== null) {
      if (now - touchedAt < config.idle) return;
      touchedAt = null;
      advancedAt = now;
      root.classList.remove('ok-kiosk-paused');
      press('.st-key-kiosk_home button') || press('.st-key-kiosk_back a');
      return;
    }
    if (now - advancedAt >= config.interval) {
      advancedAt = now;
      press('.st-key-kiosk_next button');
    }
  }, 250);
}
"""
    )


# Reload the page when the server comes back after a restart or a lost connection, so that no
# "Connection error" screen is left standing on an unattended display. Three signals: Streamlit
# opened a new WebSocket (it reconnects that way), the page's own health check saw the server
# gone and back, or the server process is another one (its boot id, written here, changed).
_BOOT_ID = uuid.uuid4().hex
WATCHDOG_JS = """
if (window.__okBootSeen && window.__okBootSeen !== window.__okBoot) window.location.reload();
window.__okBootSeen = window.__okBoot;
if (!window.__okSocketWatch) {
  // Streamlit opens a new WebSocket whenever it reconnects: once one opens, start afresh.
  window.__okSocketWatch = true;
  const NativeSocket = window.WebSocket;
  const WatchedSocket = function (...args) {
    const socket = new NativeSocket(...args);
    socket.addEventListener('open', () => window.location.reload());
    return socket;
  };
  WatchedSocket.prototype = NativeSocket.prototype;
  for (const name of ['CONNECTING', 'OPEN', 'CLOSING', 'CLOSED']) {
    WatchedSocket[name] = NativeSocket[name];
  }
  window.WebSocket = WatchedSocket;
}
if (!window.__okWatchdog) {
  window.__okWatchdog = true;
  let lost = false;
  const check = async () => {
    let healthy = false;
    try {
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), 2500);
      const response = await fetch(
        '/_stcore/health', {cache: 'no-store', signal: controller.signal});
      clearTimeout(timer);
      healthy = response.ok;
    } catch (error) {
      healthy = false;
    }
    window.__okWatchdogChecks = (window.__okWatchdogChecks || 0) + 1;
    if (!healthy) lost = window.__okWatchdogLost = true;
    else if (lost) { window.location.reload(); return; }
    setTimeout(check, 2000);
  };
  setTimeout(check, 2000);
}
"""
