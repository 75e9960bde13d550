"""A chat session for the UI: modes, streamed replies as chat messages, citations to open.

Everything here is plain Python (no Gradio), so it is tested directly; `ui.py` only wires it
to components. Chat messages are Markdown in which nothing from a source or the model can
become markup: their text is escaped, and only our own citation links (`#cite-<k>-<n>`:
entry k of the session, marker n) are links.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from .errors import DebateBotError, InputError
from .instructions import gives_orders
from .markdown import answer_markdown, debate_markdown, escape, render_markdown
from .models import Answer, Citation, Claim, Debate, Side, Turn, unique_citations
from .text import display, sentence_spans
from .units import ends_sentence

if TYPE_CHECKING:
    from .bot import DebateBot
    from .motion import Motion

WATCH = "Nobody (watch)"
READ = "Read it from my claim"  # the steelman's claim side, when the student does not say it
ARGUE = "Argue: "  # + the side's name, one mode per side of the motion
STEELMAN = "Steelman the other side"
Message = dict[str, str]  # {"role": "user" | "assistant", "content": Markdown}
_REF = re.compile(r"^(\d+)-(\d+)$")


def modes(motion: Motion) -> list[str]:
    """The chat's modes for a motion: Ask, one Argue mode per side, Steelman, Debate."""
    return ["Ask", *(ARGUE + name for name in motion.names().values()), STEELMAN, "Debate"]


def argued_side(mode: str, motion: Motion) -> Side | None:
    """The side an Argue mode argues ("Argue: open-source AI", or "Argue open" by key)."""
    if not mode.startswith("Argue"):
        return None
    wanted = mode.removeprefix("Argue").strip(" :").lower()
    for side, name in motion.names().items():
        if wanted in (side.lower(), name.lower()):
            return side
    return None


def linked(claims: list[Claim], entry: int) -> str:
    """Claims as escaped text, each followed by its citation markers as links to the
    passage panel; claims of a group under its label in bold (see `render_markdown`)."""
    return render_markdown(claims, lambda x: f"[\\[{x.marker}\\]](#cite-{entry}-{x.marker})")


def sources_list(citations: list[Citation], entry: int) -> str:
    lines = []
    for c in citations:
        quote = escape(c.quote if len(c.quote) <= 160 else c.quote[:157] + "...")
        lines.append(
            f"- [\\[{c.marker}\\]](#cite-{entry}-{c.marker}) **{escape(c.label)}** "
            f"({c.stance}): “{quote}”"
        )
    return "\n".join(lines)


def answer_message(answer: Answer, entry: int) -> str:
    """An Answer as a chat message: heading, claims with markers, sources and balance."""
    parts = []
    if answer.mode == "argue" and answer.side:
        parts.append(f"**The case for {escape(answer.side_name)}**")
    if answer.mode == "steelman" and answer.side and answer.claim_side:
        parts.append(
            f"**Your claim argues for {escape(answer.claim_side_name)}; the strongest case for "
            f"{escape(answer.side_name)}:**"
        )
    if answer.refused:
        parts.append(escape(answer.text))  # a refusal, said plainly
        if answer.nearest:
            parts.append("**Closest, but not an answer:**")
            parts.append(
                "\n".join(f"- **{escape(c.label)}**: “{escape(c.quote)}”" for c in answer.nearest)
            )
    else:
        if answer.note:
            parts.append(f"*{escape(answer.note)}*")
        parts.append(linked(answer.claims, entry))
    if answer.concessions:
        parts.append("**What your claim gets right:** " + linked(answer.concessions, entry))
    if answer.citations:
        parts += ["**Sources**", sources_list(answer.citations, entry)]
        parts.append(f"*{escape(answer.balance.summary())}*")
    return "\n\n".join(parts)


