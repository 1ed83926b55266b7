"""data commands of `omradekart` (registered in geo/cli/__init__.py): import, export, history,
undo and template, on the store OMRADEKART_GPKG or DATABASE_URL names (geo.store.open_store).

`import` runs the same import as the Data page (geo.ingest.importer): the same rules, the same
report, printed as text or, with --json, as one JSON object. Exit status: 0 done (or nothing to
do), 1 refused (nothing written), 2 usage error (click's own).
"""

from __future__ import annotations

import getpass
import json
import sys
from pathlib import Path
from typing import Any, NoReturn

import click
import pandas as pd

from geo import schema
from geo.ingest import export, fields, importer, templates
from geo.store import Store, StoreError, auth, history, open_store

REFUSED = 1  # exit status when the data or the store says no (click uses 2 for usage errors)
LANGS = ("nb", "en")
EXPORTABLE = (*schema.TABLES, *schema.REFERENCE_LAYERS, history.TABLE)
ALL = "all"  # export: every table, the reference layers and the history


def _lang_option(function: Any) -> Any:
    return click.option(
        "--lang",
        type=click.Choice(LANGS),
        default="nb",
        show_default=True,
        help="language of the report (nb: norsk bokmål, en: English)",
    )(function)


def _user_option(function: Any) -> Any:
    return click.option(
        "--user",
        "user_name",
        default=None,
        help="who the history records (default: the operating-system user)",
    )(function)


def _refuse(nb: str, en: str, lang: str) -> NoReturn:
    click.echo(nb if lang == "nb" else en, err=True)
    sys.exit(REFUSED)


def _editor(name: str | None) -> auth.User:
    """Whoever can run this command on the server may write: the history records the name."""
    return auth.User(name or getpass.getuser(), auth.EDITOR)


def _store(writable: bool, lang: str) -> Store:
    try:
        return open_store(writable=writable)
    except StoreError as error:
        _refuse(error.nb, error.en, lang)


@click.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--table", required=True, type=click.Choice(list(schema.TABLES)), help="store table")
@click.option(
    "--mode",
    type=click.Choice(importer.MODES),
    default="upsert",
    show_default=True,
    help="append: add rows; upsert: add new and update changed rows; replace: the whole table",
)
@click.option("--dry-run", is_flag=True, help="check and report only; write nothing")
@click.option(
    "--header-row",
    type=click.IntRange(min=1),
    default=None,
    help="the header's row number as in the file (default: found below any title rows)",
)
@click.option(
    "--column",
    "columns",
    multiple=True,
    metavar="FIELD=COLUMN",
    help="take FIELD from the file's COLUMN instead of the column matched by name "
    "(FIELD= leaves it out); repeatable",
)
@click.option(
    "--fixed",
    multiple=True,
    metavar="FIELD=VALUE",
    help="give FIELD one value for every row, written as in a file (funding=Husbanken); repeatable",
)
@click.option("--json", "as_json", is_flag=True, help="print the report as JSON")
@_user_option
@_lang_option
def import_command(
    file: Path,
    table: str,
    mode: str,
    dry_run: bool,
    header_row: int | None,
    columns: tuple[str, ...],
    fixed: tuple[str, ...],
    as_json: bool,
    user_name: str | None,
    lang: str,
) -> None:
    """Import FILE (CSV, Excel, GeoJSON, GeoPackage, zipped Shapefile) into TABLE.

    Columns are matched to fields by their Norwegian or English names, as on the Data page.
    Nothing is written when the report has errors, or with --dry-run.
    """
    store = _store(writable=not dry_run, lang=lang)
    user = _editor(user_name)
    given = _pairs(fixed, table, "--fixed")
    try:
        raw = importer.read(file, header_row=header_row)
        mapping = None
        if columns:
            mapping = importer.suggest_mapping(list(raw.frame.columns), table)
            mapping.update(_column_choices(columns, table, list(raw.frame.columns)))
        plan = importer.plan(raw, table, store=store, mapping=mapping, fixed=given, mode=mode)
    except StoreError as error:  # ImportFileError: the file as a whole cannot be read
        if as_json:
            _print_json({"status": "refused", "file": str(file), "message": _both(error)})
            sys.exit(REFUSED)
        _refuse(error.nb, error.en, lang)
    result: dict[str, Any] = {**plan.as_dict(), "file": str(file), "table": table, "mode": mode}
    if plan.blocked:
        _finish(result, "refused", plan.text(lang), as_json, REFUSED)
    if dry_run or plan.nothing_to_do:
        _finish(result, "dry_run" if dry_run else "unchanged", plan.text(lang), as_json, 0)
    try:
        applied = importer.apply(store, plan, user)
    except StoreError as error:
        result["message"] = _both(error)
        _finish(result, "refused", f"{plan.text(lang)}\n{_pick(error, lang)}", as_json, REFUSED)
    result["import_id"] = applied.import_id
    result["applied"] = {
        "inserted": applied.inserted,
        "updated": applied.updated,
        "unchanged": applied.unchanged,
        "deleted": applied.deleted,
    }
    if applied.import_id is None:  # changed by someone else between plan and write
        _finish(result, "unchanged", applied.text(lang), as_json, 0)
    undo = (
        f"Angre med: omradekart undo {applied.import_id}"
        if lang == "nb"
        else f"Undo with: omradekart undo {applied.import_id}"
    )
    text = f"{plan.text(lang)}\n{applied.text(lang)} {undo}"
    _finish(result, "imported", text, as_json, 0)


