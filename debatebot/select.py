"""Select: score every candidate unit for a Query and keep what the answer will be built from.

One loop serves every kind. Each quotable unit gets a relevance — the probability, from a
logistic model, that it states what was asked — from measured features:
  coverage  idf-weighted share of the query's topic terms (lemmatised) the unit contains,
            or says in a word alike in meaning (likeness.py: "usually" / "typically");
  dense     cosine similarity of the unit's MiniLM vector to the question's;
  answer_type  +1 when the kind of answer asked for is there (an amount for "how many", a
            time for "when", a name the question lacks for "who"), within a clause's reach
            of a word of what is asked (`ANSWER_WINDOW`: "Who leads …?" by a name near
            "leads"), -1 when it isn't, else 0;
            -1 too when "what did X say" finds no report of what X said;
  counted   +1 when the thing a "how many X" question counts (X), or a kind of X, is what an
            amount of the unit counts ("64 GPUs"), -1 if not;
  names     the share of the names in the question (capitalised words) the unit contains;
  missing   the idf of the rarest topic term the unit lacks, over the rarest term's idf;
  context   coverage by the unit's whole passage (an answer leaves its topic to its paragraph).
The weights and the answer threshold are fitted on the dev split (`evals/calibrate.py`,
written to `data/relevance.yaml` with the figures that justified them).

- fact, definition: the best units; refused when the best is under the threshold.
- view, overview: the 3-5 most central units of the document(s) or side on the topic:
  query-biased LexRank over the units' vectors (Erkan & Radev 2004; Otterbacher et al.
  2005), then maximal marginal relevance (Carbonell & Goldstein 1998) so that no two say the
  same thing; shown in source order. A question is never one of them (it claims nothing).
  On no narrower topic, the walk is biased towards what argues the case asked about (the
  side's description in the motion file, or the motion itself) and, by Edmundson's (1969)
  location weight, towards a document's opening and closing, where essays state a thesis.
- comparison (and an overview of the whole debate): the same, per group (document or side),
  each group kept apart under its label.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Sequence, Set
from dataclasses import dataclass, field
from functools import cache
from itertools import pairwise
from pathlib import Path
from typing import Any

import numpy as np
import yaml

from . import durations, lexicon
from .likeness import WordVectors
from .models import Passage
from .query import PART, PREPOSITIONS, WHAT_COST, Query, bare, which_asked
from .retrieval import Unit
from .text import (
    CRITICAL_STEMS,
    MAGNITUDES,
    NUMBER_WORDS,
    STOPWORDS,
    content_terms,
    content_words,
    cut,
    display,
    has_quantity,
    has_time,
    modals,
    names,
    stem,
    words,
    years,
)
from .units import QUESTION_TURN

CALIBRATION = Path(__file__).resolve().parent / "data" / "relevance.yaml"
FEATURES = ("coverage", "context", "dense", "answer_type", "counted", "names", "missing")


class TermStats:
    """Document frequencies of terms over the chunks: idf weights for coverage."""

    def __init__(self, texts: Iterable[str]):
        df: dict[str, int] = {}
        n = 0
        for text in texts:
            n += 1
            for term in set(content_terms(text)):
                df[term] = df.get(term, 0) + 1
        self.n = n
        self.df = df

    def idf(self, term: str) -> float:
        d = self.df.get(term, 0)
        return math.log(1 + (self.n - d + 0.5) / (d + 0.5))

    def coverage(self, keys: Sequence[str], text: str, alike: Set[str] = frozenset()) -> float:
        """Idf-weighted share of the key terms that `text` contains, or says in a word alike
        (`alike`: likeness.py) (0 with no keys)."""
        if not keys:
            return 0.0
        have = set(content_terms(text)) | alike
        total = sum(self.idf(t) for t in set(keys))
        return sum(self.idf(t) for t in set(keys) if t in have) / total

    def missing(self, keys: Sequence[str], text: str, alike: Set[str] = frozenset()) -> float:
        """The idf of the rarest key term `text` lacks (in its words and in words alike),
        over the rarest one's (0..1)."""
        if not keys:
            return 0.0
        have = set(content_terms(text)) | alike
        rarest = max(self.idf(t) for t in keys)
        return max((self.idf(t) for t in keys if t not in have), default=0.0) / rarest


@dataclass(frozen=True)
class Calibration:
    """The relevance model and its thresholds (see data/relevance.yaml)."""

    weights: dict[str, float]
    bias: float
    answer_threshold: float  # fact, definition: refuse below it
    topic_threshold: float  # view, overview, comparison: a unit must reach it on a topic
    near_best: float  # fact answers take units within this of the best one

    def probability(self, features: dict[str, float]) -> float:
        z = self.bias + sum(self.weights[k] * features[k] for k in FEATURES)
        return 1.0 / (1.0 + math.exp(-z))


@cache
def load_calibration(path: Path = CALIBRATION) -> Calibration:
    raw: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return Calibration(
        weights={k: float(raw["weights"].get(k, 0.0)) for k in FEATURES},  # unfitted: 0
        bias=float(raw["bias"]),
        answer_threshold=float(raw["answer_threshold"]),
        topic_threshold=float(raw["topic_threshold"]),
        near_best=float(raw["near_best"]),
    )


@dataclass
class Candidate:
    """A unit considered for an answer, with its features and relevance."""

    unit: Unit
    passage: Passage
    quote: str
    features: dict[str, float]
    relevance: float
    group: str | None = None


@dataclass
class Selection:
    """What an answer will be built from: `picked`, in the order they will be shown."""

    query: Query
    picked: list[Candidate]
    candidates: list[Candidate] = field(default_factory=list)
    refused: bool = False
    searched: str = ""  # what was searched, said in a refusal
    note: str = ""  # said before the claims (a named document with nothing on the topic)

    @property
    def nearest(self) -> list[Candidate]:
        """The closest candidates, for "closest, but not an answer" in a refusal."""
        return sorted(self.candidates, key=lambda c: -c.relevance)[:2]

    @property
    def passages(self) -> list[Passage]:
        """The passages the picked units lie in, each once."""
        seen: dict[str, Passage] = {}
        for c in self.picked:
            seen.setdefault(c.passage.id, c.passage)
        return list(seen.values())


