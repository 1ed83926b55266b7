"""serve.py, the one way the app is started: its command line and where it warms itself."""

from __future__ import annotations

import serve


def test_the_app_runs_with_the_projects_defaults_unless_given() -> None:
    argv = serve.streamlit_argv(["--server.port", "8600"])
    assert argv[:3] == ["streamlit", "run", str(serve.APP)]
    assert argv[3:] == [
        "--server.headless", "true",
        "--browser.gatherUsageStats", "false",
        "--server.port", "8600",
    ]  # fmt: skip
    given = serve.streamlit_argv(["--server.headless=false"])
    assert given.count("--server.headless") == 0 and "--server.headless=false" in given


def test_the_warm_up_reaches_the_server_where_it_listens() -> None:
    assert serve.local_base(["--server.port", "8621"]) == "http://127.0.0.1:8621"
    assert serve.local_base(["--server.port=8622", "--server.address", "0.0.0.0"]) == (
        "http://127.0.0.1:8622"
    )
    assert serve.local_base(["--server.address", "10.0.0.5"]).startswith("http://10.0.0.5:")


def test_every_launcher_starts_the_app_through_serve() -> None:
    """make run / kiosk, the cluster, the browser tests and bench start the app one way."""
    root = serve.ROOT
    for path in ("Makefile", "deploy/cluster.py", "tests/e2e/conftest.py", "bench/pages.py"):
        text = (root / path).read_text(encoding="utf-8")
        assert "serve.py" in text, path
        assert "$(BIN)/streamlit run" not in text, path
    assert '"streamlit",\n                "run",\n                script.name' not in (
        root / "tests/e2e/conftest.py"
    ).read_text(encoding="utf-8")
    assert '"-m", "streamlit", "run", str(ROOT / "app.py")' not in (
        root / "deploy/cluster.py"
    ).read_text(encoding="utf-8")


def test_a_warm_up_without_a_server_gives_up_quietly(capsys, monkeypatch) -> None:
    monkeypatch.setattr(serve, "wait_healthy", lambda base: False)
    serve.warm("http://127.0.0.1:9")
    monkeypatch.setattr(serve, "wait_healthy", lambda base: True)
    serve.warm("http://127.0.0.1:9")  # nothing listens there: the warm-up is skipped
    assert "warm-up skipped" in capsys.readouterr().err
