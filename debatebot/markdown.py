"""Markdown for notebooks and exports: answers and debates with a numbered bibliography."""

from __future__ import annotations

from .compose import grouped, render
from .models import Answer, Balance, Citation, Debate
from .text import display


def render_markdown(claims: list) -> str:
    """Claims with their [n] markers; a group's label as a bold heading above its claims."""
    blocks = []
    for heading, members in grouped(claims):
        body = render([m.model_copy(update={"group": None}) for m in members])
        blocks.append(f"**{heading}**\n\n{body}" if heading else body)
    return "\n\n".join(blocks)


def bibliography(citations: list[Citation]) -> str:
    """`[n] Label, “Title”, characters a–b (stance): > quote` for each cited span."""
    lines = ["**Sources**", ""]
    for c in citations:
        title = f", “{c.title}”" if c.title else ""
        lines.append(
            f"{c.marker}. {c.label}{title}, `{c.source}` characters {c.start}–{c.end} "
            f"({c.stance}): “{display(c.quote)}”"
        )
    return "\n".join(lines)


def balance_line(balance: Balance) -> str:
    return f"*{balance.summary()}*"


def answer_markdown(answer: Answer) -> str:
    heading = {
        "ask": f"### {answer.question}",
        "argue": f"### The case for {answer.side_name}: {answer.question}",
        "steelman": f"### Steelman of the other side: “{answer.question}”",
    }[answer.mode]
    parts = [heading, ""]
    if answer.mode == "steelman" and answer.claim_side:
        parts += [
            f"Your claim argues for {answer.claim_side_name}; "
            f"here is the strongest case for {answer.side_name}.",
            "",
        ]
    if answer.claims:
        if answer.note:
            parts += [f"*{answer.note}*", ""]
        parts.append(render_markdown(answer.claims))
    else:
        parts.append(answer.text)
        if answer.nearest:
            parts += ["", "Closest, but not an answer:", ""]
            parts += [f"- {c.label}: “{display(c.quote)}”" for c in answer.nearest]
    if answer.concessions:
        parts += ["", f"**What your claim gets right:** {render(answer.concessions)}"]
    if answer.citations:
        parts += ["", bibliography(answer.citations), "", balance_line(answer.balance)]
    return "\n".join(parts) + "\n"


def debate_markdown(debate: Debate) -> str:
    parts = [f"## Debate: {debate.motion}", ""]
    for turn in debate.turns:
        who = "Student" if turn.speaker == "student" else "debatebot"
        parts.append(f"**{turn.number}. {debate.name_of(turn.side)} — {turn.stage} ({who})**")
        parts.append("")
        if turn.rebuts:
            parts += [
                f"> {debate.name_of(turn.rebuts.side)} said (turn {turn.rebuts.turn}): "
                f"“{turn.rebuts.quote}”",
                "",
            ]
        parts += [turn.text, ""]
    if debate.citations:
        parts += [bibliography(debate.citations), "", balance_line(debate.balance)]
    return "\n".join(parts).rstrip() + "\n"