def features_of(
    query: Query,
    quote: str,
    context: str,
    dense: float,
    stats: TermStats,
    keys: Sequence[str],
    asked_names: set[str],
    alike: Callable[[str], Set[str]] | None = None,
    said_names: Set[str] = frozenset(),
    carried: Set[str] = frozenset(),
    voiced: Set[str] = frozenset(),
    headed: Set[str] = frozenset(),
) -> dict[str, float]:
    """The relevance features of one unit (see the module docstring); `alike(text)` gives
    the key terms a text says in words alike (likeness.py); `said_names` are all the names
    the question says, required or not (a "who" question is not answered by one of them);
    `carried` the names the unit says without saying them (its document's title's "Harrow",
    its speaker's in a transcript), `voiced` those it says in words of its own (its
    speaker's; a body's it refers back to: "the authority"), `headed` the key terms its
    section's heading says."""
    present = {_fold(stem(w)) for w in words(quote)}
    # the speaker asked about says each word of their turn, and "the authority" says "Coastal
    # Regional Authority": their names count as said there. (A document's own name does
    # not: as when a document is named by its author, it names where to look, not what about.)
    implied = {k for k in keys if _fold(k) in voiced and _fold(k) in asked_names}
    in_quote = (alike(quote) if alike else frozenset()) | implied | headed
    in_context = (alike(context) if alike else frozenset()) | implied
    typed = 0.0
    if query.wants in ("number", "time"):
        figures = unlabelled(quote)  # "pupils in years 10 to 13": no amount, no length
        stated = states_amount(query, figures) if query.wants == "number" else has_time(figures)
        # an amount or time of what is asked: near a noun of the topic that is no name
        known = frozenset(said_names | asked_names)
        topic = _measured(query.topic, known, query.asks_length) if stated else None
        payer = _PAYER.match(bare(query.question))
        if topic:
            ws = words(figures)
            about = saying(topic, alike)
            # or a sum said as paid by whoever the question says pays it ("How much does the
            # authority expect to spend …?" / "The authority expects to spend 2.1 million …");
            # its head: "the authority's app" is an app
            head = words(payer["who"])[-1:] if payer else []
            priced = bool(head) and stem(head[0]) in {stem(w) for w in ws} | implied

            def measures(w: str) -> bool:
                return about(w) or (priced and lexicon.lemma(w) in _PRICE_VERBS)

            # "How much does The Open Shelf cost?" of the review that names it: only the
            # price is asked of the thing named, and a sum of money is a price
            price = bool(topic) and topic <= _PRICE_STEMS and bool(_CURRENCY.search(figures))
            stated = price or said_near(ws, lambda i: _answers(query, ws[i]), measures)
            if price:  # and says the word "cost" asked
                in_quote |= {k for k in keys if k in _PRICE_STEMS}
            if stated and payer and payer["verb"].lower() == "cost":
                # "How much would the part-time technician cost?" asks the technician's price
                # (its subject's head, before any preposition: "tablets for the tutor"; a noun
                # of the topic): said of it in the unit or the passage around it ("For 900
                # students that is £64,800"), not of something else ("Upgrading the machines
                # would cost £2,400")
                subject = re.split(rf"\s+(?:{PREPOSITIONS})\s+", payer["who"])[0]
                priced_thing = [stem(w) for w in words(subject) if w not in STOPWORDS][-1:]
                said_of = saying(frozenset(priced_thing), alike)
                if priced_thing and priced_thing[0] in topic:
                    stated = any(said_of(w) for w in [*ws, *words(context)])
        typed = 1.0 if stated else -1.0
        if stated and query.wants == "number" and not _same_rate(query.question, quote):
            typed = -1.0  # "each year" asked, "£6 … per month" said: not the amount asked
        if stated and not _same_years(query.question, quote):
            typed = -1.0  # "in 2024" asked, "In 2025, … up from … in 2023" said
    elif query.wants == "name":
        # a name the question says, even one it does not require ("Mistral AI"), is no answer
        found = {_fold(stem(n)) for n in names(quote)} - said_names - asked_names - {stem("i")}
        ws = words(quote)
        deed = doing(query.deed, alike) if query.deed else None
        if deed and found:  # "Who leads …?": a name near "leads"
            found = found if said_near(ws, lambda i: _fold(stem(ws[i])) in found, deed) else set()
        typed = 1.0 if found else -1.0
        if not found and deed and said_near(ws, lambda i: ws[i] in ("i", "we"), deed):
            typed = 0.0  # "We wrote the test prompts ourselves": the writer did it
    elif query.wants == "place":  # "Where is X based?": a place the question does not say
        from .wordnet import wordnet  # loaded on the first "where is" question

        found = names(quote) - names(query.focus)
        typed = 1.0 if any(wordnet().mostly_a_place(w) for w in found) else -1.0
    elif query.speaker:
        # needed, not telling: a unit that reports the person on something else is common
        own = _fold(stem(query.speaker)) in carried  # the speaker's own turn
        typed = 0.0 if own or reports(quote, query.speaker) else -1.0
        # "What does Ogunbiyi argue?" (of nothing else): "An essay arguing that …" of hers
        reported = (
            _verbs_of_saying(query.focus)
            if set(keys) <= {stem(w) for w in _speaker_name(query.focus, query.speaker)}
            else frozenset()
        )
        if typed == 0 and reported & {lexicon.lemma(w) for w in words(quote)}:
            typed = 1.0
    elif query.deed:  # "Which company makes …?": the unit says the making
        deed = doing(query.deed, alike)
        typed = 0.0 if any(deed(w) for w in words(quote)) else -1.0
    elif query.kind == "definition" and only_asked(quote, keys):
        typed = -1.0  # "you will need to understand what 'quantised' means" defines nothing
    if typed == 0 and _WHY.match(bare(query.question)) and _REASON.search(quote):
        typed = 1.0  # "Why did …?": a unit that gives a reason ("because", "the answer is")
    # "Which open model …?" (not "What feedback loop …?", which a description answers)
    which = query.kind == "fact" and re.match(r"\W*which\b", bare(query.question), re.I)
    thing = which_asked(query.question) if which else None
    if query.doer and unidentified(query.doer, quote, said_names | asked_names):
        typed = -1.0  # "Which provider …?" is not answered by "one provider …"
    elif thing and unidentified(
        thing[0], quote, said_names | asked_names, set(words(query.question))
    ):
        typed = -1.0  # nor "Which open model …?" by "an open language model"
    elif query.doer and not identifies(query, quote, said_names | asked_names, alike):
        typed = -1.0  # "Which company makes …?" is answered by a name, or "we made it"
    if any(n.upper() in query.question for n in asked_names):  # "the CIO": its words' initials
        present |= {_fold(stem(a)) for a in initialisms(quote)}
    named = (
        sum(n in present or n in carried for n in asked_names) / len(asked_names)
        if asked_names
        else 1.0
    )
    counted = 0.0
    if query.counted:
        # a kind of what is counted is looked for (in WordNet, loaded on first use) only in a
        # unit that passes the other gates: elsewhere it could not make the unit an answer
        kinds = named >= 1.0 and typed >= 0
        # "how many students": a sum of money counts pounds, never the students near it
        seen = unlabelled(quote)
        seen = _CURRENCY.sub(" ", seen) if _HOW_MANY.match(bare(query.question)) else seen
        counted = 1.0 if counts(query.counted, seen, kinds, keys) else -1.0
    return {
        "coverage": stats.coverage(keys, quote, in_quote),
        "context": stats.coverage(keys, context, in_context),
        "dense": float(dense),
        "answer_type": typed,
        "counted": counted,
        "names": named,
        "missing": stats.missing(keys, quote, in_quote),
    }


# a length of time said without an amount ("for decades", "since 2019")
_LENGTHS = frozenset(
    ["since", "until", "seconds", "minutes", "hours", "days", "weeks", "fortnights", "months"]
    + ["years"]
    + ["decades", "overnight"]
)
# "4x a year", "$20 per month": a rate, whose unit of time is no length of time
_RATE = re.compile(
    r"(?<=\d|x|%)\s+(?:a|an|per|each|every)\s+(?:day|week|month|year|decade)\b"
    r"|\b(?:times|percent)\s+(?:a|an|per|each|every)\s+(?:day|week|month|year|decade)\b",
    re.I,
)


# Words between what answers a question and a word of the question that says what it is
# about: the name that answers "Who leads …?" and "leads" (in any form, or a word alike),
# the amount or time that answers "How much …?" or "When …?" and a word of its topic that
# is no name. The dev and own4/ answers: names at most 2 words off ("OpenAI, (which kicked
# off …"), amounts at most 4 ("typically matching performance within 6 months" for "How long
# do open source models usually take to catch up?"); the dev near misses 25 words off
# ("(Meta)" … "spend" for "Who funds the Stanford Review?") or with no word of the topic at
# all ("How long did it take to train GPT-4?" / "… on par with GPT-4, a year later."). About
# a clause.
ANSWER_WINDOW = 10


def doing(deed: str, alike: Callable[[str], Set[str]] | None) -> Callable[[str], bool]:
    """Whether a word says the deed a "who" question asks about: in any form, a word alike
    (likeness.py) or one WordNet lets stand for it ("held" for "controls"), not a function
    word ("has" for "leads"); any verb of saying or thinking for one ("admits" for "says",
    "believes" for "thinks": `WordNet.mostly_reports`)."""
    from .wordnet import wordnet  # loaded on the first "who" question

    net = wordnet()
    base = lexicon.lemma(deed)
    own = saying({stem(deed), stem(base)}, alike)
    reporting = net.mostly_reports(base)

    def does(word: str) -> bool:
        if own(word):
            return True
        if word in lexicon.nltk_stopwords() or word[0].isdigit():
            return False
        other = lexicon.lemma(word)
        return net.same(other, base) or (reporting and net.mostly_reports(other))

    return does