@click.command("export")
@click.argument("table", type=click.Choice([*EXPORTABLE, ALL]))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(export.DATA_FORMATS),
    default=None,
    help="file format (default: from the extension of -o)",
)
@click.option(
    "-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path), help="file"
)
@_lang_option
def export_command(table: str, fmt: str | None, output: Path, lang: str) -> None:
    """Write TABLE (or `all`: every table, the reference layers and the history) to a file.

    Written by the app's one export (geo/ingest/export.py): CSV in UTF-8 with the geometry as
    WKT in EPSG:25832, Excel, GeoJSON in EPSG:4326, GeoPackage in EPSG:25832.
    """
    fmt = fmt or _format_of(output)
    store = _store(writable=False, lang=lang)
    try:
        data: export.Exportable
        if table == ALL:
            data = export.dataset(store)
        elif table == history.TABLE:
            data = store.history()
        else:
            data = store.read(table)
        payload = export.write(fmt, data)
    except StoreError as error:
        _refuse(error.nb, error.en, lang)
    except ValueError:  # GeoJSON of a table without geometry
        raise click.BadParameter(
            f"{table} has no geometry; choose csv, xlsx or gpkg", param_hint="--format"
        ) from None
    output.write_bytes(payload)
    click.echo(f"{table} -> {output} ({fmt})")


@click.command("history")
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="print the changes as JSON")
@_lang_option
def history_command(limit: int, as_json: bool, lang: str) -> None:
    """Imports, edits and undos, newest first, with the id `undo` takes."""
    store = _store(writable=False, lang=lang)
    try:
        batches = change_sets(store.history())
    except StoreError as error:
        _refuse(error.nb, error.en, lang)
    shown = batches.head(limit)
    if as_json:
        _print_json(shown.to_dict(orient="records"))
        return
    if shown.empty:
        click.echo("Ingen endringer ennå." if lang == "nb" else "No changes yet.")
        return
    header = ("id", "tid (UTC)", "hvem", "hva", "tabell", "nye", "endret", "slettet")
    header_en = ("id", "time (UTC)", "who", "what", "table", "new", "changed", "deleted")
    rows: list[list[str]] = [list(header if lang == "nb" else header_en)]
    shown = shown.assign(kind=[fields.history_kind_label(k, lang) for k in shown["kind"]])
    rows += [[str(v) for v in record] for record in shown.itertuples(index=False)]
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    for row in rows:
        cells = (cell.ljust(width) for cell, width in zip(row, widths, strict=True))
        click.echo("  ".join(cells).rstrip())
    if len(batches) > limit:
        more = len(batches) - limit
        click.echo(
            f"… og {more} eldre (--limit)" if lang == "nb" else f"… and {more} older (--limit)"
        )


@click.command("undo")
@click.argument("import_id", required=False)
@_user_option
@_lang_option
def undo_command(import_id: str | None, user_name: str | None, lang: str) -> None:
    """Undo the import IMPORT_ID (default: the newest import that can be undone).

    Refused (exit 1) when a later change touched the same rows; the message names it.
    """
    store = _store(writable=True, lang=lang)
    try:
        undone = importer.undo(store, import_id, _editor(user_name))
    except StoreError as error:  # UndoBlockedError, or nothing to undo
        _refuse(error.nb, error.en, lang)
    click.echo(undone.text(lang))