def turn_message(turn: Turn, entry: int, names: dict[Side, str] | None = None) -> str:
    """A bot turn of a debate as a chat message; `names`: the motion's names of the sides."""
    names = names or {}
    head = f"**{escape(names.get(turn.side, turn.side))} — {turn.stage}**"
    parts = [head]
    if turn.rebuts:
        said = escape(names.get(turn.rebuts.side, turn.rebuts.side))
        parts.append(f"> {said} said: “{escape(turn.rebuts.quote)}”")
    parts.append(linked(turn.claims, entry) if turn.claims else escape(turn.text))
    if turn.claims:
        parts += ["**Sources**", sources_list(unique_citations(turn.claims), entry)]
    return "\n\n".join(parts)


def drafting(text: str) -> str:
    """Progress while the model writes. Its words are not shown until they are checked:
    an unchecked draft may repeat anything its passages say, orders included."""
    n = len(text.split())
    written = f" {n} word{'s' if n != 1 else ''} written;" if n else ""
    return f"*Drafting —{written} each sentence is checked against its quote before it is shown…*"


class Session:
    """One conversation: the answers and debates so far, and their chat messages."""

    def __init__(self) -> None:
        self.entries: list[Answer | Debate] = []
        self.messages: list[Message] = []

    @property
    def debate(self) -> Debate | None:
        """The debate waiting for the student's turn, if any."""
        last = self.entries[-1] if self.entries else None
        if isinstance(last, Debate) and not last.finished and last.student_side:
            return last
        return None

    def respond(
        self,
        bot: DebateBot,
        mode: str,
        text: str,
        rounds: int = 3,
        student: str = WATCH,
        claim_side: str = READ,
    ) -> Iterator[list[Message]]:
        """Answer `text` in `mode`, yielding the chat messages as they change. On an error
        the conversation goes back to how it was: no unchecked draft stays on screen.
        `claim_side` is the side a steelman's claim takes, if the student says it."""
        messages, entries = len(self.messages), len(self.entries)
        try:
            yield from self._respond(bot, mode, text, rounds, student, claim_side)
        except DebateBotError:
            del self.messages[messages:], self.entries[entries:]
            raise

    def _respond(
        self, bot: DebateBot, mode: str, text: str, rounds: int, student: str, claim_side: str
    ) -> Iterator[list[Message]]:
        side = argued_side(mode, bot.motion)
        if mode not in modes(bot.motion) and side is None:
            names = ", ".join(modes(bot.motion))
            raise InputError(f"Unknown mode {mode!r}: pick one of {names}.")
        text = bot.validate(text)
        if mode == "Debate":
            yield from self._debate(bot, text, rounds, student)
            return
        entry = len(self.entries)
        self.messages.append({"role": "user", "content": f"*{mode}:* {escape(text)}"})
        self.messages.append({"role": "assistant", "content": drafting("")})
        yield self.messages
        if mode == "Ask":
            stream = bot.ask_stream(text)
        elif mode == STEELMAN:
            stream = bot.steelman_stream(text, None if claim_side == READ else claim_side)
        else:
            assert side is not None
            stream = bot.argue_stream(text, side=side)
        draft = ""
        for piece in stream:
            if isinstance(piece, Answer):
                self.entries.append(piece)
                self.messages[-1] = {"role": "assistant", "content": answer_message(piece, entry)}
            else:
                draft += piece
                self.messages[-1] = {"role": "assistant", "content": drafting(draft)}
            yield self.messages

    def _debate(
        self, bot: DebateBot, text: str, rounds: int, student: str
    ) -> Iterator[list[Message]]:
        debate = self.debate
        if debate is not None:  # the student's turn in a running debate
            entry = len(self.entries) - 1
            self.messages.append(
                {"role": "user", "content": f"*{debate.student_side} (you):* {escape(text)}"}
            )
            stream = bot.reply_stream(debate, text)
        else:
            side: Side | None = None if student == WATCH else student
            entry = len(self.entries)
            self.messages.append({"role": "user", "content": f"*Debate:* {escape(text)}"})
            stream = bot.debate_stream(text, rounds=int(rounds), student_side=side)
        yield self.messages
        draft = ""
        for piece in stream:
            if isinstance(piece, Debate):
                if entry == len(self.entries):
                    self.entries.append(piece)
                else:
                    self.entries[entry] = piece
                if piece.next_turn and piece.student_side:
                    side_due, stage = piece.next_turn
                    self.messages.append(
                        {"role": "assistant", "content": f"*Your turn: the {side_due} {stage}.*"}
                    )
            elif isinstance(piece, Turn):
                draft = ""
                if piece.speaker == "student":
                    continue  # already shown as the user's message
                self._settle(
                    {"role": "assistant", "content": turn_message(piece, entry, bot.motion.names())}
                )
            else:
                draft += piece
                self._settle({"role": "assistant", "content": drafting(draft)})
            yield self.messages

    def _settle(self, message: Message) -> None:
        """Replace the drafting message (if the last one is a draft) or append."""
        if self.messages and self.messages[-1]["content"].startswith("*Drafting"):
            self.messages[-1] = message
        else:
            self.messages.append(message)

    def citation(self, ref: str) -> Citation:
        """The citation a marker link points at (`"<entry>-<marker>"`)."""
        match = _REF.match(ref.strip())
        if not match:
            raise InputError(f"Not a citation reference: {ref!r}.")
        k, n = int(match[1]), int(match[2])
        if k >= len(self.entries):
            raise InputError("That citation belongs to a conversation that was reset.")
        for c in self.entries[k].citations:
            if c.marker == n:
                return c
        raise InputError(f"No citation [{n}] in that answer.")

    def to_markdown(self) -> str:
        """The whole conversation, each answer or debate with its bibliography."""
        parts = ["# debatebot conversation", ""]
        for entry in self.entries:
            parts.append(
                debate_markdown(entry) if isinstance(entry, Debate) else answer_markdown(entry)
            )
        return "\n".join(parts)