def said_near(
    ws: Sequence[str], answer: Callable[[int], bool], about: Callable[[str], bool]
) -> bool:
    """Whether a word that answers (`answer(i)` of its position) stands within ANSWER_WINDOW
    words of one that says what the question is about (`about(word)`)."""
    near = {  # only the words in reach of an answer are read (`about` may ask WordNet)
        j
        for i in range(len(ws))
        if answer(i)
        for j in range(max(0, i - ANSWER_WINDOW), min(len(ws), i + ANSWER_WINDOW + 1))
    }
    return any(about(ws[j]) for j in sorted(near))


def saying(stems: Set[str], alike: Callable[[str], Set[str]] | None) -> Callable[[str], bool]:
    """Whether a word says one of the question's words (`stems`): in any form, or alike
    (likeness.py, through `alike`)."""

    def says(word: str) -> bool:
        if stem(word) in stems or stem(lexicon.lemma(word)) in stems:
            return True
        period = lexicon.PERIODIC.get(word)
        if period and stem(period) in stems:  # "annual" says "year"
            return True
        return alike is not None and bool(alike(word) & stems)

    return says


@cache
def _measured(topic: str, names_asked: frozenset[str], verbs: bool = False) -> frozenset[str]:
    """The stems of the topic's nouns that are no name: what an amount asked for measures.
    Verbs are said in other words ("relies on" / "uses"), and a comparison word says how it
    is measured ("how far ahead" / "half a decade behind"). With `verbs`, its verbs too: how
    long something took is said by its own verb ("spent six weeks", "took three months")."""
    nouns = {
        stem(w)
        for w in content_words(topic)
        if not w[0].isdigit() and (verbs or lexicon.maybe_noun(w))
    }
    return frozenset(nouns - {stem(n) for n in names_asked} - CRITICAL_STEMS)


def _answers(query: Query, word: str) -> bool:
    """Whether a word may be (part of) what a number or time question asks for: a number or
    a magnitude ("hundreds"); for "how long", "how far" and "when", a word of time too
    ("decades", "since", "ago")."""
    # a year the question itself says is not the amount it asks ("How many … in 2023?")
    amount = (word[0].isdigit() and word not in years(query.question)) or word in MAGNITUDES
    # "By how much …?": a part may be the size of the change ("by about half")
    amount = amount or (
        word in lexicon.QUANTITY_WORDS and bool(_BY_HOW_MUCH.search(query.question))
    )
    # "What share of …?": a fraction is the part asked for ("a third of schools")
    amount = amount or (word in _FRACTIONS and bool(_ASKS_PART.search(bare(query.question))))
    timely = query.wants == "time" or query.asks_span or query.asks_length
    return amount or (timely and (word in _LENGTHS or has_time(word)))


# English fractions, as `_PART_SAID` reads them: a closed class
_FRACTIONS = frozenset(
    ["half", "halves", "third", "thirds", "quarter", "quarters", "fifth", "fifths", "sixth"]
    + ["sixths", "seventh", "sevenths", "eighth", "eighths", "ninth", "ninths", "tenth", "tenths"]
)


# A numeral after a noun names one of a series ("year 10", "years 10 to 13", "chapter 3",
# "week 2"): English counts with a numeral before its noun ("10 years"). The nouns of
# series that schools, books and plans number: a closed class of English.
_SERIES = (
    "years?|grades?|forms?|stages?|levels?|chapters?|sections?|pages?|parts?|units?|lessons?|"
    "weeks?|days?|terms?|rooms?|questions?|articles?|figures?|tables?|phases?|steps?|versions?"
)
_LABELLED = re.compile(
    rf"\b(?:{_SERIES})[ \t]+\d{{1,3}}(?:[ \t]*(?:to|and|or|-|–)[ \t]*\d{{1,3}})?\b(?![.,]?\d)",
    re.I,
)


# A clause's number, as policies and contracts open each clause: "3.1 Pupils may use …"
_CLAUSE = re.compile(r"^[ \t]*\d{1,2}(?:\.\d{1,2})+(?=[ \t]+[A-Z])", re.M)


def unlabelled(quote: str) -> str:
    """A unit with its labels blanked, of a series ("pupils in years 10 to 13" -> "pupils
    in ") or of a clause ("3.1 Pupils may …"): they name a year group, a chapter or a
    clause; they count or measure nothing."""
    blank = lambda m: " " * len(m.group())  # noqa: E731 - the same offsets
    return _CLAUSE.sub(blank, _LABELLED.sub(blank, quote))


def _same_years(question: str, quote: str) -> bool:
    """Whether a unit that dates what it states dates it in the years asked: a figure "in
    2025" does not answer "in 2024?"; a unit that names no year may."""
    asked, said = years(question), years(quote)
    return not asked or not said or asked <= said


def states_amount(query: Query, quote: str) -> bool:
    """Whether a unit states the kind of amount a number question asks for:
    - "how long": a length of time ("within 6 months", "for decades", "since 2019"), not any
      number, not a point in time ("recently"), and not the unit of a rate ("~4x a year");
    - "how far", "how fast", "how often": an amount or a time ("decades behind");
    - "how much", "how many", "what share": an amount that is not only a span of time ("the
      last two months" is no sum of money), unless what is counted is time itself."""
    if query.asks_length:
        quote = _RATE.sub(" ", quote)
        return bool(durations.spans(quote)) or any(w in _LENGTHS for w in words(quote))
    if query.asks_span:  # "within hours" says how quickly
        return has_quantity(quote) or has_time(quote) or any(w in _LENGTHS for w in words(quote))
    counted = lexicon.lemma(query.counted.lower()) if query.counted else ""
    if counted in durations.UNITS or counted == "time":  # "How much time …?": time itself
        return has_quantity(quote)
    if counted and counted in measured_by_genitive(quote):  # "three weeks' notice"
        return True
    if _PRICE.search(bare(query.question)) and not has_money(quote):
        return False  # "how much does it cost": a sum of money, not "8 GB"
    if _ASKS_PART.search(bare(query.question)):
        return has_part(quote)  # "what share of …": a part of a whole, not "ten criteria"
    if _BY_HOW_MUCH.search(query.question) and has_part(quote):
        return True  # "By how much …?": a change's size may be a part ("by about half")
    return has_quantity(cut(quote, [(s.start, s.end) for s in durations.spans(quote)]))


# "How much does/did … cost (pay, spend, charge, earn)?": a price, asked as a sum of money;
# not "how much more …" (a ratio answers: "20x as much") nor "how much of …" (a part).
_PRICE = re.compile(
    r"^\W*how much\s+(?!more\b|less\b|of\b|cheaper\b)(?:[\w'’-]+\s+)*?"
    r"(?:cost|costs|costing|pay|paid|pays|paying|spend|spent|spends|charge|charged|charges|"
    rf"earn|earned|earns)\b|{WHAT_COST}",
    re.I,
)
# "What percentage (share, fraction, proportion) of …": a part of a whole is asked
_ASKS_PART = re.compile(rf"^\W*what\s+(?:{PART})\b", re.I)
_BY_HOW_MUCH = re.compile(r"\bby how (?:much|far)\b", re.I)
_NUMBER = r"\d[\d,.]*|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
# a part of a whole as English says it: "95%", "40 percent", "half", "two thirds", "61 of the
# 140", "one in five", "3 out of 4"
_PART_SAID = re.compile(
    r"\d\s*%|\b(?:percent|per\s+cent|half)\b"
    rf"|\b(?:a|an|{_NUMBER})[\s-]+(?:{'|'.join(sorted(_FRACTIONS - {'half', 'halves'}))}"
    r"|hundredths?)\b"
    rf"|\b(?:{_NUMBER})\s+(?:in|of|out\s+of)\s+(?:the\s+|every\s+)?(?:{_NUMBER})\b",
    re.I,
)


