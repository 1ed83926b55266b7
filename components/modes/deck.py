"""The presentation's frame around a slide: its number in the URL, the bars above and below, keys.

One permalink per slide (?mode=presentasjon&slide=N, 1-based there, 0-based here). The arrow keys
(and Page Up/Down, as a presenter's clicker sends) press the previous/next buttons. Every slide
is laid out for 1920 × 1080 and scaled to the screen (``_FIT_JS``), so it fits a 1280 × 720
projector the same way, without scrolling: Forrige/Neste are always on screen.
"""

from __future__ import annotations

import streamlit as st

from components import a11y, modes, page, state

_PARAM = "slide"


def current(total: int) -> int:
    """The slide in the URL, clamped to the deck; written back, so the URL names the slide shown."""
    try:
        number = int(st.query_params.get(_PARAM, "1"))
    except ValueError:
        number = 1
    index = min(max(number, 1), total) - 1
    go(index, total)
    return index


def go(index: int, total: int) -> None:
    """Show slide ``index`` (clamped): a button's callback."""
    st.query_params[_PARAM] = str(min(max(index, 0), total - 1) + 1)


def top_bar(*, view: page.Page, index: int, total: int) -> None:
    """The programme's name and the slide number, the language switch and the way out."""
    t = view.t
    top_left, top_middle, top_right = st.columns([5, 2, 2], vertical_alignment="center")
    with top_left:
        st.markdown(
            f'<p class="ok-slide-number">{t("app.title")} · '
            f"{t('presentation.slide_of', number=index + 1, total=total)}</p>",
            unsafe_allow_html=True,
        )
    with top_middle:
        state.language_switch(
            t("app.language"),
            key="presentation_language",
            format_func=lambda code: t(f"presentation.language.{code}"),
            label_visibility="collapsed",
        )
    with top_right:
        if modes.locked_mode() is not None:
            return  # a server locked in presentation mode has no way out
        if modes.current() is modes.Mode.PRESENTATION:
            st.button(
                t("presentation.exit"),
                icon=":material/close:",
                key="presentation_exit",
                on_click=_leave,
                width="stretch",
            )
        else:  # the slides as a page of the ordinary app: show them full screen
            st.button(
                t("presentation.start"),
                icon=":material/co_present:",
                key="presentation_start",
                on_click=modes.enter,
                args=(modes.Mode.PRESENTATION,),
                width="stretch",
                type="primary",
            )


def bottom_bar(*, view: page.Page, index: int, total: int, upcoming: str | None) -> None:
    """Previous and next, the title of the slide that comes next, and the keys that move."""
    t = view.t
    previous_col, label_col, next_col = st.columns([2, 6, 2], vertical_alignment="center")
    with previous_col:
        st.button(
            t("presentation.previous"),
            icon=":material/arrow_back:",
            key="slide_prev",
            on_click=go,
            args=(index - 1, total),
            disabled=index == 0,
            width="stretch",
        )
    with label_col:
        st.caption(
            t("presentation.next_up", title=upcoming) if upcoming else t("presentation.last"),
            text_alignment="center",
        )
    with next_col:
        st.button(
            t("presentation.next"),
            icon=":material/arrow_forward:",
            icon_position="right",
            key="slide_next",
            on_click=go,
            args=(index + 1, total),
            disabled=index == total - 1,
            width="stretch",
            type="primary",
            help=t("presentation.keys_help"),
        )
    a11y.run_script(_KEYS_JS, "slide_keys")
    if modes.current() is modes.Mode.PRESENTATION:
        a11y.run_script(_FIT_JS, "slide_fit")


def _leave() -> None:
    st.query_params.pop(_PARAM, None)
    modes.leave()


# Arrow keys and a presenter's clicker (Page Up/Down) press the buttons of bottom_bar.
_KEYS_JS = """
if (!window.__okSlideKeys) {
  window.__okSlideKeys = true;
  document.addEventListener('keydown', (event) => {
    const target = event.target;
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const typing = ['INPUT', 'TEXTAREA', 'SELECT'].includes(target && target.tagName);
    if (typing || (target && target.isContentEditable)) return;
    const key = {ArrowRight: 'slide_next', PageDown: 'slide_next',
                 ArrowLeft: 'slide_prev', PageUp: 'slide_prev'}[event.key];
    const button = key && document.querySelector('.st-key-' + key + ' button');
    if (button && !button.disabled) { event.preventDefault(); button.click(); }
  });
}
"""

# The slide is laid out at 1920 × 1080 and zoomed to the screen: a 1280 × 720 projector shows
# the same slide at two thirds. Should a slide still be taller than the screen (a long name, a
# narrow window), it is zoomed further until it fits; data-ok-slide-scale on <html> tells how
# much (1 = as laid out), so a test can see that no slide relies on that.
_FIT_JS = """
if (!window.__okSlideFit) {
  window.__okSlideFit = true;
  const fit = () => {
    const block = document.querySelector('[data-testid="stMainBlockContainer"]');
    const main = document.querySelector('[data-testid="stMain"]');
    if (!block || !main) return;
    const base = Math.min(window.innerWidth / 1920, window.innerHeight / 1080);
    block.style.zoom = String(base);
    const over = main.scrollHeight / main.clientHeight;
    const scale = over > 1.001 ? 1 / over : 1;
    block.style.zoom = String(base * scale);
    document.documentElement.dataset.okSlideScale = scale.toFixed(3);
  };
  let pending = false;
  const later = () => {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => { pending = false; fit(); });
  };
  new MutationObserver(later).observe(document.body, {childList: true, subtree: true});
  window.addEventListener('resize', later);
  fit();
}
"""
