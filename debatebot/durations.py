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

# Units of time, as a count of a base unit: months and days are kept apart, because a month
# is no whole number of days or weeks; so are a clock's seconds, minutes and hours (a day
# is not always 24 hours of one's time: "a day's work").
UNITS = {
    "second": (1.0, "second"),
    "minute": (60.0, "second"),
    "hour": (3600.0, "second"),
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
# a word that says which way in time a span runs: "the next ten years" lie ahead, "the past
# two months" behind (the same length either way, and not the same span)
_WAYS = {"next": "ahead", "coming": "ahead", "following": "ahead"}
_WAYS |= {"past": "behind", "last": "behind", "previous": "behind"}
_WAY = "|".join(_WAYS)
_UNIT_WORDS = "|".join(sorted([*UNITS, *_PLURAL], key=len, reverse=True))
# an amount ("ten", "6", "a", "half a", "two and a half") after any word of its way in time
# ("the coming ten years"), or a word that makes a lone unit a length of one ("the next
# decade", "over the past year"; not "last year", a point in time), then the unit
_SPAN = re.compile(
    rf"\b(?:(?:(?P<way>{_WAY})\s+)?(?:(?P<half>half\s+an?)|(?P<amount>{_NUMBER}|an?)"
    rf"(?P<and_half>\s+and\s+a\s+half)?)|(?P<one>next|past|coming))"
    rf"[\s-]+(?P<unit>{_UNIT_WORDS})\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Span:
    start: int  # where the span is said, its way in time included ("the next decade")
    end: int
    length: tuple[float, str]  # (count, base unit)
    way: str | None = None  # "ahead" or "behind" when a word says so
    bare: int = 0  # where it starts without that word ("decade"; "ten years")


def spans(text: str) -> list[Span]:
    """The spans of time a text states, with their lengths and ways in time."""
    out = []
    for m in _SPAN.finditer(text):
        unit = m.group("unit").lower()
        if unit == "second" and (m.group("amount") or "a").lower() in ("a", "an"):
            continue  # "a second breach", "the next second": the ordinal, no length
        size, base = UNITS[_PLURAL.get(unit, unit)]
        way_word = m.group("way") or m.group("one")
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
        if m.group("one"):
            bare = m.start("unit")
        elif m.group("way"):
            bare = m.start("half") if m.group("half") else m.start("amount")
        else:
            bare = m.start()
        way = _WAYS[way_word.lower()] if way_word else None
        out.append(Span(m.start(), m.end(), (count * size, base), way, bare))
    return out


def in_quote_terms(claim: str, quote: str) -> str:
    """The claim with each span of time that the quote states in other units ("over the
    coming ten years" / "over the next decade") put in the quote's words ("over the next
    decade"). A span that says its way in time keeps it: it takes the quote's words only from
    a span the same way ("the past ten years" are not "the next decade"); one that does not
    say takes the quote's words without theirs ("ten years" / "the next decade": "decade").
    Spans of another length are left as they are."""
    quoted = spans(quote)
    for s in reversed(spans(claim)):
        if s.way:
            same = [q for q in quoted if q.length == s.length and q.way == s.way]
            words = quote[same[0].start : same[0].end] if same else None
            start = s.start
        else:
            same = [q for q in quoted if q.length == s.length]
            words = quote[same[0].bare : same[0].end] if same else None
            start = s.bare
        if words is not None:
            claim = claim[:start] + words + claim[s.end :]
    return claim
