"""Both backends pass the same contract; the Ollama one over real HTTP to a test server."""

from __future__ import annotations

import pytest

from debatebot.backends import BACKENDS, OllamaBackend, load_backend
from debatebot.bot import DebateBot
from debatebot.errors import BackendUnavailableError, ConfigError
from debatebot.settings import Settings

from .conftest import GPU_QUESTION, copy_sources, free_port

MESSAGES = [
    {"role": "system", "content": "You answer in one short sentence."},
    {"role": "user", "content": "Name a colour of the sky."},
]


def test_stream_yields_text_pieces(backend) -> None:
    pieces = list(backend.stream(MESSAGES))
    assert len(pieces) > 1 and all(isinstance(p, str) for p in pieces)
    assert "".join(pieces).strip()


def test_generation_is_deterministic_at_temperature_zero(backend) -> None:
    assert backend.complete(MESSAGES) == backend.complete(MESSAGES)


def test_context_window_and_fit(backend) -> None:
    assert backend.context_window == 2048
    assert backend.fits(MESSAGES)
    assert not backend.fits([{"role": "user", "content": "word " * 3000}])


def test_both_backends_answer_the_same_way(llamacpp_backend, ollama_backend) -> None:
    assert llamacpp_backend.complete(MESSAGES) == ollama_backend.complete(MESSAGES)


def test_bot_answers_with_citations_on_each_backend(backend, embedder, tmp_path) -> None:
    bot = DebateBot(Settings(index_dir=copy_sources(tmp_path)), backend=backend, embedder=embedder)
    answer = bot.ask(GPU_QUESTION)
    assert not answer.refused and answer.draft
    assert "64 GPUs" in answer.claims[0].citations[0].quote


def test_ollama_speaks_the_wire_protocol(fake_ollama, ollama_backend) -> None:
    fake_ollama.requests.clear()
    "".join(ollama_backend.stream(MESSAGES))
    assert fake_ollama.requests == ["/api/chat"]


def test_ollama_unknown_model_says_what_to_do(fake_ollama) -> None:
    with pytest.raises(BackendUnavailableError, match="ollama pull nope"):
        OllamaBackend.from_settings(Settings(ollama_host=fake_ollama.url, ollama_model="nope"))


def test_ollama_unreachable_host_is_a_clear_error() -> None:
    host = f"http://127.0.0.1:{free_port()}"
    with pytest.raises(BackendUnavailableError, match="cannot reach Ollama"):
        OllamaBackend.from_settings(Settings(ollama_host=host, ollama_timeout=2))


def test_ollama_host_env_is_honoured(monkeypatch) -> None:
    monkeypatch.setenv("OLLAMA_HOST", "http://10.1.2.3:11434")
    assert Settings().ollama_host == "http://10.1.2.3:11434"
    monkeypatch.setenv("DEBATEBOT_OLLAMA_HOST", "http://127.0.0.1:1")
    assert Settings().ollama_host == "http://127.0.0.1:1"


def test_backends_table_and_bad_model_path(tmp_path) -> None:
    assert set(BACKENDS) == {"llamacpp", "ollama"}
    with pytest.raises(ConfigError, match="DEBATEBOT_MODEL_PATH"):
        load_backend(Settings(model_path=tmp_path / "missing.gguf"))