_WHY = re.compile(r"\W*why\b", re.I)
# How English gives a reason: a causal connective or a noun that announces one (a closed class)
_REASON = re.compile(
    r"\b(?:because|due to|owing to|thanks to|reasons?|so that|in order to|given that"
    r"|the (?:short |long |simple )?answer (?:is|was))\b",
    re.I,
)
# English determiners that speak of a thing without saying which: "one provider", "every
# technology", "some labs", and the demonstratives that point back to a sentence not quoted
# ("those companies") (a closed class; not "that", also a conjunction)
_WHICH_REACH = 3  # the determiner before the noun and up to two words that qualify it
_UNSAID_WHICH = frozenset(
    ["a", "an", "one", "some", "another", "certain", "several", "many", "every", "each", "any"]
    + ["all", "most", "no", "1"]  # words() reads "one" as "1"
    + ["this", "these", "those", "such"]
)


def unidentified(doer: str, quote: str, known: Set[str], asked: Set[str] = frozenset()) -> bool:
    """Whether a unit speaks of the doer asked about ("Which provider …?") only without
    saying which: each time it says the noun, a determiner such as "one" or "every" comes
    just before it or before one word before it, or "the" before only words the question
    says (`asked`: "Installed the open model" of "Which open model did she install?"), and
    it says no name the question does not ("When one provider raised its prices …"; a
    month is no name: "… starting in April")."""
    ws = words(quote)
    said = [i for i, w in enumerate(ws) if (lexicon.noun_lemma(w) or w) == doer]
    if not said or _names_said(quote, doer) - known:
        return False
    return all(
        any(w in _UNSAID_WHICH for w in ws[max(0, i - _WHICH_REACH) : i])
        or _repeats_asked(ws, i, asked)
        for i in said
    )


def _repeats_asked(ws: Sequence[str], i: int, asked: Set[str]) -> bool:
    """Whether the noun at word i is named only as the question names it: "the", then
    nothing but the question's own words ("the open model" of "Which open model …?"; not
    "the smaller model", which says which)."""
    j = i - 1
    while j >= max(0, i - _WHICH_REACH) and ws[j] != "the" and ws[j] in asked:
        j -= 1
    return j >= max(0, i - _WHICH_REACH) and ws[j] == "the"


def _names_said(quote: str, doer: str | None = None) -> set[str]:
    """The names a unit says, folded stems; a month is no name ("… starting in April"), nor a
    unit of measure after a number ("2 GB"). Of
    a `doer` asked for that is no place, a place said where something happens ("in the UK",
    "across Wales": a locative preposition before a name that is mostly a place to WordNet)
    is no name either: "Which company …?" is not answered by where it keeps its data."""
    found = {n for n in names(quote) if not has_time(n)}
    found -= {u.lower() for u in _UNIT_AFTER_NUMBER.findall(quote)}  # "2 GB": a measure
    if doer and found:
        from .wordnet import wordnet  # loaded on the first "which X" question

        net = wordnet()
        if not (net.mostly_a_place(doer) or net.kind_of(doer, "country")):
            found -= {
                m["place"].lower()
                for m in _LOCATIVE.finditer(quote)
                if net.mostly_a_place(m["place"].lower())
            }
    return {_fold(stem(n)) for n in found}


# a unit of measure, abbreviated in capitals after a number: "2 GB", "4.7 GB", "3 GHz"
_UNIT_AFTER_NUMBER = re.compile(r"\d[\d.,]*\s?([A-Z][A-Za-z]{0,3})\b")
# a name after a preposition of place: "in the UK", "across Wales" (a closed class of English)
_LOCATIVE = re.compile(
    r"\b(?:in|across|throughout|within|outside|around)\s+(?:the\s+)?(?P<place>[A-Z][\w'’-]*)"
)


_SUBJECT_REACH = 3  # a subject's verb within 3 words after it: "we have already built"


def identifies(
    query: Query, quote: str, known: Set[str], alike: Callable[[str], Set[str]] | None
) -> bool:
    """Whether a unit can name the one doer a "which X <verb> …?" question asks for ("Which
    company makes …?"): it says a name the question does not, or the writer does the deed
    ("we built it", "I have made") when X is its doer, not what is done to ("Which supplier
    does Northgate use?" is not answered by Northgate's "We use a closed model"). A plural
    asks for kinds ("Which industries need …?": "healthcare and finance"), which common
    nouns name."""
    # the doer's singular, after any words that qualify it ("Which AI laboratory …?")
    doer = rf"\bwhich\s+(?:[\w-]+\s+){{0,2}}{re.escape(query.doer or '')}\b"
    if not re.search(doer, query.question, re.I):
        return True  # "which industries …": not the doer's singular
    # a month is no doer's name ("… ends in July 2027")
    if _names_said(quote, query.doer) - known - {stem("i")}:
        return True
    if not query.deed:
        return False
    if re.search(rf"{doer}\s+(?:do|does|did)\b", query.question, re.I):
        return False  # "Which supplier does Northgate use?": X is done to, "we use" is no X
    ws, deed = words(quote), doing(query.deed, alike)
    return any(
        w in ("i", "we") and any(map(deed, ws[i + 1 : i + 1 + _SUBJECT_REACH]))
        for i, w in enumerate(ws)
    )


def has_part(quote: str) -> bool:
    """Whether a unit states a part of a whole (`_PART_SAID`)."""
    return bool(_PART_SAID.search(quote))


_PRICE_VERBS = frozenset(["cost", "pay", "spend", "charge", "earn"])  # those _PRICE asks with
_PRICE_STEMS = frozenset(stem(w) for w in [*_PRICE_VERBS, "price", "fee"])
# who pays, in "How much does/did/will X (expect to) spend …?"
_PAYER = re.compile(
    r"^\W*(?:how much|what)\s+(?:does|did|do|will|would|could)\s+(?P<who>.+?)\s+"
    r"(?:\w+\s+to\s+)?(?P<verb>cost|pay|spend|charge|earn)\b",
    re.I,
)
# a figure with a currency sign: "£4,400", "$10bn", "40 €"
_CURRENCY = re.compile(
    r"[$£€¥₹]\s?\d[\d,.]*(?:\s?(?:[mk]|bn|million|billion)\b)?|\d[\d,.]*\s?[$£€¥₹]"
)
_HOW_MANY = re.compile(r"^\W*(?:\w+\W+){0,3}?how many\b", re.I)
# A genitive of measure: "three weeks' notice", "a day's work", "an hour's drive": the
# amount measures the noun after the possessive
_GENITIVE = re.compile(r"\b(?P<measure>[A-Za-z]+)(?:s['’]|['’]s)\s+(?P<noun>[a-z][\w-]*)")


def measured_by_genitive(quote: str) -> set[str]:
    """The lemmas of the nouns a genitive of measure measures in `quote` ("notice" in "we
    had three weeks' notice"): after a possessive whose owner is a unit of time or
    quantity (WordNet's noun.time and noun.quantity)."""
    out = set()
    for m in _GENITIVE.finditer(display(quote)):
        measure = m["measure"].lower()
        if _quantifies(lexicon.noun_lemma(measure) or measure) or _quantifies(measure + "s"):
            out.add(lexicon.lemma(m["noun"].lower()))
    return out


def has_money(quote: str) -> bool:
    """Whether a unit states a sum of money: a figure with a currency sign, or an amount of
    a monetary unit (WordNet: "billions of dollars", "40 euros")."""
    if _CURRENCY.search(quote):
        return True
    from .wordnet import wordnet

    ws = words(quote)
    return any(
        wordnet().kind_of(form, "monetary_unit")
        for i, w in enumerate(ws)
        if i and (ws[i - 1][0].isdigit() or ws[i - 1] in MAGNITUDES or ws[i - 1] == "of")
        for form in {lexicon.noun_lemma(w), lexicon.lemma(w), _fold(w)} - {None}
    )


# A run of capitalised words, a function word allowed inside ("Chief Information Officer",
# "Department for Education"): what an initialism may stand for
_CAPITALISED_RUN = re.compile(r"\b[A-Z][\w'’-]*(?:\s+(?:(?:of|for|and|the)\s+)?[A-Z][\w'’-]*)+")


