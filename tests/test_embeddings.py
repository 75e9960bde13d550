"""The embedder: numpy MiniLM, the same vectors as sentence-transformers (a dev tool only)."""

from __future__ import annotations

import subprocess
import sys

import numpy as np

from debatebot.chunking import chunk_document
from debatebot.corpus import Corpus

from .conftest import GPU_QUESTION, SOURCES


def test_numpy_and_sentence_transformers_give_the_same_vectors(embedder) -> None:
    from sentence_transformers import SentenceTransformer

    texts = [c.text for d in Corpus(SOURCES).documents() for c in chunk_document(d)]
    texts += [GPU_QUESTION, "x", "open source " * 300]  # short, tiny, and truncated at 256
    small = np.array(embedder.get_text_embedding_batch(texts))
    reference = SentenceTransformer(str(embedder.small().folder), device="cpu")
    bulk = reference.encode(texts, normalize_embeddings=True)
    assert small.shape == bulk.shape == (len(texts), 384)
    assert float((small * bulk).sum(axis=1).min()) > 0.99999
    np.testing.assert_allclose(np.linalg.norm(small, axis=1), 1.0, atol=1e-5)
    np.testing.assert_allclose(embedder.get_query_embedding(GPU_QUESTION), small[-3], atol=1e-6)


def test_a_question_is_embedded_without_importing_torch() -> None:
    code = (
        "import sys\n"
        "from debatebot.embeddings import minilm_embedder\n"
        "vector = minilm_embedder().get_query_embedding('How many GPUs?')\n"
        "print(len(vector), 'torch' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["384", "False"]
