"""The typed data that crosses debatebot's API: passages, citations, claims, answers."""

from __future__ import annotations

from collections import Counter
from typing import Literal

from pydantic import BaseModel, Field, computed_field

REFUSAL = "The sources don't cover this."

Side = str  # a side of the motion: a key of the motion file's `sides` ("open", "closed", ...)
Stance = str  # a side, or "neutral"
NEUTRAL = "neutral"
Mode = Literal["ask", "argue", "steelman"]
Stage = Literal["opening", "rebuttal", "closing"]


class Passage(BaseModel):
    """A retrieved chunk: `source_text[start:end] == text`."""

    id: str
    source: str = Field(description="File name in the sources folder.")
    label: str
    title: str | None = None
    paragraph: int = Field(description="1-based number of the chunk's first paragraph.")
    start: int
    end: int
    text: str
    score: float = 0.0
    stance: Stance = Field(NEUTRAL, description="The side the passage argues (see stance.py).")
    stance_confidence: float = 0.0


class Citation(BaseModel):
    """A verbatim span of a source: `source_text[start:end] == quote`."""

    marker: int = Field(0, description="The [n] number shown in the answer text.")
    source: str
    label: str
    title: str | None = None
    start: int
    end: int
    quote: str
    passage_id: str = Field(description="Id of the retrieved passage the quote lies in.")
    stance: Stance = Field(NEUTRAL, description="The stance of the quoted span (see stance.py).")


class Claim(BaseModel):
    """One sentence the bot shows, with the citations that support it."""

    text: str
    citations: list[Citation]
    support: float = Field(0.0, description="The checker's support score for the best citation.")
    origin: Literal["model", "extractive"] = Field(
        "model", description="Written by the model, or a source sentence taken verbatim."
    )
    group: str | None = Field(
        None, description="The heading it is shown under (a document or a side), if any."
    )


class Balance(BaseModel):
    """Which documents and which sides were cited, and how often (each citation once)."""

    documents: dict[str, int] = Field(default_factory=dict, description="label -> citations")
    sides: dict[str, int] = Field(default_factory=dict, description="stance -> citations")

    @classmethod
    def of(cls, citations: list[Citation]) -> Balance:
        return cls(
            documents=dict(Counter(c.label for c in citations).most_common()),
            sides=dict(Counter(c.stance for c in citations).most_common()),
        )

    def summary(self) -> str:
        """One line, e.g. `Cited: Luttig ×2, Exponential View ×1 · open 1, closed 2, neutral 0`."""
        if not self.documents:
            return "Cited: nothing."
        docs = ", ".join(f"{label} ×{n}" for label, n in self.documents.items())
        sides = ", ".join(f"{side} {n}" for side, n in self.sides.items())
        return f"Cited: {docs} · sides: {sides}"


class Answer(BaseModel):
    """A checked answer. `text` is what a person sees, with [n] markers."""

    question: str = Field(description="The question, topic or claim that was given.")
    text: str
    refused: bool
    claims: list[Claim] = Field(default_factory=list)
    passages: list[Passage] = Field(default_factory=list, description="What was retrieved.")
    mode: Mode = "ask"
    side: Side | None = Field(None, description="The side argued (argue and steelman).")
    claim_side: Side | None = Field(None, description="Steelman: the side the claim takes.")
    side_name: str = Field("", description="The motion's name for `side` (argue, steelman).")
    claim_side_name: str = Field("", description="The motion's name for `claim_side`.")
    concessions: list[Claim] = Field(
        default_factory=list, description="Steelman: what the user's claim gets right."
    )
    draft: str = Field("", description="The model's raw output, before checking.")
    dropped: list[str] = Field(
        default_factory=list, description="Model sentences the checker rejected."
    )
    dropped_reasons: list[str] = Field(
        default_factory=list, description="Why each dropped sentence was rejected (same order)."
    )
    kind: str = Field("fact", description="Ask: the kind of question understood (query.py).")
    note: str = Field(
        "",
        description="Said before the claims, not a claim (no citation): e.g. that a named "
        "document has nothing on the topic in those words, so its central claims are shown.",
    )
    scope: list[str] = Field(default_factory=list, description="Ask: the documents it named.")
    nearest: list[Citation] = Field(
        default_factory=list,
        description="A refusal: the closest passages found, shown as 'closest, but not an answer'.",
    )
    model: str = ""
    prompt_version: str = ""

    @property
    def citations(self) -> list[Citation]:
        """Unique citations in marker order (the numbered source list)."""
        return unique_citations(self.claims + self.concessions)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def balance(self) -> Balance:
        return Balance.of(self.citations)

    def to_markdown(self) -> str:
        """The answer as Markdown, with a numbered bibliography of the quoted spans."""
        from .markdown import answer_markdown

        return answer_markdown(self)

    def _repr_markdown_(self) -> str:
        return self.to_markdown()