def initialisms(text: str) -> set[str]:
    """The initialisms a text's capitalised runs spell, lower-case, with and without their
    function words ("cio" of "Chief Information Officer", "dfe" and "de" of "Department for
    Education"): a question that writes "the CIO" names what the text writes out."""
    out = set()
    for m in _CAPITALISED_RUN.finditer(text):
        ws = m.group().split()
        while len(ws) > 1 and ws[0].lower() in STOPWORDS:  # "The Chief …" opens a sentence
            ws = ws[1:]
        out.add("".join(w[0] for w in ws).lower())
        out.add("".join(w[0] for w in ws if w[0].isupper()).lower())
    return out


REPORT_WINDOW = 8  # words after a person's name in which a verb reports what they said


def _speaker_name(focus: str, speaker: str) -> list[str]:
    """The words of the speaker's name as the question writes it: the last word and any
    joined to it by a hyphen ("Lindqvist-Mbeki" of "mbeki")."""
    m = re.search(rf"[\w'’-]*\b{re.escape(speaker)}\b", focus, re.I)
    return words(m.group()) if m else [speaker]


@cache  # asked once per question, read for every candidate
def _verbs_of_saying(question: str) -> frozenset[str]:
    """The lemmas of the question's verbs of saying or thinking ("argue" of "What does
    Ogunbiyi argue?"; WordNet, loaded on first use), but "do", "be" and "have"."""
    from .wordnet import wordnet

    lemmas = {lexicon.lemma(w) for w in words(question)} - {"do", "be", "have"}
    return frozenset(w for w in lemmas if w not in STOPWORDS and wordnet().mostly_reports(w))


def speaks_as_subject(quote: str, speaker: str) -> bool:
    """Whether the unit gives `speaker`'s (a name's last word, lower-case) own words: the
    name, then at once (a citation in brackets, an adverb in "-ly" between) a verb of
    saying or thinking ("The trust replies that …", "Fenwick (2023) argues …"), or the
    name's own speaker ("The proposition's first speaker argued …"); stricter than
    `reports`, whose window reaches the verbs of a clause the name is only in ("… that the
    trust should adopt …")."""
    from .wordnet import wordnet

    pattern = (
        rf"\b{re.escape(speaker)}\b(?:\s*[(\[][^)\]]{{0,40}}[)\]]|[’']s(?:\s+[a-z]+){{1,2}})?"
        r"\s+(?:[a-z]+ly\s+)?(?P<verb>[a-z]+)\b"
    )
    return any(
        wordnet().reports(lexicon.lemma(m["verb"]))
        for m in re.finditer(pattern, display(quote), re.I)
        if m["verb"].islower()
    )


def reports(quote: str, speaker: str) -> bool:
    """Whether the unit reports what `speaker` (a name's last word, lower-case) says or
    thinks: the name, then within REPORT_WINDOW words a verb of communication or cognition
    (WordNet, loaded on first use: "Zuckerberg explains", "Fei-Fei Li admits") or a
    quotation. A unit that only names them ("I've spoken to Emad Mostaque") does not."""
    from .wordnet import wordnet

    tokens = re.findall(r"[\w'’-]+|[“\"]", display(quote))
    net = wordnet()
    for i, tok in enumerate(tokens):
        # a hyphenated name's last part, as the speaker is ("Mensah-Lyle": "lyle")
        if tok.lower().removesuffix("’s").removesuffix("'s").split("-")[-1] != speaker:
            continue
        after = tokens[i + 1 : i + 1 + REPORT_WINDOW]
        if any(t in '“"' or net.reports(lexicon.lemma(t.lower())) for t in after):
            return True
    return False


# "people" is the plural of "person", which WordNet keeps apart ("people": a group)
_PLURALS = {"people": "person"}
# "a year", "per month", "each week": the period of a rate
_PERIOD = re.compile(r"\b(?:a|an|per|each|every)\s+(day|week|month|quarter|year|decade)\b", re.I)


def _same_rate(question: str, quote: str) -> bool:
    """Whether a unit's amounts are at the rate a question asks for: a question that asks
    for one a year is not answered by one a month ("monthly"); with no rate asked, or none
    said, any."""
    asked_periods = {m.lower() for m in _PERIOD.findall(question)}
    said = {m.lower() for m in _PERIOD.findall(quote)}
    said |= {lexicon.PERIODIC[w] for w in words(quote) if w in lexicon.PERIODIC}  # "annual"
    return not asked_periods or not said or bool(asked_periods & said)


# Words around an amount within which the noun it counts stands: "64 GPUs", "three such
# manufacturers", "hundreds of thousands of H100s", or before it, "Most chips, around 95%".
# The farthest in a dev answer is 4 words off ("20x as much per token", "$10bn in run-rate
# revenues"); one more for a margin. A noun further off is counted by no amount ("two farms
# to cut their feed when the cows …" says nothing of how many cows).
COUNT_WINDOW = 5


def counts(noun: str, quote: str, kinds: bool = True, asked: Sequence[str] = ()) -> bool:
    """Whether a unit counts what a "how many X" question counts: X itself, or (with
    `kinds`) a common noun that is a kind of X (WordNet's hypernyms: "How many people …?" is
    answered by "1.5bn users", not by "64 GPUs") or a unit of X ("how much power": "300
    watts"), as the noun an amount (a number, or a
    magnitude: "hundreds of") counts (`_counted_by`), or, where no noun follows the amount,
    within COUNT_WINDOW words of it; or the noun a fraction is of ("a third of schools"). A
    proportion of a whole named before it ("of the members
    who use AI, 61 percent pay …, 12 percent run an open model") counts that whole when what
    follows it says one of the `asked` terms (stems) besides the whole's ("run", not "use")."""
    from .wordnet import wordnet  # loaded on the first count

    if _fold(stem(noun.lower())) in {_fold(stem(w)) for w in measured_by_genitive(quote)}:
        return True  # "three weeks' notice" measures the notice
    ws = words(quote)
    near: set[str] = set()
    units: set[str] = set()  # the words right after an amount: "GB" in "8 GB of memory"
    for i, amount in enumerate(ws):
        if amount in _FRACTIONS and ws[i + 1 : i + 2] == ["of"]:  # "a third of schools"
            near |= {x for x in [_counted_by(ws, i + 1)] if x}
        elif amount[0].isdigit() or amount in MAGNITUDES:
            head = _counted_by(ws, i)
            near |= {head} if head else set(ws[max(0, i - COUNT_WINDOW) : i + 1 + COUNT_WINDOW])
            if amount[0].isdigit() and ws[i + 1 : i + 2] and _does_asked(ws[i + 1], asked):
                return True  # "19 preferred the commercial assistant": how many preferred it
            if i + 1 < len(ws):
                units.add(ws[i + 1])
            if head and ws[i + 2 : i + 3] == ["of"] and _quantifies(head):
                # a measure or a proportion of something counts it: "8 GB of memory", "71
                # percent of test questions"
                near |= {x for x in [_counted_by(ws, i + 2)] if x}
            elif ws[i + 1 : i + 2] and _quantifies(ws[i + 1]):  # the whole said first
                whole = _whole_before(ws, i)
                rest = {stem(w) for w in ws[i + 2 : i + 2 + COUNT_WINDOW]}
                if whole and (set(asked) - {stem(whole)}) & rest:
                    near.add(whole)
    if _fold(stem(noun.lower())) in {_fold(stem(w)) for w in near}:
        return True
    if not kinds:
        return False
    kind = lexicon.lemma(noun.lower())
    kind = _PLURALS.get(noun.lower(), kind)
    # common nouns only (lemminflect's NOUN lemmas of lower-case words): a name may be a
    # person's too ("Stanford"), and "has" is no noun
    lower = set(re.findall(r"(?<![\w'’-])[a-z][\w-]*", quote))
    common = {lexicon.noun_lemma(w) for w in near & lower} - {None}
    # a kind of it ("users" are people), or a unit of it, in any case ("300 watts", "8 GB":
    # how much power, how much memory)
    measures = common | {lexicon.noun_lemma(w) or w for w in units}
    return any(wordnet().kind_of(w, kind) for w in common) or any(
        wordnet().unit_of(w, kind) for w in measures
    )


