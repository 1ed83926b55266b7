"""What every page starts with: the language, the data (or a clear message), the sample notice.

A view begins with ``view = page.start()`` and then reads ``view.lang``, ``view.t(key)``,
``view.tables`` and the zone names from it, instead of repeating that preamble itself.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property

import pandas as pd
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from components import data, sources, state
from components.i18n import enum_label, translate
from geo import schema
from geo.schema import Level
from geo.store import StoreError


@dataclass
class Page:
    """One run of one view: the reader's language and the store's tables."""

    lang: str
    tables: dict[str, pd.DataFrame] = field(repr=False)

    def t(self, key: str, **values: object) -> str:
        """The catalog text ``key`` in the reader's language, placeholders filled."""
        return translate(key, self.lang, **values)

    def enum(self, name: str, code: str) -> str:
        """The label of an enum code (``enum.<name>.<code>``) in the reader's language."""
        return enum_label(name, code, self.lang)

    @cached_property
    def zones(self) -> pd.DataFrame:
        """The 60 levekårssoner."""
        areas = self.tables["areas"]
        return areas[areas["level"] == Level.LEVEKARSSONE]

    @cached_property
    def zone_names(self) -> dict[str, str]:
        """Zone id → zone name, for the levekårssoner."""
        return dict(zip(self.zones["area_id"], self.zones["name"], strict=True))

    @cached_property
    def area_names(self) -> dict[str, str]:
        """Area id → name at every level (an indicator may live on delområde or bydel)."""
        areas = self.tables["areas"]
        return dict(zip(areas["area_id"], areas["name"], strict=True))

    def zone_filter(
        self,
        container: DeltaGenerator,
        label: str,
        area_ids: Iterable[str],
        *,
        key: str,
        placeholder: str,
    ) -> list[str]:
        """A multiselect of zones by name (ordered by name), as the programme pages filter."""
        names = self.zone_names
        options = sorted(set(area_ids), key=lambda a: names.get(a, a))
        return container.multiselect(
            label,
            options,
            format_func=lambda a: names.get(a, a),
            key=key,
            placeholder=placeholder,
        )

    def enum_filter(
        self,
        container: DeltaGenerator,
        label: str,
        name: str,
        codes: Iterable[str],
        *,
        key: str,
        placeholder: str | None = None,
        default: Iterable[str] | None = None,
    ) -> list[str]:
        """A multiselect of enum codes shown by their labels (``enum.<name>.<code>``)."""
        return container.multiselect(
            label,
            list(codes),
            default=None if default is None else list(default),
            format_func=lambda code: self.enum(name, code),
            key=key,
            placeholder=placeholder,
        )


def start(
    title_key: str | None = None,
    intro_key: str | None = None,
    *,
    sample: Sequence[str] = (),
    needs_data: bool = True,
) -> Page:
    """The page's language and tables (or a message and stop), its title and intro from the
    catalog, and the sample notice when any of the ``sample`` tables (those the page shows
    programme data from) still includes illustrative sample rows.

    ``needs_data=False`` for a page that reads no tables (the accessibility statement, the editors'
    page): it then loads none, so a broken store does not hide it (``tables`` is empty)."""
    lang = state.lang()
    view = Page(lang=lang, tables=tables_or_stop(lang) if needs_data else {})
    if title_key:
        st.title(view.t(title_key))
    if intro_key:
        st.markdown(view.t(intro_key))
    sampled = [n for n in sample if n in view.tables and schema.includes_sample(view.tables[n])]
    if sampled:  # name the tables only once some of them hold the kommune's own rows
        sample_notice(lang, sampled if len(sampled) < len(sample) else None)
    return view


def tables_or_stop(lang: str) -> dict[str, pd.DataFrame]:
    """All tables of the store; on a data error, a message in the reader's language and stop."""
    try:
        return data.tables()
    except data.StoreUnavailableError:
        database_unavailable(lang)
        st.stop()
        raise  # unreachable: st.stop() ends the run
    except StoreError as error:
        st.error(f"{translate('app.data_error', lang)} {error.nb if lang == 'nb' else error.en}")
        st.stop()
        raise  # unreachable: st.stop() ends the run


RETRY_S = 5


def database_unavailable(lang: str) -> None:
    """The database is down (a restart, the network): say so plainly, and rerun the whole page
    by itself once it answers again, so a kiosk or an open meeting screen recovers unattended."""
    text = translate("drift.db_unavailable", lang, seconds=RETRY_S)
    st.warning(text, icon=":material/cloud_off:")

    @st.fragment(run_every=RETRY_S)
    def _retry() -> None:
        if data.available():
            st.rerun(scope="app")

    _retry()


def sample_notice(lang: str, tables: Sequence[str] | None = None) -> None:
    """The visible mark that what follows includes illustrative sample data; with ``tables``,
    which of them are still sample (the others hold the kommune's own rows)."""
    if tables is None:
        text = translate("common.sample_notice", lang)
    else:
        names = ", ".join(translate(f"data.tables.{name}", lang) for name in tables)
        text = translate("common.sample_notice_some", lang, tables=names)
    st.warning(text, icon=":material/science:")


def footer(lang: str) -> None:
    sources.footer(lang)
