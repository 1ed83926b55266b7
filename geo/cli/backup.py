"""backup commands of `omradekart` (registered in geo/cli/__init__.py): backup and restore."""

from __future__ import annotations

from pathlib import Path

import click

from geo.store import backup as store_backup
from geo.store.base import StoreError


@click.command("backup")
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="the backup file to write (GeoPackage: .gpkg; PostGIS: pg_dump custom format)",
)
def backup_command(output: Path) -> None:
    """Back up the store in use (safe while the app runs)."""
    try:
        written = store_backup.backup(output)
    except StoreError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"Sikkerhetskopi skrevet / backup written: {written}")


@click.command("restore")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def restore_command(file: Path) -> None:
    """Replace the store in use by a backup; keeps a copy of what it replaces."""
    try:
        kept = store_backup.restore(file)
    except StoreError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"Gjenopprettet fra / restored from {file}")
    click.echo(f"Det som ble erstattet, er tatt vare på i / what was replaced is kept in: {kept}")


COMMANDS: list[click.Command] = [backup_command, restore_command]
