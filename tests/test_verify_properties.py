"""Property tests of the verifier: every perturbation of a supported claim is rejected.

Supported pairs are drawn from the bundled essays — each quotable unit, and each clause of it
(split at commas and semicolons, at least four words), is a claim its unit supports — and
from the faithful paraphrases of the dev split of `evals/pairs.yaml` that the verifier
accepts. A perturbation swaps a number, adds or removes a negation, swaps a word for its
antonym, swaps a name for another name of the corpus, or changes (or adds) a modal verb of
another kind (will / may / ought); the verifier, both halves, must then refuse the pair. The
antonym pairs below are test data: no product code reads them.
"""

from __future__ import annotations

import re
from functools import cache

import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from debatebot.chunking import chunk_document
from debatebot.corpus import Corpus
from debatebot.embeddings import minilm_embedder, similarity
from debatebot.settings import REPO_ROOT, Settings
from debatebot.text import display, names, numbers
from debatebot.units import quotable_units
from debatebot.verify import MODALITY, check
from debatebot.wordnet import wordnet

ANTONYMS = {
    "win": "lose", "wins": "loses", "won": "lost", "more": "less", "most": "least",
    "better": "worse", "best": "worst", "cheaper": "costlier", "cheap": "expensive",
    "increase": "decrease", "increasing": "decreasing", "higher": "lower", "ahead": "behind",
    "larger": "smaller", "faster": "slower", "open": "closed", "closed": "open", "safer": "riskier",
    "buy": "sell", "bought": "sold", "rise": "fall", "gain": "lose", "always": "never",
    "easy": "hard", "strong": "weak", "good": "bad", "large": "small", "many": "few",
    "free": "paid", "allow": "forbid", "include": "exclude", "succeed": "fail", "early": "late",
}  # fmt: skip
MODALS = ["will", "would", "can", "could", "may", "might", "must", "should"]


@cache
def near():
    return similarity(minilm_embedder())


def accepted(claim: str, quote: str) -> bool:
    """Whether the verifier, both halves, shows the claim on this quote."""
    return check(claim, quote, 1.0, near()) is None


AUXILIARY = re.compile(r"\b(is|are|was|were|has|have|had|will|can|could|would|should|does|do)\b")


@cache
def pairs() -> list[tuple[str, str]]:
    """(claim, quote) pairs the checker supports, from the bundled essays."""
    out = []
    for doc in Corpus(Settings().sources_dir).documents():
        for chunk in chunk_document(doc):
            for a, b in quotable_units(doc.text, chunk.start, chunk.end):
                quote = doc.text[a:b]
                shown = display(quote)  # a claim is plain text, as a model writes it
                clauses = [c.strip() for c in re.split(r"[,;]", shown)]
                for claim in [shown, *clauses]:
                    if len(claim.split()) >= 4 and check(claim, quote, 1.0) is None:
                        out.append((claim, quote))
    dev = yaml.safe_load((REPO_ROOT / "evals" / "pairs.yaml").read_text(encoding="utf-8"))
    for p in dev["pairs"]:
        if p["split"] == "dev" and p["label"] == "supported" and accepted(p["claim"], p["quote"]):
            out.append((p["claim"], p["quote"]))
    return out


@cache
def corpus_names() -> list[str]:
    found: set[str] = set()
    for doc in Corpus(Settings().sources_dir).documents():
        found |= {m.group() for m in re.finditer(r"(?<=[a-z,] )[A-Z][a-z]{3,}", doc.text)}
    return sorted(found)


PAIR = st.integers(min_value=0, max_value=10_000).map(lambda i: pairs()[i % len(pairs())])
SETTINGS = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.filter_too_much]
)


def test_there_are_many_supported_pairs() -> None:
    assert len(pairs()) > 300


@SETTINGS
@given(PAIR, st.integers(min_value=0, max_value=999_999))
def test_a_changed_number_is_rejected(pair: tuple[str, str], new: int) -> None:
    claim, quote = pair
    found = re.search(r"\d+(?:[.,]\d+)*", claim)
    assume(found is not None)
    assert found is not None
    changed = claim[: found.start()] + str(new) + claim[found.end() :]
    assume(numbers(changed) - numbers(quote))  # a number the quote doesn't state
    assert not accepted(changed, quote)


@SETTINGS
@given(PAIR)
def test_an_added_or_removed_negation_is_rejected(pair: tuple[str, str]) -> None:
    claim, quote = pair
    if re.search(r"\b(not|never|no)\b|n[’']t\b", claim):
        changed = re.sub(r"\s*\b(not|never|no)\b|n[’']t\b", "", claim, count=1)
    elif AUXILIARY.search(claim):
        changed = AUXILIARY.sub(lambda m: m.group() + " not", claim, count=1)
    else:
        changed = "It is not true that " + claim
    assert not accepted(changed, quote)


@SETTINGS
@given(PAIR)
def test_an_antonym_is_rejected(pair: tuple[str, str]) -> None:
    claim, quote = pair
    words = re.findall(r"\b\w+\b", claim)
    swaps = [w for w in words if w.lower() in ANTONYMS]
    assume(swaps)
    word = swaps[0]
    changed = re.sub(rf"\b{word}\b", ANTONYMS[word.lower()], claim, count=1)
    assume(changed != claim)
    assert not accepted(changed, quote)


@SETTINGS
@given(PAIR, st.sampled_from(range(1000)))
def test_a_swapped_name_is_rejected(pair: tuple[str, str], pick: int) -> None:
    claim, quote = pair
    present = names(claim)
    assume(present)
    stated = names(quote) | set(re.findall(r"\w+", quote.lower()))
    # another name, not a form of one the quote states ("Metas", as the essays write "Meta's";
    # "America" for "American"): one is not the other with letters added at its end, nor
    # WordNet's one name for it ("America" for "US")
    net = wordnet()
    others = [
        n
        for n in corpus_names()
        if not any(n.lower().startswith(w) or w.startswith(n.lower()) for w in stated if len(w) > 2)
        and not any(net.one_name(n.lower(), w) for w in stated)
    ]
    name = next(n for n in re.findall(r"\b[A-Z][a-zA-Z]+\b", claim) if n.lower() in present)
    changed = re.sub(rf"\b{name}\b", others[pick % len(others)], claim, count=1)
    assert not accepted(changed, quote)


@SETTINGS
@given(PAIR, st.sampled_from(MODALS))
def test_a_changed_or_added_modal_is_rejected(pair: tuple[str, str], modal: str) -> None:
    claim, quote = pair
    found = re.search(r"\b(" + "|".join(MODALS) + r")\b", claim)
    assume(all(MODALITY[modal] != MODALITY[m] for m in re.findall(r"\w+", quote) if m in MODALITY))
    if found:
        assume(MODALITY[found.group()] != MODALITY[modal])
        changed = claim[: found.start()] + modal + claim[found.end() :]
    else:
        verb = re.search(r"\b(is|are|has|have)\b", claim)
        assume(verb is not None and not re.search(rf"\b{modal}\b", quote))
        assert verb is not None
        changed = claim[: verb.start()] + f"{modal} be" + claim[verb.end() :]
    assert not accepted(changed, quote)
