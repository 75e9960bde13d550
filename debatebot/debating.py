"""The debate modes: argue a side, steelman the other side, and run a debate.

Every mode builds *cases* the same way (`Debater.case_stream`):
  1. retrieve `candidate_k` passages for the query and keep those whose stance is the side
     argued or neutral, the side's own passages first; never a passage of the other side;
  2. let the model write its argument from the best `top_k` of them (streamed);
  3. keep the model's sentences that pass the citation checker, are relevant to the query and
     don't themselves argue the other side (the stance cues run on each sentence too);
  4. fill up to the case size with the source sentences that argue best for the side,
     quoted verbatim (relevance to the query, plus a bonus for the side's own passages and
     for cues in the side's favour); sentences whose cues favour the other side are skipped.
Claims therefore cite only passages of the side argued or neutral facts used in its favour.
"""

from __future__ import annotations

import re
from collections.abc import Generator, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .compose import Key, number_citations, render, unique_claims
from .compose import span_key as key
from .errors import InputError
from .models import SIDE_NAME, Answer, Claim, Debate, Passage, Rebuttal, Side, Stage, Turn
from .prompts import Prompt, load_prompt
from .query import topic_of
from .stance import CueStance, opposite
from .text import content_terms, display, sentence_spans, stem, words
from .verify import check_claims, cite, draft_claims

if TYPE_CHECKING:
    from .pipeline import Sources

MIN_WORDS = 6  # shorter sentences (headings, bylines) are not arguments
_STATEMENT_END = re.compile(r"[.!][\"”’')\]]*\s*$")
OWN_SIDE_BONUS = 0.2  # ranking bonus for sentences from passages of the side argued
CUE_BONUS = 0.1  # per cue point in the side's favour, up to two
REBUT_CANDIDATES = 5  # opponent sentences considered for a rebuttal
# The motion's own vocabulary: a topic is judged by its other terms ("cost", "security"), and a
# topic made only of these ("Open-source AI will win") makes every sentence relevant.
_MOTION_WORDS = [
    "open", "closed", "source", "sourced", "ai", "artificial", "intelligence", "model", "models",
    "win", "wins", "winning", "better", "best", "future", "will", "proprietary", "llm", "llms",
]  # fmt: skip
MOTION_TERMS = frozenset(stem(w) for w in _MOTION_WORDS)
REBUT_THRESHOLD = 0.1  # a rebuttal must share at least this much of the opponent's rare terms


@dataclass
class Case:
    """The checked claims for one side, and how they were made."""

    claims: list[Claim]
    passages: list[Passage]
    draft: str = ""
    dropped: list[str] = field(default_factory=list)


