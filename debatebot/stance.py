"""Stance: which side of the motion "open-source AI will win / is better" a text argues.

`open` and `closed` are the two sides; `neutral` is background, framing or boilerplate.

The method is lexical and runs in microseconds, so every chunk gets a stance at index time.
Each sentence is scored: evaluative cue words (win, ahead, cheaper, ... / lose, behind,
risk, ...) count for the side the sentence is about (the side named before the cue, else the
first side it names, else the side of the previous sentence); a negation flips the cue words
up to three words after it; a few phrases count for one side outright ("no moat", "arm our
adversaries"). The document's lean from the manifest is added as a prior. The score's sign
gives the side, and passages scoring near zero are neutral. `evals/stance_eval.py` compares
it with the lean alone, the cues alone and embedding prototypes on 79 hand-labelled
passages; the figures are in `evals/README.md`.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from .models import Side, Stance
from .text import NEGATIONS, normalize, sentence_spans, words

SIDES: tuple[Side, Side] = ("open", "closed")

STANCE_METHOD = "cues.v1"  # stored with each chunk; a new method re-scores stored chunks

_OPEN_AFTER = {"source", "sourced", "sourcing", "weight", "weights", "model", "models"}
_OPEN_NAMES = {"llama", "mistral", "pytorch", "tensorflow", "postgres", "mysql", "linux"}
_CLOSED_NAMES = {
    "proprietary",
    "openai",
    "anthropic",
    "gpt",
    "gemini",
    "claude",
    "chatgpt",
    "walled",
    "paid",
}
_POSITIVE = {
    "win", "wins", "winning", "winner", "winners", "won", "better", "best", "lead", "leads",
    "leading", "leadership", "ahead", "advantage", "advantages", "dominate", "dominates",
    "dominated", "dominance", "dominant", "outperform", "beat", "compete", "competitive",
    "catch", "caught", "lapping", "faster", "cheaper", "cheap", "efficiently", "efficient",
    "innovate", "innovation", "thriving", "valuable", "value", "safer", "secure", "trust",
    "control", "customizability", "customizable", "unmatched", "parity", "matching", "power",
    "powerful", "great", "healthy", "optimizations", "solved", "excitement", "capture",
}  # fmt: skip
_NEGATIVE = {
    "lose", "losing", "lost", "behind", "lagging", "lag", "worse", "inferior", "drain",
    "risk", "risks", "dangerous", "danger", "threat", "illusion", "futility", "futile",
    "expensive", "costly", "fail", "fails", "punishes", "forced", "backwards", "dubious",
    "decline", "weak", "weaker", "hemorrhaging", "charity", "monetize", "monetized",
    "succumbed", "burned", "adversaries", "bad", "luxury", "allergic", "overwrought",
    "unclear", "handouts", "drunken",
}  # fmt: skip
_PHRASES: dict[str, float] = {  # regex on lower-cased text -> score for open (+) / closed (-)
    r"no moat": 1.0,
    r"eating our lunch": 1.0,
    r"closed[- ]source (models? )?(providers? )?(may )?(will )?continue to dominate": -1.0,
    r"scal(e|ing) (laws|advantages?|hypothesis)": -1.0,
    r"(arm|empower)\w* (our )?(military )?adversaries": -1.0,
    r"negative roi|roi (continues to )?decline": -1.0,
    r"can compete": 1.0,
    r"fine-tun\w+": 0.5,
    r"long tail": 1.0,
    r"pricing power": -1.0,
}
LEAN_PRIOR = {"open": 1.0, "closed": -1.0}
PRIOR_WEIGHT = 3.0
NEUTRAL_BELOW = 1.5  # |score| under this is neutral
NEGATION_SCOPE = 3  # a negation flips cue words up to this many words after it


@dataclass(frozen=True)
class StanceResult:
    stance: Stance
    confidence: float  # 0.5 (a coin toss) .. 1.0
    score: float  # > 0 leans open, < 0 leans closed


def opposite(side: Side) -> Side:
    return "closed" if side == "open" else "open"


class CueStance:
    """Scores text with cue words; `classify` adds the document's lean as a prior."""

    method = STANCE_METHOD

    def __init__(self, prior_weight: float = PRIOR_WEIGHT, neutral_below: float = NEUTRAL_BELOW):
        self.prior_weight = prior_weight
        self.neutral_below = neutral_below

    def score(self, text: str) -> float:
        """Sum of the sentence scores: positive argues open, negative closed."""
        total, about = 0.0, 0.0
        for a, b in sentence_spans(text) or [(0, len(text))]:
            sentence_score, about = _sentence_score(text[a:b], about)
            total += sentence_score
        return total

    def classify(self, text: str, lean: str | None = None) -> StanceResult:
        score = self.score(text) + self.prior_weight * LEAN_PRIOR.get(lean or "", 0.0)
        stance: Stance = "neutral"
        if score >= self.neutral_below:
            stance = "open"
        elif score <= -self.neutral_below:
            stance = "closed"
        confidence = 0.5 + 0.5 * math.tanh(abs(abs(score) - self.neutral_below))
        return StanceResult(stance, round(confidence, 3), round(score, 3))


def _sentence_score(sentence: str, about: float) -> tuple[float, float]:
    """(score, side the sentence is about: +1 open, -1 closed, 0 unknown)."""
    toks = words(sentence)
    sides = [_side_at(toks, i) for i in range(len(toks))]
    mentioned = [s for s in sides if s]
    if mentioned:
        about = mentioned[0]
    score, current, negated_until = 0.0, about, -1
    for i, tok in enumerate(toks):
        if sides[i]:
            current = sides[i]
        if tok in NEGATIONS or tok.endswith("n't"):
            negated_until = i + NEGATION_SCOPE
        polarity = (tok in _POSITIVE) - (tok in _NEGATIVE)
        if polarity and current:
            score += polarity * current * (-1 if i <= negated_until else 1)
    lowered = normalize(sentence).lower()
    score += sum(w for pattern, w in _PHRASES.items() if re.search(pattern, lowered))
    return score, about


def _side_at(toks: list[str], i: int) -> float:
    tok = toks[i]
    nxt = toks[i + 1] if i + 1 < len(toks) else ""
    if tok == "open" and nxt in _OPEN_AFTER:
        return 1.0
    if tok in _OPEN_NAMES:
        return 1.0
    if tok == "closed" and nxt not in {"", "to"}:
        return -1.0
    if tok in _CLOSED_NAMES:
        return -1.0
    return 0.0