def _does_asked(word: str, asked: Sequence[str]) -> bool:
    """Whether a word right after an amount is the verb the question counts by, in a tense
    ("19 preferred …" of "How many pupils preferred …?"): English leaves out the noun it
    counts when the verb says who they are."""
    # a tense ("preferred", "votes"): not "preference", nor "training" in "training runs"
    base, pos = lexicon.lemma_pos(word)
    tensed = pos == "VERB" and base != word and not word.endswith("ing")
    return tensed and word not in STOPWORDS and stem(base) in asked


def _whole_before(ws: Sequence[str], i: int) -> str | None:
    """The whole a proportion at word i is of, when a fronted "of" phrase names it earlier
    in the sentence ("of the members who use an AI assistant, 61 percent …": members)."""
    for k in range(i - 1, -1, -1):
        if ws[k] == "of":
            return next((w for w in ws[k + 1 : i] if w not in STOPWORDS), None)
    return None


def _quantifies(word: str) -> bool:
    """Whether a noun says how much of something there is: a unit or measure (WordNet's
    noun.quantity and noun.time: "GB", "hours") or a proportion ("percent")."""
    from .wordnet import wordnet

    net = wordnet()
    return net.measure(word) or net.kind_of(word, "proportion")


def _counted_by(ws: Sequence[str], i: int) -> str | None:
    """The noun an amount counts when a noun phrase follows it, past its magnitude words
    ("hundreds of thousands of H100s"): its head, the first plural noun or the last of its
    nouns and adjectives ("40,000 pages that volunteers typed" counts pages, not volunteers;
    "500 million weekly active users" users; "two months visitors opened" months, the
    clause after it cut by no comma here). None when a function word follows ("95%, are
    cheap"): then the noun may stand on either side (COUNT_WINDOW)."""
    j = i + 1
    while j < len(ws) and (ws[j] in MAGNITUDES or (ws[j] == "of" and ws[j - 1] in MAGNITUDES)):
        j += 1
    head = None
    for w in ws[j : j + 4]:
        pos = lexicon.parts_of_speech(w)
        if w in STOPWORDS or w[0].isdigit() or (pos and not pos & {"NOUN", "ADJ"}):
            break
        head = w
        if lexicon.noun_lemma(w) not in (None, w) or (not pos and _fold(w) != w):
            break  # a plural noun ends the phrase
    return head


def score(
    query: Query,
    units: Sequence[tuple[Unit, Passage, str]],
    sims: np.ndarray,
    stats: TermStats,
    calibration: Calibration,
    group: str | None = None,
    vectors: WordVectors | None = None,
    carried: Callable[[Unit], tuple[Set[str], Set[str]]] | None = None,
    text_of: Callable[[str], str] | None = None,
    section: Callable[[Unit], str] | None = None,
) -> list[Candidate]:
    """Candidates with features and relevance, in the order given; with the words'
    `vectors`, a key term said in a word alike counts as present (likeness.py). `carried`
    gives the names a unit says without saying them: its document's, and its speaker's in
    a transcript (`Sources.carried`); `text_of` a document's text, where a name asked is
    introduced by the noun that later refers back to it (`introduced_as`); `section` the
    heading of the section a unit lies in, whose words the unit says too: a heading names
    what its section is about (the bullets under "## Key findings" give the findings)."""
    keys = content_terms(query.topic)
    asked = {_fold(stem(n)) for n in query.names}
    # the names the question says, a document's it names too ("Which lab did Priya Raman
    # work at?" is not answered by her name, though it names the review where to look)
    said = {_fold(stem(n)) for n in names(query.focus) | names(query.question)}
    alike = None
    if vectors is not None:
        topic = {stem(w): w for w in content_words(query.topic) if not w[0].isdigit()}
        alike = cache(lambda text: frozenset(vectors.alike(topic, text)))
    described = described_names(query.focus)
    read = text_of or (lambda file: "")
    introduced = cache(lambda file: introduced_as(read(file), query.names))
    out = []
    for (unit, passage, quote), sim in zip(units, sims, strict=True):
        document, speaker = carried(unit) if carried else ((), ())
        voiced = {_fold(stem(w)) for w in speaker}
        own = {_fold(stem(w)) for w in document} | voiced
        voiced |= referred_back(described, quote, passage.text, own)
        if introduced(unit.source):  # "the model", which the document names "Skarv-7, a …"
            voiced |= referred_back(introduced(unit.source), quote, read(unit.source), own)
        own |= voiced
        heading = section(unit) if section else ""
        # a name its section's heading says is the section's subject ("## Brightpath (paid,
        # £8 a month)" over "Its weakness is privacy: the company keeps …")
        own |= {_fold(stem(w)) for w in words(heading)}
        # the key terms the heading says, in any words alike ("private" of "privacy")
        headed = (set(content_terms(heading)) | (alike(heading) if alike else set())) & set(keys)
        f = features_of(
            query,
            quote,
            passage.text,
            float(sim),
            stats,
            keys,
            asked,
            alike,
            said,
            own,
            voiced,
            headed,
        )
        out.append(Candidate(unit, passage, quote, f, calibration.probability(f), group))
    return out


def bigrams(text: str) -> frozenset[tuple[str, str]]:
    """Each word of a text with the stem of the word after it (what `contrasted` reads)."""
    return frozenset((x, stem(y)) for x, y in pairwise(words(text)))


def contrasted(question: str, said: Set[tuple[str, str]], sides: Set[str] = frozenset()) -> bool:
    """Whether a document speaks only of another kind of a thing the question asks about: the
    question qualifies a word by an adjective ("primary school"), and the document puts
    the adjective's WordNet opposite before that word in any form ("secondary schools"),
    never the adjective itself. What it says of secondary schools answers nothing of
    primary ones. The words that name a motion's sides (`sides`: "open", "closed") are no
    such kind: every document weighs both, each in its own words ("the open option" is a
    slide's "Option B", beside "the closed option"). `said` is the document's `bigrams`."""
    pairs = [
        (a, stem(b))
        for a, b in pairwise(words(question))
        if "ADJ" in lexicon.parts_of_speech(a)
        and a not in sides
        and b not in STOPWORDS
        and not b[0].isdigit()
    ]
    if not pairs:
        return False
    from .wordnet import wordnet  # loaded on the first adjective a fact question qualifies by

    net = wordnet()
    return any(
        (a, b) not in said and any((o, b) in said for o in net.antonyms(a)) for a, b in pairs
    )


_HEAD_REACH = 4  # an apposition's head noun within its first 4 words: "a large language model"


def described_names(text: str) -> list[tuple[frozenset[str], str]]:
    """The names of a text made of capitalised words and a common noun that ends them
    ("Coastal Regional Authority", "Riverton Borough Council"): each name's words (folded
    stems) and its head noun ("authority")."""
    out = []
    for m in re.finditer(r"(?<=\s)(?:[A-Z][\w'’-]+\s+){1,3}[A-Z][a-z]+\b", text):
        *_, head = m.group().split()
        if lexicon.is_word(head.lower()) and not set(words(m.group())) & STOPWORDS:
            out.append((frozenset(_fold(stem(w)) for w in words(m.group())), head.lower()))
    return out


def introduced_as(text: str, asked: Sequence[str]) -> list[tuple[frozenset[str], str]]:
    """For each name asked, the head noun a text introduces it by: an apposition or a copula
    with "a"/"an" ("Skarv-7, a language model with …": model; "Fjordline AI is a company of
    45 people": company), which "the model", "the company" then refer back to."""
    out = []
    for name in asked:
        pattern = (
            rf"\b(?i:{re.escape(name)})\b[\w-]*(?:\s+[A-Z][\w-]*)*(?:,|\s+is)\s+an?\s+([^,.;:]*)"
        )
        for m in re.finditer(pattern, text):
            phrase = []
            for w in words(m.group(1))[:_HEAD_REACH]:
                if w in STOPWORDS or w[0].isdigit():
                    break
                phrase.append(w)
            if phrase and lexicon.maybe_noun(phrase[-1]):
                out.append((frozenset({_fold(stem(name))}), phrase[-1]))
    return out


