"""`omradekart`: the command line for scheduled loads from the kommune's systems and for the
operator (README: Kommandolinje). Each subcommand works on the store that OMRADEKART_GPKG or
DATABASE_URL names, like the app. Exit status: 0 done, 1 refused, 2 usage error (click's own).
"""

from __future__ import annotations

import click

from geo.cli import backup, data, users


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def main() -> None:
    """Områdekart: import, export, history and accounts for the programme's data."""


for command in (*data.COMMANDS, *users.COMMANDS, *backup.COMMANDS):
    main.add_command(command)
