"""Spans of time said in other units: "ten years" is "a decade", "half a year" is "6 months".

The verifier holds a claim's numbers and measure words to its quote's (verify.mismatch,
paraphrase.units), which is right for amounts and wrong for a span of time said in another
unit of the calendar. `in_quote_terms` rewrites such a span of the claim into the quote's
own words when the two are the same length of time, before the claim is checked; nothing
else changes, and a span of another length is left for the checks to refuse.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .text import NUMBER_WORDS

# Calendar units, as a count of a base unit: months and days are kept apart, because a month
# is no whole number of days or weeks.
UNITS = {
    "day": (1.0, "day"),
    "week": (7.0, "day"),
    "fortnight": (14.0, "day"),
    "month": (1.0, "month"),
    "year": (12.0, "month"),
    "decade": (120.0, "month"),
    "century": (1200.0, "month"),
}
_PLURAL = {"centuries": "century"} | {u + "s": u for u in UNITS if u != "century"}
_NUMBER = r"\d[\d,]*(?:\.\d+)?|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
# an amount ("ten", "6", "a", "half a", "two and a half"), or a word that makes a lone unit a
# length of one ("the next decade", "over the past year"; not "last year", a point in time),
# then the unit
_SPAN = re.compile(
    rf"\b(?:(?P<half>half\s+an?)|(?P<amount>{_NUMBER}|an?)(?P<and_half>\s+and\s+a\s+half)?"
    rf"|(?P<one>next|past|coming))"
    rf"[\s-]+(?P<unit>{'|'.join(sorted([*UNITS, *_PLURAL], key=len, reverse=True))})\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Span:
    start: int  # where the amount and unit are said in the text (the unit alone after "next")
    end: int
    length: tuple[float, str]  # (count, base unit)


def spans(text: str) -> list[Span]:
    """The spans of time a text states, with their lengths."""
    out = []
    for m in _SPAN.finditer(text):
        unit = m.group("unit").lower()
        size, base = UNITS[_PLURAL.get(unit, unit)]
        if m.group("half"):
            count = 0.5
        elif m.group("one"):
            count = 1.0
        else:
            amount = m.group("amount").lower()
            if amount in ("a", "an"):
                count = 1.0
            else:
                count = float(NUMBER_WORDS.get(amount, amount.replace(",", "")))
            count += 0.5 if m.group("and_half") else 0.0
        start = m.start("unit") if m.group("one") else m.start()
        out.append(Span(start, m.end(), (count * size, base)))
    return out


def in_quote_terms(claim: str, quote: str) -> str:
    """The claim with each span of time that the quote states in other units ("over the
    coming ten years" / "over the next decade") put in the quote's words ("over the coming
    decade"). Spans of another length are left as they are."""
    said = {s.length: quote[s.start : s.end] for s in spans(quote)}
    for s in reversed(spans(claim)):
        words = said.get(s.length)
        if words is not None:
            claim = claim[: s.start] + words + claim[s.end :]
    return claim
