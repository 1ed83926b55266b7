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
    so the user's view and layer choices stay.
    """

    def changed() -> None:
        # st_folium has just copied the browser's value to st.session_state[key].
        click = read_click(st.session_state.get(key), listen)
        if click is not None and on_click is not None:
            on_click(click)

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
