"""Keep the store in step with the sources folder: embed only what changed.

Chunk ids are content hashes (see chunking.chunk_id), so syncing is set arithmetic:
new ids are embedded and upserted, ids no longer produced (a changed or removed file's old
chunks) are deleted, and an unchanged corpus costs no embedding at all.
"""

from __future__ import annotations

import time
from collections.abc import Sequence

from llama_index.core.base.embeddings.base import BaseEmbedding
from llama_index.core.schema import TextNode
from pydantic import BaseModel

from .chunking import Chunk, chunk_document
from .corpus import Corpus
from .store import Store
from .text import display


class IngestReport(BaseModel):
    """What one sync did."""

    documents: int
    chunks: int
    added: int
    deleted: int
    seconds: float

    def summary(self) -> str:
        return (
            f"Indexed {self.documents} documents, {self.chunks} chunks "
            f"({self.added} embedded, {self.deleted} removed) in {self.seconds:.1f} s."
        )


def to_node(chunk: Chunk) -> TextNode:
    """A chunk as a llama-index TextNode; metadata stays out of the embedded text."""
    meta = chunk.metadata()
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
) -> IngestReport:
    """Make the store hold exactly the chunks of the corpus's current documents."""
    t0 = time.perf_counter()
    docs = corpus.documents()
    chunks = [c for d in docs for c in chunk_document(d, chunk_size, overlap)]
    existing = {i for ids in store.ids_by_source().values() for i in ids}
    wanted = {c.id for c in chunks}
    new = [c for c in chunks if c.id not in existing]
    stale = sorted(existing - wanted)
    if new:
        store.upsert(embed(new, embedder, progress))
    if stale:
        store.delete(stale)
    return IngestReport(
        documents=len(docs),
        chunks=len(chunks),
        added=len(new),
        deleted=len(stale),
        seconds=time.perf_counter() - t0,
    )


def embed(chunks: Sequence[Chunk], embedder: BaseEmbedding, progress: bool) -> list[TextNode]:
    """Nodes with embeddings of their readable text (markup removed)."""
    vectors = embedder.get_text_embedding_batch(
        [display(c.text) for c in chunks], show_progress=progress
    )
    nodes = [to_node(c) for c in chunks]
    for node, vector in zip(nodes, vectors, strict=False):
        node.embedding = vector
    return nodes
