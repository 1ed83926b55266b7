"""The modes' browser side: CSS for each mode, the kiosk's script, the reconnect watchdog.

components.modes.inject puts the CSS and the watchdog into the page; the kiosk's view runs
``kiosk_script``.
"""

from __future__ import annotations

import uuid

# Streamlit's own chrome: the sidebar and its toggle, the header with the main menu, toolbar,
# deploy button and running indicator, the decoration bar and the footer.
CHROME_CSS = """
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
[data-testid="stExpandSidebarButton"], [data-testid="stHeader"], [data-testid="stToolbar"],
[data-testid="stMainMenu"], [data-testid="stDecoration"], [data-testid="stStatusWidget"],
#MainMenu, footer { display: none !important; }
/* the "link to this heading" anchors: 20 px targets an audience has no use for */
[data-testid="stHeaderActionElements"], [data-testid="stElementToolbar"] {
  display: none !important; }  /* and the charts' 33 px toolbar: a slide has its table view */
[data-testid="stMainBlockContainer"] { padding-top: 1rem !important;
  padding-bottom: 1.5rem; max-width: none; }
"""

# Large type and high contrast for a projector: near-black on white, no faded captions.
PRESENTATION_CSS = """
html { font-size: 22px !important; }
[data-testid="stApp"] { color: #000; }
[data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] p {
  color: #1A1A1A !important; }
[data-testid="stMarkdownContainer"] p, [data-testid="stMarkdownContainer"] li,
[data-testid="stTable"] td, [data-testid="stTable"] th { font-size: 24px; color: #000; }
[data-testid="stCaptionContainer"] p { font-size: 20px; }
[data-testid="stMetricValue"], [data-testid="stMetricValue"] [data-testid="stMarkdownContainer"] p {
  font-size: 56px; line-height: 1.1; }
/* A slide is laid out for 1920 × 1080 (components/modes/deck.py): keep its spacing tight. */
[data-testid="stMainBlockContainer"] { padding-top: 0.75rem !important;
  padding-bottom: 0.75rem !important; }
[data-testid="stMain"] h1 { padding-top: 0.5rem; padding-bottom: 0.5rem; }
[data-testid="stMain"] h3 { padding-top: 0; padding-bottom: 0.25rem; }
[data-testid="stAlertContainer"] { padding: 0.5rem 1rem; }
/* An opened table view scrolls inside its box: the slide itself never does. */
[data-testid="stExpanderDetails"] { max-height: 420px; overflow-y: auto; }
[data-testid="stMetricLabel"] p { font-size: 1.05rem; color: #000; }
.ok-slide-number { font-size: 1rem; font-weight: 600; }
.stButton button { min-height: 48px; font-size: 1rem; }
.stButton button[kind="primary"] [data-testid="stMarkdownContainer"] p { color: #fff; }
"""