def referred_back(
    described: list[tuple[frozenset[str], str]], quote: str, context: str, carried: Set[str]
) -> set[str]:
    """The words of each described name that a unit refers back to by "the" and its head
    noun ("The authority expects …"), when its passage says the name or its document is
    named by a word of it: English names a body in full once, then by its head noun."""
    pairs = set(zip(words(quote), words(quote)[1:], strict=False))
    out: set[str] = set()
    in_context: set[str] | None = None  # the context's words, read only if a head is "the"'d
    for name, head in described:
        if ("the", head) not in pairs:
            continue
        if in_context is None:
            in_context = {_fold(stem(w)) for w in words(context)}
        if name <= in_context or name & carried:
            out |= name
    return out


# An embedded question of what a word means, after a word ("… understand what 'quantised'
# means"): it names the word and defines nothing. ("We asked whether the records could warn
# of mastitis, an infection of the udder" asks something else, and defines mastitis.)
_EMBEDDED = re.compile(
    r"(?<=\w )what\b[^,.;:!?]*?\b(?:means?|meant|is|are|was|were|stands? for)\b", re.I
)


def only_asked(quote: str, keys: Sequence[str]) -> bool:
    """Whether every key term the quote says, it says inside an embedded question of what it
    means."""
    inside = {t for m in _EMBEDDED.finditer(display(quote)) for t in content_terms(m.group())}
    outside = set(content_terms(_EMBEDDED.sub(" ", display(quote))))
    said = set(keys) & (inside | outside)
    return bool(said) and not said & outside


def _fold(term: str) -> str:
    """A plural's singular, roughly ("gpus" -> "gpu"), for names the stemmer leaves alone."""
    return term[:-1] if len(term) > 3 and term.endswith("s") and not term.endswith("ss") else term


def can_answer(c: Candidate) -> bool:
    """The hard gates of a factual answer: the unit has every name the question asks about,
    the kind of answer asked for (an amount, a time, a name), and the thing a "how many X"
    question counts. Measured on dev: 80% of unanswerable questions fail them for every
    candidate, against 7% of answerable ones before the gates knew "decades" and "GPUs"."""
    f = c.features
    return f["names"] >= 1.0 and f["answer_type"] >= 0 and f["counted"] >= 0


def speaks_to(query: Query, candidates: Sequence[Candidate]) -> bool:
    """Whether a document's units say the topic at all: a word of it (or a word alike,
    likeness.py) somewhere, and the names it asks in some form (a plural, a root or a
    WordNet name of the same thing: "Europeans" / "Europe", "Chinese" / "China"): each name
    no dictionary knows ("Olympic"), else one of those it knows ("Chinese Communist Party"
    is said by "China" and "party"). A document that never names Llama says nothing of
    Llama-3; the topic said only in other words is still said in a word alike of one of its
    words, or in none. Dev batch 17 (views named in other words): with every name asked
    said as written, 2/8 hit and 4 refused; as here, 4/8 and 1 refused (Facebook for Meta),
    as many hits as before the rule."""
    said = {w for c in candidates for w in words(c.quote)}
    if not any(c.features["coverage"] > 0 for c in candidates) and not _valued(query, said):
        return False
    if not query.names or any(c.features["names"] >= 1.0 for c in candidates):
        return True  # every name asked, said or carried (a letter's writer, who signs it)
    rare = [n for n in query.names if not lexicon.is_word(n)]
    if rare:
        return all(_says_name(n, said) for n in rare)
    return any(_says_name(n, said) for n in query.names)


def _valued(query: Query, said: Set[str]) -> bool:
    """Whether the units' words (`said`) hold a value of an attribute the topic names, or the
    attribute of a value it names (WordNet: "faster" says something of "the speed of open
    source")."""
    from .wordnet import wordnet

    net = wordnet()
    wanted = {a for w in content_words(query.topic) for a in net.attributes(lexicon.lemma(w))}
    if not wanted:
        return False
    return any(lexicon.lemma(w) in wanted for w in said)


def _says_name(name: str, said: Set[str]) -> bool:
    """Whether one of the words `said` says the name: as written, as a plural or a root, or
    as WordNet's name of the same thing."""
    from .paraphrase import same_root
    from .wordnet import wordnet

    folded = _fold(stem(name))
    if any(_fold(stem(w)) == folded or same_root(name, w) for w in said):
        return True
    net = wordnet()
    if not net.synsets(name):  # one_name needs a synset of the name ("nigerians" has none)
        return False
    return any(net.one_name(name, w) for w in said if not w[0].isdigit())


def pick_facts(candidates: list[Candidate], calibration: Calibration, most: int) -> list[Candidate]:
    """The best units that pass the gates, and those within `near_best` of the best, none
    overlapping; none when the best is under the answer threshold."""
    ranked = sorted((c for c in candidates if can_answer(c)), key=lambda c: -c.relevance)
    if not ranked or ranked[0].relevance < calibration.answer_threshold:
        return []
    floor = max(calibration.answer_threshold, ranked[0].relevance - calibration.near_best)
    return _without_overlaps([c for c in ranked if c.relevance >= floor])[:most]


def with_reason(
    picked: list[Candidate], candidates: list[Candidate], question: str, most: int
) -> list[Candidate]:
    """A "why" question's picks, with the reason its passage gives when none of them gives
    one: "A hospital trust … moved … to an open model in 2025." says what happened, the
    sentence after it ("The trust's reason was that …") why. The reason is the most relevant
    unit that gives one (`_REASON`) in a picked unit's passage."""
    if not picked or len(picked) >= most or not _WHY.match(bare(question)):
        return picked
    if any(c.features["answer_type"] > 0 for c in picked):
        return picked
    passages = {c.passage.id for c in picked}
    reasons = [
        c
        for c in candidates
        if c.features["answer_type"] > 0
        and c.passage.id in passages
        and not any(_overlap(c, p) for p in picked)
    ]
    return picked + [max(reasons, key=lambda c: c.relevance)] if reasons else picked


def introduced(picked: list[Candidate], candidates: list[Candidate], term: str) -> list[Candidate]:
    """The picks of a definition, each that names the term only in its last words followed
    by the sentence after it in its paragraph: a sentence that ends on a term introduces it
    (English puts new information last: "What persuaded me most was staged release."), and
    the next says what it is ("A lab can give researchers access … first, …")."""
    keys = [stem(w) for w in content_terms(term)]
    out: list[Candidate] = []
    for c in picked:
        out.append(c)
        said = [stem(w) for w in content_terms(c.quote)]
        if not keys or said[-len(keys) :] != keys or said.count(keys[0]) > 1:
            continue
        text, offset = c.passage.text, c.passage.start
        after = [
            n
            for n in candidates
            if n.unit.chunk == c.unit.chunk
            and n.unit.start >= c.unit.end
            and not re.search(r"\n[ \t]*\n", text[c.unit.end - offset : n.unit.start - offset])
            and not claims_nothing(n.quote)
        ]
        following = min(after, key=lambda n: n.unit.start, default=None)
        if following is not None and not any(following.unit.overlaps(o.unit) for o in out):
            out.append(following)
    return out


def lexrank(vectors: np.ndarray, bias: np.ndarray, teleport: float, steps: int = 50) -> np.ndarray:
    """Query-biased LexRank: the stationary scores of a walk over cosine similarities that
    jumps to a unit in proportion to `bias` with probability `teleport`."""
    n = len(vectors)
    if n == 0:
        return np.zeros(0)
    sim = np.clip(vectors @ vectors.T, 0.0, None)
    np.fill_diagonal(sim, 0.0)
    rows = sim.sum(axis=1, keepdims=True)
    walk = np.divide(sim, rows, out=np.full_like(sim, 1.0 / n), where=rows > 0)
    b = bias / bias.sum() if bias.sum() > 0 else np.full(n, 1.0 / n)
    r = np.full(n, 1.0 / n)
    for _ in range(steps):
        r = teleport * b + (1 - teleport) * walk.T @ r
    return r