@click.command("template")
@click.argument("table", type=click.Choice(list(templates.TABLES)))
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="file to write: .xlsx (with explanations and drop-down lists) or .csv",
)
@_lang_option
def template_command(table: str, output: Path, lang: str) -> None:
    """Write an empty register for TABLE that the import reads as it is, once filled in."""
    suffix = output.suffix.lower()
    if suffix not in (".xlsx", ".csv"):
        raise click.BadParameter("the file must end in .xlsx or .csv", param_hint="-o")
    store = _store(writable=False, lang=lang)
    try:
        choices = templates.choices(store)
    except StoreError as error:
        _refuse(error.nb, error.en, lang)
    output.write_bytes(template_file(table, suffix.lstrip("."), choices))
    click.echo(f"{table} -> {output}")


def template_file(table: str, kind: str, found: templates.Choices) -> bytes:
    """The template of ``table`` as an Excel ("xlsx") or CSV ("csv") file, written by the
    one export module, as the Data page's download is."""
    if kind == "xlsx":
        return export.write(templates.FORMAT, {table: templates.spec(table, found)})
    return export.write("csv", templates.empty(table))


def change_sets(log: pd.DataFrame) -> pd.DataFrame:
    """One row per change set of the history (an import, an edit, an undo), newest first:
    id, time, who, what, table, and how many rows it inserted, updated and deleted."""
    columns = ["id", "at", "user", "kind", "table", "inserted", "updated", "deleted"]
    if log.empty:
        return pd.DataFrame(columns=columns)
    counts = pd.crosstab(log["batch_id"], log["action"])
    first = log.drop_duplicates("batch_id").set_index("batch_id")
    table = pd.DataFrame(
        {
            "id": first.index,
            "at": first["at"].to_numpy(),
            "user": first["user"].to_numpy(),
            "kind": first["kind"].to_numpy(),
            "table": first["table"].to_numpy(),
        }
    )
    for action, column in (("insert", "inserted"), ("update", "updated"), ("delete", "deleted")):
        found = counts[action] if action in counts.columns else pd.Series(dtype=int)
        table[column] = table["id"].map(found).fillna(0).astype(int).to_numpy()
    # the history is written oldest first: the last change set is the newest
    return table.iloc[::-1].reset_index(drop=True)


def _pairs(pairs: tuple[str, ...], table: str, option: str) -> dict[str, str]:
    """FIELD=VALUE options as {field: value}; FIELD is the field's name or its label."""
    found = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep:
            raise click.BadParameter(f"{pair!r}: write FIELD=VALUE", param_hint=option)
        found[_field(name, table, option)] = value.strip()
    return found


def _field(name: str, table: str, option: str) -> str:
    known = importer.target_fields(table)
    wanted = fields.normalise(name)
    for candidate in known:
        labels = (importer.field_label(candidate, lang, table) for lang in LANGS)
        if wanted in {fields.normalise(n) for n in (candidate, *labels)}:
            return candidate
    listed = ", ".join(f for f in known if not f.startswith("_"))
    raise click.BadParameter(f"{table} has no field {name!r}; one of: {listed}", param_hint=option)


def _column_choices(
    pairs: tuple[str, ...], table: str, file_columns: list[str]
) -> dict[str, str | None]:
    chosen: dict[str, str | None] = {}
    for name, column in _pairs(pairs, table, "--column").items():
        if column and column not in file_columns:
            shown = ", ".join(file_columns)
            raise click.BadParameter(
                f"the file has no column {column!r}; its columns: {shown}", param_hint="--column"
            )
        chosen[name] = column or None
    return chosen


def _format_of(path: Path) -> str:
    extension = path.suffix.lstrip(".").lower()
    if extension in export.DATA_FORMATS:
        return extension
    raise click.BadParameter(
        f"unknown extension .{extension}; use --format {'|'.join(export.DATA_FORMATS)}",
        param_hint="-o",
    )


def _finish(result: dict[str, Any], status: str, text: str, as_json: bool, code: int) -> NoReturn:
    if as_json:
        _print_json({"status": status, **result})
    else:
        click.echo(text)
    sys.exit(code)


def _print_json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def _both(error: StoreError) -> dict[str, str]:
    return {"nb": error.nb, "en": error.en}


def _pick(error: StoreError, lang: str) -> str:
    return error.nb if lang == "nb" else error.en


COMMANDS: list[click.Command] = [
    import_command,
    export_command,
    history_command,
    undo_command,
    template_command,
]