def passage_view(citation: Citation, source_text: str) -> tuple[str, list[tuple[str, str | None]]]:
    """What the passage panel shows: a header, and the quote's paragraph as
    (text, "quoted" | None) segments with the quoted span marked."""
    start = source_text.rfind("\n", 0, citation.start) + 1
    end = source_text.find("\n", citation.end)
    end = len(source_text) if end < 0 else end
    title = f" — “{escape(citation.title)}”" if citation.title else ""
    header = (
        f"**[{citation.marker}] {escape(citation.label)}**{title}\n\n"
        f"Argues: **{citation.stance}** · `{citation.source}`, characters "
        f"{citation.start}–{citation.end}"
    )
    segments: list[tuple[str, str | None]] = [
        (_context(source_text, start, citation.start), None),
        (display(citation.quote), "quoted"),
        (_context(source_text, citation.end, end), None),
    ]
    return header, [s for s in segments if s[0].strip()]


HIDDEN_ORDER = "[an instruction in the source, not shown]"


def _context(text: str, start: int, end: int) -> str:
    """The text around a quote, as read (`display`), with any sentence that gives orders
    to its reader replaced by a note (an order in a source is never shown: instructions.py)
    and any fragment that ends no sentence by "…"."""
    pieces, at = [], start
    for a, b in sentence_spans(text, start, end):
        pieces.append(text[at:a])
        piece = text[a:b]
        if gives_orders(piece):
            piece = HIDDEN_ORDER
        elif not ends_sentence(piece):
            piece = "…"  # a fragment (a heading or markup inside the line) is not context
        pieces.append(piece)
        at = b
    pieces.append(text[at:end])
    edge = " " if text[start:end][:1].isspace() else ""
    tail = " " if text[start:end][-1:].isspace() else ""
    shown = display("".join(pieces))
    return f"{edge}{shown}{tail}" if shown else ""
