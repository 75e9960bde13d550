"""A class on one server: Chroma behind the compose file's token gate, two app processes
sharing one Chroma server, and one writer per index."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from debatebot.backends import ScriptedBackend
from debatebot.bot import DebateBot
from debatebot.errors import StoreError
from debatebot.locking import write_lock
from debatebot.settings import REPO_ROOT, Settings
from debatebot.store import Store

from .conftest import copy_sources, free_port, wait_until_up

TOKEN = "class-token-" + uuid.uuid4().hex[:8]
NGINX = Path("/usr/sbin/nginx")


def render(template: str, values: dict[str, str]) -> str:
    """What the nginx image's envsubst does: fill in the named ${VARS}, leave nginx's own."""
    return re.sub(r"\$\{(\w+)\}", lambda m: values.get(m[1], m[0]), template)


@pytest.fixture(scope="module")
def gate(chroma_server, tmp_path_factory) -> Iterator[int]:
    """deploy/chroma-auth.conf.template served by Debian's nginx in front of `chroma run`."""
    host, port = chroma_server
    listen = free_port()
    root = tmp_path_factory.mktemp("nginx")
    server = render(
        (REPO_ROOT / "deploy" / "chroma-auth.conf.template").read_text(),
        {
            "CHROMA_TOKEN": TOKEN,
            "CHROMA_UPSTREAM": f"{host}:{port}",
            "CHROMA_LISTEN": f"127.0.0.1:{listen}",
        },
    )
    (root / "nginx.conf").write_text(
        f"error_log {root}/error.log;\npid {root}/nginx.pid;\nevents {{}}\nhttp {{\n"
        f"access_log off;\nclient_body_temp_path {root};\nproxy_temp_path {root};\n"
        f"{server}\n}}\n"
    )
    conf = root / "nginx.conf"
    proc = subprocess.Popen([str(NGINX), "-p", str(root), "-c", str(conf), "-g", "daemon off;"])
    wait_until_up(f"http://127.0.0.1:{listen}/api/v2/heartbeat", proc, 20, root / "error.log")
    yield listen
    proc.terminate()
    proc.wait(timeout=10)


def gated(port: int, token: str | None) -> Settings:
    return Settings(
        chroma_host="127.0.0.1",
        chroma_port=port,
        chroma_token=token,  # type: ignore[arg-type]
        collection=f"t{uuid.uuid4().hex[:12]}",
    )


def test_the_token_gate_lets_the_right_token_through(gate) -> None:
    store = Store.from_settings(gated(gate, TOKEN), "all-MiniLM-L6-v2")
    assert store.count() == 0


@pytest.mark.parametrize("token", [None, "wrong-token"])
def test_the_token_gate_refuses_a_missing_or_wrong_token_clearly(gate, token) -> None:
    with pytest.raises(StoreError, match="refused debatebot.*set DEBATEBOT_CHROMA_TOKEN") as caught:
        Store.from_settings(gated(gate, token), "all-MiniLM-L6-v2")
    assert TOKEN not in str(caught.value)


def test_the_token_is_never_printed() -> None:
    settings = Settings(chroma_token=TOKEN)  # type: ignore[arg-type]
    assert TOKEN not in repr(settings) and TOKEN not in settings.model_dump_json()


NEW_DOC = """# Our school's pilot

In our pilot, the school ran an open model on a single classroom server for forty students.
The pilot cost the school nothing beyond the electricity for that server.
"""


def cli(args: list[str], settings: Settings) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "HF_HUB_OFFLINE": "1",
        "DEBATEBOT_INDEX_DIR": str(settings.index_dir),
        "DEBATEBOT_COLLECTION": settings.collection,
    }
    if settings.chroma_host:
        env["DEBATEBOT_CHROMA_HOST"] = settings.chroma_host
        env["DEBATEBOT_CHROMA_PORT"] = str(settings.chroma_port)
    command = [str(Path(sys.executable).parent / "debatebot"), *args]
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)


def test_two_apps_sharing_one_chroma_server_see_each_others_documents(
    chroma_server, embedder, tmp_path
) -> None:
    host, port = chroma_server
    settings = Settings(
        index_dir=copy_sources(tmp_path),  # the shared index folder (a volume in compose)
        chroma_host=host,
        chroma_port=port,
        collection=f"t{uuid.uuid4().hex[:12]}",
    )
    running = DebateBot(settings, backend=ScriptedBackend(), embedder=embedder)  # app one
    question = "What did the school run in its pilot?"
    assert running.ask(question).refused
    doc = tmp_path / "pilot.md"
    doc.write_text(NEW_DOC, encoding="utf-8")
    added = cli(["index", str(doc), "--lean", "open"], settings)  # app two, another process
    assert added.returncode == 0, added.stderr
    answer = running.ask(question)  # app one sees it without a restart
    assert not answer.refused
    assert answer.claims[0].citations[0].source == "pilot.md"
    assert "open model on a single classroom server" in answer.claims[0].citations[0].quote


def test_a_second_writer_is_told_who_holds_the_index(tmp_path) -> None:
    settings = Settings(index_dir=copy_sources(tmp_path))
    doc = tmp_path / "pilot.md"
    doc.write_text(NEW_DOC, encoding="utf-8")
    with write_lock(settings.index_dir):
        second = cli(["index", str(doc)], settings)
        with pytest.raises(StoreError, match=f"pid {os.getpid()}"), write_lock(settings.index_dir):
            pass
    assert second.returncode == 2
    assert f"another debatebot process (pid {os.getpid()}) is writing the index" in second.stderr
    assert second.stderr.count("\n") == 1
    assert "pilot.md" not in (settings.sources_dir / "manifest.yaml").read_text()
