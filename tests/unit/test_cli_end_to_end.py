"""`omradekart import`, `history` and `undo` as a scheduled load runs them: the real command in
a subprocess (`python -m geo.cli`, the installed entry point's module), on a copy of the
GeoPackage and on PostGIS, importing a project register kept the way a kommune keeps it.

Without PostgreSQL/PostGIS the PostGIS half is skipped with one line, except in CI (the
server fixture is test_postgis.py's).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from geo import schema
from geo.store import GeoPackageStore, Store, postgis
from tests.unit.test_postgis import _fresh_database, pg_template  # noqa: F401 (a fixture)

ROOT = Path(__file__).resolve().parents[2]
HEADERS = [
    "Prosjektnr", "Prosjektnavn", "Levekårssone", "Status", "Oppstart", "Avslutning",
    "Budsjett (kr)", "Finansiering", "Ansvarlig enhet", "Øst", "Nord",
]  # fmt: skip


def _register(path: Path, rows: list[list[object]]) -> Path:
    """An Excel register as kept by hand: a title, a date line and a blank row above the header,
    Excel dates, amounts typed as text, statuses and zones in mixed spelling."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Prosjektoversikt områdesatsingen"])
    sheet.append(["Oppdatert 03.11.2026"])
    sheet.append([])
    sheet.append(HEADERS)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def _row(number: int, zone: str, status: str, budget: object, point: tuple[float, float]):
    return [
        f"P-{number:03d}", f"Prosjekt {number}", zone, status, dt.datetime(2025, 2, number),
        "31.12.2027", budget, "Husbanken", "Enhet for områdeutvikling", *point,
    ]  # fmt: skip


@pytest.fixture(scope="module")
def points(dataset_path: Path) -> dict[str, tuple[float, float]]:
    """A point inside each programme zone, by the zone's name."""
    areas = GeoPackageStore(dataset_path).read("areas")
    zones = areas[(areas["level"] == schema.Level.LEVEKARSSONE) & areas["is_focus"]]
    return {
        name: (round(p.x, 1), round(p.y, 1))
        for name, p in zip(zones["name"], zones.representative_point(), strict=True)
    }


@pytest.fixture(scope="module")
def registers(tmp_path_factory: pytest.TempPathFactory, points) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("registers")
    lade, molle, tempe = points["Lademoen"], points["Møllenberg"], points["Tempe-Sorgenfri"]
    v1 = [
        _row(1, "Lademoen", "Pågår", "kr 350 000", lade),
        _row(2, "møllenberg ", "pågår ", 120000, molle),
        _row(3, "tempe - sorgenfri", "Planlagt", "1 250 000", tempe),
        _row(4, "LADEMOEN", "Videreført i drift", "80 000", lade),
    ]
    v2 = [list(row) for row in v1]
    v2[1][3] = "Avsluttet"  # P-002 finished
    v2[2][6] = "1 400 000"  # P-003 got more money
    v2.append(_row(5, "Møllenberg", "Idé", "", molle))  # a new project
    bad = [list(row) for row in v1]
    bad[2][2] = "Oslo sentrum"  # a zone that is not one, far from the point
    bad[3][3] = "Kanskje"  # no such status
    return {
        "v1": _register(folder / "prosjekter.xlsx", v1),
        "v2": _register(folder / "prosjekter-v2.xlsx", v2),
        "bad": _register(folder / "prosjekter-feil.xlsx", bad),
    }


@pytest.fixture(params=["gpkg", "postgis"])
def env(request, dataset_path: Path, tmp_path: Path) -> dict[str, str]:
    """The environment of a scheduled load: OMRADEKART_GPKG, or DATABASE_URL for PostGIS."""
    base = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "OMRADEKART_GPKG")}
    if request.param == "gpkg":
        copy = tmp_path / "omradekart.gpkg"
        shutil.copyfile(dataset_path, copy)
        return {**base, "OMRADEKART_GPKG": str(copy)}
    # a database cloned from the PostGIS tests' template, which holds the dataset's tables
    url = _fresh_database(request.getfixturevalue("pg_template"))
    return {**base, "DATABASE_URL": url}