class Debater:
    """The debate modes over the pipeline's Sources: retriever, units, checker and model."""

    def __init__(self, sources: Sources):
        self.sources = sources
        self.settings = sources.settings
        self.stance = CueStance(prior_weight=0.0)
        self.prompts = {
            name: load_prompt(f"{name}.v1") for name in ("argue", "steelman", "rebut", "closing")
        }

    def key_terms(self, topic: str) -> list[str]:
        """The topic's terms beyond intent words and the motion's own vocabulary."""
        return [t for t in content_terms(topic_of(topic)) if t not in MOTION_TERMS]

    def relevance(self, topic: str, sentence: str) -> float:
        """How well a sentence addresses a topic, judged by the topic's non-motion terms."""
        keys = self.key_terms(topic)
        return self.sources.stats.coverage(keys, sentence) if keys else 1.0

    def spans(self, passage: Passage) -> list[tuple[int, int]]:
        """The quotable units of a passage, as spans of its source text."""
        return [(u.start, u.end) for u in self.sources.units.in_chunks([passage.id])]

    def check_draft(
        self, draft: str, passages: Sequence[Passage], texts: dict[str, str]
    ) -> tuple[list[Claim], list[str]]:
        """The model's sentences, each attributed to the passages' unit that supports it best
        and checked: (claims that pass, texts of those dropped)."""
        pool = [cite(p, texts[p.source], a, b) for p in passages for a, b in self.spans(p)]
        # the model's [n] numbers passages, not these units: attribution ignores them
        claims = draft_claims(draft, pool, numbered=False)
        shown, dropped = check_claims(claims, passages, texts, self.settings.support_threshold)
        return shown, [c.text for c, _ in dropped]

    def claim_relevance(self, topic: str, claim: Claim) -> float:
        return min(self.relevance(topic, c.quote) for c in claim.citations)

    # --- the side of a text ----------------------------------------------------------------

    def side_of(self, text: str) -> Side | None:
        """The side a claim takes, from its cues; None when they don't tell."""
        score = self.stance.score(text)
        return "open" if score > 0 else "closed" if score < 0 else None

    def claim_side(self, claim: str) -> Side | None:
        """The side of a user's claim: its own cues, else the stance of the passages that
        state it most closely (the best-matching source sentence's passage)."""
        side = self.side_of(claim)
        if side:
            return side
        passages = self.sources.retriever.retrieve(claim)
        texts = self.sources.texts_of(passages)
        best: tuple[float, Side] | None = None
        for p in passages:
            if p.stance == "neutral":
                continue
            for a, b in self.spans(p):
                score = self.relevance(claim, texts[p.source][a:b])
                if best is None or score > best[0]:
                    best = (score, p.stance)
        return best[1] if best and best[0] >= self.settings.argue_relevance_threshold else None

    # --- cases -------------------------------------------------------------------------------

    def case_stream(
        self,
        query: str,
        side: Side,
        prompt: Prompt,
        n: int,
        exclude: frozenset[Key] = frozenset(),
        fallback: str | None = None,
        threshold: float | None = None,
        **variables: str,
    ) -> Generator[str, None, Case]:
        """Yield model text as generated; return the Case: at most `n` checked claims for `side`.

        When nothing retrieved for `query` argues for the side, `fallback` (a broader query)
        is tried before giving up."""
        for attempt in [query] if fallback is None else [query, fallback]:
            pool = self.sources.retriever.retrieve(attempt, k=self.settings.candidate_k)
            passages = [p for p in pool if p.stance in (side, "neutral")][: self.settings.top_k]
            texts = self.sources.texts_of(passages)
            ranked = self.side_sentences(attempt, side, passages, texts, exclude, threshold)
            if ranked:
                query = attempt
                break
        if not ranked:  # nothing here argues for the side: don't ask the model to invent it
            return Case([], passages)
        draft = ""
        for piece in self.sources.backend.stream(
            self.sources.messages(prompt, passages, **variables)
        ):
            draft += piece
            yield piece
        shown, dropped = self.check_draft(draft, passages, texts)
        threshold = self.settings.argue_relevance_threshold if threshold is None else threshold
        good = [
            c
            for c in shown
            if _is_statement(c.text)  # not a fragment ("** The open-sourcing") or a question
            and self.side_of(c.text) != opposite(side)
            and self.claim_relevance(query, c) >= threshold
            and key(c) not in exclude
        ]
        dropped += [c.text for c in shown if c not in good]
        claims = unique_claims(good + ranked)[:n]
        return Case(claims, passages, draft, dropped)

    def side_sentences(
        self,
        query: str,
        side: Side,
        passages: Sequence[Passage],
        texts: dict[str, str],
        exclude: frozenset[Key] = frozenset(),
        threshold: float | None = None,
    ) -> list[Claim]:
        """Source sentences that argue for `side` on `query`, best first, one per passage
        before any passage gives a second."""
        sign = 1 if side == "open" else -1
        threshold = self.settings.argue_relevance_threshold if threshold is None else threshold
        # a topic that is just the motion makes every sentence relevant: then only sentences
        # whose own cues favour the side count as arguments
        least_cues = 0.0 if self.key_terms(query) else 0.5
        scored: list[tuple[float, int, Claim]] = []
        for rank, p in enumerate(passages):
            text = texts[p.source]
            # a sentence without cues of its own counts only inside a passage that is the
            # side's on its own words, not just by its document's lean
            own = p.stance == side and sign * self.stance.score(p.text) >= 0
            for a, b in self.spans(p):
                sentence = text[a:b]
                if (p.source, a, b) in exclude or not _is_statement(sentence):
                    continue
                cues = sign * self.stance.score(sentence)
                relevance = self.relevance(query, sentence)
                if cues < max(least_cues, 0.0 if own else 0.5) or relevance < threshold:
                    continue
                score = relevance + OWN_SIDE_BONUS * (p.stance == side) + CUE_BONUS * min(cues, 2)
                claim = Claim(
                    text=display(sentence),
                    citations=[cite(p, text, a, b)],
                    support=1.0,
                    origin="extractive",
                )
                scored.append((score, -rank, claim))
        scored.sort(key=lambda s: (s[0], s[1]), reverse=True)
        firsts: list[Claim] = []
        seconds: list[Claim] = []
        seen: set[str] = set()
        for _, _, claim in scored:
            passage = claim.citations[0].passage_id
            (seconds if passage in seen else firsts).append(claim)
            seen.add(passage)
        return firsts + seconds

    # --- argue and steelman --------------------------------------------------------------------

    def argue_stream(self, topic: str, side: Side) -> Iterator[str | Answer]:
        side = _check_side(side)
        prompt = self.prompts["argue"]
        case = yield from self.case_stream(
            topic,
            side,
            prompt,
            self.settings.argue_claims,
            topic=topic,
            side_name=SIDE_NAME[side],
        )
        claims = number_citations(case.claims)
        yield self._answer(
            topic,
            "argue",
            side,
            case,
            prompt,
            claims=claims,
            text=render(claims) if claims else _nothing_for(side),
        )

    def steelman_stream(self, claim: str) -> Iterator[str | Answer]:
        claim_side = self.claim_side(claim)
        prompt = self.prompts["steelman"]
        if claim_side is None:
            text = (
                "I can't tell which side this claim takes. Rephrase it for or against "
                "open-source AI, e.g. “Open-source AI will win”."
            )
            yield Answer(question=claim, text=text, refused=True, mode="steelman")
            return
        side = opposite(claim_side)
        case = yield from self.case_stream(
            claim,
            side,
            prompt,
            self.settings.argue_claims,
            fallback=f"{SIDE_NAME[side]} will win",
            claim=claim,
            side_name=SIDE_NAME[side],
        )
        used = frozenset(key(c) for c in case.claims)
        right: list[Claim] = []
        for query in (claim, f"{SIDE_NAME[claim_side]} will win"):
            own = self.sources.retriever.retrieve(query, k=self.settings.candidate_k)
            own = [p for p in own if p.stance in (claim_side, "neutral")][: self.settings.top_k]
            right = self.side_sentences(query, claim_side, own, self.sources.texts_of(own), used)[
                :1
            ]
            if right:
                break
        markers: dict[Key, int] = {}
        claims = number_citations(case.claims, markers)
        concessions = number_citations(right, markers)
        text = render(claims) if claims else _nothing_for(side)
        if concessions:
            text += f" What your claim gets right: {render(concessions)}"
        yield self._answer(
            claim,
            "steelman",
            side,
            case,
            prompt,
            claims=claims,
            text=text,
            claim_side=claim_side,
            concessions=concessions,
        )

    def _answer(
        self,
        question: str,
        mode: str,
        side: Side,
        case: Case,
        prompt: Prompt,
        claims: list[Claim],
        text: str,
        **extra: object,
    ) -> Answer:
        return Answer.model_validate(
            {
                "question": question,
                "text": text,
                "refused": not claims,
                "claims": claims,
                "passages": case.passages,
                "mode": mode,
                "side": side,
                "draft": case.draft,
                "dropped": case.dropped,
                "model": self.sources.model_name,
                "prompt_version": prompt.version,
                **extra,
            }
        )

    # --- debates -----------------------------------------------------------------------------

    def debate_stream(
        self, motion: str, rounds: int, student_side: Side | None
    ) -> Iterator[str | Turn | Debate]:
        """Bot turns as they are made (model text, then each Turn); ends with the Debate,
        paused at the student's first turn when `student_side` is set."""
        if not 1 <= rounds <= 10:
            raise InputError(f"A debate has 1 to 10 rounds, not {rounds}.")
        if student_side is not None:
            _check_side(student_side)
        debate = Debate(motion=motion, rounds=rounds, student_side=student_side)
        yield from self._play(debate)

    def reply_stream(self, debate: Debate, text: str) -> Iterator[str | Turn | Debate]:
        """Add the student's turn, then the bot's answer to it (and any turns that follow)."""
        if debate.student_side is None:
            raise InputError("This debate has no student side: start it with student_side.")
        upcoming = debate.next_turn
        if upcoming is None:
            raise InputError("The debate is over: start a new one.")
        side, stage = upcoming
        if side != debate.student_side:
            raise InputError(f"It is {side}'s turn, not the student's.")
        turn = Turn(
            number=len(debate.turns) + 1, side=side, stage=stage, speaker="student", text=text
        )
        debate = debate.model_copy(update={"turns": [*debate.turns, turn]})
        yield turn
        yield from self._play(debate)

    def _play(self, debate: Debate) -> Iterator[str | Turn | Debate]:
        """Make the bot's turns until the student is due or the debate ends."""
        while (upcoming := debate.next_turn) and upcoming[0] != debate.student_side:
            turn = None
            for piece in self._turn(debate, *upcoming):
                if isinstance(piece, Turn):
                    turn = piece
                else:
                    yield piece
            assert turn is not None
            yield turn
            debate = debate.model_copy(update={"turns": [*debate.turns, turn]})
        debate.model = self.sources.model_name
        debate.prompt_versions = sorted(p.version for p in self.prompts.values())
        yield debate

    def _turn(self, debate: Debate, side: Side, stage: Stage) -> Iterator[str | Turn]:
        used = frozenset(
            key(c) for t in debate.turns if t.side == side for c in t.claims if c.citations
        )
        last = next((t for t in reversed(debate.turns) if t.side != side), None)
        # rebuttals answer the opponent's last turn; so does a closing that follows a student's
        answers_student = last is not None and last.speaker == "student" and stage == "closing"
        wants_rebuttal = stage == "rebuttal" or answers_student
        rebuts = self._point_to_rebut(last, side, used) if wants_rebuttal and last else None
        if rebuts:
            prompt, query, n = self.prompts["rebut"], rebuts.quote, 2
            variables = {"opponent": rebuts.quote}
            threshold: float | None = REBUT_THRESHOLD
        else:
            threshold = None
            # with nothing specific to say, a turn falls back to the side's case on the motion
            prompt, query = (
                self.prompts["argue" if stage != "closing" else "closing"],
                debate.motion,
            )
            n = 3 if stage == "opening" else 2
            variables = {"topic": debate.motion}
        case = yield from self.case_stream(
            query,
            side,
            prompt,
            n,
            used,
            fallback=None if query == debate.motion else debate.motion,
            threshold=threshold,
            motion=debate.motion,
            side_name=SIDE_NAME[side],
            **variables,
        )
        if not case.claims and stage == "closing" and used:
            # a closing may sum up with points already made when nothing new is left
            case = yield from self.case_stream(
                debate.motion,
                side,
                self.prompts["closing"],
                2,
                motion=debate.motion,
                side_name=SIDE_NAME[side],
            )
        claims = number_citations(case.claims, _markers(debate))
        yield Turn(
            number=len(debate.turns) + 1,
            side=side,
            stage=stage,
            text=render(claims) if claims else _nothing_for(side, more=bool(debate.turns)),
            claims=claims,
            rebuts=rebuts,
            refused=not claims,
        )

    def _point_to_rebut(self, last: Turn, side: Side, used: frozenset[Key]) -> Rebuttal | None:
        """The sentence of the opponent's last turn that our side can answer most directly
        (the first one when none shares enough terms with our side's sources)."""
        if last.claims:
            candidates = [c.text for c in last.claims]
        else:
            candidates = [last.text[a:b] for a, b in sentence_spans(last.text)]
        candidates = [c.strip() for c in candidates if c.strip()][:REBUT_CANDIDATES]
        if not candidates:
            return None
        best: tuple[float, str] = (0.0, candidates[0])
        for sentence in candidates:
            pool = self.sources.retriever.retrieve(sentence, k=self.settings.candidate_k)
            allowed = [p for p in pool if p.stance in (side, "neutral")]
            texts = self.sources.texts_of(allowed)
            answers = self.side_sentences(sentence, side, allowed, texts, used, REBUT_THRESHOLD)
            if answers:
                score = self.claim_relevance(sentence, answers[0])
                if score > best[0]:
                    best = (score, sentence)
        return Rebuttal(turn=last.number, side=last.side, quote=best[1])


def _is_statement(sentence: str) -> bool:
    """A sentence that asserts something: long enough, ending with . or ! (not a question,
    heading or title)."""
    return len(words(sentence)) >= MIN_WORDS and bool(_STATEMENT_END.search(sentence))


def _markers(debate: Debate) -> dict[Key, int]:
    """The debate's citation markers so far, so a new turn continues the numbering."""
    return {(c.source, c.start, c.end): c.marker for c in debate.citations}


def _check_side(side: str) -> Side:
    if side not in ("open", "closed"):
        raise InputError(f"The side must be 'open' or 'closed', not {side!r}.")
    return side  # type: ignore[return-value]


def _nothing_for(side: Side, more: bool = False) -> str:
    what = "nothing more" if more else "nothing"
    return f"The sources hold {what} for {SIDE_NAME[side]} on this."
