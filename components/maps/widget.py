"""The one map widget: a folium map shown with ``st_folium``, its clicks as ``MapClick``.

Every page's map goes through ``show``. The browser returns only what the map listens to
(``components.maps.click``), so panning and zooming never rerun the script. A click of a
kind listened to calls ``on_click`` from st_folium's ``on_change``, before the fragment that
holds the map reruns, so that rerun already draws what the click chose: one rerun per click.
A map that listens to zone clicks outlines the clicked zone in the browser at once
(``ClickOutline``), before the server has answered; the answer's outline replaces it.
"""

from __future__ import annotations

from collections.abc import Callable, Collection

import folium
import streamlit as st
import streamlit_folium
from branca.element import MacroElement
from folium.template import Template

from components.maps.click import ClickKind, MapClick, read_click, returned_objects
from components.maps.style import SELECTION_OUTLINE_CLASS, SELECTION_OUTLINE_STYLE


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

    for macro in (FocusWithoutScroll, ClickOutline):
        if macro is ClickOutline and "zone" not in listen:
            continue
        if not any(isinstance(child, macro) for child in fmap._children.values()):
            fmap.add_child(macro())
    # Called through the module so that tests can replace streamlit_folium.st_folium.
    # render=False: st_folium renders the map itself anyway; its default renders the whole
    # figure once more first (same script, only a DivIcon's setIcon line twice), at twice the cost.
    value = streamlit_folium.st_folium(
        fmap,
        key=key,
        render=False,
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


class ClickOutline(MacroElement):
    """On a map that listens to zone clicks, a click on a zone outlines it at once, in the
    browser, before the server has answered (st_folium sends the click 250 ms later, and the
    rerun takes its time).

    The outline has the server's selection style (SELECTION_OUTLINE_STYLE) and is put among
    st_folium's ``window.feature_group`` layers: when the server's answer arrives with its new
    selection layer, st_folium removes those and draws the server's outline in the same task, so
    there is never a double outline and no gap between the two. The outline shown until then
    (found by its class name) is removed at the click; a click on the zone already outlined
    changes nothing (the server's selection stays the same, and so does its answer).
    Zone layers added later (Kart sends its layers as ``feature_group_to_add``) are bound as
    they are added."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function (map, outline, outlineClass) {
          if (map._okClickOutline) { return; }
          map._okClickOutline = true;
          function zoneOf(layer) {
            const feature = layer && layer.feature;
            const geometry = feature && feature.geometry;
            if (!geometry || !feature.properties) { return null; }
            if (geometry.type !== "Polygon" && geometry.type !== "MultiPolygon") { return null; }
            const id = feature.properties.area_id;
            return typeof id === "string" && id ? id : null;
          }
          function shownOutlines() {
            const found = [];
            map.eachLayer(function (layer) {
              if (layer.options && layer.options.className === outlineClass) { found.push(layer); }
            });
            return found;
          }
          function clicked(event) {
            const zone = zoneOf(event.target);
            if (zone === null) { return; }
            const shown = shownOutlines();
            if (shown.some(function (layer) { return zoneOf(layer) === zone; })) { return; }
            shown.forEach(function (layer) { map.removeLayer(layer); });
            const layer = L.geoJSON(event.target.toGeoJSON(), {
              style: function () { return outline; },
              interactive: false,
            }).addTo(map);
            window.feature_group = window.feature_group || [];
            window.feature_group.push(layer);
          }
          function bind(layer) {
            if (layer._okOutlineBound || zoneOf(layer) === null) { return; }
            if (layer.options && layer.options.interactive === false) { return; }
            layer._okOutlineBound = true;
            layer.on("click", clicked);
          }
          map.eachLayer(bind);
          map.on("layeradd", function (event) { bind(event.layer); });
        })(
          {{ this._parent.get_name() }}, {{ this.outline|tojson }}, {{ this.outline_class|tojson }}
        );
        {% endmacro %}
        """
    )

    def __init__(self) -> None:
        super().__init__()
        self._name = "ClickOutline"
        self.outline = SELECTION_OUTLINE_STYLE
        self.outline_class = SELECTION_OUTLINE_CLASS
