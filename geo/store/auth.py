"""Who may change data: roles, local accounts with argon2 password hashes, and a throttle.

Viewers (anonymous) read; editors write. Every write path in geo/ calls `require_editor`, so
a crafted call without the role is refused on the server whatever the interface shows.

Local accounts live in .streamlit/secrets.toml (git-ignored), one table per user::

    [local_users.kari]
    password_hash = "$argon2id$v=19$..."
    role = "editor"

Create or replace one with::

    .venv/bin/omradekart users add kari                # asks for the password twice
    .venv/bin/omradekart users add kari --password-stdin < file

Where an [auth] section is configured (OIDC, e.g. the municipality's Entra ID) the app signs
in with st.login instead; see components/editor/auth.py.
"""

from __future__ import annotations

import re
import time
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

VIEWER = "viewer"
EDITOR = "editor"
ROLES = (VIEWER, EDITOR)
SECRETS_PATH = Path(__file__).resolve().parents[2] / ".streamlit" / "secrets.toml"
USERS_SECTION = "local_users"
FREE_ATTEMPTS = 3  # failed sign-ins before the throttle starts
MAX_WAIT_S = 300.0
_NAME = re.compile(r"^[A-Za-z0-9._@-]{1,64}$")
_HASHER = PasswordHasher()


@dataclass(frozen=True)
class User:
    name: str
    role: str = VIEWER

    @property
    def is_editor(self) -> bool:
        return self.role == EDITOR


ANONYMOUS = User("anonym", VIEWER)


class NotAllowedError(Exception):
    """A write was asked for by someone without the editor role."""

    nb = "Du må være logget inn som redaktør for å endre data. Ingenting ble endret."
    en = "You must be signed in as an editor to change data. Nothing was changed."

    def __str__(self) -> str:
        return f"{self.nb} / {self.en}"


def require_editor(user: User | None) -> User:
    """The user, if an editor; otherwise raise NotAllowedError. Call it on every write path."""
    if not isinstance(user, User) or not user.is_editor:
        raise NotAllowedError()
    return user


def hash_password(password: str) -> str:
    return _HASHER.hash(password)


def check_password(password_hash: str, password: str) -> bool:
    try:
        return _HASHER.verify(password_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


@dataclass
class Throttle:
    """Slows guessing: after FREE_ATTEMPTS failures for a name, each try must wait longer.

    The wait doubles with every further failure (1 s, 2 s, 4 s … up to MAX_WAIT_S); a success
    clears it. `clock` is injectable so tests never depend on the wall clock.
    """

    clock: Callable[[], float] = time.monotonic
    failures: dict[str, int] = field(default_factory=dict)
    not_before: dict[str, float] = field(default_factory=dict)

    def wait_s(self, name: str) -> float:
        """Seconds left before `name` may try again (0 when it may try now)."""
        return max(0.0, self.not_before.get(name.lower(), 0.0) - self.clock())

    def failed(self, name: str) -> None:
        key = name.lower()
        self.failures[key] = self.failures.get(key, 0) + 1
        extra = self.failures[key] - FREE_ATTEMPTS
        if extra >= 0:
            self.not_before[key] = self.clock() + min(MAX_WAIT_S, 2.0**extra)

    def succeeded(self, name: str) -> None:
        self.failures.pop(name.lower(), None)
        self.not_before.pop(name.lower(), None)


@dataclass(frozen=True)
class SignIn:
    """The outcome of a sign-in attempt: a user, or why not (and how long to wait)."""

    user: User | None
    wait_s: float = 0.0


def sign_in(accounts: Mapping[str, Any], name: str, password: str, throttle: Throttle) -> SignIn:
    """Check a name and password against the local accounts, under the throttle."""
    name = name.strip()
    wait = throttle.wait_s(name)
    if wait > 0:
        return SignIn(None, wait)
    account = accounts.get(name) if name else None
    stored = account.get("password_hash") if isinstance(account, Mapping) else None
    # verify even for an unknown name, so timing does not tell which names exist
    ok = check_password(stored or _DUMMY_HASH, password) and stored is not None
    if not ok:
        throttle.failed(name)
        return SignIn(None, throttle.wait_s(name))
    throttle.succeeded(name)
    role = account.get("role", EDITOR) if isinstance(account, Mapping) else VIEWER
    return SignIn(User(name, role if role in ROLES else VIEWER))


def add_user(path: Path, name: str, password: str, role: str = EDITOR) -> None:
    """Write (or replace) a local account with an argon2 hash in a secrets.toml file."""
    if not _NAME.match(name):
        raise ValueError("user names may use letters, digits and . _ @ - (at most 64)")
    if role not in ROLES:
        raise ValueError(f"role must be one of {ROLES}")
    if len(password) < 8:
        raise ValueError("the password must have at least 8 characters")
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    block = re.compile(
        rf"^\[{USERS_SECTION}\.(?:\"{re.escape(name)}\"|{re.escape(name)})\]\n(?:(?!\[).*\n?)*",
        re.MULTILINE,
    )
    text = block.sub("", text)
    if text and not text.endswith("\n"):
        text += "\n"
    text += (
        f'\n[{USERS_SECTION}."{name}"]\npassword_hash = "{hash_password(password)}"\n'
        f'role = "{role}"\n'
    )
    tomllib.loads(text)  # never leave a file Streamlit cannot read
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    path.chmod(0o600)


_DUMMY_HASH = hash_password("not a real password, only to spend the same time")
