"""A throwaway PostgreSQL + PostGIS server for the tests, on localhost in a temp directory.

`running_postgis()` yields a DATABASE_URL and removes the cluster afterwards. Debian's server
refuses to run as root, so as root the cluster belongs to the `postgres` user (runuser).
`make postgres` installs the packages; `missing_reason()` says why the tests cannot run.
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path


def bin_dir() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return Path(found[-1]).parent if found else None


def missing_reason() -> str | None:
    binaries = bin_dir()
    if binaries is None:
        return "PostgreSQL is not installed (run `make postgres` as root)"
    version = binaries.parent.name
    if not glob.glob(f"/usr/share/postgresql/{version}/extension/postgis.control"):
        return f"PostGIS for PostgreSQL {version} is not installed (run `make postgres` as root)"
    if os.geteuid() == 0 and shutil.which("runuser") is None:
        return "running as root needs runuser to start PostgreSQL as the postgres user"
    return None


@contextlib.contextmanager
def running_postgis() -> Iterator[str]:
    binaries = bin_dir()
    assert binaries is not None, missing_reason()
    as_root = os.geteuid() == 0
    prefix = ["runuser", "-u", "postgres", "--"] if as_root else []
    workdir = Path(tempfile.mkdtemp(prefix="omradekart-pg-"))
    data = workdir / "data"
    if as_root:
        shutil.chown(workdir, "postgres")
    port = _free_port()

    def run(*args: str) -> None:
        subprocess.run([*prefix, *args], check=True, capture_output=True, text=True, timeout=120)

    try:
        run(
            str(binaries / "initdb"),
            "-D",
            str(data),
            "-A",
            "trust",
            "-U",
            "omradekart",
            "--no-sync",
            "-E",
            "UTF8",
        )
        options = (
            f"-p {port} -k {workdir} -c listen_addresses=127.0.0.1 -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off"
        )
        run(
            str(binaries / "pg_ctl"),
            "-D",
            str(data),
            "-o",
            options,
            "-w",
            "-t",
            "60",
            "-l",
            str(workdir / "log"),
            "start",
        )
        url = f"postgresql://omradekart@127.0.0.1:{port}/postgres"
        run(
            str(binaries / "psql"),
            "-h",
            "127.0.0.1",
            "-p",
            str(port),
            "-U",
            "omradekart",
            "-d",
            "postgres",
            "-c",
            "CREATE EXTENSION IF NOT EXISTS postgis",
        )
        yield url
    finally:
        with contextlib.suppress(subprocess.SubprocessError, OSError):
            run(str(binaries / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(workdir, ignore_errors=True)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])
