"""The typed data that crosses debatebot's API: passages, citations, claims, answers."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

REFUSAL = "The sources don't cover this."


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


class Claim(BaseModel):
    """One sentence the bot shows, with the citations that support it."""

    text: str
    citations: list[Citation]
    support: float = Field(0.0, description="The checker's support score for the best citation.")
    origin: Literal["model", "extractive"] = Field(
        "model", description="Written by the model, or a source sentence taken verbatim."
    )


class Answer(BaseModel):
    """A checked answer. `text` is what a person sees, with [n] markers."""

    question: str
    text: str
    refused: bool
    claims: list[Claim] = Field(default_factory=list)
    passages: list[Passage] = Field(default_factory=list, description="What was retrieved.")
    mode: Literal["ask"] = "ask"
    draft: str = Field("", description="The model's raw output, before checking.")
    dropped: list[str] = Field(
        default_factory=list, description="Model sentences the checker rejected."
    )
    model: str = ""
    prompt_version: str = ""

    @property
    def citations(self) -> list[Citation]:
        """Unique citations in marker order (the numbered source list)."""
        seen: dict[int, Citation] = {}
        for claim in self.claims:
            for c in claim.citations:
                seen.setdefault(c.marker, c)
        return [seen[k] for k in sorted(seen)]
