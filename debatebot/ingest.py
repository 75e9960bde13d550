"""Keep the store in step with the sources folder: embed only what changed.

Chunk ids are content hashes (see chunking.chunk_id), so syncing is set arithmetic:
new ids are embedded and upserted, ids no longer produced (a changed or removed file's old
chunks) are deleted, and an unchanged corpus costs no embedding at all.

Each chunk's quotable units (see units.py) are embedded too, into a second collection (the
store's `units`), synced the same way: a unit's id hashes its chunk id and offsets.

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

from .chunking import Chunk, chunk_document, chunk_id
from .corpus import Corpus
from .motion import Motion
from .stance import STANCE_METHOD, sentence_stance
from .store import Store
from .text import display
from .units import quotable_units


class IngestReport(BaseModel):
    """What one sync did."""

    documents: int
    chunks: int
    added: int
    deleted: int
    units: int = 0  # quotable units in the store after the sync
    stanced: int = 0  # chunks whose stance was computed in this sync
    unlisted: list[str] = []  # files in the sources folder the manifest does not list
    seconds: float

    def summary(self) -> str:
        done = (
            f"Indexed {self.documents} documents, {self.chunks} chunks "
            f"({self.added} embedded, {self.deleted} removed) in {self.seconds:.1f} s."
        )
        if self.unlisted:
            done += (
                f" Not indexed, because manifest.yaml does not list them: "
                f"{', '.join(self.unlisted)} (add one with `debatebot index FILE`)."
            )
        return done


def stance_key(chunk: Chunk, motion: Motion) -> str:
    return f"{STANCE_METHOD}:{'/'.join(motion.side_keys)}:{chunk.lean or 'none'}"


def stance_fields(chunk: Chunk, motion: Motion) -> dict[str, str | float]:
    """The stance metadata stored with a chunk."""
    result = sentence_stance(chunk.lean, motion)
    return {
        "stance": result.stance,
        "stance_confidence": result.confidence,
        "stance_key": stance_key(chunk, motion),
    }


def to_node(chunk: Chunk, motion: Motion) -> TextNode:
    """A chunk as a llama-index TextNode; metadata stays out of the embedded text."""
    meta: dict[str, str | int | float] = {**chunk.metadata(), **stance_fields(chunk, motion)}
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
    units_store: Store | None = None,
) -> IngestReport:
    """Make the store hold exactly the chunks of the corpus's current documents."""
    t0 = time.perf_counter()
    motion = corpus.motion()
    docs = corpus.documents()
    chunks = [c for d in docs for c in chunk_document(d, chunk_size, overlap)]
    existing = store.metadata()
    wanted = {c.id for c in chunks}
    new = [c for c in chunks if c.id not in existing]
    restance = [
        c
        for c in chunks
        if c.id in existing and existing[c.id].get("stance_key") != stance_key(c, motion)
    ]
    stale = sorted(set(existing) - wanted)
    if new:
        store.upsert(embed(new, embedder, progress, motion))
    if restance:
        store.set_fields({c.id: stance_fields(c, motion) for c in restance})
    if stale:
        store.delete(stale)
    texts = {d.file: d.text for d in docs}
    units = sync_units(chunks, texts, units_store, embedder, progress) if units_store else 0
    return IngestReport(
        documents=len(docs),
        chunks=len(chunks),
        added=len(new),
        deleted=len(stale),
        units=units,
        stanced=len(new) + len(restance),
        unlisted=corpus.unlisted(),
        seconds=time.perf_counter() - t0,
    )


def embed(
    chunks: Sequence[Chunk], embedder: BaseEmbedding, progress: bool, motion: Motion
) -> list[TextNode]:
    """Nodes with embeddings of their readable text (markup removed) and their stance."""
    vectors = embedder.get_text_embedding_batch(
        [display(c.text) for c in chunks], show_progress=progress
    )
    nodes = [to_node(c, motion) for c in chunks]
    for node, vector in zip(nodes, vectors, strict=False):
        node.embedding = vector
    return nodes


def unit_nodes(chunks: Sequence[Chunk], texts: dict[str, str]) -> list[TextNode]:
    """Every quotable unit of the chunks, as a node (no embedding yet)."""
    nodes = []
    for c in chunks:
        for a, b in quotable_units(texts[c.source], c.start, c.end):
            meta: dict[str, str | int | float] = {
                "source": c.source,
                "chunk": c.id,
                "start": a,
                "end": b,
            }
            nodes.append(
                TextNode(
                    id_=chunk_id(c.id, a, texts[c.source][a:b]),
                    text=texts[c.source][a:b],
                    metadata=meta,
                    excluded_embed_metadata_keys=list(meta),
                    excluded_llm_metadata_keys=list(meta),
                )
            )
    return nodes


def sync_units(
    chunks: Sequence[Chunk],
    texts: dict[str, str],
    store: Store,
    embedder: BaseEmbedding,
    progress: bool,
) -> int:
    """Make the units store hold exactly the quotable units of `chunks`; returns their count."""
    nodes = {n.node_id: n for n in unit_nodes(chunks, texts)}
    existing = set(store.metadata())
    new = [n for i, n in nodes.items() if i not in existing]
    if new:
        vectors = embedder.get_text_embedding_batch(
            [display(n.text) for n in new], show_progress=progress
        )
        for node, vector in zip(new, vectors, strict=True):
            node.embedding = vector
        store.upsert(new)
    stale = sorted(existing - set(nodes))
    if stale:
        store.delete(stale)
    return len(nodes)
