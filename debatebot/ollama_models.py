"""`debatebot models register`: create a model on an Ollama server from a local GGUF file.

A school's server may have no internet, so the bundled SmolLM2-135M-Instruct (the embedded
default) is uploaded as a blob and created as `settings.ollama_model` with a chat template
that matches the one stored in the GGUF file: ChatML (`<|im_start|>`), as SmolLM2 uses, is
written out (`data/ollama/chatml.v1.tmpl`); for any other format Ollama reads the template
from the file itself. Running it twice is harmless: Ollama keeps a blob it already has.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path
from typing import Any

from .backends import OllamaBackend, default_model_path
from .errors import ConfigError
from .settings import Settings

CHATML_STOPS = ["<|im_start|>", "<|im_end|>"]


def gguf_chat_template(path: Path) -> str:
    """The Jinja chat template stored in a GGUF file ("" when it has none)."""
    from llama_cpp import Llama

    try:
        vocab = Llama(str(path), vocab_only=True, verbose=False)  # reads metadata, not weights
    except (ValueError, RuntimeError) as exc:
        raise ConfigError(f"{path} is not a GGUF model llama.cpp can read: {exc}") from exc
    return str(vocab.metadata.get("tokenizer.chat_template", ""))


def creation(path: Path, num_ctx: int) -> dict[str, Any]:
    """What `/api/create` is given besides the file: the template and stop words for ChatML
    models, and the context window debatebot asks for."""
    parameters: dict[str, Any] = {"num_ctx": num_ctx}
    if "<|im_start|>" not in gguf_chat_template(path):
        return {"parameters": parameters}
    template = files("debatebot").joinpath("data/ollama/chatml.v1.tmpl").read_text()
    return {"template": template, "parameters": {**parameters, "stop": CHATML_STOPS}}


def register(settings: Settings, gguf: Path | None = None, name: str | None = None) -> str:
    """Create `name` (default: `settings.ollama_model`) on the Ollama server from `gguf`
    (default: the bundled model); returns the name."""
    path = Path(gguf or settings.model_path or default_model_path())
    if not path.is_file():
        raise ConfigError(f"no GGUF model at {path}; give a .gguf file with --gguf")
    name = name or settings.ollama_model
    extra = creation(path, settings.ollama_num_ctx)
    backend = OllamaBackend.connect(settings.model_copy(update={"ollama_model": name}))
    with backend.errors():
        digest = backend.client.create_blob(path)
        backend.client.create(model=name, files={path.name: digest}, **extra)
    OllamaBackend.from_settings(settings.model_copy(update={"ollama_model": name}))  # it answers
    return name
