"""The vector store seam: one Chroma collection, local folder or server, behind one class.

The collection's metadata records the embedding model it was built with, so a store built
with another embedder is reported instead of silently mixing vectors. Rows are written in
llama-index's node format (`node_to_metadata_dict`), the one its ChromaVectorStore reads.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from llama_index.core.schema import BaseNode, TextNode
from llama_index.core.vector_stores.utils import metadata_dict_to_node, node_to_metadata_dict

from .errors import StoreError
from .settings import Settings

BATCH = 1000  # rows per Chroma call; well under its max batch size


@contextmanager
def chroma_errors(what: str) -> Iterator[None]:
    """Translate chromadb / transport failures into StoreError, with what we were doing."""
    try:
        yield
    except StoreError:
        raise
    except Exception as exc:  # chromadb raises many unrelated types; all mean the same here
        if "unauthorized" in str(exc).lower() or "forbidden" in str(exc).lower():
            raise StoreError(
                f"the Chroma server refused debatebot while {what} ({exc}); set "
                "DEBATEBOT_CHROMA_TOKEN to the server's token."
            ) from exc
        raise StoreError(f"Chroma failed while {what}: {exc}") from exc


class Store:
    """Chunks as llama-index TextNodes in a Chroma collection."""

    def __init__(self, client: Any, collection: str, embed_model: str, rebuild: bool = False):
        self.embed_model = embed_model
        if rebuild and collection in {
            c if isinstance(c, str) else c.name for c in client.list_collections()
        }:
            with chroma_errors(f"deleting collection {collection!r}"):
                client.delete_collection(collection)
        with chroma_errors(f"opening collection {collection!r}"):
            self.collection = client.get_or_create_collection(
                collection, metadata={"embed_model": embed_model, "hnsw:space": "cosine"}
            )
        built_with = (self.collection.metadata or {}).get("embed_model")
        if built_with != embed_model:
            raise StoreError(
                f"collection {collection!r} was built with {built_with!r}, not {embed_model!r}; "
                "run `debatebot index --rebuild`."
            )

    @classmethod
    def from_settings(
        cls, settings: Settings, embed_model: str, rebuild: bool = False, suffix: str = ""
    ) -> Store:
        """A local persistent store, or a Chroma server when `chroma_host` is set;
        `suffix` names a companion collection (`-units`: the quotable units)."""
        import chromadb
        from chromadb.config import Settings as ChromaSettings

        auth: dict[str, Any] = {}
        if settings.chroma_token is not None:  # sent as "Authorization: Bearer <token>"
            auth = {
                "chroma_client_auth_provider": "chromadb.auth.token_authn.TokenAuthClientProvider",
                "chroma_client_auth_credentials": settings.chroma_token.get_secret_value(),
            }
        chroma_settings = ChromaSettings(anonymized_telemetry=False, **auth)
        with chroma_errors("connecting"):
            if settings.chroma_host:
                client = chromadb.HttpClient(
                    host=settings.chroma_host, port=settings.chroma_port, settings=chroma_settings
                )
            else:
                settings.chroma_path.mkdir(parents=True, exist_ok=True)
                client = chromadb.PersistentClient(
                    path=str(settings.chroma_path), settings=chroma_settings
                )
        return cls(client, settings.collection + suffix, embed_model, rebuild=rebuild)

    def count(self) -> int:
        with chroma_errors("counting chunks"):
            return int(self.collection.count())

    def ids_by_source(self) -> dict[str, set[str]]:
        """{source file: ids of its chunks}."""
        out: dict[str, set[str]] = defaultdict(set)
        for i, meta in self.metadata().items():
            out[str(meta.get("source"))].add(i)
        return dict(out)

    def metadata(self) -> dict[str, dict[str, Any]]:
        """{chunk id: its stored metadata}."""
        out: dict[str, dict[str, Any]] = {}
        for ids, metas in self._pages(include=["metadatas"]):
            out.update(zip(ids, metas, strict=False))
        return out

    def vectors(self) -> tuple[list[str], list[dict[str, Any]], list[list[float]]]:
        """(ids, metadata, embeddings) of every row."""
        ids: list[str] = []
        metas: list[dict[str, Any]] = []
        vectors: list[list[float]] = []
        for i, m, e in self._pages(include=["metadatas", "embeddings"]):
            ids += list(i)
            metas += list(m)
            vectors += [list(v) for v in e]
        return ids, metas, vectors

    def set_fields(self, fields: dict[str, dict[str, Any]]) -> None:
        """Set metadata fields of stored chunks, {id: {field: value}}; text and vector stay."""
        stored = self.metadata()
        metas = {}
        for chunk_id, values in fields.items():
            node = metadata_dict_to_node(stored[chunk_id])
            node.metadata.update(values)
            metas[chunk_id] = node_to_metadata_dict(node, remove_text=True)
        ids = list(metas)
        with chroma_errors("updating chunk metadata"):
            for i in range(0, len(ids), BATCH):
                part = ids[i : i + BATCH]
                self.collection.update(ids=part, metadatas=[metas[k] for k in part])

    def nodes(self) -> list[BaseNode]:
        """Every chunk as a TextNode, exactly as the vector search returns them."""
        nodes = []
        for ids, metas, docs in self._pages(include=["metadatas", "documents"]):
            for i, meta, doc in zip(ids, metas, docs, strict=False):
                node = metadata_dict_to_node(meta, text=doc)
                node.id_ = i
                nodes.append(node)
        return nodes

    def nearest(self, vector: Sequence[float], k: int, sources: Sequence[str] = ()) -> list[str]:
        """Ids of the k chunks nearest the vector, nearest first (only of `sources` when
        given). Only ids and distances are fetched: the caller holds the chunks already, and
        reading back each one's text and metadata took longer than the search itself."""
        where = {"source": {"$in": list(sources)}} if sources else None
        with chroma_errors("searching"):
            got = self.collection.query(
                query_embeddings=[list(vector)], n_results=k, where=where, include=["distances"]
            )
        return list(got["ids"][0])

    def upsert(self, nodes: Sequence[TextNode]) -> None:
        """Insert or replace nodes (each with its embedding)."""
        with chroma_errors("writing chunks"):
            for i in range(0, len(nodes), BATCH):
                part = nodes[i : i + BATCH]
                self.collection.upsert(
                    ids=[n.node_id for n in part],
                    embeddings=[n.get_embedding() for n in part],
                    metadatas=[node_to_metadata_dict(n, remove_text=True) for n in part],
                    documents=[n.text for n in part],
                )

    def delete(self, ids: Sequence[str]) -> None:
        with chroma_errors("deleting chunks"):
            for i in range(0, len(ids), BATCH):
                self.collection.delete(ids=list(ids[i : i + BATCH]))

    def _pages(self, include: list[str]) -> Iterator[tuple[Any, ...]]:
        with chroma_errors("reading chunks"):
            offset = 0
            while True:
                got = self.collection.get(include=include, limit=BATCH, offset=offset)
                if not got["ids"]:
                    return
                yield (got["ids"], *(got[k] for k in include))
                offset += len(got["ids"])
