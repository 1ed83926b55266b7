"""axe-core on every page of the app, in both languages: no serious or critical violations.

The pages are discovered from the running app (the links of its navigation menu), so a page
someone adds is covered without touching this file; the presentation (a few of its slides)
and the kiosk are added by their URLs, since those modes hide the menu. axe-core comes from
the npm registry through ``python -m components.maps.vendor`` (static/vendor/axe-core), never a CDN.

Only the app's own document is checked (``iframes: false``): the map is streamlit-folium's
iframe of Leaflet markup, which the app does not write. Violations that come from Streamlit
itself are listed in STREAMLIT_OWN with the reason, and reported but not counted.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import (
    FOLIUM_IFRAME,
    REPO_ROOT,
    expect_rerun,
    open_data_page_as_editor,
    wait_for_app_idle,
    wait_for_map,
)

AXE_JS = REPO_ROOT / "static" / "vendor" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
COUNTED_IMPACTS = {"serious", "critical"}
LANGUAGES = ("nb", "en")
# Modes hide the navigation menu: their pages are given by URL (path, query).
MODE_PAGES = [
    ("/", "mode=presentasjon&slide=1"),
    ("/", "mode=presentasjon&slide=2"),
    ("/", "mode=presentasjon&slide=5"),
    ("/", "mode=presentasjon&slide=7"),
    ("/", "mode=kiosk&interval=600"),
    ("/tilgjengelighet", "mode=kiosk&interval=600"),
]


@dataclass(frozen=True)
class Known:
    """A violation that Streamlit's own markup causes, with why it is not the app's to fix."""

    rule: str
    target: str  # a substring of the offending element's CSS selector
    reason: str


# Violations in Streamlit's own markup (not the app's content), with the reason. Listed in the
# accessibility statement as "parts of the framework".
STREAMLIT_OWN: list[Known] = [
    Known(
        "scrollable-region-focusable",
        "st-emotion-cache",
        "Streamlit's st.container(height=...) scrolls but is not focusable (tabindex) and has "
        "no class of the app's to add one to; its content (tables, lists) is reachable in order",
    ),
    Known(
        "svg-img-alt",
        "marks",
        "Vega, which renders st.altair_chart, marks each group of SVG marks "
        "role=graphics-symbol without a name; the chart's text and table view are the answer",
    ),
]


def _navigation_pages(page: Page, base_url: str) -> list[str]:
    """The paths of every page in the ordinary app's navigation menu."""
    page.goto(base_url)
    wait_for_app_idle(page)
    more = page.get_by_test_id("stSidebarNavViewButton")
    if more.count():
        more.first.click()
    hrefs = page.locator('[data-testid="stSidebarNav"] a').evaluate_all(
        "(links) => links.map((link) => link.href)"
    )
    paths = sorted({urlsplit(href).path or "/" for href in hrefs})
    assert len(paths) >= 3, f"found too few pages in the navigation: {paths}"
    return paths


def _axe(page: Page) -> list[dict]:
    page.add_script_tag(path=str(AXE_JS))
    result = page.evaluate(
        """async (tags) => {
            const results = await axe.run(document, {
                runOnly: {type: 'tag', values: tags},
                resultTypes: ['violations'],
                iframes: false,
            });
            return results.violations.map((v) => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map((n) => ({target: n.target.join(' '), impact: n.impact,
                                           html: n.html.slice(0, 200)})),
            }));
        }""",
        WCAG_TAGS,
    )
    return result


def _is_known(rule: str, target: str) -> Known | None:
    return next((k for k in STREAMLIT_OWN if k.rule == rule and k.target in target), None)


def _check(page: Page, url: str) -> tuple[list[str], list[str]]:
    """(counted violations, excluded ones) of the page at `url`, one line each."""
    page.goto(url)
    return _check_as_shown(page, url)


