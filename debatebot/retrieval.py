"""Hybrid retrieval: BM25 and dense search, fused by reciprocal rank.

Dense search alone (MiniLM) ranks boilerplate lines first for some factual questions, and
BM25 is the stronger retriever for argument text, so both run and their rankings are fused
by reciprocal rank fusion (k=60, as in Cormack et al. 2009), keyed by chunk id.
"""

from __future__ import annotations

from llama_index.core import VectorStoreIndex
from llama_index.core.base.embeddings.base import BaseEmbedding
from llama_index.core.schema import BaseNode, NodeWithScore
from llama_index.retrievers.bm25 import BM25Retriever

from .models import Passage
from .store import Store, chroma_errors
from .text import STOPWORDS, words

RRF_K = 60.0


class HybridRetriever:
    """Top-k passages for a question from a Store (BM25 is rebuilt by `refresh`)."""

    def __init__(self, store: Store, embedder: BaseEmbedding, top_k: int, candidate_k: int):
        self.store = store
        self.top_k = top_k
        self.candidate_k = candidate_k
        self.dense = VectorStoreIndex.from_vector_store(
            store.vector_store, embed_model=embedder
        ).as_retriever(similarity_top_k=candidate_k)
        self.nodes: list[BaseNode] = []
        self.bm25: BM25Retriever | None = None
        self.refresh()

    def refresh(self) -> None:
        """Re-read every chunk from the store (after indexing) and rebuild BM25."""
        self.nodes = self.store.nodes()
        self.bm25 = (
            BM25Retriever.from_defaults(
                nodes=self.nodes, similarity_top_k=min(self.candidate_k, len(self.nodes))
            )
            if self.nodes
            else None
        )

    def retrieve(self, question: str, k: int | None = None) -> list[Passage]:
        """The fused top-k passages (`k` or the configured top_k), best first."""
        if self.bm25 is None or not _has_terms(question):
            return []
        with chroma_errors("searching"):
            dense = self.dense.retrieve(question)
        fused = reciprocal_rank_fusion([dense, self.bm25.retrieve(question)])
        return [to_passage(r) for r in fused[: k or self.top_k]]


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
