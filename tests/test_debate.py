"""The debate modes on the real model and store: argue, steelman, debate, student replies."""

from __future__ import annotations

import json

import pytest

from debatebot import Answer, InputError
from debatebot.models import Debate
from debatebot.stance import CueStance
from debatebot.verify import support

OPPOSITE = {"open": "closed", "closed": "open"}


def assert_side_correct(bot, claims, side) -> None:
    """Every claim: a verbatim quote, from a passage of `side` or neutral, not arguing against."""
    cues = CueStance(prior_weight=0.0)
    for claim in claims:
        assert claim.citations
        for c in claim.citations:
            assert bot.source_text(c.source)[c.start : c.end] == c.quote
            assert c.stance in (side, "neutral"), (c.stance, c.quote)
            score = cues.score(c.quote)
            assert (score >= 0) if side == "open" else (score <= 0), c.quote
            assert support(claim.text, c.quote) >= bot.settings.support_threshold


@pytest.mark.parametrize(
    ("topic", "side"),
    [("cost", "open"), ("cost", "closed"), ("national security", "open"),
     ("national security", "closed"), ("speed of iteration", "open")],
)  # fmt: skip
def test_argue_cites_only_its_own_side_or_neutral_facts(bot, topic, side) -> None:
    ans = bot.argue(topic, side=side)
    assert ans.mode == "argue" and ans.side == side and not ans.refused
    assert 1 <= len(ans.claims) <= bot.settings.argue_claims
    assert_side_correct(bot, ans.claims, side)
    # the stance stored for each cited passage is the one the retriever returned
    passages = {p.id: p for p in ans.passages}
    for c in ans.citations:
        assert passages[c.passage_id].stance == c.stance


def test_argue_gives_three_to_five_claims_on_a_broad_topic(bot) -> None:
    for side in ("open", "closed"):
        ans = bot.argue("Will open-source AI win against closed-source AI?", side=side)
        assert 3 <= len(ans.claims) <= 5, ans.text
        assert_side_correct(bot, ans.claims, side)


def test_argue_says_so_when_the_sources_hold_nothing(bot) -> None:
    ans = bot.argue("the best pizza toppings in Naples", side="open")
    assert ans.refused and not ans.claims
    assert "hold nothing" in ans.text


def test_argue_rejects_a_bad_side(bot) -> None:
    with pytest.raises(InputError, match="'open' or 'closed'"):
        bot.argue("cost", side="middle")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("claim", "claim_side"),
    [
        ("Open-source AI will win.", "open"),
        ("Open-source models iterate faster than closed ones.", "open"),
        ("Closed models will always stay ahead of open ones.", "closed"),
        ("Open-source models are a danger to national security.", "closed"),
    ],
)
def test_steelman_argues_the_side_opposite_to_the_claim(bot, claim, claim_side) -> None:
    ans = bot.steelman(claim)
    assert ans.mode == "steelman"
    assert ans.claim_side == claim_side and ans.side == OPPOSITE[claim_side]
    assert ans.claims, ans.text
    assert_side_correct(bot, ans.claims, ans.side)
    assert ans.concessions, "ends with what the claim gets right"
    assert_side_correct(bot, ans.concessions, claim_side)
    assert ans.text.index("What your claim gets right") > ans.text.index("[1]")


def test_steelman_of_a_claim_without_a_side_says_so(bot) -> None:
    ans = bot.steelman("The weather in Paris is mild in spring.")
    assert ans.refused and ans.claim_side is None and "which side" in ans.text


def test_debate_alternates_sides_and_rebuttals_quote_the_opponent(bot) -> None:
    debate = bot.debate("Open-source AI will win", rounds=3)
    assert [(t.side, t.stage) for t in debate.turns] == [
        ("open", "opening"), ("closed", "opening"),
        ("open", "rebuttal"), ("closed", "rebuttal"),
        ("open", "closing"), ("closed", "closing"),
    ]  # fmt: skip
    assert debate.finished and all(t.speaker == "bot" for t in debate.turns)
    for turn in debate.turns:
        assert_side_correct(bot, turn.claims, turn.side)
    for turn in debate.turns[2:4]:
        assert turn.rebuts is not None, turn
        previous = debate.turns[turn.rebuts.turn - 1]
        assert previous.side == OPPOSITE[turn.side] == turn.rebuts.side
        assert turn.rebuts.quote in [c.text for c in previous.claims]
    # one numbering across the debate: a span keeps its marker, markers are 1..n
    markers = [c.marker for c in debate.citations]
    assert markers == list(range(1, len(markers) + 1))


