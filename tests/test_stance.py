"""Stance: the side of a student's claim, a sentence's side from its document's lean, and
its storage as Chroma metadata (re-scored only when the lean or the method changes)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from debatebot.corpus import Corpus
from debatebot.embeddings import DEFAULT_EMBED_MODEL
from debatebot.ingest import sync
from debatebot.motion import load_motion
from debatebot.stance import STANCE_METHOD, claim_side, sentence_stance
from debatebot.store import Store

from .test_ingest import CountingEmbedder

PHONES = Path(__file__).resolve().parents[1] / "examples" / "phones" / "sources"


@pytest.mark.parametrize(
    ("claim", "side"),
    [
        ("Open-source AI will win.", "open"),
        # a place in a race: behind or trailing is losing, ahead or leading winning
        ("Open models will always be a step behind the big labs.", "closed"),
        ("Closed models trail open ones on cost.", "open"),
        ("Open-source AI is a gift to everyone and has no downsides.", "open"),
        ("Open source will never matter, because the best models are closed.", "closed"),
        ("Closed models are dangerous and expensive.", "open"),
        ("Open-source models are not safe.", "closed"),
        ("Governments should ban open-source models.", "closed"),  # a verb of opposition
        ("OpenAI will stay ahead of everyone.", "closed"),  # an actor of the closed side
        # equalling, like surpassing, takes a side's lead away; failing to equal keeps it
        ("Volunteers will soon match Google.", "open"),
        ("Volunteers will never match Google.", "closed"),
        # "ones" standing for a side's head still names the side
        ("Small tuned models can beat giant closed ones.", "open"),
        # "over" and a participle VADER lacks: too much of it; "too" before a word: the same
        ("Closed labs are overrated.", "open"),
        ("Open weights are overhyped.", "closed"),
        ("Closed APIs are far too expensive for schools.", "open"),
        # an adjective saying how much of an opposite noun there is ("huge" is +1.3 in VADER)
        ("Restricting open models would be a huge mistake.", "open"),
        # a form VADER does not list takes its lemma's listed forms' valence ("stifled")
        ("Closed labs stifle research.", "open"),
        ("Open models are riddled with flaws.", "closed"),
        # harm done to a good thing is bad, whatever the thing's own valence
        ("Closed labs hurt innovation.", "open"),
        ("Open weights threaten freedom.", "closed"),
        # the side named after "instead of" or "rather than" is the one not chosen
        ("Universities should train their own models rather than rent Gemini.", "open"),
        ("Banks should buy a proprietary service instead of relying on Llama.", "closed"),
        # a diminisher turns the word after it: fewer bugs is good, less freedom bad
        ("Closed labs have fewer failures.", "closed"),
        ("Open weights mean less safety.", "closed"),
        ("Closed labs mean less freedom.", "open"),
        # a hosted, paid or commercial model or service is the closed side's (the motion file)
        ("Hosted assistants know your collection better than any model you run.", "closed"),
        ("Paid models write better letters.", "closed"),
        # a word of the motion's subject before the term's head: "paid AI models" are paid models
        ("Hosted AI services are a waste of money.", "open"),
        ("Paid AI models write the best essays.", "closed"),
        # a comparison of the two sides: the one named first trails or leads the other,
        # whatever praise the other's noun phrase carries ("the best")
        ("Open models are far behind the best closed models.", "closed"),
        # a side set against something else, by price or speed (no valence to VADER)
        ("Open models are slower than anything you can buy.", "closed"),
        ("Paying for a closed API will always be cheaper than running open models.", "closed"),
        ("Closed models are more expensive than open ones.", "open"),
        # to pay nothing for a thing speaks for it
        ("Open models cost nothing to run.", "open"),
        ("Closed models lag open ones on price.", "open"),
        ("Open models are now ahead of the finest closed ones.", "open"),
        # "when" opens a clause of its own: each side named is judged in its own clause
        ("Why pay for GPT-4 when open models are nearly as good?", "open"),
        # too much of a good or neutral thing is a criticism, whatever VADER makes of the rest
        ("Closed AI puts too much power in the hands of a few CEOs.", "open"),
        # a side's adjective after the motion's subject: "keep AI closed" names the side
        ("Keeping AI closed doesn't stop anyone.", "open"),
        # the passive of obligation says what must be done, as "have to" does, whatever VADER
        # makes of the verb ("forced" -2.0)
        ("Every school should be forced to use open AI models.", "open"),
        ("Councils should be forced to buy closed models.", "closed"),
    ],
)
def test_a_claim_takes_the_side_its_clauses_name_and_praise(claim, side) -> None:
    assert claim_side(claim, load_motion()) == side


def test_a_claim_naming_no_side_is_judged_by_the_sides_descriptions() -> None:
    motion = load_motion()
    closed = motion.sides["closed"].description

    def similarity(text: str, description: str) -> float:  # a stand-in for MiniLM cosine
        return 0.4 if description == closed else 0.2

    assert claim_side("Only the biggest models will matter.", motion) is None
    assert claim_side("Only the biggest models will matter.", motion, similarity) == "closed"
    assert claim_side("I like pizza.", motion, lambda t, d: 0.05) is None  # off the motion
    # the side whose description says more of the claim's words goes before the nearer one:
    # "anyone can download" is said of the open side, so a claim against it is for closed
    claim = "Letting anyone download every new model is a bad idea."
    assert claim_side(claim, motion, similarity) == "closed"
    assert (
        claim_side("Anyone should be able to download and change a model.", motion, similarity)
        == "open"
    )
    # what ought not be done is opposed, whatever VADER makes of the words of the deed
    # ("important" is no judgement of the claim's), unless a polar word is in VADER's reach
    claim = "A few companies should control the most important software."
    assert claim_side(claim, motion, similarity) == "closed"
    claim = "A few companies should not control the most important software."
    assert claim_side(claim, motion, similarity) == "open"
    assert claim_side(claim.replace("should not", "shouldn't"), motion, similarity) == "open"
    assert claim_side("You shouldn't fear a few companies' software.", motion, similarity) == (
        "closed"
    )

    # what a claim prefers is before "rather than": the rest ("download") is turned down
    def bought(text: str, description: str) -> float:
        return 0.4 if ("buy" in text) == ("sold" in description) else 0.3

    claim = "Schools should buy their tutors rather than download them."
    assert claim_side(claim, motion, bought) == "closed"


def test_the_phones_motion_reads_its_own_sides() -> None:
    motion = load_motion("motion.yaml", PHONES)
    assert motion.side_keys == ["ban", "allow"]
    assert claim_side("Schools should ban phones in class.", motion) == "ban"
    assert claim_side("Schools should allow phones in class.", motion) == "allow"
    assert claim_side("A phone ban is a terrible idea.", motion) == "allow"


def test_a_claim_about_what_the_motion_would_ban_is_for_or_against_the_ban() -> None:
    motion = load_motion("motion.yaml", PHONES)

    def similarity(text: str, description: str) -> float:  # a stand-in that favours "ban"
        return 0.4 if description == motion.sides["ban"].description else 0.2

    # the motion bans phones: ill of phones is for the ban, well of them against it, and
    # taking them away is the ban itself
    assert claim_side("Phones wreck concentration.", motion, similarity) == "ban"
    assert claim_side("A phone is a wonderful calculator.", motion, similarity) == "allow"
    assert (
        claim_side("Classes that confiscate phones have fewer quarrels.", motion, similarity)
        == "ban"
    )
    assert claim_side("Removing phones made pupils anxious.", motion, similarity) == "allow"
    # a verb of opposition after the thing is the thing's act, and judges it
    assert claim_side("Phones stop pupils from listening.", motion, similarity) == "ban"
    # "without" takes the thing away, as a verb of opposition does
    assert claim_side("Without phones, pupils chat happily.", motion, similarity) == "ban"
    assert claim_side("Without phones, pupils feel anxious.", motion, similarity) == "allow"


def test_a_sentence_takes_its_documents_lean() -> None:
    motion = load_motion()
    assert sentence_stance("closed", motion).stance == "closed"
    assert sentence_stance("mixed", motion).stance == "neutral"
    assert sentence_stance(None, motion).stance == "neutral"


def test_every_stored_chunk_has_its_documents_stance(settings, embedder) -> None:
    store = Store.from_settings(settings, DEFAULT_EMBED_MODEL)
    corpus = Corpus(settings.sources_dir)
    sync(corpus, store, embedder, 1200, 1, progress=False)
    leans = {e.file: e.lean for e in corpus.entries()}
    metas = store.metadata()
    assert metas
    for m in metas.values():
        lean = leans[m["source"]]
        assert m["stance"] == (lean if lean in ("open", "closed") else "neutral")
        assert m["stance_key"] == f"{STANCE_METHOD}:open/closed:{lean}"
    by_id = {i: m["stance"] for i, m in metas.items()}
    for node in store.nodes():
        assert node.metadata["stance"] == by_id[node.node_id]


def test_stance_is_cached_and_a_changed_lean_rescores_without_reembedding(
    settings, embedder
) -> None:
    store = Store.from_settings(settings, DEFAULT_EMBED_MODEL)
    corpus = Corpus(settings.sources_dir)
    counting = CountingEmbedder(inner=embedder)
    first = sync(corpus, store, counting, 1200, 1, progress=False)
    assert first.stanced == first.chunks
    embedded = counting.texts

    second = sync(corpus, store, counting, 1200, 1, progress=False)
    assert (second.stanced, counting.texts) == (0, embedded)

    # The reader changes a document's lean: only that document's chunks are re-scored.
    manifest = yaml.safe_load(corpus.manifest_path.read_text())
    entry = next(d for d in manifest["documents"] if d["label"] == "Exponential View")
    entry["lean"] = "closed"
    corpus.manifest_path.write_text(yaml.safe_dump(manifest, sort_keys=False))
    ids = store.ids_by_source()["exponential-view-open-source-future.txt"]
    third = sync(corpus, store, counting, 1200, 1, progress=False)
    assert third.stanced == len(ids) and third.added == 0
    assert counting.texts == embedded  # metadata only: nothing embedded
    metas = store.metadata()
    assert all(metas[i]["stance"] == "closed" for i in ids)
    node_meta = {n.node_id: n.metadata for n in store.nodes()}
    assert all(node_meta[i]["stance_key"].endswith(":closed") for i in ids)


def test_a_lean_that_is_not_a_side_of_the_motion_is_refused(settings) -> None:
    corpus = Corpus(settings.sources_dir)
    manifest = yaml.safe_load(corpus.manifest_path.read_text())
    manifest["documents"][0]["lean"] = "ban"
    corpus.manifest_path.write_text(yaml.safe_dump(manifest, sort_keys=False))
    from debatebot.errors import ConfigError

    with pytest.raises(ConfigError, match="lean 'ban'"):
        corpus.entries()
