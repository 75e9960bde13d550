"""Stance: which side of the motion a text takes. The sides come from the motion (motion.py).

Two questions, two methods, each measured by `evals/stance_eval.py` on hand-labelled
sentences that were not used to design it (figures in evals/README.md):

- **A source sentence** takes its document's lean (the manifest's `lean`; `mixed` means
  neutral). On the dev sentences, three per-sentence signals were tried beside it — MiniLM
  similarity to each side's description, a vote of the most similar sentences of other
  one-sided documents, and sentiment toward the side a sentence names — and each scored
  below the lean alone, so none is used: a sentence of a one-sided document counts for that
  side, a sentence of a mixed document for neither.
- **A document without a lean** (added with `debatebot index` and no `--lean`) is neutral.
  Estimating its lean was tried on the 11 documents (summing the claim method below over
  its sentences; the mean description similarity) and got most of them wrong, so it is not
  done: `debatebot index --lean SIDE` records what the teacher knows.
- **A student's claim** (steelman, and what a debate turn argues) is short and explicit, so
  it is read clause by clause: a clause that names a side (the motion's `terms` and
  `actors`, with a head said once put back: "open and closed-source", "closed ones") counts
  for it when its polarity is positive and against it when negative, polarity from VADER (a
  maintained sentiment lexicon with its own negation rules); a clause with no polar words
  counts against the side it names when it is negated, and a verb of opposition, surpassing
  or equalling just before the side ("ban open source", "will overtake Google", "will never
  match Google") turns the clause's polarity around. When no clause names a side, the claim
  is about the side whose description shares more of its content words ("Letting anyone
  download a frontier model …" / "whose model weights anyone can download"), or on a tie
  the nearer description (MiniLM), for it or against it by the claim's polarity, unless the
  claim is off the motion (nearer to neither description than `OFF_MOTION_BELOW`): then the
  student is asked to rephrase. On the 26 dev claims that name no side (evals/claims.yaml
  and the dev steelman claims) the nearer description alone read 17 right, shared words
  first 20: MiniLM puts nearly every claim nearer the closed side's description.
  Known weakness (evals/claims.yaml, 30 claims written on 2026-12-05 before it ran on them:
  13/30 at first, 16/30 the same day, 18/30 that evening): evaluative words VADER lacks
  ("a nightmare", "a monopoly") or reads another way ("a fad" +0.9, "a joke" +1.2), and
  claims whose polarity is not their stance ("Sharing models lets researchers find and fix
  flaws faster": "flaws") are misread. "Over" and a participle VADER lacks ("overrated",
  "overhyped") is read as too much of it (`OVER_VALENCE`), and so is "too" before a word
  VADER has no polarity for ("too expensive"). 20 more claims written that evening before it
  ran on them (`probe: 2026-12-05b`): 15/20, as at the morning's code. A word VADER does
  not list takes the valence of the forms of its lemma it does list ("stifles" / "stifled"),
  and a good thing a bad verb acts on counts for the verb ("stifles innovation").
  24 more claims written on 2026-12-05 (`probe: 2026-12-05d`) before it ran on them: 14/24.
  Three rules of English then read 17/24 (and 65 -> 66 of the 80 before): a side named
  after "instead of" or "rather than" is the one not chosen; a diminisher ("fewer fights")
  turns the word after it (`_diminish`); and a claim about what the motion opposes ("ban
  phones") is about the side that would keep it (`_opposed`). 10 steelman claims written on
  2026-12-05 (afternoon, dataset batch 10) before it ran on them: 7/10; words of place in a
  race read as VADER reads "lag" (`RANK`: "a step behind the big labs") then 8/10.
  24 more claims written on 2026-12-07 (`probe: 2026-12-07`, 16 AI, 8 phones) before it ran
  on them: 14/24. Four rules of English then read 19/24, the other 104 claims.yaml claims
  as before (83/104) and the dev steelman claims 51 -> 52/59: "when" opens a clause
  (`_CLAUSE`: "Why pay for GPT-4 when open models are nearly as good?"); too much of a good
  or neutral thing is a criticism (`_excess`: "too much power in the hands of" is +0.49 to
  VADER); "without" takes away what the motion opposes (`_TAKING`); and a side's adjective
  said after the subject names the side (`Motion.unfold`: "keep AI closed"). Tried and
  dropped: a word that is its WordNet antonym with a negative prefix ("impossible") read
  as negated — one claim gained, one lost. Still misread: phrasal removal ("taken away"),
  a negated harm ("can't be switched off"), "only until", and VADER's "like" in "treats
  students like children". On 2026-12-08 the passive of obligation ("should be forced to
  use open models") was read as "have to" (`_OBLIGED`): the own sets' steelman claims 90 ->
  91/111, the dev steelman claims and claims.yaml as before (53/59, 103/128). A clause names
  a side also with a word of the motion's subject before a term's head ("a paid AI service"
  is a "paid service": `Motion.sides_named(inner=True)`, for the claim reader only; in
  aspects and swaps it moved picks and cost two own hits): own steelman claims 95 -> 96/118
  (own41), their hits 67/118 as before, dev and claims.yaml as before.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

from . import lexicon
from .models import NEUTRAL, Side, Stance
from .motion import Motion
from .text import NEGATIONS, content_terms, cut, modal, words

STANCE_METHOD = "lean.v2"  # stored with each chunk; a new method re-scores stored chunks
POLAR = 0.05  # |VADER compound| below this is no polarity (VADER's own neutral band)
# A claim that names no side and is less similar than this (cosine, MiniLM) to both sides'
# descriptions is off the motion. The least similar dev steelman claim scores 0.121 with its
# nearer description; "Football is the best sport." scores 0.111 and "I like pizza." 0.02.
OFF_MOTION_BELOW = 0.12
_TURNING = lexicon.OPPOSE | lexicon.SURPASS  # verbs that turn a clause against the side after
# what says the thing the motion opposes is taken away: a verb of opposition, or "without",
# English's preposition of absence ("Without phones in class, kids talk": the ban's case)
_TAKING = _TURNING | {"without"}
_CLAUSE = re.compile(
    r"[,;:–—]|\b(?:because|so|but|while|although|since|whereas|yet|though|once|until|unless|when)\b",
    re.I,
)


# Words that say there is less of what follows: the comparatives of "few", "little" and
# "low", and "reduced". A closed class of English (Polanyi & Zaenen 2006 call them
# diminishers, a contextual valence shifter); none is taken from the essays.
DIMINISHERS = frozenset(["fewer", "less", "lower", "reduced"])
N_SCALAR = -0.74  # VADER's own factor for a negated word (vaderSentiment.N_SCALAR)
# "A instead of B", "A rather than B": B is the one not chosen.
_NOT_CHOSEN = re.compile(r"\b(?:instead of|rather than)\b", re.I)
NOT_CHOSEN = 0.5  # the vote against B: a clause's vote with no polar word


@dataclass(frozen=True)
class StanceResult:
    stance: Stance
    confidence: float  # 0.5 (a coin toss) .. 1.0


# A word VADER lacks that is "over" and a verb's past participle ("overrated", "overhyped",
# "overpriced") says there was too much of it: a criticism. Its valence is the median of
# VADER's own entries that start with "over" (20 words, from "overreacts" -2.2 to
# "overjoyed" 2.7): -0.7.
OVER_VALENCE = -0.7
_OVER = re.compile(r"\bover(?P<verb>[a-z]{3,}ed)\b")


# Words of place in a race, which VADER lacks though it lists "lag" (-1.4): to be ahead or
# lead is to be winning, to be behind or trail is to be losing. A closed class of English,
# none taken from the essays; each takes the size of VADER's own "lag".
RANK = {w: 1.4 for w in lexicon.AHEAD} | {w: -1.4 for w in lexicon.BEHIND}


@cache
def _vader() -> Any:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    analyzer = SentimentIntensityAnalyzer()
    for word, valence in RANK.items():
        analyzer.lexicon.setdefault(word, valence)
    return analyzer


def polarity(text: str) -> float:
    """VADER's compound polarity of a text, -1 .. 1, with "over" and a participle VADER
    lacks read as too much of it (`OVER_VALENCE`), and an adjective that only says how much
    of an opposite noun there is not counted against it: VADER scores "huge" +1.3, so "a
    huge mistake" came out neutral and "a great loss" positive. A word VADER lacks takes its
    other forms' valence (`_inflected`), and a good thing a bad verb acts on counts for the
    verb (`_acted_on`)."""
    analyzer = _vader()
    for m in _OVER.finditer(text.lower()):
        word = m.group(0)
        if word not in analyzer.lexicon and lexicon.lemma_pos(m.group("verb"))[1] == "VERB":
            analyzer.lexicon[word] = OVER_VALENCE
    tokens = text.split()
    bare = [t.lower().strip(".,;:!?\"'()") for t in tokens]
    for word in bare:
        if word not in analyzer.lexicon and (inherited := _inflected(word)) is not None:
            analyzer.lexicon[word] = inherited
    valence = [analyzer.lexicon.get(w, 0.0) for w in bare]
    _diminish(tokens, bare, valence)
    kept = [
        t
        for i, t in enumerate(tokens)
        if not (
            i + 1 < len(tokens)
            and valence[i] * valence[i + 1] < 0
            and "ADJ" in lexicon.parts_of_speech(bare[i])
            and "NOUN" in lexicon.parts_of_speech(bare[i + 1])
            and not _acted_on(i + 1, bare, valence)  # "hurt innovation": a verb, not a degree
        )
        and not _acted_on(i, bare, valence)
    ]
    return float(analyzer.polarity_scores(" ".join(t for t in kept if t))["compound"])


def _diminish(tokens: list[str], bare: list[str], valence: list[float]) -> None:
    """A diminisher before a polar word says there is less of it ("fewer fights", "less
    innovation"): the word is read with its valence turned and scaled as VADER scales a
    negated word (a new token in VADER's lexicon, "¬fights"), and the diminisher is dropped.
    VADER itself only weakens the word after "less" and does not know "fewer"."""
    analyzer = _vader()
    for i in range(len(tokens) - 1):
        if bare[i] in DIMINISHERS and valence[i + 1]:
            turned = "¬" + bare[i + 1]
            analyzer.lexicon[turned] = N_SCALAR * valence[i + 1]
            tokens[i], tokens[i + 1] = "", turned
            bare[i], bare[i + 1] = "", turned
            valence[i], valence[i + 1] = 0.0, analyzer.lexicon[turned]


def _acted_on(i: int, bare: list[str], valence: list[float]) -> bool:
    """Whether word i, a good thing, is the object of a bad verb just before it (past
    function words): harm done to something good is bad ("stifles innovation", "kills
    jobs"), whatever the thing's own valence. Not the other way round: a good verb on a bad
    thing may be good ("cures cancer") or bad ("helps criminals")."""
    j = i - 1
    while j >= 0 and i - j <= 3 and bare[j] in lexicon.nltk_stopwords():
        j -= 1
    return (
        j >= 0
        and valence[j] < 0 < valence[i]
        and "NOUN" in lexicon.parts_of_speech(bare[i])
        and lexicon.lemma_pos(bare[j])[1] == "VERB"
    )


@cache
def _inflected(word: str) -> float | None:
    """The valence VADER gives the other forms of a word it does not list: the mean over
    the listed forms of the word's lemma in the same part of speech ("stifles" takes
    "stifled"'s -1.4, "flaws" "flawed"'s -2.1), or None. VADER lists forms one by one and
    misses many. On the dev claims (evals/claims.yaml and the dev steelman claims, 107), the
    claim reader read 89 right without it and 90 with it."""
    known = _vader().lexicon
    found = [known[form] for form in lexicon.forms(word) if form != word and form in known]
    return sum(found) / len(found) if found else None


def _degree_word(word: str) -> bool:
    """Whether "too" before `word` says excess ("too expensive", "too slowly", "too much"),
    not "also" ("Open source, too, will win"): an adjective or adverb."""
    return bool(lexicon.parts_of_speech(word) & {"ADJ", "ADV"})


def _excess(ws: list[str]) -> bool:
    """Whether the words say there is too much of something good or neutral ("too much
    power", "too big"), which is a criticism whatever VADER makes of the rest ("in the
    hands of" is +2.2 to VADER): not after a negation ("not too big") and not as "too …
    to" ("too good to ignore"), which judges the act after it."""
    known = _vader().lexicon
    return any(
        ws[i] == "too"
        and _degree_word(ws[i + 1])
        and known.get(ws[i + 1], 0.0) >= 0
        and not (i and ws[i - 1] in NEGATIONS)
        and ws[i + 2 : i + 3] != ["to"]
        for i in range(len(ws) - 1)
    )


# VADER turns a polar word up to three words after a negation ("not a good idea")
VADER_NEGATION_REACH = 3


def _forbids(ws: list[str]) -> bool:
    """Whether the words say a thing ought not be done ("should not run their own", "must
    never", "shouldn't"), with no polar word in VADER's own reach of the negation: the
    claim is against the act, whatever VADER makes of the words of what is done ("Big
    tech should not control the most important technology": "important" is not the
    claim's judgement). A polar word within reach is VADER's ("shouldn't fear open
    models")."""
    known = _vader().lexicon
    for i, w in enumerate(ws):
        if lexicon.MODALITY.get(modal(w) or "") != "ought":
            continue
        if w.endswith("n't"):
            after = i + 1
        elif ws[i + 1 : i + 2] and ws[i + 1] in NEGATIONS:
            after = i + 2
        else:
            continue
        if not any(known.get(x, 0.0) for x in ws[after : after + VADER_NEGATION_REACH]):
            return True
    return False


# "be forced to", "be made to", "are required to": the passive of obligation says what must be
# done, as "have to" does; how VADER rates the verb ("forced" -2.0) is no judgement of the act
# ("Every school should be forced to use open models" is for them).
_OBLIGED = re.compile(
    r"\b(?:be|being|been|is|are|was|were|get|gets|got)\s+"
    r"(?:forced|made|required|obliged|compelled|pressured)\s+to\b",
    re.I,
)


def _leaning(text: str) -> float:
    """For (> 0) or against (< 0) what the text is about: against when it says the thing
    ought not be done (`_forbids`); else its polarity, turned against when it says there is
    too much of something (`_excess`); with no polar words, against when it is negated or
    says "too" before a word of degree ("too expensive": excess is a criticism), and for
    otherwise."""
    text = _OBLIGED.sub("have to", text)
    value = polarity(text)
    ws = words(text)
    if _forbids(ws):
        return -max(abs(value), 0.5)
    if abs(value) < POLAR:
        negated = [
            i
            for i, w in enumerate(ws)
            if (w in NEGATIONS or w.endswith("n't")) and not _price_near(ws, i)
        ]
        against = bool(negated) or any(
            a == "too" and _degree_word(b) for a, b in zip(ws, ws[1:], strict=False)
        )
        value = -0.5 if against else 0.5
    elif _excess(ws):
        value = -abs(value)
    return value


_PRICED = frozenset(["cost", "costs", "costing", "pay", "pays", "paying", "fee", "fees", "price"])
PRICE_REACH = 3  # "costs nothing", "no fees", "doesn't cost a penny", "costs the school nothing"


def _price_near(ws: list[str], i: int) -> bool:
    """Whether the negation at word i denies a price ("cost nothing", "no fees"): to pay
    nothing for a thing speaks for it, though no word of it is polar to VADER."""
    return any(w in _PRICED for w in ws[max(0, i - PRICE_REACH) : i + PRICE_REACH + 1])


def claim_votes(text: str, motion: Motion) -> float:
    """Clause votes: > 0 for the motion's first side, < 0 for the second, 0 when no clause
    names a side (or the votes cancel). A side named after "instead of" or "rather than" is
    the one not chosen: a vote against it."""
    first = motion.side_keys[0]
    total = 0.0
    for part in _CLAUSE.split(motion.unfold(text)):
        if not part or not part.strip():
            continue
        clause, *others = _NOT_CHOSEN.split(part)
        for other in others:  # "… instead of sending data to OpenAI": against OpenAI's side
            if named := motion.sides_named(other, actors=True, inner=True):
                total += -NOT_CHOSEN if named[0] == first else NOT_CHOSEN
        named = motion.sides_named(clause, actors=True, inner=True)
        if not named:
            continue
        spans = sorted(motion.side_spans(clause, subject=False, inner=True))
        # the side's own words carry no polarity ("ban" in "ban phones" names a side), and
        # the turning verbs are read as turning, not as polar words of their own
        rest = cut(clause, spans).split()
        value = _leaning(" ".join(w for w in rest if lexicon.lemma(w.lower()) not in _TURNING))
        # "Open models are far behind the best closed models", "Open models are slower than
        # anything you can buy": the side named first trails what it is set against (the
        # other side, or what follows "than"), whatever "best" says
        ws = words(clause[spans[0][1] :])
        if len(set(named)) == 2:
            ws = words(clause[spans[0][1] : spans[-1][0]])
        elif "than" in ws:
            ws = ws[: ws.index("than")]
        else:
            ws = []
        between = set(ws) | {lexicon.lemma(w) for w in ws}
        if between & lexicon.DEAR:  # "more expensive than": dearer trails
            between |= (
                {"worse"} if "more" in between else {"better"} if "less" in between else set()
            )
        if between & lexicon.LAG:
            value = -1.0
        elif between & lexicon.LEAD:
            value = 1.0
        before = [lexicon.lemma(w) for w in words(clause[: spans[0][0]])][-3:]
        if any(w in _TURNING for w in before):
            value = -value  # "ban open source", "a mistake to restrict open source"
        total += value if named[0] == first else -value
    return total


def claim_side(
    text: str, motion: Motion, similarity: Callable[[str, str], float] | None = None
) -> Side | None:
    """The side a student's claim takes, or None when it takes none that can be told.

    `similarity(text, description)` (cosine of their MiniLM vectors) decides a claim that
    names no side."""
    votes = claim_votes(text, motion)
    first, second = motion.side_keys
    if votes:
        return first if votes > 0 else second
    if similarity is None:
        return None
    # what the claim prefers, before "rather than" or "instead of" (the rest is what it
    # turns down: "buy AI helpers from big companies rather than run their own")
    preferred = _RATHER.split(text)[0]
    text = preferred if len(content_terms(preferred)) >= 2 else text
    # no side named: the side the claim's subject belongs with, and whether the claim speaks
    # for or against it (its polarity, as for a clause). The subject belongs with the side
    # whose description says more of the claim's words ("download" / "whose model weights
    # anyone can download"), and on a tie with the nearer description (MiniLM)
    sims = {s: similarity(text, info.description) for s, info in motion.sides.items()}
    if max(sims.values()) < OFF_MOTION_BELOW:
        return None
    terms = set(content_terms(text))
    shared = {
        s: len(terms & set(content_terms(info.description))) for s, info in motion.sides.items()
    }
    if shared[first] != shared[second]:
        about = first if shared[first] > shared[second] else second
    else:
        about = first if sims[first] >= sims[second] else second
    if opposed := _opposed(motion):  # "Social media on phones is ruining …": about phones
        thing, opposer = opposed
        lemmas = _lemmas(text)
        if thing in lemmas:
            i = lemmas.index(thing)
            turned = bool(_TAKING & set(lemmas[max(0, i - 3) : i]))  # "removed phones"
            about = opposer if turned else motion.opposite(opposer)
            # as in a clause that names a side, a word of opposition before the thing names
            # the opposer's act ("a ban", "removing phones", "without phones"), not how the
            # claim judges it; after it, the thing acts ("phones stop pupils …")
            raw = text.split()
            at = next((i for i, w in enumerate(raw) if thing in _lemmas(w)), len(raw))
            text = " ".join(
                w for i, w in enumerate(raw) if i > at or lexicon.lemma(w.lower()) not in _TAKING
            )
    return about if _leaning(text) > 0 else motion.opposite(about)


_RATHER = re.compile(r"\b(?:rather than|instead of)\b", re.I)


def _lemmas(text: str) -> list[str]:
    """The lemmas of a text's words, in order."""
    return [lexicon.lemma(w) for w in words(text)]


def _opposed(motion: Motion) -> tuple[str, Side] | None:
    """What the motion opposes, and the side that opposes it: the word after a verb of
    opposition in the motion ("Schools should ban phones in class": "phone"), and the side
    whose terms use such a verb ("ban phones"). A claim about that thing, naming no side,
    is for the other side when it speaks well of it and for the opposer when it speaks ill
    of it, or well of taking it away ("Schools that removed phones saw fewer fights"). None
    for a motion with no verb of opposition ("Open-source AI will win")."""
    ws = words(motion.motion)
    thing = next(
        (ws[i + 1] for i, w in enumerate(ws[:-1]) if lexicon.lemma(w) in lexicon.OPPOSE), None
    )
    if thing is None:
        return None
    for side, info in motion.sides.items():
        if any(lexicon.lemma(w) in lexicon.OPPOSE for term in info.terms for w in term.split()):
            return lexicon.lemma(thing), side
    return None


def sentence_stance(lean: str | None, motion: Motion) -> StanceResult:
    """A source sentence's (or chunk's) stance: its document's lean, a side or neutral."""
    if lean in motion.sides:
        return StanceResult(lean, 0.9)
    return StanceResult(NEUTRAL, 0.5)
