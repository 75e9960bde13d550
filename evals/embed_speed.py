"""The numpy MiniLM against sentence-transformers on the same texts (needs the dev tools).

    .venv/bin/python evals/embed_speed.py

The texts are the five essays' chunks and sentences (what indexing embeds). Prints load and
embedding seconds (median of three) for each, and the ratios that decided to drop torch from
the app (issue 14: keep numpy if it indexes within 2x of torch's speed).
"""

from __future__ import annotations

import os
import statistics
import time

os.environ.setdefault("HF_HUB_OFFLINE", "1")

from debatebot.chunking import chunk_document  # noqa: E402
from debatebot.corpus import Corpus  # noqa: E402
from debatebot.embeddings import minilm_embedder  # noqa: E402
from debatebot.settings import Settings  # noqa: E402
from debatebot.text import display, sentence_spans  # noqa: E402


def timed(run, times: int = 3) -> float:
    seconds = []
    for _ in range(times):
        began = time.perf_counter()
        run()
        seconds.append(time.perf_counter() - began)
    return statistics.median(seconds)


def main() -> None:
    settings = Settings()
    docs = Corpus(settings.sources_dir).documents()
    texts = [display(c.text) for d in docs for c in chunk_document(d, settings.chunk_size)]
    texts += [d.text[a:b] for d in docs for a, b in sentence_spans(d.text)]
    embedder = minilm_embedder()
    began = time.perf_counter()
    folder = embedder.small().folder  # type: ignore[attr-defined]
    numpy_load = time.perf_counter() - began
    numpy_embed = timed(lambda: embedder.get_text_embedding_batch(texts))
    began = time.perf_counter()
    from sentence_transformers import SentenceTransformer

    model = SentenceTransformer(str(folder), device="cpu")
    torch_load = time.perf_counter() - began
    torch_embed = timed(lambda: model.encode(texts, batch_size=64, normalize_embeddings=True))
    print(f"{len(texts)} texts")
    print(f"numpy MiniLM:          load {numpy_load:5.1f} s  embed {numpy_embed:5.1f} s")
    print(f"sentence-transformers: load {torch_load:5.1f} s  embed {torch_embed:5.1f} s")
    print(
        f"numpy / torch: embedding {numpy_embed / torch_embed:.2f}x, "
        f"with loading {(numpy_load + numpy_embed) / (torch_load + torch_embed):.2f}x"
    )


if __name__ == "__main__":
    main()
