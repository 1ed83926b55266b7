"""The `omradekart` command line (click's CliRunner, in process): export, history, undo,
template and users; `import` in depth is tests/unit/test_cli_end_to_end.py (a subprocess)."""

from __future__ import annotations

import io
import json
import shutil
import tomllib
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from click.testing import CliRunner

from geo import schema
from geo.cli import main
from geo.ingest import export, templates
from geo.store import GeoPackageStore, auth

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "cli"


@pytest.fixture
def gpkg(dataset_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the dataset, named by OMRADEKART_GPKG as in a deployment."""
    copy = tmp_path / "omradekart.gpkg"
    shutil.copyfile(dataset_path, copy)
    monkeypatch.setenv("OMRADEKART_GPKG", str(copy))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    return copy


def run(*args: str, stdin: str | None = None):
    return CliRunner().invoke(main, list(args), input=stdin, catch_exceptions=False)


def test_every_command_is_registered_with_help():
    result = run("--help")
    assert result.exit_code == 0
    for name in ("import", "export", "history", "undo", "template", "users"):
        assert name in result.output


def test_export_writes_a_table_through_the_one_export(gpkg, tmp_path):
    out = tmp_path / "prosjekter.csv"
    result = run("export", "projects", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert out.read_bytes() == export.write("csv", GeoPackageStore(gpkg).read("projects"))


def test_export_all_is_the_whole_dataset_as_a_geopackage(gpkg, tmp_path):
    out = tmp_path / "alt.gpkg"
    assert run("export", "all", "--format", "gpkg", "-o", str(out)).exit_code == 0
    copy = GeoPackageStore(out)
    assert set(schema.TABLES) <= set(copy.tables())
    assert len(copy.read("meeting_places")) == len(GeoPackageStore(gpkg).read("meeting_places"))


def test_export_usage_errors_exit_2(gpkg, tmp_path):
    assert run("export", "projects", "-o", str(tmp_path / "x.docx")).exit_code == 2
    assert run("export", "no_such_table", "-o", str(tmp_path / "x.csv")).exit_code == 2
    no_geometry = run("export", "indicators", "--format", "geojson", "-o", str(tmp_path / "i"))
    assert no_geometry.exit_code == 2 and "no geometry" in no_geometry.output
    assert not (tmp_path / "i").exists()


def test_the_old_export_module_command_is_gone():
    assert not hasattr(export, "main")


def test_template_xlsx_and_csv_by_suffix(gpkg, tmp_path):
    xlsx, csv = tmp_path / "mal.xlsx", tmp_path / "mal.csv"
    assert run("template", "grants", "-o", str(xlsx)).exit_code == 0
    assert run("template", "grants", "-o", str(csv)).exit_code == 0
    book = openpyxl.load_workbook(xlsx)
    headers = [cell.value for cell in book[templates.DATA_SHEET][1]]
    assert headers == list(templates.empty("grants").columns)
    assert "Innvilget beløp (kr)" in headers
    frame = pd.read_csv(io.BytesIO(csv.read_bytes()), encoding="utf-8-sig")
    assert list(frame.columns) == headers and frame.empty
    wrong = run("template", "grants", "-o", str(tmp_path / "mal.txt"))
    assert wrong.exit_code == 2 and not (tmp_path / "mal.txt").exists()


def test_history_lists_change_sets_newest_first_with_ids(gpkg):
    store = GeoPackageStore(gpkg, writable=True)
    places = store.read("meeting_places")
    row = places.iloc[0].to_dict()
    editor = auth.User("kari", auth.EDITOR)
    version = store.row_version("meeting_places", row["place_id"])
    store.save_row(
        "meeting_places", {**row, "name": "Nytt navn"}, editor=editor, expected_version=version
    )
    store.delete_row(
        "meeting_places",
        places.iloc[1]["place_id"],
        editor=editor,
        expected_version=store.row_version("meeting_places", places.iloc[1]["place_id"]),
    )
    result = run("history", "--json")
    assert result.exit_code == 0, result.output
    sets = json.loads(result.output)
    assert [s["kind"] for s in sets[:2]] == ["delete", "edit"]  # newest first
    assert sets[0]["deleted"] == 1 and sets[1]["updated"] == 1 and sets[0]["user"] == "kari"
    text = run("history", "--lang", "en")
    assert text.exit_code == 0 and sets[0]["id"] in text.output and "who" in text.output
    # what each change was, in the chosen language, not the internal code
    newest, older = text.output.splitlines()[1:3]
    assert "Deletion" in newest and "Edit" in older
    assert "delete" not in text.output.replace("deleted", "")
    norsk = run("history").output.splitlines()
    assert "Sletting" in norsk[1] and "Redigering" in norsk[2]


def test_history_of_an_untouched_store_says_so(gpkg):
    result = run("history")
    assert result.exit_code == 0 and "Ingen endringer" in result.output


def test_store_that_cannot_be_read_is_refused_with_exit_1(tmp_path, monkeypatch):
    broken = tmp_path / "broken.gpkg"
    broken.write_bytes(b"not a geopackage")
    monkeypatch.setenv("OMRADEKART_GPKG", str(broken))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    result = CliRunner().invoke(main, ["history"])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output


def test_users_add_writes_an_argon2_account(tmp_path):
    secrets = tmp_path / "secrets.toml"
    result = run(
        "users",
        "add",
        "kari",
        "--secrets",
        str(secrets),
        "--password-stdin",
        stdin="et-langt-passord\n",
    )
    assert result.exit_code == 0, result.output
    account = tomllib.loads(secrets.read_text())["local_users"]["kari"]
    assert account["role"] == "editor"
    assert auth.check_password(account["password_hash"], "et-langt-passord")
    assert "et-langt-passord" not in secrets.read_text()


def test_users_add_asks_twice_and_refuses_short_passwords(tmp_path):
    secrets = tmp_path / "secrets.toml"
    typed = run(
        "users",
        "add",
        "ola",
        "--role",
        "viewer",
        "--secrets",
        str(secrets),
        stdin="hemmelig-ord\nhemmelig-ord\n",
    )
    assert typed.exit_code == 0, typed.output
    assert tomllib.loads(secrets.read_text())["local_users"]["ola"]["role"] == "viewer"
    short = run(
        "users", "add", "per", "--secrets", str(secrets), "--password-stdin", stdin="kort\n"
    )
    assert short.exit_code == 1 and "8" in short.output
    assert "per" not in tomllib.loads(secrets.read_text())["local_users"]
    assert run("users", "add", "per", "--role", "admin").exit_code == 2


def test_import_with_a_column_chosen_and_a_fixed_value(gpkg, tmp_path):
    """A register whose headers match nothing for the place type, and no owner column: the
    operator names the column and gives every row the same owner."""
    register = tmp_path / "steder.csv"
    register.write_text(
        "Stedsnavn;Hva slags sted;Øst;Nord\n"
        "Lademoen park CLI;Park;570871;7035397\n"
        "Møllenberg bydelshus CLI;Nabolagshus;570564;7034559\n",
        encoding="cp1252",
    )
    args = ["import", str(register), "--table", "meeting_places", "--json"]
    result = run(*args, "--column", "place_type=Hva slags sted", "--fixed",
                 "Eier=Trondheim kommune")  # fmt: skip
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["status"] == "imported"
    stored = GeoPackageStore(gpkg).read("meeting_places").set_index("name")
    assert stored.loc["Lademoen park CLI", "place_type"] == "park"
    assert stored.loc["Møllenberg bydelshus CLI", "place_type"] == "nabolagshus"
    assert set(stored.loc[["Lademoen park CLI", "Møllenberg bydelshus CLI"], "owner"]) == {
        "Trondheim kommune"
    }


def test_import_options_naming_no_field_or_column_are_usage_errors(gpkg, tmp_path):
    register = tmp_path / "steder.csv"
    register.write_text("Navn;Type;Øst;Nord\nParken;Park;570871;7035397\n", encoding="utf-8")
    before = gpkg.read_bytes()
    base = ["import", str(register), "--table", "meeting_places"]
    unknown_field = run(*base, "--fixed", "farge=blå")
    assert unknown_field.exit_code == 2 and "farge" in unknown_field.output
    unknown_column = run(*base, "--column", "place_type=Kategori")
    assert unknown_column.exit_code == 2 and "Kategori" in unknown_column.output
    assert run(*base, "--fixed", "owner").exit_code == 2  # no '='
    assert gpkg.read_bytes() == before