# Touch targets of at least 44 × 44 px (WCAG 2.5.5), larger type for reading at a distance.
KIOSK_CSS = """
html { font-size: 20px !important; }
[data-testid="stMarkdownContainer"] p, [data-testid="stMarkdownContainer"] li { font-size: 23px; }
[data-testid="stCaptionContainer"] p { font-size: 19px; }
.stButton button, [data-testid="stBaseButton-secondary"], [data-testid="stBaseButton-primary"],
[data-testid="stButtonGroup"] button, [data-testid="stPageLink-NavLink"] {
  min-height: 56px; min-width: 56px; }
.stButton button { font-size: 1.1rem; padding: 0.5rem 1.25rem; }
[data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] p {
  color: #1A1A1A !important; }
[data-testid="stBaseButton-segmented_control"],
[data-testid="stBaseButton-segmented_controlActive"] { min-height: 56px; min-width: 96px; }
[data-testid="stTextInputRootElement"] { min-height: 56px; }
[data-testid="stTextInputRootElement"] input { font-size: 1.1rem; }
[data-testid="stMainBlockContainer"] { padding-bottom: 0.75rem !important; }  /* 1080 px */
[data-testid="InputInstructions"] { display: none; }  /* "Press Enter…", English, for a keyboard */
.st-key-kiosk_map_key .ok-legend { margin: 0 0 0.4rem 0; line-height: 1.6; }
/* each layer's name and its colours on one line: the key leaves the map its height */
.st-key-kiosk_map_key .ok-legend-title, .st-key-kiosk_map_key .ok-legend [role="list"] {
  display: inline; }
.st-key-kiosk_map_key .ok-legend-title { margin-right: 0.75rem; }
.st-key-kiosk_map_key .ok-legend-title, .st-key-kiosk_map_key .ok-legend-item {
  vertical-align: middle; }
/* A long answer scrolls inside the text's box, never the page: a scroll bar one can see, and a
   shadow along the edge where more text lies beyond (it moves with the text: "local"). */
.st-key-kiosk_text { scrollbar-width: auto !important; scrollbar-color: #6B7280 #E5E7EB !important;
  background:
    linear-gradient(#fff 30%, rgba(255, 255, 255, 0)) center top / 100% 48px no-repeat local,
    linear-gradient(rgba(255, 255, 255, 0), #fff 70%) center bottom / 100% 48px no-repeat local,
    radial-gradient(farthest-side at 50% 0, rgba(0, 0, 0, 0.25), rgba(0, 0, 0, 0))
      center top / 100% 18px no-repeat scroll,
    radial-gradient(farthest-side at 50% 100%, rgba(0, 0, 0, 0.25), rgba(0, 0, 0, 0))
      center bottom / 100% 18px no-repeat scroll; }
/* Nothing to select, drag or zoom: the page stays as it is (the map zooms inside its frame). */
html, body { -webkit-user-select: none; user-select: none; -webkit-touch-callout: none;
  touch-action: pan-x pan-y; overscroll-behavior: none; }
input, textarea { -webkit-user-select: text; user-select: text; }
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

    It also keeps the screen on the app (``lock``, here and in the map's frame): no context menu,
    no text selection or dragging, no page zoom by pinch, Ctrl+wheel or Ctrl+plus, and every link
    to another site made inert (its ``href`` removed), so no tap can open another page.
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
    lock(doc);
  };
  const inApp = (link) => {
    const url = new URL(link.getAttribute('href'), document.baseURI);
    return url.origin === window.location.origin && !/_blank/.test(link.target || '');
  };
  const disarm = (doc) => {  // links to elsewhere lose their href: inert text
    for (const link of doc.querySelectorAll('a[href]')) {
      if (!inApp(link)) { link.removeAttribute('href'); link.removeAttribute('target'); }
    }
  };
  const lock = (doc) => {
    const stop = (event) => event.preventDefault();
    doc.addEventListener('contextmenu', stop, true);
    doc.addEventListener('dragstart', stop, true);
    doc.addEventListener('selectstart', (event) => {
      const element = event.target.nodeType === 1 ? event.target : event.target.parentElement;
      if (!(element && element.closest('input, textarea'))) event.preventDefault();
    }, true);
    doc.addEventListener('gesturestart', stop, true);
    doc.addEventListener('wheel', (event) => { if (event.ctrlKey) event.preventDefault(); },
                         {capture: true, passive: false});
    doc.addEventListener('keydown', (event) => {
      if ((event.ctrlKey || event.metaKey) && ['+', '-', '=', '0'].includes(event.key)) {
        event.preventDefault();
      }
    }, true);
    doc.addEventListener('click', (event) => {
      const link = event.target.closest && event.target.closest('a[href]');
      if (link && !inApp(link)) { event.preventDefault(); event.stopPropagation(); }
    }, true);
    disarm(doc);
  };
  const viewport = document.querySelector('meta[name="viewport"]') ||
    document.head.appendChild(Object.assign(document.createElement('meta'), {name: 'viewport'}));
  viewport.content = 'width=device-width, initial-scale=1, maximum-scale=1, user-scalable=no';
  listen(document);
  // links are disarmed the moment Streamlit draws them, not on the next tick
  new MutationObserver(() => disarm(document)).observe(
    document.body, {childList: true, subtree: true});
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
        if (doc) disarm(doc);
      } catch (error) { /* another origin: not ours */ }
    }
    disarm(document);
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
BOOT_ID = uuid.uuid4().hex
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
  // Gone means three checks in a row unanswered: on a busy server one slow answer is no outage,
  // and reloading then would only add to the load.
  const MISSES_FOR_GONE = 3;
  let lost = false;
  let misses = 0;
  const check = async () => {
    let healthy = false;
    try {
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), 5000);
      const response = await fetch(
        '/_stcore/health', {cache: 'no-store', signal: controller.signal});
      clearTimeout(timer);
      healthy = response.ok;
    } catch (error) {
      healthy = false;
    }
    window.__okWatchdogChecks = (window.__okWatchdogChecks || 0) + 1;
    misses = healthy ? 0 : misses + 1;
    if (misses >= MISSES_FOR_GONE) lost = window.__okWatchdogLost = true;
    else if (healthy && lost) { window.location.reload(); return; }
    setTimeout(check, 2000);
  };
  setTimeout(check, 2000);
}
"""
