"""Roles, argon2 password hashes in secrets.toml, and the throttle after failed sign-ins."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from geo.store import auth


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_add_user_writes_an_argon2_hash_never_the_password(tmp_path: Path):
    secrets = tmp_path / "secrets.toml"
    secrets.write_text('[auth]\nredirect_uri = "http://localhost:8501/oauth2callback"\n')
    auth.add_user(secrets, "kari", "hemmelig-passord")
    auth.add_user(secrets, "ola", "et-annet-passord", role=auth.VIEWER)
    auth.add_user(secrets, "kari", "nytt-passord-123")  # replaces, does not duplicate
    text = secrets.read_text()
    assert "hemmelig" not in text and "nytt-passord" not in text
    data = tomllib.loads(text)
    assert data["auth"]["redirect_uri"].endswith("oauth2callback")
    users = data["local_users"]
    assert set(users) == {"kari", "ola"} and users["ola"]["role"] == "viewer"
    assert users["kari"]["password_hash"].startswith("$argon2id$")
    assert auth.check_password(users["kari"]["password_hash"], "nytt-passord-123")
    assert not auth.check_password(users["kari"]["password_hash"], "hemmelig-passord")


def test_short_passwords_and_odd_names_are_refused(tmp_path: Path):
    with pytest.raises(ValueError):
        auth.add_user(tmp_path / "s.toml", "kari", "kort")
    with pytest.raises(ValueError):
        auth.add_user(tmp_path / "s.toml", 'ka"ri]', "et-langt-passord")


def test_sign_in_and_the_throttle_after_failed_attempts():
    accounts = {"kari": {"password_hash": auth.hash_password("riktig-passord"), "role": "editor"}}
    clock = FakeClock()
    throttle = auth.Throttle(clock=clock)
    assert auth.sign_in(accounts, "kari", "riktig-passord", throttle).user == auth.User(
        "kari", "editor"
    )
    for _ in range(auth.FREE_ATTEMPTS - 1):
        result = auth.sign_in(accounts, "kari", "feil", throttle)
        assert result.user is None and result.wait_s == 0
    result = auth.sign_in(accounts, "kari", "feil", throttle)
    assert result.user is None and result.wait_s == 1.0
    # while the wait lasts even the right password is not checked
    assert auth.sign_in(accounts, "kari", "riktig-passord", throttle).user is None
    clock.now += 1.0
    assert auth.sign_in(accounts, "kari", "feil", throttle).wait_s == 2.0  # doubles
    clock.now += 2.0
    assert auth.sign_in(accounts, "kari", "riktig-passord", throttle).user is not None
    assert throttle.wait_s("kari") == 0


def test_unknown_names_fail_like_wrong_passwords():
    throttle = auth.Throttle(clock=FakeClock())
    assert auth.sign_in({}, "ingen", "x", throttle).user is None


def test_require_editor():
    assert auth.require_editor(auth.User("k", auth.EDITOR)).name == "k"
    for user in (auth.User("o", auth.VIEWER), auth.ANONYMOUS, None):
        with pytest.raises(auth.NotAllowedError):
            auth.require_editor(user)