def _check_as_shown(page: Page, url: str) -> tuple[list[str], list[str]]:
    """(counted violations, excluded ones) of the page as it is now (`url` names it)."""
    wait_for_app_idle(page)
    maps = page.locator(FOLIUM_IFRAME)
    for index in range(maps.count()):
        if maps.nth(index).is_visible():  # not one in a tab that is not shown
            wait_for_map(page, index)
    counted, excluded = [], []
    for violation in _axe(page):
        for node in violation["nodes"]:
            impact = node["impact"] or violation["impact"]
            if impact not in COUNTED_IMPACTS:
                continue
            line = f"{url}: {violation['id']} ({impact}) {violation['help']} at {node['target']}"
            known = _is_known(violation["id"], node["target"])
            if known:
                excluded.append(f"{line} -- {known.reason}")
            else:
                counted.append(f"{line}\n    {node['html']}")
    return counted, excluded


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_serious_or_critical_violations_on_any_page(page: Page, app_server: str, lang: str):
    assert AXE_JS.is_file(), "axe-core is missing: run `make vendor`"
    urls = [f"{app_server}{path}?lang={lang}" for path in _navigation_pages(page, app_server)]
    urls += [f"{app_server}{path}?{query}&lang={lang}" for path, query in MODE_PAGES]
    counted: list[str] = []
    excluded: list[str] = []
    for url in urls:
        page_counted, page_excluded = _check(page, url)
        counted += page_counted
        excluded += page_excluded
        expected = lang
        actual = page.evaluate("document.documentElement.lang")
        if actual != expected:
            counted.append(f"{url}: <html lang> is {actual!r}, not {expected!r}")
    print(f"axe-core checked {len(urls)} pages in {lang}: {json.dumps(urls, indent=1)}")
    if excluded:
        print("excluded (Streamlit's own):\n" + "\n".join(excluded))
    assert counted == [], "\n".join(counted)
    assert page.blocked_requests == []


# --- the Data page, which only a signed-in editor sees -----------------------------------------

# the import report's summary when the upload below is read
READY_TEXT = {
    "nb": "2 rader lest: 2 nye, 0 endret, 0 uendret.",
    "en": "2 rows read: 2 new, 0 changed, 0 unchanged.",
}
PLACES_TABLE = {"nb": "Møteplasser", "en": "Meeting places"}
UPLOAD_CSV = "Navn;Type;Breddegrad;Lengdegrad\nAxe Lademoen;Park;63,4398;10,4218\n" + (
    "Axe Møllenberg;Lekeplass;63,4315;10,4140\n"
)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_serious_or_critical_violations_on_the_data_page_for_an_editor(
    page: Page, editor_server: tuple[str, Path], lang: str, tmp_path: Path
):
    assert AXE_JS.is_file(), "axe-core is missing: run `make vendor`"
    ready = READY_TEXT[lang]
    open_data_page_as_editor(page, editor_server[0], lang)
    uploader = page.locator('[data-testid="stFileUploaderDropzoneInput"]')
    expect(uploader).to_be_attached()  # the editor's page, not the "editors only" notice
    counted: list[str] = []
    excluded: list[str] = []
    tabs = page.get_by_role("tab")
    assert tabs.count() >= 4  # import, edit, history, export
    for index in range(tabs.count()):  # every tab as the editor opens it
        tab = tabs.nth(index)
        tab.click()
        expect(tab).to_have_attribute("aria-selected", "true")
        tab_counted, tab_excluded = _check_as_shown(page, f"{page.url} ({tab.inner_text()})")
        counted += tab_counted
        excluded += tab_excluded
    tabs.first.click()
    expect(tabs.first).to_have_attribute("aria-selected", "true")
    # and with an import's report and preview map on it
    upload = tmp_path / "axe-steder.csv"
    upload.write_bytes(UPLOAD_CSV.encode("utf-8"))
    page.locator(".st-key-import_table").click()  # the upload is a list of meeting places
    with expect_rerun(page):
        page.get_by_role("option", name=PLACES_TABLE[lang], exact=True).click()
    with expect_rerun(page):
        uploader.set_input_files(upload)
    expect(page.get_by_text(ready, exact=False).first).to_be_visible()
    more_counted, more_excluded = _check_as_shown(page, f"{page.url} (editor, import report)")
    counted += more_counted
    excluded += more_excluded
    actual = page.evaluate("document.documentElement.lang")
    if actual != lang:
        counted.append(f"Data page: <html lang> is {actual!r}, not {lang!r}")
    if excluded:
        print("excluded (Streamlit's own):\n" + "\n".join(excluded))
    assert counted == [], "\n".join(counted)
    assert page.blocked_requests == []
