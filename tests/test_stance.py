"""Passage stance: the classifier, its storage as Chroma metadata, and its cache."""

from __future__ import annotations

import pytest
import yaml

from debatebot.corpus import Corpus
from debatebot.embeddings import DEFAULT_EMBED_MODEL
from debatebot.ingest import sync
from debatebot.stance import CueStance
from debatebot.store import Store

from .test_ingest import CountingEmbedder


class CountingStance(CueStance):
    """The shipped classifier, counting the texts it scores."""

    calls = 0

    def classify(self, text, lean=None):
        self.calls += 1
        return super().classify(text, lean)


@pytest.mark.parametrize(
    ("text", "side"),
    [
        ("Open-source models iterate faster and will win.", "open"),
        ("Open-source AI will become a financial drain and a risk to national security.", "closed"),
        ("Closed models will stay ahead and dominate.", "closed"),
        ("Closed-source models are expensive and lagging behind.", "open"),
        ("Open source is not dangerous.", "open"),
        ("The company was founded in San Francisco.", "neutral"),
    ],
)
def test_cues_find_the_side_of_clear_sentences(text, side) -> None:
    assert CueStance(prior_weight=0.0, neutral_below=0.5).classify(text).stance == side


def test_the_document_lean_is_a_prior_that_strong_cues_can_overrule() -> None:
    cues = CueStance()
    neutral = "The report was published in May and discussed several models."
    assert cues.classify(neutral).stance == "neutral"
    assert cues.classify(neutral, "closed").stance == "closed"
    assert cues.classify(neutral, "mixed").stance == "neutral"
    strong = (
        "Open-source models are lagging behind, inferior and a drain. "
        "They arm our military adversaries. Open-source model providers will lose."
    )
    assert cues.classify(strong, "open").stance == "closed"


def test_every_stored_chunk_has_a_stance_and_retrieval_returns_it(settings, embedder) -> None:
    store = Store.from_settings(settings, DEFAULT_EMBED_MODEL)
    sync(Corpus(settings.sources_dir), store, embedder, 1200, 1, progress=False)
    metas = store.metadata()
    assert metas and all(m["stance"] in ("open", "closed", "neutral") for m in metas.values())
    assert all(m["stance_key"].startswith("cues.v1:") for m in metas.values())
    stances = {m["stance"] for m in metas.values()}
    assert stances == {"open", "closed", "neutral"}
    by_id = {i: m["stance"] for i, m in metas.items()}
    for node in store.nodes():
        assert node.metadata["stance"] == by_id[node.node_id]


def test_stance_is_cached_and_a_changed_lean_rescores_without_reembedding(
    settings, embedder
) -> None:
    store = Store.from_settings(settings, DEFAULT_EMBED_MODEL)
    corpus = Corpus(settings.sources_dir)
    counting, stance = CountingEmbedder(inner=embedder), CountingStance()
    first = sync(corpus, store, counting, 1200, 1, progress=False, classifier=stance)
    assert stance.calls == first.stanced == first.chunks
    calls, embedded = stance.calls, counting.texts

    second = sync(corpus, store, counting, 1200, 1, progress=False, classifier=stance)
    assert (second.stanced, stance.calls, counting.texts) == (0, calls, embedded)

    # The reader changes a document's lean: only that document's chunks are re-scored.
    manifest = yaml.safe_load(corpus.manifest_path.read_text())
    entry = next(d for d in manifest["documents"] if d["label"] == "Exponential View")
    entry["lean"] = "closed"
    corpus.manifest_path.write_text(yaml.safe_dump(manifest, sort_keys=False))
    ids = store.ids_by_source()["exponential-view-open-source-future.txt"]
    third = sync(corpus, store, counting, 1200, 1, progress=False, classifier=stance)
    assert third.stanced == len(ids) and third.added == 0
    assert counting.texts == embedded  # metadata only: nothing embedded
    metas = store.metadata()
    assert all(metas[i]["stance_key"] == "cues.v1:closed" for i in ids)
    node_meta = {n.node_id: n.metadata for n in store.nodes()}
    assert all(node_meta[i]["stance_key"] == "cues.v1:closed" for i in ids)
