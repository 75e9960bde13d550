"""A second motion, end to end through the Python API: "Schools should ban phones in class",
with its own motion file and three short documents (examples/phones/sources), and no code
that knows about it."""

from __future__ import annotations

import pytest

from debatebot import DebateBot
from debatebot.chat import Session, modes
from debatebot.settings import REPO_ROOT, Settings

from .conftest import copy_sources

PHONES = REPO_ROOT / "examples" / "phones" / "sources"


@pytest.fixture(scope="module")
def phones_bot(tmp_path_factory, embedder, llamacpp_backend) -> DebateBot:
    index_dir = copy_sources(tmp_path_factory.mktemp("phones"), PHONES)
    return DebateBot(Settings(index_dir=index_dir), backend=llamacpp_backend, embedder=embedder)


def verbatim(bot: DebateBot, answer) -> None:
    assert answer.citations
    for c in answer.citations:
        assert bot.source_text(c.source)[c.start : c.end] == c.quote


def test_the_manifest_chooses_the_motion(phones_bot) -> None:
    motion = phones_bot.motion
    assert motion.motion == "Schools should ban phones in class"
    assert motion.side_keys == ["ban", "allow"]
    assert modes(motion)[1:3] == ["Argue: a classroom phone ban", "Argue: phones in class"]


def test_ask_answers_from_the_new_documents(phones_bot) -> None:
    ans = phones_bot.ask("What happened to behaviour referrals after the pouches came in?")
    assert not ans.refused, ans.text
    verbatim(phones_bot, ans)
    assert any("fell by a third" in c.quote for c in ans.citations)


@pytest.mark.parametrize(
    ("topic", "side", "expected"),
    [("attention", "ban", "pulls at a child"),
     ("reaching families in an emergency", "allow", "parents"),
     ("pupils with dyslexia", "allow", "dyslexia")],
)  # fmt: skip
def test_argue_either_side(phones_bot, topic, side, expected) -> None:
    ans = phones_bot.argue(topic, side=side)
    assert ans.side == side and ans.side_name == phones_bot.motion.name(side)
    verbatim(phones_bot, ans)
    assert any(expected in c.quote for c in ans.citations), ans.text


def test_steelman_takes_the_other_side(phones_bot) -> None:
    ans = phones_bot.steelman("Schools should ban phones in class, they only distract.")
    assert (ans.claim_side, ans.side) == ("ban", "allow")
    assert ans.claim_side_name == "a classroom phone ban"
    verbatim(phones_bot, ans)
    stances = [c.stance for c in ans.citations]
    assert sum(s in ("allow", "neutral") for s in stances) > len(stances) / 2, ans.text


def test_a_two_round_debate_alternates_the_motions_sides(phones_bot) -> None:
    debate = phones_bot.debate(rounds=2)
    assert debate.motion == "Schools should ban phones in class"
    assert [(t.side, t.stage) for t in debate.turns] == [
        ("ban", "opening"), ("allow", "opening"), ("ban", "closing"), ("allow", "closing"),
    ]  # fmt: skip
    assert all(t.claims for t in debate.turns)
    assert debate.side_names == {"ban": "a classroom phone ban", "allow": "phones in class"}
    assert "**1. a classroom phone ban — opening (debatebot)**" in debate.to_markdown()


def test_the_chat_argues_a_side_by_its_name(phones_bot) -> None:
    session = Session()
    for _ in session.respond(phones_bot, "Argue: phones in class", "learning tools"):
        pass
    answer = session.entries[-1]
    assert answer.side == "allow"
    assert "The case for phones in class" in session.messages[-1]["content"]