def test_a_student_takes_a_side_and_the_bot_rebuts_each_turn(bot) -> None:
    debate = bot.debate("Open-source AI will win", rounds=2, student_side="closed")
    assert [(t.side, t.speaker) for t in debate.turns] == [("open", "bot")]
    assert debate.next_turn == ("closed", "opening")

    student = "Closed models cost less to run because API prices keep falling."
    debate = bot.reply(debate, student)
    sides = [(t.side, t.speaker, t.stage) for t in debate.turns]
    assert sides == [
        ("open", "bot", "opening"),
        ("closed", "student", "opening"),
        ("open", "bot", "closing"),
    ]
    assert debate.turns[1].text == student and not debate.turns[1].claims
    closing = debate.turns[2]
    # a closing after a student's turn answers it, and is never empty
    assert closing.rebuts is not None and closing.rebuts.quote == student
    assert closing.claims and not closing.refused
    assert_side_correct(bot, closing.claims, "open")

    debate = bot.reply(debate, "The winning models of the next decade will be closed.")
    assert debate.finished and len(debate.turns) == 4
    with pytest.raises(InputError, match="over"):
        bot.reply(debate, "One more thing.")


def test_reply_rebuts_a_sentence_of_the_student(bot) -> None:
    debate = bot.debate("Open-source AI will win", rounds=3, student_side="closed")
    student = "Open-source models are a risk to national security."
    debate = bot.reply(debate, student)
    rebuttal = debate.turns[2]
    assert rebuttal.stage == "rebuttal" and rebuttal.side == "open"
    assert rebuttal.rebuts is not None and rebuttal.rebuts.quote == student
    assert rebuttal.rebuts.turn == 2 and rebuttal.claims
    assert_side_correct(bot, rebuttal.claims, "open")


def test_reply_checks_whose_turn_it_is(bot) -> None:
    with pytest.raises(InputError, match="no student side"):
        bot.reply(Debate(motion="x", rounds=1), "hello")
    debate = Debate(motion="Open-source AI will win", rounds=1, student_side="open")
    with pytest.raises(InputError, match="empty"):
        bot.reply(debate, "  ")
    with pytest.raises(InputError, match="1 to 10 rounds"):
        bot.debate("Open-source AI will win", rounds=0)


def test_balance_report_counts_documents_and_sides(bot) -> None:
    ans = bot.argue("Will open-source AI win against closed-source AI?", side="closed")
    balance = ans.balance
    assert sum(balance.documents.values()) == len(ans.citations) == sum(balance.sides.values())
    assert balance.sides["open"] == 0
    for c in ans.citations:
        assert balance.documents[c.label] >= 1
    assert json.loads(ans.model_dump_json())["balance"] == balance.model_dump()
    assert balance.summary().startswith("Cited: ")


def test_markdown_export_has_every_claim_and_a_bibliography(bot) -> None:
    ans = bot.steelman("Open-source AI will win.")
    md = ans.to_markdown()
    assert md == ans._repr_markdown_()
    assert "**Sources**" in md and "What your claim gets right" in md
    for c in ans.citations:
        assert f"{c.marker}. {c.label}" in md and f"characters {c.start}–{c.end}" in md
    debate = bot.debate("Open-source AI will win", rounds=2)
    md = debate.to_markdown()
    assert md.startswith("## Debate: Open-source AI will win")
    for turn in debate.turns:
        assert turn.text in md
    assert md.count("characters ") == len(debate.citations)
    assert Answer.model_validate_json(ans.model_dump_json()).to_markdown() == ans.to_markdown()


def test_only_statements_are_arguments() -> None:
    from debatebot.debating import _is_statement

    assert _is_statement("Open models can outperform massive closed models on cost.")
    assert not _is_statement("** The open-sourcing")  # a fragment the model wrote
    assert not _is_statement("Rather, how do you build the best AI system, and which models?")
