"""Every interactive element of a page and its frames, measured in the browser (for the kiosk
and presentation tests): WCAG 2.5.5's 44 × 44 px, which the accessibility statement promises."""

from __future__ import annotations

from playwright.sync_api import Page

MIN_PX = 44

# Every control a finger can hit: links, buttons, form fields, ARIA widgets. A checkbox inside a
# <label> is hit through its label (the map's layer switches), so the label is measured. Hidden
# elements (no box) are skipped, and so is Streamlit's "Skip to main content" link, which is a
# 1 × 1 px keyboard-only link until it has the keyboard focus.
_CONTROLS_JS = """
() => {
  const selector = 'a[href], button, input, select, textarea, summary, [role="button"], '
    + '[role="checkbox"], [role="radio"], [role="tab"], [role="link"], [role="switch"], '
    + '[role="option"], [role="slider"], [role="menuitem"], [contenteditable="true"]';
  const found = [];
  for (const element of document.querySelectorAll(selector)) {
    if (element.matches('a[href="#stMain"]')) continue;
    const hit = element.matches('input[type=checkbox], input[type=radio]')
      ? (element.closest('label') || element) : element;
    const box = hit.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) continue;
    if (getComputedStyle(element).visibility === 'hidden') continue;
    const name = (element.getAttribute('aria-label') || element.innerText || element.value
      || element.tagName).toString().replace(/\\s+/g, ' ').trim().slice(0, 60);
    found.push({name, width: box.width, height: box.height});
  }
  return found;
}
"""


def controls(page: Page) -> list[dict[str, object]]:
    """Every visible control in the page and in each of its frames, with its size in px."""
    found: list[dict[str, object]] = []
    for frame in page.frames:
        found += [
            {**item, "frame": frame.name or frame.url} for item in frame.evaluate(_CONTROLS_JS)
        ]
    return found


def too_small(page: Page) -> list[dict[str, object]]:
    return [
        c
        for c in controls(page)
        if float(c["width"]) < MIN_PX or float(c["height"]) < MIN_PX  # type: ignore[arg-type]
    ]
