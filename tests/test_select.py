"""Selection's parts alone: the gates, fact picks, LexRank and the central picks (toy data)."""

from __future__ import annotations

import numpy as np

from debatebot.models import Passage
from debatebot.retrieval import Unit
from debatebot.select import (
    Calibration,
    Candidate,
    TermStats,
    can_answer,
    is_claim,
    lexrank,
    pick_central,
    pick_facts,
)
from debatebot.text import has_quantity

CAL = Calibration(weights={}, bias=0.0, answer_threshold=0.5, topic_threshold=0.2, near_best=0.1)
PASSAGE = Passage(id="p", source="a.txt", label="A", paragraph=1, start=0, end=1000, text="")


def cand(start: int, relevance: float, quote: str = "x", **features: float) -> Candidate:
    f = {"names": 1.0, "answer_type": 0.0, "counted": 0.0, "dense": 0.5, **features}
    unit = Unit(f"u{start}", "a.txt", "p", start, start + 10, 0)
    return Candidate(unit, PASSAGE, quote, f, relevance)


def test_a_fact_needs_the_gates_the_threshold_and_no_overlap() -> None:
    best, near, far = cand(0, 0.9), cand(100, 0.85), cand(200, 0.6)
    overlapping = cand(5, 0.88)
    assert pick_facts([far, near, best, overlapping], CAL, 3) == [best, near]
    assert pick_facts([cand(0, 0.4)], CAL, 3) == []  # under the answer threshold
    missing_name = cand(0, 0.95, names=0.5)
    wrong_type = cand(100, 0.95, answer_type=-1.0)
    assert not can_answer(missing_name) and not can_answer(wrong_type)
    assert pick_facts([missing_name, wrong_type, near], CAL, 3) == [near]


def test_lexrank_favours_what_many_units_resemble_and_its_bias() -> None:
    vectors = np.array([[1, 0], [0.9, 0.44], [0.95, 0.31], [0, 1]], dtype=np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    flat = lexrank(vectors, np.ones(4), teleport=0.3)
    assert abs(flat.sum() - 1) < 1e-6 and flat.argmax() in (0, 1, 2) and flat.argmin() == 3
    biased = lexrank(vectors, np.array([0, 0, 0, 1.0]), teleport=0.9)
    assert biased.argmax() == 3


def test_central_picks_are_few_different_and_in_source_order() -> None:
    vectors = np.array([[1, 0], [1, 0], [0, 1], [0.7, 0.7]], dtype=np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    cands = [cand(300, 0.9), cand(0, 0.9), cand(100, 0.8), cand(200, 0.05)]
    picked = pick_central(cands, vectors, 2, True, CAL)
    assert [c.unit.start for c in picked] == sorted(c.unit.start for c in picked)
    assert len(picked) == 2 and {c.unit.start for c in picked} != {0, 300}  # not both twins
    assert all(c.relevance >= CAL.topic_threshold for c in picked)
    assert pick_central([cand(0, 0.1)], vectors[:1], 2, True, CAL) == []  # nothing on topic


def test_coverage_weighs_rare_terms_and_claims_are_marked_by_the_language() -> None:
    stats = TermStats(["open models are cheap", "open models win", "tokens cost money"])
    keys = ["open", "token"]
    assert stats.coverage(keys, "the tokens") > stats.coverage(keys, "open doors")
    assert stats.missing(keys, "open doors") == 1.0 and stats.missing(keys, "open tokens") == 0
    assert is_claim("Open models will probably win.") and not is_claim("The lab has 64 GPUs.")


def test_a_question_is_never_a_central_claim_and_a_prior_weighs_the_walk() -> None:
    vectors = np.array([[1, 0], [0.9, 0.44], [0, 1]], dtype=np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    asked = cand(0, 0.9, "Will the ferry ever pay for itself?")
    said = [cand(100, 0.8, "The ferry will pay for itself."), cand(200, 0.7, "Tolls rose.")]
    picked = pick_central([asked, *said], vectors, 3, True, CAL)
    assert asked not in picked and len(picked) == 2
    # without a topic, the prior (a location weight) decides between two equal units
    twins = [cand(0, 0.0, "The ferry pays."), cand(100, 0.0, "The bridge pays.")]
    same = np.array([[1, 0], [1, 0]], dtype=np.float32)
    assert pick_central(twins, same, 1, False, CAL, prior=np.array([1.0, 2.0])) == [twins[1]]
    assert pick_central(twins, same, 1, False, CAL, prior=np.array([2.0, 1.0])) == [twins[0]]


def test_a_number_in_a_name_is_no_amount() -> None:
    assert not has_quantity("The Falcon-9 flew again, a year later.")
    assert not has_quantity("COVID-19 closed the schools.")
    assert has_quantity("The Falcon-9 carried 13 tonnes.") and has_quantity("It cost $10 million.")
    assert has_quantity("a 13-billion-parameter model") and has_quantity("hundreds of boats")
