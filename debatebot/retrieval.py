"""Hybrid retrieval: BM25 and dense search, fused by reciprocal rank, optionally scoped.

Dense search alone (MiniLM) ranks boilerplate lines first for some factual questions, and
BM25 is the stronger retriever for argument text, so both run and their rankings are fused
by reciprocal rank fusion (k=60, as in Cormack et al. 2009), keyed by chunk id. A scoped
search (`sources=[...]`) runs both within those documents: Chroma's `where` for dense search
and a BM25 index over the same documents' nodes.

`UnitIndex` holds every quotable unit's vector in memory (units.py; embedded at index time),
so the answer stages score sentences by dense similarity without embedding them per question.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from llama_index.core.base.embeddings.base import BaseEmbedding
from llama_index.core.schema import BaseNode, NodeWithScore, TextNode
from llama_index.retrievers.bm25 import BM25Retriever

from . import lexicon
from .models import Passage
from .store import Store
from .text import STOPWORDS, display, words

RRF_K = 60.0


class HybridRetriever:
    """Top-k passages for a question from a Store (BM25 is rebuilt by `refresh`)."""

    def __init__(self, store: Store, embedder: BaseEmbedding, top_k: int, candidate_k: int):
        self.store = store
        self.top_k = top_k
        self.candidate_k = candidate_k
        self.embedder = embedder
        self.nodes: list[BaseNode] = []
        self._bm25: dict[tuple[str, ...], BM25Retriever | None] = {}
        self.refresh()

    def refresh(self) -> None:
        """Re-read every chunk from the store (after indexing); BM25 indexes are rebuilt."""
        self.nodes = self.store.nodes()
        self.by_id = {n.node_id: n for n in self.nodes}
        self._bm25 = {}

    def bm25(self, sources: tuple[str, ...] = ()) -> BM25Retriever | None:
        """The BM25 index over all chunks, or over the chunks of `sources` (cached). It
        indexes the text as read (markup removed), as the embeddings do: wiki links and
        timestamp anchors would otherwise inflate a chunk's length and bury it."""
        if sources not in self._bm25:
            nodes: list[BaseNode] = [
                TextNode(id_=n.node_id, text=display(n.get_content()), metadata=n.metadata)
                for n in self.nodes
                if not sources or n.metadata["source"] in sources
            ]
            self._bm25[sources] = (
                BM25Retriever.from_defaults(
                    nodes=nodes, similarity_top_k=min(self.candidate_k, len(nodes))
                )
                if nodes
                else None
            )
        return self._bm25[sources]

    def retrieve(
        self,
        question: str,
        k: int | None = None,
        sources: Sequence[str] = (),
        vector: Sequence[float] | None = None,
    ) -> list[Passage]:
        """The fused top-k passages (`k` or the configured top_k), best first; only from
        `sources` when given. `vector`, the question's embedding if already made, saves
        embedding it again."""
        scope = tuple(sorted(sources))
        bm25 = self.bm25(scope)
        if bm25 is None or not _has_terms(question):
            return []
        if vector is None:
            vector = self.embedder.get_query_embedding(question)
        dense = [
            NodeWithScore(node=self.by_id[i])
            for i in self.store.nearest(vector, self.candidate_k, scope)
            if i in self.by_id
        ]
        fused = reciprocal_rank_fusion([dense, bm25.retrieve(question)])
        return [  # the stored text (BM25 indexed the readable text), offsets exact
            to_passage(NodeWithScore(node=self.by_id[r.node.node_id], score=r.score))
            for r in fused[: k or self.top_k]
        ]

    def passages(self, chunk_ids: Sequence[str]) -> list[Passage]:
        """The stored chunks with these ids, as passages (in the order given)."""
        return [
            to_passage(NodeWithScore(node=self.by_id[i], score=0.0))
            for i in chunk_ids
            if i in self.by_id
        ]

    def of_sources(self, sources: Sequence[str]) -> list[Passage]:
        """Every chunk of these documents, in document order."""
        chosen = [n for n in self.nodes if n.metadata["source"] in set(sources)]
        chosen.sort(key=lambda n: (n.metadata["source"], int(n.metadata["start"])))
        return [to_passage(NodeWithScore(node=n, score=0.0)) for n in chosen]


@dataclass(frozen=True)
class Unit:
    """A quotable unit: `source_text[start:end]`, inside chunk `chunk`."""

    id: str
    source: str
    chunk: str
    start: int
    end: int
    row: int  # its row in UnitIndex.matrix

    def overlaps(self, other: Unit) -> bool:
        """Whether the two units share characters of one source (a sentence, say)."""
        return self.source == other.source and self.start < other.end and other.start < self.end


