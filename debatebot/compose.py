"""Compose: number the citations and render what a person sees.

Claims may carry a `group` (a document or a side, in comparisons and overviews): the group's
label is shown once as a heading above its claims. A heading is not a claim and carries no
citation; every sentence under it does.
"""

from __future__ import annotations

from collections.abc import Sequence

from .models import Claim

Key = tuple[str, int, int]  # (source, start, end) of a quoted span


def span_key(claim: Claim) -> Key:
    """The span a claim's first citation quotes."""
    c = claim.citations[0]
    return (c.source, c.start, c.end)


def unique_claims(claims: Sequence[Claim], per_span: bool = True) -> list[Claim]:
    """Claims in order, each quoted span once (or, without `per_span`, each sentence of a
    span once: a unit the model said in two sentences keeps both)."""
    seen: set[tuple[Key, str]] = set()
    out = []
    for claim in claims:
        key = (span_key(claim), "" if per_span else claim.text)
        if key not in seen:
            seen.add(key)
            out.append(claim)
    return out


def number_citations(claims: list[Claim], markers: dict[Key, int] | None = None) -> list[Claim]:
    """Give each distinct quoted span a marker [n], in order of first use.

    Pass the same `markers` dict across calls to number several answers as one (a debate).
    """
    markers = {} if markers is None else markers
    out = []
    for claim in claims:
        cites = []
        for c in claim.citations:
            key = (c.source, c.start, c.end)
            markers.setdefault(key, len(markers) + 1)
            cites.append(c.model_copy(update={"marker": markers[key]}))
        out.append(claim.model_copy(update={"citations": cites}))
    return out


def grouped(claims: Sequence[Claim]) -> list[tuple[str | None, list[Claim]]]:
    """Consecutive claims of the same group, as (heading, claims)."""
    out: list[tuple[str | None, list[Claim]]] = []
    for c in claims:
        if out and out[-1][0] == c.group:
            out[-1][1].append(c)
        else:
            out.append((c.group, [c]))
    return out


def render(claims: Sequence[Claim]) -> str:
    """The text a person sees: each claim followed by its markers; groups under headings."""
    blocks = []
    for heading, members in grouped(claims):
        body = " ".join(
            f"{c.text} " + "".join(f"[{x.marker}]" for x in c.citations) for c in members
        ).strip()
        blocks.append(f"{heading}:\n{body}" if heading else body)
    return "\n\n".join(blocks)
