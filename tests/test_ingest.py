"""Ingestion into real Chroma (a local folder and a `chroma run` server): idempotent syncs."""

from __future__ import annotations

from typing import Any

import pytest
from llama_index.core.base.embeddings.base import BaseEmbedding

from debatebot.chunking import chunk_document
from debatebot.corpus import Corpus
from debatebot.embeddings import DEFAULT_EMBED_MODEL
from debatebot.errors import DocumentError, StoreError
from debatebot.ingest import sync
from debatebot.settings import Settings
from debatebot.store import Store


class CountingEmbedder(BaseEmbedding):
    """The real embedder, counting the texts it is asked to embed."""

    inner: Any
    texts: int = 0

    def _get_text_embeddings(self, texts: list[str]) -> list[list[float]]:
        self.texts += len(texts)
        return self.inner.get_text_embedding_batch(texts)

    def _get_text_embedding(self, text: str) -> list[float]:
        return self._get_text_embeddings([text])[0]

    def _get_query_embedding(self, query: str) -> list[float]:
        return self.inner.get_query_embedding(query)

    async def _aget_query_embedding(self, query: str) -> list[float]:
        return self._get_query_embedding(query)


@pytest.fixture
def counting(embedder) -> CountingEmbedder:
    return CountingEmbedder(inner=embedder)


def _sync(settings: Settings, embedder: BaseEmbedding):
    store = Store.from_settings(settings, DEFAULT_EMBED_MODEL)
    report = sync(Corpus(settings.sources_dir), store, embedder, 1200, 1, progress=False)
    return store, report


def test_first_sync_embeds_everything_second_embeds_nothing(settings, counting) -> None:
    corpus = Corpus(settings.sources_dir)
    expected = sum(len(chunk_document(d)) for d in corpus.documents())
    store, first = _sync(settings, counting)
    assert (first.documents, first.chunks, first.added, first.deleted) == (5, expected, expected, 0)
    assert counting.texts == expected == store.count()
    _, second = _sync(settings, counting)
    assert (second.added, second.deleted) == (0, 0)
    assert counting.texts == expected  # nothing embedded the second time


def test_stored_chunks_round_trip_to_the_files(settings, embedder) -> None:
    store, _ = _sync(settings, embedder)
    nodes = store.nodes()
    assert len(nodes) == store.count()
    for node in nodes:
        meta = node.metadata
        text = (settings.sources_dir / meta["source"]).read_text(encoding="utf-8")
        assert text[meta["start"] : meta["end"]] == node.get_content()
        assert meta["label"] and meta["paragraph"] >= 1


def test_changed_file_replaces_only_its_own_chunks(settings, counting) -> None:
    store, _ = _sync(settings, counting)
    before = store.ids_by_source()
    path = settings.sources_dir / "exponential-view-open-source-future.txt"
    path.write_text(path.read_text(encoding="utf-8") + "\nA new closing line.\n", encoding="utf-8")
    counting.texts = 0
    _, report = _sync(settings, counting)
    after = store.ids_by_source()
    changed = "exponential-view-open-source-future.txt"
    assert report.added == counting.texts >= 1
    assert report.deleted == len(before[changed] - after[changed]) >= 1
    assert {k: v for k, v in after.items() if k != changed} == {
        k: v for k, v in before.items() if k != changed
    }


def test_removed_file_chunks_are_deleted(settings, embedder) -> None:
    store, _ = _sync(settings, embedder)
    manifest = settings.sources_dir / "manifest.yaml"
    text = manifest.read_text(encoding="utf-8")
    entry = text[text.index("  - file: exponential") :]
    manifest.write_text(text.replace(entry, ""), encoding="utf-8")
    _, report = _sync(settings, embedder)
    assert "exponential-view-open-source-future.txt" not in store.ids_by_source()
    assert report.documents == 4 and report.deleted > 0


def test_bad_documents_change_nothing(settings, embedder, tmp_path) -> None:
    store, _ = _sync(settings, embedder)
    ids = store.ids_by_source()
    manifest = (settings.sources_dir / "manifest.yaml").read_bytes()
    good = tmp_path / "good.md"
    good.write_text("# Good\n\nA fine document about open models.\n", encoding="utf-8")
    binary = tmp_path / "blob.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    latin1 = tmp_path / "latin1.txt"
    latin1.write_bytes("café crème".encode("latin-1"))
    for bad, message in [
        (binary, "binary"),
        (latin1, "not UTF-8"),
        (tmp_path / "missing.txt", "no such file"),
        (tmp_path / "notes.pdf", "only .txt and .md"),
    ]:
        if bad.suffix == ".pdf":
            bad.write_bytes(b"%PDF-1.4")
        with pytest.raises(DocumentError, match=message):
            Corpus(settings.sources_dir).add([good, bad], max_bytes=10_000)
    assert (settings.sources_dir / "manifest.yaml").read_bytes() == manifest
    assert not (settings.sources_dir / "good.md").exists()
    assert store.ids_by_source() == ids


def test_a_store_built_with_another_embedder_is_reported(settings) -> None:
    Store.from_settings(settings, "some-other-model")
    with pytest.raises(StoreError, match="--rebuild"):
        Store.from_settings(settings, DEFAULT_EMBED_MODEL)
    assert Store.from_settings(settings, DEFAULT_EMBED_MODEL, rebuild=True).count() == 0


def test_each_add_is_a_batch_and_a_readded_file_keeps_its_own(settings, tmp_path) -> None:
    corpus = Corpus(settings.sources_dir)
    docs = {}
    for name in ("one.md", "two.md", "three.md"):
        docs[name] = tmp_path / name
        docs[name].write_text(f"# {name}\n\nA note about open models.\n", encoding="utf-8")
    corpus.add([docs["one.md"], docs["two.md"]], max_bytes=10_000)
    corpus.add([docs["three.md"], docs["one.md"]], max_bytes=10_000)
    batches = {e.file: e.batch for e in corpus.entries()}
    assert (batches["one.md"], batches["two.md"], batches["three.md"]) == (1, 1, 2)
    # the shipped essays were listed by hand: no batch
    assert batches["luttig-future-is-closed-source.txt"] is None
