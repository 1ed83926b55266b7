"""Områdekart on several app servers: PostGIS, N Streamlit servers and nginx in front.

    python deploy/cluster.py start [--dir .cluster] [--port 8501] [--apps 2] [--gpkg FILE]
    python deploy/cluster.py stop  [--dir .cluster]

`make cluster` / `make cluster-stop` run these. --dir holds the logs, the rendered nginx.conf
and one pid file per process (PostgreSQL's is in its data directory, which --dir names), so
`stop` stops exactly what `start` started. tests/cluster/ starts the same cluster through `start()`.

As root (CI, this machine) PostgreSQL runs as the `postgres` user and nginx's workers as
`nobody`: neither server runs its work as root.
"""

from __future__ import annotations

import argparse
import contextlib
import glob
import json
import os
import secrets
import shutil
import signal
import socket
import string
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NGINX = "/usr/sbin/nginx"
START_TIMEOUT_S = 180  # a cold Streamlit start imports geopandas & co. on a busy 2-core machine
# Streamlit's server.maxUploadSize (.streamlit/config.toml) plus room for the form around it.
MAX_BODY = "55m"


@dataclass
class Cluster:
    """What `start` started: written to DIR/cluster.json for `stop`, tests and benchmarks."""

    dir: str
    proxy_port: int
    app_ports: list[int]
    database_url: str
    database_dir: str  # PostgreSQL's own directory, in /tmp where its user can reach it

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.proxy_port}"

    def app_url(self, index: int) -> str:
        return f"http://127.0.0.1:{self.app_ports[index]}"

    def pid_file(self, name: str) -> Path:
        return Path(self.dir) / f"{name}.pid"


def start(
    directory: Path, proxy_port: int = 8501, apps: int = 2, gpkg: Path | None = None
) -> Cluster:
    """Start PostGIS (data loaded from `gpkg`), `apps` app servers and nginx; wait until up."""
    directory = directory.resolve()
    if (directory / "cluster.json").exists():
        sys.exit(f"{directory} holds a running cluster: run `make cluster-stop` first")
    directory.mkdir(parents=True, exist_ok=True)
    try:
        database_dir = Path(tempfile.mkdtemp(prefix="omradekart-cluster-pg-"))
        (directory / "database_dir").write_text(str(database_dir))
        url = _start_postgis(database_dir)
        _load(url, gpkg)
        app_ports = [_free_port() for _ in range(apps)]
        cluster = Cluster(str(directory), proxy_port, app_ports, url, str(database_dir))
        (directory / "cluster.json").write_text(json.dumps(asdict(cluster)))
        # one cookie secret for all servers: Streamlit's XSRF token stays valid after failover
        secret = secrets.token_urlsafe(32)
        for index in range(apps):
            start_app(cluster, index, secret)
        for index in range(apps):
            _wait_healthy(cluster.app_url(index), directory / f"app{index}.log")
        _start_nginx(cluster)
        _wait_healthy(cluster.url, directory / "nginx-error.log", path="/healthz")
    except BaseException:
        stop(directory)
        raise
    return cluster


def stop(directory: Path) -> None:
    """Stop what `start` started in `directory` (by its pid files); keep logs, drop the data."""
    directory = directory.resolve()
    pid = directory / "nginx.pid"
    if pid.exists():
        _kill(pid, signal.SIGQUIT)
    for app_pid in sorted(directory.glob("app*.pid")):
        _kill(app_pid, signal.SIGTERM)
    pointer = directory / "database_dir"
    if pointer.exists():
        database_dir = Path(pointer.read_text())
        if (database_dir / "pgdata" / "postmaster.pid").exists():
            with contextlib.suppress(RuntimeError):
                stop_database(database_dir)
        shutil.rmtree(database_dir, ignore_errors=True)
        pointer.unlink()
    (directory / "cluster.json").unlink(missing_ok=True)


def load(directory: Path) -> Cluster:
    """The cluster running in `directory`."""
    return Cluster(**json.loads((directory.resolve() / "cluster.json").read_text()))


def start_app(cluster: Cluster, index: int, cookie_secret: str | None = None) -> int:
    """Start app server `index` on its port (again, after a crash); returns its pid."""
    directory = Path(cluster.dir)
    secret_file = directory / "cookie_secret"
    if cookie_secret is not None:
        secret_file.write_text(cookie_secret)
        secret_file.chmod(0o600)
    env = {
        **os.environ,
        "DATABASE_URL": cluster.database_url,
        "STREAMLIT_SERVER_COOKIE_SECRET": secret_file.read_text(),
    }
    command = [
        sys.executable, str(ROOT / "serve.py"),  # streamlit run app.py, warmed at start
        "--server.port", str(cluster.app_ports[index]),
        "--server.address", "127.0.0.1",
    ]  # fmt: skip
    with open(directory / f"app{index}.log", "ab") as log:
        process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
    cluster.pid_file(f"app{index}").write_text(str(process.pid))
    return process.pid


def wait_app(cluster: Cluster, index: int) -> None:
    _wait_healthy(cluster.app_url(index), Path(cluster.dir) / f"app{index}.log")


# --- PostGIS --------------------------------------------------------------------------------


def _pg_bin(program: str) -> str:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{program}"))
    if not found:
        sys.exit("PostgreSQL is not installed: run `make postgres` as root")
    return found[-1]


def _as_postgres(*command: str) -> None:
    prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    done = subprocess.run([*prefix, *command], capture_output=True, text=True, timeout=120)
    if done.returncode != 0:
        raise RuntimeError(f"{command[0]} failed:\n{done.stdout}\n{done.stderr}")


