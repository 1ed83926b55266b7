"""The one map widget: a folium map shown with ``st_folium``, its clicks as ``MapClick``.

Every page's map goes through ``show``. The browser returns only what the map listens to
(``components.maps.click``), so panning and zooming never rerun the script. A click of a
kind listened to calls ``on_click`` from st_folium's ``on_change``, before the fragment that
holds the map reruns, so that rerun already draws what the click chose: one rerun per click.
"""

from __future__ import annotations

from collections.abc import Callable, Collection

import folium
import streamlit as st
import streamlit_folium
from branca.element import MacroElement
from folium.template import Template

from components.maps.click import ClickKind, MapClick, read_click, returned_objects


def show(
    fmap: folium.Map,
    *,
    key: str,
    height: int,
    listen: Collection[ClickKind] = (),
    on_click: Callable[[MapClick], None] | None = None,
    feature_group_to_add: folium.FeatureGroup | list[folium.FeatureGroup] | None = None,
) -> MapClick | None:
    """Show ``fmap`` under ``key``; return the click the map holds (None before any).

    ``listen``: the kinds of click that reach the server (nothing, by default: then no
    interaction reruns the script). ``on_click(click)`` runs when such a click is new.
    ``feature_group_to_add`` is drawn into the live map: changing it does not rebuild the map,
    so the user's view and layer choices stay. A map that listens to "location" as well as to
    features (a map drawn from vector tiles) compares with the value before: a feature is the
    click only when it changed, else the click was on the map (components.maps.click).
    """

    seen = f"{key}__seen"

    def changed() -> None:
        # st_folium has just copied the browser's value to st.session_state[key].
        value = st.session_state.get(key)
        click = read_click(value, listen, previous=st.session_state.get(seen))
        st.session_state[seen] = value
        if click is not None and on_click is not None:
            on_click(click)

    if not any(isinstance(child, FocusWithoutScroll) for child in fmap._children.values()):
        fmap.add_child(FocusWithoutScroll())
    # Called through the module so that tests can replace streamlit_folium.st_folium.
    value = streamlit_folium.st_folium(
        fmap,
        key=key,
        height=height,
        use_container_width=True,
        returned_objects=returned_objects(listen),
        feature_group_to_add=feature_group_to_add,
        on_change=changed if listen else None,
    )
    return read_click(value, listen)


class FocusWithoutScroll(MacroElement):
    """Leaflet focuses its map on the first mouse press (for the arrow keys). In an iframe that
    does not fit the window, that focus scrolled the page to show the whole iframe, so the page
    jumped under the pressed button and the click landed on whatever came under it (about
    100 px lower on Kart at 1440×900). Focus it the same way, without scrolling."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function (keyboard) {
          if (!keyboard || keyboard._okNoScroll) { return; }
          const enabled = keyboard.enabled();
          if (enabled) { keyboard.disable(); }
          keyboard._onMouseDown = function () {
            if (this._focused) { return; }
            this._map._container.focus({preventScroll: true});
          };
          keyboard._okNoScroll = true;
          if (enabled) { keyboard.enable(); }
        })({{ this._parent.get_name() }}.keyboard);
        {% endmacro %}
        """
    )

    def __init__(self) -> None:
        super().__init__()
        self._name = "FocusWithoutScroll"