# A side's case is drawn from its documents, not one of them: in the MMR step a unit of a
# document already picked from counts as this much more redundant (no effect within one
# document). On the dev views, overviews and comparisons (35): 0 / 0.2 / 0.3 gave 28 hits
# and 14 of 50 no-topic picks on gold evidence; 0.4 / 0.6 / 1.0 gave 29 and 16 (the middle).
SPREAD = 0.6


# A unit this near the topic (MiniLM cosine) takes part in a view, overview or comparison on
# it, and lets the question be answered, whatever words it uses ("What lessons from other
# industries do the texts draw?" / "This kind of dynamic already exists in another major
# technology: semiconductors."). Dev views, overviews and comparisons (evals/calibrate.py):
# without it, overviews 13/15 and 4/94 answerable questions refused; any value in (0.26,
# 0.41]: 14/15 and 3/94; at 0.26, 13/15 (too many units dilute the walk); from 0.42, 4/94.
# Nothing else moves. 0.34 is the middle of (0.26, 0.41].
DENSE_DOOR = 0.34


def pick_central(
    candidates: list[Candidate],
    vectors: np.ndarray,
    most: int,
    topical: bool,
    calibration: Calibration,
    diversity: float = 0.3,
    prior: np.ndarray | None = None,
    least: int = 0,
) -> list[Candidate]:
    """The `most` most central, non-redundant candidates (LexRank + MMR), in source order.

    With a topic, the units that take part are those at least half as relevant as the best
    one, when it reaches the topic threshold (the topic in its own words), and those whose
    MiniLM similarity to the topic reaches `DENSE_DOOR` (in other words); with none, nothing.
    The walk is biased towards the units most similar to the topic or, without one, to what
    bears on the motion (the candidates' `dense` is their similarity to the topic, or to the
    side's description)."""
    if not candidates:
        return []
    best = max(c.relevance for c in candidates)
    worded = best >= calibration.topic_threshold  # on the topic in its own words

    def takes_part(c: Candidate) -> bool:
        if not topical:
            return True
        return (worded and c.relevance >= best / 2) or c.features["dense"] >= DENSE_DOOR

    # a question, a frame marker or an acknowledgement claims nothing: never a central claim
    keep = [i for i, c in enumerate(candidates) if takes_part(c) and not claims_nothing(c.quote)]
    keep = [i for i in keep if not any(_within(candidates[i], candidates[j]) for j in keep)]
    if not keep:
        return []
    cands = [candidates[i] for i in keep]
    vecs = vectors[keep]
    # the walk leans towards what is said about the topic (or, on none, the case asked
    # about) in any words: the units' MiniLM similarity to it, sharpened. Relevance, which
    # weighs the topic's own words, only chose who takes part. On the dev views, overviews
    # and comparisons: 29/35 hits with relevance as the bias on a topic, 30/35 with this.
    bias = np.clip(np.array([c.features["dense"] for c in cands]), 0.0, None) ** 4
    # a view is made of claims: a unit that marks one (a modal verb, a hedge, a booster)
    # weighs twice a unit that only describes
    bias = bias * np.array([2.0 if is_claim(c.quote) else 1.0 for c in cands])
    if prior is not None:
        bias = bias * prior[keep]
    central = lexrank(vecs, bias, teleport=0.5)
    central = central / central.max() if central.max() > 0 else central
    central = 0.5 * central + 0.5 * bias / bias.max() if bias.max() > 0 else central
    chosen: list[int] = []
    while len(chosen) < min(most, len(cands)):
        best, best_score = -1, -np.inf
        for i in range(len(cands)):
            if i in chosen or any(_overlap(cands[i], cands[j]) for j in chosen):
                continue
            redundancy = max(
                (
                    float(vecs[i] @ vecs[j])
                    + SPREAD * (cands[i].unit.source == cands[j].unit.source)
                    for j in chosen
                ),
                default=0.0,
            )
            s = (1 - diversity) * central[i] - diversity * redundancy
            if s > best_score:
                best, best_score = i, s
        if best < 0:
            break
        chosen.append(best)
    picked = [cands[i] for i in chosen]
    if topical and len(picked) < least:
        picked += around(picked, candidates, least - len(picked))
    return sorted(picked, key=lambda c: (c.unit.source, c.unit.start))


def around(picked: list[Candidate], candidates: list[Candidate], most: int) -> list[Candidate]:
    """Up to `most` units that go on with the picked ones: in a picked unit's own passage,
    nearest first (after before before), never one that overlaps a pick or claims nothing.
    A view on a narrow topic is one or two sentences that name it and the thought they
    open, which goes on in the sentences around them without repeating the topic's words."""
    out: list[Candidate] = []
    for p in picked:
        same = [
            c for c in candidates if c.unit.chunk == p.unit.chunk and not claims_nothing(c.quote)
        ]
        same.sort(key=lambda c: (abs(c.unit.start - p.unit.start), c.unit.start < p.unit.start))
        for c in same:
            if len(out) >= most:
                return out
            if not any(c.unit.overlaps(o.unit) for o in [*picked, *out]):
                out.append(c)
    return out


def asks(text: str) -> bool:
    """Whether a unit is a question (its last sentence ends with a question mark)."""
    return text.rstrip(" \t\n\"'”’)*_").endswith("?")


_SELF = frozenset(["i", "we", "i'll", "we'll", "i’ll", "we’ll", "i'm", "i’m", "let's", "let’s"])


def _present(form: str, lemma: str) -> bool:
    """Whether a verb form announces (present or to come: "explore", "explores",
    "exploring") rather than reports what was done ("we looked at 40 schools")."""
    return form == lemma or form.endswith(("s", "ing"))


def claims_nothing(text: str) -> bool:
    """Whether a unit claims nothing about its subject, so it is never a central claim: a
    question; an acknowledgement ("Thanks to …"); or a frame marker (Hyland 2005) that
    announces what the text itself does — a text naming itself ("this post", "today's
    commentary") or a first person, then a verb announcing a text's act, within its opening
    clause, in the present or future ("In today's commentary I delve into …", "This essay
    explores …"; not "We looked at 40 schools"); or an interviewer's turn ("Q: …"), which
    frames what the interviewee is asked."""
    if asks(text) or QUESTION_TURN.match(text):
        return True
    opening = words(text.split(",")[0] if len(text.split(",")[0]) > 30 else text)[:12]
    if opening and opening[0] in lexicon.THANKING or {"special", "thanks"} <= set(opening[:2]):
        return True
    lemmas = [lexicon.lemma(w) for w in opening]
    for i, w in enumerate(opening):
        names_itself = w in _SELF or (
            w in lexicon.GENRES and i > 0 and opening[i - 1] in ("this", "today", "my", "our")
        )
        if names_itself and any(
            v in lexicon.ANNOUNCING and _present(opening[i + 1 + j], v)
            for j, v in enumerate(lemmas[i + 1 : i + 5])
        ):
            return True
    return False


def is_claim(text: str) -> bool:
    """Whether a sentence marks a claim: a modal verb or a stance marker (lexicon.py)."""
    found = set(words(text))
    return bool(found & (lexicon.MODALS | lexicon.STANCE_MARKERS)) or bool(modals(text))


def _within(a: Candidate, b: Candidate) -> bool:
    """Whether `a` is part of the longer unit `b` (a sentence of `b`'s whole thought)."""
    return (
        a.unit.source == b.unit.source
        and b.unit.start <= a.unit.start
        and a.unit.end <= b.unit.end
        and (b.unit.end - b.unit.start) > (a.unit.end - a.unit.start)
    )


def _overlap(a: Candidate, b: Candidate) -> bool:
    return a.unit.overlaps(b.unit)


def _without_overlaps(ranked: list[Candidate]) -> list[Candidate]:
    out: list[Candidate] = []
    for c in ranked:
        if not any(_overlap(c, o) for o in out):
            out.append(c)
    return out
