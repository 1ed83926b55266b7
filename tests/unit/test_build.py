"""The build: every table present, provenance on every row, real figures, determinism."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from geo import schema
from geo.build import dataset as build
from geo.store import GeoPackageStore

REAL_TABLES = ("areas", "meeting_places", *schema.REFERENCE_LAYERS)
SAMPLE_TABLES = ("projects", "grants", "targets", "risks")
MIXED_TABLES = ("indicators", "indicator_values")  # real population + the sample


@pytest.fixture(scope="module")
def rebuilt(tmp_path_factory: pytest.TempPathFactory) -> dict[int, Path]:
    """Two more builds: the default seed again, and another seed."""
    folder = tmp_path_factory.mktemp("rebuild")
    paths = {}
    for seed in (build.DEFAULT_SEED, 7):
        paths[seed] = folder / f"seed{seed}.gpkg"
        build.main(["--out", str(paths[seed]), "--seed", str(seed)])
    return paths


def _contents(path: Path) -> dict[str, pd.DataFrame]:
    store = GeoPackageStore(path)
    return {name: store.read(name) for name in sorted(store.tables())}


def test_every_table_and_layer_is_built(built_tables: dict[str, pd.DataFrame]) -> None:
    assert set(built_tables) == set(schema.TABLES) | set(schema.REFERENCE_LAYERS)
    for name, frame in built_tables.items():
        assert len(frame) > 0, name


def test_every_row_has_provenance(built_tables: dict[str, pd.DataFrame]) -> None:
    for name, frame in built_tables.items():
        assert frame["is_sample"].dtype == bool, name
        assert frame["source"].notna().all() and frame["source"].str.strip().str.len().gt(0).all()


def test_real_tables_are_real_and_sample_tables_are_sample(
    built_tables: dict[str, pd.DataFrame],
) -> None:
    for name in REAL_TABLES:
        assert not built_tables[name]["is_sample"].any(), name
    for name in SAMPLE_TABLES:
        assert built_tables[name]["is_sample"].all(), name
    indicators = built_tables["indicators"].set_index("indicator_id")
    values = built_tables["indicator_values"]
    assert not indicators.loc["befolkning", "is_sample"]
    assert (values["is_sample"] == values["indicator_id"].map(indicators["is_sample"])).all()
    assert "Illustrativt" not in " ".join(values.loc[~values["is_sample"], "source"].unique())


def test_the_areas_hierarchy(built_tables: dict[str, pd.DataFrame]) -> None:
    areas = built_tables["areas"].set_index("area_id")
    counts = areas["level"].value_counts()
    assert counts.to_dict() == {"levekarssone": 60, "delomrade": 25, "bydel": 4, "kommune": 1}
    parent_level = areas["parent_id"].dropna().map(areas["level"])
    expected = {"levekarssone": "delomrade", "delomrade": "bydel", "bydel": "kommune"}
    assert (parent_level == areas.loc[parent_level.index, "level"].map(expected)).all()
    assert areas.loc["kom-5001", "name"] == "Trondheim"
    assert areas.loc["lks-09", "parent_id"] == "del-50011500"  # Lademoen ⊂ Lademoen
    assert areas.loc["lks-07", "parent_id"] == "del-50011400"  # Møllenberg ⊂ Rosenborg-Møllenberg
    assert areas.loc["lks-26", "parent_id"] == "del-50014100"  # Tempe-Sorgenfri ⊂ Nardo
    codes = areas.loc[areas["level"] == "levekarssone", "code"].dropna()
    assert codes.to_dict() == {
        "lks-00": "111", "lks-01": "112", "lks-02": "120", "lks-03": "131", "lks-04": "132",
    }  # fmt: skip


@pytest.mark.parametrize(
    ("name", "km2"), [("Lademoen", 0.98), ("Møllenberg", 0.33), ("Tempe-Sorgenfri", 0.89)]
)
def test_focus_zones_and_their_areas(
    built_tables: dict[str, pd.DataFrame], name: str, km2: float
) -> None:
    areas = built_tables["areas"]
    zone = areas[(areas["level"] == "levekarssone") & (areas["name"] == name)]
    assert len(zone) == 1
    assert bool(zone["is_focus"].iloc[0])
    assert zone["programme"].iloc[0] == "Områdesatsingene i Trondheim 2026–2031"
    assert zone.geometry.area.iloc[0] / 1e6 == pytest.approx(km2, abs=0.01)


def test_only_the_three_focus_zones_are_focus(built_tables: dict[str, pd.DataFrame]) -> None:
    areas = built_tables["areas"]
    assert sorted(areas.loc[areas["is_focus"], "name"]) == [
        "Lademoen",
        "Møllenberg",
        "Tempe-Sorgenfri",
    ]
    saupstad = areas[areas["name"] == "Saupstad"].iloc[0]
    assert not saupstad["is_focus"]
    assert saupstad["programme"] == "Områdeløft Saupstad-Kolstad 2013–2020"


def test_population_figures_are_the_real_ones(built_tables: dict[str, pd.DataFrame]) -> None:
    values = built_tables["indicator_values"]
    population = values[values["indicator_id"] == "befolkning"].set_index(["area_id", "year"])
    figure = population["value"]
    assert figure[("del-50011500", 2002)] == 4138  # Lademoen
    assert figure[("del-50011500", 2025)] == 8037
    assert figure[("del-50011400", 2002)] == 7145  # "Rosenborg-Møllenberg"
    assert figure[("del-50011400", 2019)] == 9203  # "Rosenborg-møllenberg"
    assert figure[("del-50011400", 2025)] == 9007  # "Rosenborg - Møllenberg" (two pieces)
    assert figure[("del-50014100", 2025)] == 6086  # Nardo
    klaebu = population.loc["del-50010100"].index
    assert klaebu.min() == 2020  # no earlier match: those years are left out
    assert figure[("kom-5001", 2025)] == 216_518
    assert figure[("byd-500102", 2026)] == 63_646  # Østbyen
    delomrader = population.loc[population.index.get_level_values(0).str.startswith("del-")]
    assert delomrader.index.get_level_values(1).min() == 2002
    share = values[(values["indicator_id"] == "andel_0_17") & (values["area_id"] == "kom-5001")]
    assert share["value"].between(17, 25).all()


def test_same_seed_gives_the_same_contents(built_gpkg: Path, rebuilt: dict[int, Path]) -> None:
    first, second = _contents(built_gpkg), _contents(rebuilt[build.DEFAULT_SEED])
    assert first.keys() == second.keys()
    for name in first:
        pd.testing.assert_frame_equal(first[name], second[name], obj=name)


def test_same_seed_gives_a_byte_identical_file(built_gpkg: Path, rebuilt: dict[int, Path]) -> None:
    assert built_gpkg.read_bytes() == rebuilt[build.DEFAULT_SEED].read_bytes()


def test_another_seed_changes_the_sample_only(built_gpkg: Path, rebuilt: dict[int, Path]) -> None:
    first, other = _contents(built_gpkg), _contents(rebuilt[7])
    for name in REAL_TABLES:
        pd.testing.assert_frame_equal(first[name], other[name], obj=name)
    for name in (*SAMPLE_TABLES, "indicator_values"):
        assert not first[name].equals(other[name]), name
    real = first["indicator_values"][~first["indicator_values"]["is_sample"]]
    real_other = other["indicator_values"][~other["indicator_values"]["is_sample"]]
    pd.testing.assert_frame_equal(real, real_other)


def test_the_build_reports_what_it_wrote(
    built_tables: dict[str, pd.DataFrame],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    small = {name: built_tables[name] for name in ("risks", "indicators", "transit_stops")}
    monkeypatch.setattr(build, "build_tables", lambda seed, root: small)
    build.main(["--out", str(tmp_path / "x.gpkg")])
    out = capsys.readouterr().out
    assert "x.gpkg" in out
    assert re.search(r"risks +9 rows +sample", out)
    assert re.search(r"indicators +\d+ rows +mixed", out)
    assert re.search(r"transit_stops +148 rows +real", out)