class Rebuttal(BaseModel):
    """The opponent's sentence a turn answers, quoted."""

    turn: int = Field(description="Number of the turn quoted (1-based).")
    side: Side
    quote: str


class Turn(BaseModel):
    """One speech in a debate: the bot's (checked claims) or a student's (their own words)."""

    number: int
    side: Side
    stage: Stage
    speaker: Literal["bot", "student"] = "bot"
    text: str
    claims: list[Claim] = Field(default_factory=list)
    rebuts: Rebuttal | None = None
    refused: bool = False
    passages: list[Passage] = Field(
        default_factory=list, description="What was retrieved for this turn."
    )


class Debate(BaseModel):
    """A debate on a motion: its two `sides` alternate, the first first, for `rounds` rounds.

    Round 1 holds the opening statements, the last round the closing statements, and the
    rounds between them rebuttals. With `student_side` set, the student speaks for that side
    through `DebateBot.reply` and the bot takes the other.
    """

    motion: str
    rounds: int
    student_side: Side | None = None
    sides: list[Side] = Field(default_factory=lambda: ["open", "closed"])
    side_names: dict[Side, str] = Field(default_factory=dict, description="side -> its name")
    turns: list[Turn] = Field(default_factory=list)
    model: str = ""
    prompt_versions: list[str] = Field(default_factory=list)

    @property
    def schedule(self) -> list[tuple[Side, Stage]]:
        """Every turn of the debate in order: (side, stage)."""
        out: list[tuple[Side, Stage]] = []
        for r in range(1, self.rounds + 1):
            stage: Stage = "opening" if r == 1 else "closing" if r == self.rounds else "rebuttal"
            out += [(side, stage) for side in self.sides]
        return out

    def name_of(self, side: Side) -> str:
        """The motion's name for a side ("open-source AI"), or the side itself."""
        return self.side_names.get(side) or side

    @property
    def finished(self) -> bool:
        return len(self.turns) >= len(self.schedule)

    @property
    def next_turn(self) -> tuple[Side, Stage] | None:
        return None if self.finished else self.schedule[len(self.turns)]

    @property
    def citations(self) -> list[Citation]:
        return unique_citations([c for t in self.turns for c in t.claims])

    @computed_field  # type: ignore[prop-decorator]
    @property
    def balance(self) -> Balance:
        return Balance.of(self.citations)

    def to_markdown(self) -> str:
        """The debate as Markdown, turn by turn, with a numbered bibliography."""
        from .markdown import debate_markdown

        return debate_markdown(self)

    def _repr_markdown_(self) -> str:
        return self.to_markdown()


def unique_citations(claims: list[Claim]) -> list[Citation]:
    """Each cited span once, in marker order."""
    seen: dict[int, Citation] = {}
    for claim in claims:
        for c in claim.citations:
            seen.setdefault(c.marker, c)
    return [seen[k] for k in sorted(seen)]
