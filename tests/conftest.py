"""Shared fixtures: real models, a real Chroma server, a copy of the corpus per test."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")

from debatebot.backends import (  # noqa: E402
    Backend,
    LlamaCppBackend,
    OllamaBackend,
    ScriptedBackend,
    default_model_path,
)
from debatebot.bot import DebateBot  # noqa: E402
from debatebot.embeddings import minilm_embedder  # noqa: E402
from debatebot.settings import REPO_ROOT, Settings  # noqa: E402

from .ollama_server import FakeOllama  # noqa: E402

SOURCES = REPO_ROOT / "index" / "sources"
GPU_QUESTION = "How many GPUs does Stanford's NLP lab have?"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def copy_sources(root: Path, sources: Path = SOURCES) -> Path:
    """A private copy of a corpus (the default one unless `sources` is given); returns the
    index dir holding it."""
    shutil.copytree(sources, root / "sources")
    return root


def wait_until_up(url: str, proc: subprocess.Popen, seconds: float, log: Path) -> None:
    """Poll `url` until it answers 2xx; kill `proc` and show its log if it dies or is late."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            if httpx.get(url, timeout=2).is_success:
                return
        except httpx.TransportError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            raise RuntimeError(f"{proc.args} did not start: {log.read_text()}")
        time.sleep(0.3)


def start_ui(index_dir: Path, **settings: str) -> Iterator[tuple[str, Path]]:
    """`debatebot ui` on a free port over `index_dir`, with more DEBATEBOT_* `settings`
    (e.g. BACKEND="ollama"): (url, index dir), stopped after."""
    port = free_port()
    env = {**os.environ, "DEBATEBOT_INDEX_DIR": str(index_dir), "HF_HUB_OFFLINE": "1"}
    env |= {f"DEBATEBOT_{key}": value for key, value in settings.items()}
    log = open(index_dir / "ui.log", "w")  # noqa: SIM115 - closed below
    cli = str(Path(sys.executable).parent / "debatebot")
    proc = subprocess.Popen(
        [cli, "ui", "--port", str(port)], env=env, stdout=log, stderr=subprocess.STDOUT
    )
    url = f"http://127.0.0.1:{port}/"
    wait_until_up(url, proc, 180, index_dir / "ui.log")
    yield url, index_dir
    proc.terminate()
    proc.wait(timeout=30)
    log.close()


@pytest.fixture(scope="session")
def embedder():
    return minilm_embedder()


@pytest.fixture(scope="session")
def chroma_server(tmp_path_factory) -> Iterator[tuple[str, int]]:
    """A real `chroma run` server on loopback, for the whole session."""
    port = free_port()
    data = tmp_path_factory.mktemp("chroma-server")
    chroma = Path(sys.executable).parent / "chroma"
    log = open(data / "server.log", "w")  # noqa: SIM115 - closed below
    proc = subprocess.Popen(
        [
            str(chroma),
            "run",
            "--path",
            str(data / "db"),
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    wait_until_up(f"http://127.0.0.1:{port}/api/v2/heartbeat", proc, 60, data / "server.log")
    yield ("127.0.0.1", port)
    proc.terminate()
    proc.wait(timeout=20)
    log.close()


@pytest.fixture(params=["local", "server"])
def settings(request, tmp_path) -> Settings:
    """Settings over a fresh copy of the corpus, with a local store or the Chroma server."""
    index_dir = copy_sources(tmp_path)
    if request.param == "server":
        host, port = request.getfixturevalue("chroma_server")
        return Settings(
            index_dir=index_dir,
            chroma_host=host,
            chroma_port=port,
            collection=f"t{uuid.uuid4().hex[:12]}",
        )
    return Settings(index_dir=index_dir)


@pytest.fixture(scope="session")
def llamacpp_backend() -> Backend:
    return LlamaCppBackend.from_settings(Settings())


@pytest.fixture(scope="session")
def fake_ollama() -> Iterator[FakeOllama]:
    with FakeOllama(default_model_path()) as server:
        yield server


@pytest.fixture(scope="session")
def ollama_backend(fake_ollama) -> Backend:
    return OllamaBackend.from_settings(Settings(ollama_host=fake_ollama.url))


@pytest.fixture(params=["llamacpp", "ollama"])
def backend(request) -> Backend:
    """Each backend in turn, for contract tests."""
    return request.getfixturevalue(f"{request.param}_backend")


@pytest.fixture(scope="session")
def bot(tmp_path_factory, embedder, llamacpp_backend) -> DebateBot:
    """One bot over a private copy of the corpus (local store), shared by read-only tests."""
    index_dir = copy_sources(tmp_path_factory.mktemp("bot"))
    return DebateBot(Settings(index_dir=index_dir), backend=llamacpp_backend, embedder=embedder)


@pytest.fixture
def scripted(bot) -> Iterator[tuple[DebateBot, ScriptedBackend]]:
    """The shared bot's index and stores with a scripted model (nothing is re-embedded)."""
    backend = ScriptedBackend()
    yield DebateBot(bot.settings, backend=backend, embedder=bot.sources.embedder), backend


SLOW_FIXTURES = {
    "bot", "scripted", "llamacpp_backend", "ollama_backend", "backend", "fake_ollama",
    "chroma_server", "server", "phones_bot", "load_page", "busy_page", "phones_server",
    "planted_server",
}  # fmt: skip


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--full",
        action="store_true",
        help="run the batteries (injection, crash safety) at full size, not CI size",
    )


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark `slow` every test that loads the real model or starts a server (a fixture above,
    or the Chroma-server variant of `settings`): `pytest -m "not slow"` is the fast lane."""
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        params = getattr(getattr(item, "callspec", None), "params", {})
        if fixtures & SLOW_FIXTURES or params.get("settings") == "server":
            item.add_marker(pytest.mark.slow)
