"""The Ollama client against the ways a real server fails, over real HTTP on loopback.

The test server replays a scripted reply (no model is loaded), so these run in the fast lane.
Each fault must give a one-line error that says what to do, within its timeout, and the next
request on the same backend must succeed.
"""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest

from debatebot.backends import OllamaBackend
from debatebot.errors import BackendError, BackendUnavailableError
from debatebot.settings import Settings

from .conftest import GPU_QUESTION, free_port
from .ollama_server import FAULTS, FakeOllama

MESSAGES = [{"role": "user", "content": "Name a colour of the sky."}]
REPLY = "The sky is blue on a clear day."
SILENCE = 1.5  # the first-token (silence) timeout these tests set, in seconds

EXPECTED = {
    "hang_before_headers": r"went silent before its first word for 1\.5 s; try again",
    "hang_mid_stream": r"went silent mid-answer for 1\.5 s; try again",
    "http_500": r"failed \(HTTP 500: llama runner process has terminated.*\); try again",
    "http_503": r"is busy \(server busy.*\); try again in a moment",
    "malformed_line": r"sent a reply that is not Ollama's format",
    "disconnect_mid_stream": r"closed the connection mid-answer; try again",
}


@pytest.fixture
def server() -> Iterator[FakeOllama]:
    with FakeOllama(reply=REPLY) as fake:
        yield fake


def backend_for(url: str, **settings: float) -> OllamaBackend:
    return OllamaBackend.from_settings(
        Settings(
            ollama_host=url,
            ollama_connect_timeout=1.0,
            ollama_first_token_timeout=SILENCE,
            **settings,  # type: ignore[arg-type]
        )
    )


def test_every_fault_has_an_expected_message() -> None:
    assert set(EXPECTED) == set(FAULTS)


@pytest.mark.parametrize("fault", FAULTS)
def test_a_fault_is_one_clear_line_and_the_next_request_succeeds(server, fault) -> None:
    backend = backend_for(server.url)
    server.fail(fault)
    began = time.monotonic()
    with pytest.raises(BackendError, match=EXPECTED[fault]) as caught:
        list(backend.stream(MESSAGES))
    assert time.monotonic() - began < SILENCE + 5  # bounded by its timeout, never a hang
    message = str(caught.value)
    assert "\n" not in message and server.url in message
    assert backend.complete(MESSAGES).strip() == REPLY


def test_a_refused_connection_says_how_to_fix_it() -> None:
    host = f"http://127.0.0.1:{free_port()}"
    with pytest.raises(BackendUnavailableError, match="cannot reach Ollama.*DEBATEBOT_OLLAMA_HOST"):
        backend_for(host)


def test_a_server_that_goes_away_mid_class_is_unreachable_then_back(server) -> None:
    backend = backend_for(server.url)
    backend.client = type(backend.client)(host=f"http://127.0.0.1:{free_port()}", timeout=1)
    with pytest.raises(BackendUnavailableError, match="cannot reach Ollama"):
        backend.complete(MESSAGES)


def test_a_missing_default_model_names_both_fixes(server) -> None:
    with pytest.raises(BackendUnavailableError) as caught:
        backend_for(server.url, ollama_model="nope")  # type: ignore[arg-type]
    assert "`ollama pull nope`" in str(caught.value)
    server.models.clear()
    with pytest.raises(BackendUnavailableError, match="debatebot models register"):
        backend_for(server.url)


def test_a_reply_longer_than_the_total_timeout_is_cut_with_a_message() -> None:
    with FakeOllama(reply="word " * 40, piece_delay=0.05) as slow:
        backend = backend_for(slow.url, ollama_total_timeout=0.5)
        with pytest.raises(BackendError, match="longer than 0.5 s.*TOTAL_TIMEOUT"):
            list(backend.stream(MESSAGES))


def test_every_request_sets_the_context_window_and_keep_alive(server) -> None:
    backend = backend_for(server.url, ollama_num_ctx=8192)
    assert backend.context_window == server.n_ctx  # capped at the model's own window
    backend.complete(MESSAGES)
    chat = server.bodies[-1]
    assert chat["options"]["num_ctx"] == server.n_ctx
    assert chat["options"]["num_predict"] == backend.max_tokens
    assert chat["keep_alive"] == "30m"
    assert not backend.fits([{"role": "user", "content": "word " * 3000}])


def test_closing_the_stream_stops_the_generation(server) -> None:
    server.reply, server.piece_delay = "word " * 200, 0.01
    backend = backend_for(server.url)
    stream = backend.stream(MESSAGES)
    assert next(stream).strip() == "word"
    stream.close()  # the student left
    deadline = time.monotonic() + 5
    while not server.cancelled and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.cancelled == 1
    server.piece_delay = 0.0
    assert backend.complete(MESSAGES).count("word") == 200


@pytest.mark.parametrize("fault", ["hang_mid_stream", "disconnect_mid_stream", "http_503"])
def test_a_fault_mid_answer_leaves_no_unchecked_text_on_screen(bot, server, fault) -> None:
    from debatebot.bot import DebateBot
    from debatebot.chat import Session

    ollama = DebateBot(bot.settings, backend=backend_for(server.url), embedder=bot.sources.embedder)
    session = Session()
    server.fail(fault)
    shown: list[str] = []
    with pytest.raises(BackendError, match=EXPECTED[fault]):
        for messages in session.respond(ollama, "Ask", GPU_QUESTION):
            shown = [m["content"] for m in messages]
    if fault != "http_503":  # progress was on screen until the fault, never the draft's words
        assert any(m.startswith("*Drafting") and "written" in m for m in shown)
        assert not any(REPLY.split()[0] in m for m in shown)
    assert session.messages == [] and session.entries == []  # back as it was
    for _ in session.respond(ollama, "Ask", GPU_QUESTION):  # the next request succeeds
        pass
    answer = session.entries[-1]
    assert not answer.refused and "64 GPUs" in answer.claims[0].citations[0].quote
    assert "sky" not in answer.text  # the scripted draft says nothing the sources support


def test_models_register_creates_the_bundled_model_with_its_chat_template(
    server, monkeypatch, capsys
) -> None:
    from debatebot.cli import main

    server.models.clear()
    monkeypatch.setenv("DEBATEBOT_OLLAMA_HOST", server.url)
    assert main(["models", "register", "--name", "class:small"]) == 0
    assert "class:small is ready" in capsys.readouterr().out
    create = next(b for b in server.bodies if b.get("model") == "class:small" and "files" in b)
    assert create["template"].startswith("{{- range .Messages }}<|im_start|>{{ .Role }}")
    assert create["parameters"] == {"num_ctx": 4096, "stop": ["<|im_start|>", "<|im_end|>"]}
    assert list(create["files"].values())[0] in server.blobs
    backend = backend_for(server.url, ollama_model="class:small")  # type: ignore[arg-type]
    assert backend.complete(MESSAGES).strip() == REPLY


def test_models_register_refuses_a_file_that_is_not_a_model(server, tmp_path, monkeypatch, capsys):
    from debatebot.cli import main

    fake = tmp_path / "notes.gguf"
    fake.write_text("not a model")
    monkeypatch.setenv("DEBATEBOT_OLLAMA_HOST", server.url)
    assert main(["models", "register", "--gguf", str(fake)]) == 2
    assert "notes.gguf is not a GGUF model" in capsys.readouterr().err
    assert not server.blobs
