"""Keep the store in step with the sources folder: embed only what changed.

Chunk ids are content hashes (see chunking.chunk_id), so syncing is set arithmetic:
new ids are embedded and upserted, ids no longer produced (a changed or removed file's old
chunks) are deleted, and an unchanged corpus costs no embedding at all.

Each chunk's stance (see stance.py) is stored in its metadata with the key it was computed
under (method and document lean). Stored chunks whose key is current are not scored again;
a new method or a changed lean re-scores just the metadata, without re-embedding.
"""

from __future__ import annotations

import time
from collections.abc import Sequence

from llama_index.core.base.embeddings.base import BaseEmbedding
from llama_index.core.schema import TextNode
from pydantic import BaseModel

from .chunking import Chunk, chunk_document
from .corpus import Corpus
from .stance import CueStance
from .store import Store
from .text import display


class IngestReport(BaseModel):
    """What one sync did."""

    documents: int
    chunks: int
    added: int
    deleted: int
    stanced: int = 0  # chunks whose stance was computed in this sync
    seconds: float

    def summary(self) -> str:
        return (
            f"Indexed {self.documents} documents, {self.chunks} chunks "
            f"({self.added} embedded, {self.deleted} removed) in {self.seconds:.1f} s."
        )


def stance_key(chunk: Chunk, classifier: CueStance) -> str:
    return f"{classifier.method}:{chunk.lean or 'none'}"


def stance_fields(chunk: Chunk, classifier: CueStance) -> dict[str, str | float]:
    """The stance metadata stored with a chunk."""
    result = classifier.classify(chunk.text, chunk.lean)
    return {
        "stance": result.stance,
        "stance_confidence": result.confidence,
        "stance_key": stance_key(chunk, classifier),
    }


def to_node(chunk: Chunk, classifier: CueStance) -> TextNode:
    """A chunk as a llama-index TextNode; metadata stays out of the embedded text."""
    meta: dict[str, str | int | float] = {**chunk.metadata(), **stance_fields(chunk, classifier)}
    return TextNode(
        id_=chunk.id,
        text=chunk.text,
        metadata=meta,
        excluded_embed_metadata_keys=list(meta),
        excluded_llm_metadata_keys=list(meta),
    )


def sync(
    corpus: Corpus,
    store: Store,
    embedder: BaseEmbedding,
    chunk_size: int,
    overlap: int,
    progress: bool = True,
    classifier: CueStance | None = None,
) -> IngestReport:
    """Make the store hold exactly the chunks of the corpus's current documents."""
    t0 = time.perf_counter()
    classifier = classifier or CueStance()
    docs = corpus.documents()
    chunks = [c for d in docs for c in chunk_document(d, chunk_size, overlap)]
    existing = store.metadata()
    wanted = {c.id for c in chunks}
    new = [c for c in chunks if c.id not in existing]
    restance = [
        c
        for c in chunks
        if c.id in existing and existing[c.id].get("stance_key") != stance_key(c, classifier)
    ]
    stale = sorted(set(existing) - wanted)
    if new:
        store.upsert(embed(new, embedder, progress, classifier))
    if restance:
        store.set_fields({c.id: stance_fields(c, classifier) for c in restance})
    if stale:
        store.delete(stale)
    return IngestReport(
        documents=len(docs),
        chunks=len(chunks),
        added=len(new),
        deleted=len(stale),
        stanced=len(new) + len(restance),
        seconds=time.perf_counter() - t0,
    )


def embed(
    chunks: Sequence[Chunk], embedder: BaseEmbedding, progress: bool, classifier: CueStance
) -> list[TextNode]:
    """Nodes with embeddings of their readable text (markup removed) and their stance."""
    vectors = embedder.get_text_embedding_batch(
        [display(c.text) for c in chunks], show_progress=progress
    )
    nodes = [to_node(c, classifier) for c in chunks]
    for node, vector in zip(nodes, vectors, strict=False):
        node.embedding = vector
    return nodes
