"""users commands of `omradekart` (registered in geo/cli/__init__.py): local accounts."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from geo.store import auth


@click.group("users")
def users() -> None:
    """Local accounts of the Data page (argon2 hashes in .streamlit/secrets.toml)."""


@users.command("add")
@click.argument("name")
@click.option("--role", type=click.Choice(auth.ROLES), default=auth.EDITOR, show_default=True)
@click.option(
    "--secrets",
    type=click.Path(dir_okay=False, path_type=Path),
    default=auth.SECRETS_PATH,
    show_default=True,
    help="the secrets file the app reads accounts from",
)
@click.option("--password-stdin", is_flag=True, help="read the password from standard input")
def add(name: str, role: str, secrets: Path, password_stdin: bool) -> None:
    """Create or replace the local account NAME (asks for the password twice)."""
    if password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = click.prompt(
            "Passord / password", hide_input=True, confirmation_prompt="Gjenta / repeat"
        )
    try:
        auth.add_user(secrets, name, password, role)
    except ValueError as error:
        click.echo(str(error), err=True)
        sys.exit(1)
    click.echo(f"{name} ({role}) -> {secrets}")


COMMANDS: list[click.Command] = [users]