def _start_postgis(directory: Path) -> str:
    data = directory / "pgdata"
    if os.geteuid() == 0:
        shutil.chown(directory, "postgres")
    port = _free_port()
    _as_postgres(_pg_bin("initdb"), "-D", str(data), "-A", "trust", "-U", "omradekart",
                 "-E", "UTF8", "--no-sync")  # fmt: skip
    start_database(directory, port)
    _as_postgres(_pg_bin("psql"), "-h", "127.0.0.1", "-p", str(port), "-U", "omradekart",
                 "-d", "postgres", "-c", "CREATE EXTENSION IF NOT EXISTS postgis")  # fmt: skip
    return f"postgresql://omradekart@127.0.0.1:{port}/postgres"


def start_database(directory: Path, port: int) -> None:
    """(Re)start the PostgreSQL in `directory` (Cluster.database_dir); returns when it accepts
    connections."""
    options = f"-p {port} -k {directory} -c listen_addresses=127.0.0.1"
    _as_postgres(_pg_bin("pg_ctl"), "-D", str(directory / "pgdata"), "-o", options, "-w",
                 "-t", "60", "-l", str(directory / "postgres.log"), "start")  # fmt: skip


def stop_database(directory: Path) -> None:
    """Stop the cluster's PostgreSQL (fast: open connections are cut, as in a restart)."""
    _as_postgres(_pg_bin("pg_ctl"), "-D", str(directory / "pgdata"), "-m", "fast", "-w",
                 "stop")  # fmt: skip


def _load(url: str, gpkg: Path | None) -> None:
    command = [sys.executable, "-m", "geo.store.postgis", "load"]
    if gpkg is not None:
        command.append(str(gpkg))
    subprocess.run(command, cwd=ROOT, env={**os.environ, "DATABASE_URL": url}, check=True)


# --- nginx ----------------------------------------------------------------------------------


def render_nginx(cluster: Cluster) -> str:
    """deploy/nginx.conf.template filled in for this cluster's ports and directory."""
    names = [chr(ord("a") + i) for i in range(len(cluster.app_ports))]
    servers = [f"127.0.0.1:{port}" for port in cluster.app_ports]
    health = "max_fails=1 fail_timeout=10s"
    blocks = []
    for name, server in zip(names, servers, strict=True):
        backups = "".join(f"        server {s} backup;\n" for s in servers if s != server)
        blocks.append(
            f"    upstream omradekart_{name} {{\n        server {server} {health};\n{backups}    }}"
        )
    every = "".join(f"        server {s} {health};\n" for s in servers)
    blocks.append(f"    upstream omradekart_all {{\n{every}    }}")
    user = "user nobody nogroup;" if os.geteuid() == 0 else ""
    text = string.Template((ROOT / "deploy" / "nginx.conf.template").read_text()).safe_substitute(
        dir=cluster.dir,
        user_line=user,
        listen=f"127.0.0.1:{cluster.proxy_port}",
        max_body=MAX_BODY,
        upstreams="\n".join(blocks),
        cookie_routes="\n".join(f"        {n} omradekart_{n};" for n in names),
        served_by="\n".join(
            f"        ~{s.replace('.', '[.]')}$ {n};" for n, s in zip(names, servers, strict=True)
        ),
    )
    return text


def _start_nginx(cluster: Cluster) -> None:
    if not Path(NGINX).exists():
        sys.exit("nginx is not installed: run `make nginx` as root")
    directory = Path(cluster.dir)
    tmp = directory / "nginx-tmp"
    tmp.mkdir(exist_ok=True)
    if os.geteuid() == 0:
        shutil.chown(tmp, "nobody", "nogroup")
    conf = directory / "nginx.conf"
    conf.write_text(render_nginx(cluster))
    subprocess.run([NGINX, "-t", "-q", "-c", str(conf), "-p", str(directory)], check=True)
    subprocess.run([NGINX, "-c", str(conf), "-p", str(directory)], check=True)


# --- processes ------------------------------------------------------------------------------


def _wait_healthy(url: str, log: Path, path: str = "/_stcore/health") -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError), urllib.request.urlopen(url + path, timeout=2) as answer:
            if answer.status == 200:
                return
        time.sleep(0.5)  # polling a server that is starting: nothing to wait on but time
    tail = log.read_text(errors="replace")[-3000:] if log.exists() else ""
    raise RuntimeError(f"{url} not healthy after {START_TIMEOUT_S} s:\n{tail}")


def _kill(pid_file: Path, sig: signal.Signals) -> None:
    """Stop the process a pid file names and wait for it; a stale pid file is only removed."""
    with contextlib.suppress(ValueError, FileNotFoundError):
        pid = int(pid_file.read_text().strip())
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, sig)
            deadline = time.monotonic() + 20
            while time.monotonic() < deadline and _alive(pid):
                time.sleep(0.1)
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)
    pid_file.unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    with contextlib.suppress(ChildProcessError):
        if os.waitpid(pid, os.WNOHANG) != (0, 0):
            return False  # our own child, now reaped
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python deploy/cluster.py")
    parser.add_argument("command", choices=["start", "stop"])
    parser.add_argument("--dir", type=Path, default=ROOT / ".cluster")
    parser.add_argument("--port", type=int, default=8501, help="the proxy's port")
    parser.add_argument("--apps", type=int, default=2, help="how many app servers")
    parser.add_argument("--gpkg", type=Path, help="data to load (default: data/omradekart.gpkg)")
    args = parser.parse_args(argv)
    if args.command == "stop":
        stop(args.dir)
        print(f"cluster in {args.dir} stopped")
        return 0
    cluster = start(args.dir, args.port, args.apps, args.gpkg)
    print(f"Områdekart on {cluster.url} (app servers on ports {cluster.app_ports}, "
          f"PostGIS {cluster.database_url}); logs and pid files in {cluster.dir}")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
