"""Markdown for notebooks and exports: answers and debates with a numbered bibliography.

Every piece of text that came from outside (sources, the model, the student) goes through
`escape`, so it reads as the words it is and never as a link, an image, HTML or emphasis.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from .compose import grouped
from .text import display

if TYPE_CHECKING:
    from .models import Answer, Balance, Citation, Claim, Debate

_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~&$])")  # can open markup anywhere in a line
_DOTTED = re.compile(r"(?<=\w)\.(?=\w)")  # "example.com" would be made a link
_BLOCK = re.compile(r"^(?:(\d+)([.)])|([-+=]))")  # "1. " or "- " opens a list at a block's start


def escape(text: str) -> str:
    """Text shown literally in Markdown: readable (see `display`), on one line, and every
    character that could start markup there backslash-escaped (CommonMark lets any ASCII
    punctuation be escaped), so no link, image, HTML, heading, list, table or emphasis can
    come of it; "open-source" and "(1998)" stay as they are."""
    text = _SPECIAL.sub(r"\\\1", " ".join(display(text).split()))
    text = _DOTTED.sub(r"\\.", text)
    return _BLOCK.sub(lambda m: f"{m[1]}\\{m[2]}" if m[1] else f"\\{m[3]}", text)


def render_markdown(
    claims: list[Claim], marker: Callable[[Citation], str] = lambda x: f"\\[{x.marker}\\]"
) -> str:
    """Claims (escaped), each followed by its citation markers (`marker`: plain "[n]" here,
    links in the chat); a group's label as a bold heading above its claims (not a claim)."""
    blocks = []
    for heading, members in grouped(claims):
        body = " ".join(
            escape(c.text) + " " + "".join(marker(x) for x in c.citations) for c in members
        )
        blocks.append(f"**{escape(heading)}**\n\n{body}" if heading else body)
    return "\n\n".join(blocks)


def bibliography(citations: list[Citation]) -> str:
    """`[n] Label, “Title”, characters a–b (stance): > quote` for each cited span."""
    lines = ["**Sources**", ""]
    for c in citations:
        title = f", “{escape(c.title)}”" if c.title else ""
        lines.append(
            f"{c.marker}. {escape(c.label)}{title}, {escape(c.source)} characters "
            f"{c.start}–{c.end} ({escape(c.stance)}): “{escape(c.quote)}”"
        )
    return "\n".join(lines)


def balance_line(balance: Balance) -> str:
    return f"*{escape(balance.summary())}*"


def answer_markdown(answer: Answer) -> str:
    heading = {
        "ask": f"### {escape(answer.question)}",
        "argue": f"### The case for {escape(answer.side_name)}: {escape(answer.question)}",
        "steelman": f"### Steelman of the other side: “{escape(answer.question)}”",
    }[answer.mode]
    parts = [heading, ""]
    if answer.mode == "steelman" and answer.claim_side:
        parts += [
            f"Your claim argues for {escape(answer.claim_side_name)}; "
            f"here is the strongest case for {escape(answer.side_name)}.",
            "",
        ]
    if answer.claims:
        if answer.note:
            parts += [f"*{escape(answer.note)}*", ""]
        parts.append(render_markdown(answer.claims))
    else:
        parts.append(escape(answer.text))
        if answer.nearest:
            parts += ["", "Closest, but not an answer:", ""]
            parts += [f"- {escape(c.label)}: “{escape(c.quote)}”" for c in answer.nearest]
    if answer.concessions:
        parts += ["", f"**What your claim gets right:** {render_markdown(answer.concessions)}"]
    if answer.citations:
        parts += ["", bibliography(answer.citations), "", balance_line(answer.balance)]
    return "\n".join(parts) + "\n"


def debate_markdown(debate: Debate) -> str:
    parts = [f"## Debate: {escape(debate.motion)}", ""]
    for turn in debate.turns:
        who = "Student" if turn.speaker == "student" else "debatebot"
        name = escape(debate.name_of(turn.side))
        parts.append(f"**{turn.number}. {name} — {turn.stage} ({who})**")
        parts.append("")
        if turn.rebuts:
            parts += [
                f"> {escape(debate.name_of(turn.rebuts.side))} said (turn {turn.rebuts.turn}): "
                f"“{escape(turn.rebuts.quote)}”",
                "",
            ]
        said = render_markdown(turn.claims) if turn.claims else escape(turn.text)
        parts += [said, ""]
    if debate.citations:
        parts += [bibliography(debate.citations), "", balance_line(debate.balance)]
    return "\n".join(parts).rstrip() + "\n"