def omradekart(env: dict[str, str], *args: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "geo.cli", *map(str, args)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def _store(env: dict[str, str]) -> Store:
    if "DATABASE_URL" in env:
        return postgis.PostGISStore(env["DATABASE_URL"])
    return GeoPackageStore(env["OMRADEKART_GPKG"])


def _state(env: dict[str, str]) -> object:
    """What must not change when nothing is written: the GeoPackage's bytes, or for PostGIS
    the projects table and the history as stored."""
    if "OMRADEKART_GPKG" in env:
        return Path(env["OMRADEKART_GPKG"]).read_bytes()
    store = _store(env)
    return (store.read("projects").to_wkt().to_json(), store.history().to_json())


def _zone_ids(env: dict[str, str]) -> dict[str, str]:
    areas = _store(env).read("areas")
    zones = areas[areas["level"] == schema.Level.LEVEKARSSONE]
    return dict(zip(zones["name"], zones["area_id"], strict=True))


def test_import_update_and_undo_as_a_scheduled_load(env, registers):
    before = _state(env)
    dry = omradekart(env, "import", registers["v1"], "--table", "projects", "--dry-run", "--json")
    assert dry.returncode == 0, dry.stdout + dry.stderr
    assert json.loads(dry.stdout)["status"] == "dry_run"
    assert _state(env) == before  # a dry run writes nothing

    first = omradekart(env, "import", registers["v1"], "--table", "projects", "--user", "natt")
    assert first.returncode == 0, first.stdout + first.stderr
    projects = _store(env).read("projects").set_index("project_id")
    zones = _zone_ids(env)
    assert projects.loc["P-001", "area_id"] == zones["Lademoen"]
    assert projects.loc["P-002", "area_id"] == zones["Møllenberg"]
    assert projects.loc["P-003", "area_id"] == zones["Tempe-Sorgenfri"]
    assert projects.loc["P-004", "status"] == "i_drift"
    assert projects.loc["P-001", "budget_nok"] == 350_000
    assert projects.loc["P-001", "start_year"] == 2025
    assert not projects.loc["P-001", "is_sample"]

    after_first = _state(env)
    again = omradekart(env, "import", registers["v1"], "--table", "projects", "--json")
    assert again.returncode == 0, again.stdout + again.stderr
    assert json.loads(again.stdout)["status"] == "unchanged"
    assert _state(env) == after_first  # the same file twice changes nothing

    second = omradekart(env, "import", registers["v2"], "--table", "projects", "--json")
    assert second.returncode == 0, second.stdout + second.stderr
    report = json.loads(second.stdout)
    assert report["status"] == "imported"
    changes = json.loads(omradekart(env, "history", "--json").stdout)
    newest = changes[0]
    assert newest["id"] == report["import_id"]
    assert (newest["inserted"], newest["updated"], newest["deleted"]) == (1, 2, 0)
    log = _store(env).history()
    touched = set(log.loc[log["batch_id"] == report["import_id"], "row_id"])
    assert touched == {"P-002", "P-003", "P-005"}  # exactly the changed and the new rows
    updated = _store(env).read("projects").set_index("project_id")
    assert updated.loc["P-002", "status"] == "avsluttet"
    assert updated.loc["P-003", "budget_nok"] == 1_400_000

    undo = omradekart(env, "undo", report["import_id"], "--user", "natt")
    assert undo.returncode == 0, undo.stdout + undo.stderr
    back = _store(env).read("projects").set_index("project_id")
    assert "P-005" not in back.index and back.loc["P-002", "status"] == "pagar"
    assert json.loads(omradekart(env, "history", "--json").stdout)[0]["kind"] == "undo"


def test_a_refused_file_writes_nothing_and_says_why(env, registers):
    before = _state(env)
    text = omradekart(env, "import", registers["bad"], "--table", "projects")
    assert text.returncode == 1
    assert "Rad 7" in text.stdout + text.stderr  # the file's row: three lines above the header
    assert "Traceback" not in text.stderr
    result = omradekart(
        env, "import", registers["bad"], "--table", "projects", "--json", "--lang", "en"
    )
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert report["status"] == "refused"
    flat = json.dumps(report, ensure_ascii=False)
    assert "Kanskje" in flat and "Oslo sentrum" in flat
    assert _state(env) == before


def test_usage_errors_exit_2_and_write_nothing(env, registers, tmp_path):
    before = _state(env)
    unknown_table = omradekart(env, "import", registers["v1"], "--table", "prosjekter")
    assert unknown_table.returncode == 2 and "prosjekter" in unknown_table.stderr
    missing = omradekart(env, "import", tmp_path / "finnes-ikke.xlsx", "--table", "projects")
    assert missing.returncode == 2
    bad_mode = omradekart(env, "import", registers["v1"], "--table", "projects", "--mode", "x")
    assert bad_mode.returncode == 2
    assert _state(env) == before


def test_undo_with_nothing_to_undo_is_refused(env):
    result = omradekart(env, "undo")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.strip()


REGISTERS = ROOT / "tests" / "fixtures" / "registers"


def test_the_kommunes_register_and_its_v2_without_an_id_column(env):
    """The import engineer's register (no id column: keyed by name and zone), then its v2 with
    one budget raised, one project ended and one new."""
    first = omradekart(env, "import", REGISTERS / "prosjektregister.xlsx", "--table", "projects",
                       "--json")  # fmt: skip
    assert first.returncode == 0, first.stdout + first.stderr
    assert json.loads(first.stdout)["status"] == "imported"
    zones = _zone_ids(env)
    stored = _store(env).read("projects").set_index("name")
    assert stored.loc["Aktivitetspark Lademoen", "area_id"] == zones["Lademoen"]
    assert stored.loc["Møteplass Tempe", "area_id"] == zones["Tempe-Sorgenfri"]

    before = _state(env)
    again = omradekart(env, "import", REGISTERS / "prosjektregister.xlsx", "--table", "projects",
                       "--json")  # fmt: skip
    assert again.returncode == 0 and json.loads(again.stdout)["status"] == "unchanged"
    assert _state(env) == before

    v2 = omradekart(env, "import", REGISTERS / "prosjektregister_v2.xlsx", "--table", "projects",
                    "--json")  # fmt: skip
    assert v2.returncode == 0, v2.stdout + v2.stderr
    newest = json.loads(omradekart(env, "history", "--json").stdout)[0]
    assert (newest["inserted"], newest["updated"], newest["deleted"]) == (1, 2, 0)
    updated = _store(env).read("projects").set_index("name")
    assert updated.loc["Aktivitetspark Lademoen", "budget_nok"] == 400_000
    assert updated.loc["Møteplass Tempe", "status"] == "avsluttet"
    assert "Sommerjobb for ungdom" in updated.index


def test_personal_fields_of_a_grant_export_never_reach_the_store(env):
    result = omradekart(env, "import", REGISTERS / "tilskudd_eksport.xlsx", "--table", "grants",
                        "--json")  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert json.loads(result.stdout)["status"] == "imported"
    store = _store(env)
    stored = store.read("grants").to_wkt().to_json(force_ascii=False)
    stored += store.history().to_json(force_ascii=False)
    for personal in ("Per Hansen", "per.hansen@example.no", "900 11 222", "Siri Dahl",
                     "kari.n@example.no", "Kari Nordmann"):  # fmt: skip
        assert personal not in stored