class UnitIndex:
    """Every quotable unit and its unit vector (float32, n x 384), in memory."""

    def __init__(self, store: Store):
        self.store = store
        self.refresh()

    def refresh(self) -> None:
        ids, metas, vectors = self.store.vectors()
        self.units = [
            Unit(i, str(m["source"]), str(m["chunk"]), int(m["start"]), int(m["end"]), row)
            for row, (i, m) in enumerate(zip(ids, metas, strict=True))
        ]
        dim = len(vectors[0]) if vectors else 384
        self.matrix = np.asarray(vectors, dtype=np.float32).reshape(len(ids), dim)
        self.by_chunk: dict[str, list[Unit]] = {}
        for u in sorted(self.units, key=lambda u: (u.source, u.start, u.end)):
            self.by_chunk.setdefault(u.chunk, []).append(u)

    def in_chunks(self, chunk_ids: Sequence[str]) -> list[Unit]:
        """The units of these chunks (each chunk's in order), each once."""
        seen: dict[str, Unit] = {}
        for c in chunk_ids:
            for u in self.by_chunk.get(c, []):
                seen.setdefault(u.id, u)
        return list(seen.values())

    def similarity(self, vector: Sequence[float] | np.ndarray, units: Sequence[Unit]) -> np.ndarray:
        """Cosine similarity of each unit to a unit-length query vector."""
        if not units:
            return np.zeros(0, dtype=np.float32)
        rows = self.matrix[[u.row for u in units]]
        return rows @ np.asarray(vector, dtype=np.float32)

    def nearest(self, vector: Sequence[float], k: int, sources: Sequence[str] = ()) -> list[Unit]:
        """The k units most similar to the vector (within `sources` when given)."""
        pool = [u for u in self.units if not sources or u.source in sources]
        if not pool:
            return []
        sims = self.similarity(vector, pool)
        order = np.argsort(-sims)[:k]
        return [pool[i] for i in order]


def reciprocal_rank_fusion(
    rankings: list[list[NodeWithScore]], k: float = RRF_K
) -> list[NodeWithScore]:
    """Merge rankings: each result scores the sum of 1 / (k + rank) over the lists."""
    scores: dict[str, float] = {}
    first: dict[str, NodeWithScore] = {}
    for ranking in rankings:
        for rank, result in enumerate(ranking, start=1):
            node_id = result.node.node_id
            scores[node_id] = scores.get(node_id, 0.0) + 1.0 / (k + rank)
            first.setdefault(node_id, result)
    order = sorted(scores, key=lambda i: scores[i], reverse=True)
    return [NodeWithScore(node=first[i].node, score=scores[i]) for i in order]


def _has_terms(question: str) -> bool:
    return any(w not in STOPWORDS for w in words(question))


def unique_passages(passages: Sequence[Passage]) -> list[Passage]:
    """Each passage once (by id), in first-seen order."""
    seen: dict[str, Passage] = {}
    for p in passages:
        seen.setdefault(p.id, p)
    return list(seen.values())


def to_passage(result: NodeWithScore) -> Passage:
    meta = result.node.metadata
    return Passage(
        id=result.node.node_id,
        source=meta["source"],
        label=meta["label"],
        title=meta.get("title") or None,
        paragraph=int(meta["paragraph"]),
        start=int(meta["start"]),
        end=int(meta["end"]),
        text=result.node.get_content(),
        score=float(result.score or 0.0),
        stance=meta.get("stance", "neutral"),
        stance_confidence=float(meta.get("stance_confidence", 0.0)),
    )


def answered(units: Sequence[Unit], source_text: Callable[[str], str]) -> dict[str, Unit]:
    """Unit id -> the unit right after it in its document (only white space between), when
    that one opens with a connective of contrast or concession (`lexicon.CONTRAST_OPENERS`):
    a view or a concession its writer goes on to answer ("A common open-source claim is P.
    But that's a luxury …")."""
    by_source: dict[str, list[Unit]] = {}
    for u in units:
        by_source.setdefault(u.source, []).append(u)
    out = {}
    for group in by_source.values():
        group.sort(key=lambda u: u.start)
        text = source_text(group[0].source)
        for a, b in zip(group, group[1:], strict=False):
            adjacent = b.start >= a.end and not text[a.end : b.start].strip()
            if adjacent and lexicon.CONTRAST_OPENERS.search(display(text[b.start : b.end])):
                out[a.id] = b
    return out
