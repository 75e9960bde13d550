"""The debate modes on the real model and store: argue, steelman, debate, student replies."""

from __future__ import annotations

import json

import numpy as np
import pytest

from debatebot import Answer, InputError
from debatebot.debating import NEUTRAL_SIDE, OTHER_SIDE, OWN_SIDE, WORDS, Point, aspect_of
from debatebot.likeness import vocabulary
from debatebot.markdown import escape
from debatebot.models import Debate
from debatebot.text import stem
from debatebot.verify import support

OPPOSITE = {"open": "closed", "closed": "open"}


def assert_checked(bot, claims) -> None:
    """Every claim: verbatim quotes at their offsets, each supporting the claim."""
    for claim in claims:
        assert claim.citations
        for c in claim.citations:
            assert bot.source_text(c.source)[c.start : c.end] == c.quote
            assert support(claim.text, c.quote) >= bot.settings.support_threshold


def mostly_for(claims, side) -> bool:
    """Most citations come from documents that lean `side` or are mixed."""
    stances = [c.stance for claim in claims for c in claim.citations]
    return sum(s in (side, "neutral") for s in stances) > len(stances) / 2


@pytest.mark.parametrize(
    ("topic", "side", "expected"),
    # "Open-source models have the illusion of being free. But developers bear the
    # inference costs …": the sentence after "But" stands for the one before it
    [("cost", "open", "cost"), ("cost", "closed", "developers bear the inference costs"),
     ("national security", "open", "Banning open source on national security grounds"),
     ("national security", "closed", "national security risk"),
     ("speed of iteration", "open", "iterate")],
)  # fmt: skip
def test_argue_finds_the_sides_case_on_the_topic(bot, topic, side, expected) -> None:
    ans = bot.argue(topic, side=side)
    assert ans.mode == "argue" and ans.side == side and not ans.refused and not ans.note
    assert ans.side_name == bot.motion.name(side)
    assert 1 <= len(ans.claims) <= bot.settings.argue_claims
    assert_checked(bot, ans.claims)
    assert mostly_for(ans.claims, side), ans.text
    assert any(expected in c.quote for c in ans.citations), ans.text
    # the stance stored for each cited passage is the one the retriever returned
    passages = {p.id: p for p in ans.passages}
    for c in ans.citations:
        assert passages[c.passage_id].stance == c.stance


def test_ranking_favours_the_sides_documents_by_a_fixed_bonus(bot, monkeypatch) -> None:
    d = bot.debater
    # each unit scored as itself (no view stated only to be answered stands for its answer)
    monkeypatch.setattr(type(bot.sources), "answers", property(lambda _: {}))
    point = d.point("the cost of running models")
    assert point.words == ["cost", "running"]  # "models": the motion's subject
    weights = [bot.sources.stats.idf(stem(w)) for w in point.words]

    def check(unknown: str) -> None:
        ranked = d.ranked(point, "open")
        said = bot.sources.words.recall(
            point.words, weights, [sorted(vocabulary([t])) for *_, t in ranked]
        )
        for (score, dense, unit, passage, _), words_said in zip(ranked, said, strict=True):
            bonus = {"open": OWN_SIDE, "closed": -OTHER_SIDE}.get(passage.stance, 0.0)
            bonus += NEUTRAL_SIDE if unit.source == unknown else 0.0
            assert score == pytest.approx(dense + WORDS * words_said + bonus, abs=1e-5)

    check(unknown="")  # every essay's lean is known ("mixed" takes no bonus)
    # a document added with no lean stands with the side's own, for either side; the other
    # side's documents stand below both
    assert NEUTRAL_SIDE == OWN_SIDE > 0 < OTHER_SIDE
    hoffman = "allin-hoffman-open-vs-closed.txt"
    catalog = [
        e.model_copy(update={"lean": None}) if e.file == hoffman else e for e in bot.sources.catalog
    ]
    monkeypatch.setattr(bot.sources, "catalog", catalog)
    check(unknown=hoffman)


def test_the_aspect_keeps_the_point_and_drops_the_side_taking_words(bot) -> None:
    motion = bot.motion
    assert aspect_of("Open-source models will never catch up with closed models.", motion) == (
        "catch up with"
    )
    assert aspect_of("Meta will keep open-sourcing its best models forever.", motion) == (
        "meta keep its forever"
    )
    assert aspect_of("Open-source AI will win.", motion) == ""  # the motion alone: no aspect
    # what someone else prefers is the point; the speaker's own preference only a stance
    assert aspect_of("Pupils prefer open models once they try them.", motion) == (
        "pupils prefer once they try them"
    )
    assert aspect_of("I prefer open models for their licences.", motion) == "i for their licences"


def test_argue_gives_three_to_five_claims_on_a_broad_topic(bot) -> None:
    for side in ("open", "closed"):
        ans = bot.argue("Will open-source AI win against closed-source AI?", side=side)
        assert 3 <= len(ans.claims) <= 5, ans.text
        assert_checked(bot, ans.claims)
        assert all(c.stance == side for c in ans.citations), ans.text  # the side's own case


def test_argue_says_so_and_gives_the_general_case_when_the_topic_is_not_there(bot) -> None:
    ans = bot.argue("the best pizza toppings in Naples", side="open")
    assert ans.note.startswith("The sources have nothing on “the pizza toppings in naples”")
    assert "general case for open-source AI" in ans.note and ans.text.startswith(ans.note)
    assert ans.claims and all(c.stance == "open" for c in ans.citations)
    assert_checked(bot, ans.claims)


def test_a_sides_general_case_is_its_overview(bot) -> None:
    # what "What are the main arguments for X?" shows opens a debate and stands in for a
    # point the sources have nothing on
    overview = bot.ask("What are the main arguments for open-source AI?")
    claims, _, _ = bot.debater.picks(Point("", "", None, []), "open", 3)
    spans = [(c.citations[0].source, c.citations[0].start) for c in claims]
    assert spans == [(c.source, c.start) for c in overview.citations][:3]


def test_argue_rejects_a_bad_side(bot) -> None:
    with pytest.raises(InputError, match="'open' or 'closed'"):
        bot.argue("cost", side="middle")


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
    assert_checked(bot, ans.claims)
    assert mostly_for(ans.claims, ans.side), ans.text
    assert ans.concessions, "ends with what the claim gets right"
    assert_checked(bot, ans.concessions)
    assert ans.text.index("What your claim gets right") > ans.text.index("[1]")


def cosine(a, b) -> float:
    return float(np.dot(a, b) / (np.linalg.norm(a) * np.linalg.norm(b)))


def test_steelman_looks_for_the_claim_said_for_the_other_side(bot) -> None:
    d = bot.debater
    claim = "Closed labs will keep the best models to themselves."
    own, counter = d.point(claim), d.counter_point(claim)
    swapped = np.asarray(bot.sources.embed(d.motion.swap_sides(claim)))
    assert counter.aspect == own.aspect and counter.words == own.words
    assert cosine(counter.vector, swapped) > cosine(own.vector, swapped)
    assert cosine(counter.vector, own.vector) > cosine(counter.vector, swapped)  # mostly its own
    no_side = "Only the biggest models will matter in the end."
    assert np.array_equal(d.counter_point(no_side).vector, d.point(no_side).vector)


def test_steelman_answers_the_point_not_the_generic_thesis(bot) -> None:
    never = bot.steelman("Open source will never matter, because the best models are closed.")
    meta = bot.steelman("Meta will keep open-sourcing its best models forever.")
    assert never.claim_side == "closed" and meta.claim_side == "open"
    keys = [{(c.source, c.start) for c in a.citations} for a in (never, meta)]
    assert keys[0] != keys[1]
    assert any("Meta" in c.quote or "Zuck" in c.quote for c in meta.citations), meta.text


def test_steelman_gives_a_side_to_a_sweeping_claim(bot) -> None:
    ans = bot.steelman("Open-source AI is a gift to everyone and has no downsides.")
    assert ans.claim_side == "open" and ans.side == "closed" and ans.claims
    assert "names neither side" not in ans.text


def test_steelman_says_how_it_read_a_claim_that_names_no_side(bot) -> None:
    ans = bot.steelman("Only the biggest models will matter in the end.")
    assert ans.claim_side is not None and ans.claims
    assert ans.note.startswith("Your claim names neither side; I read it as arguing for")
    assert ans.text.startswith(ans.note)


def test_a_student_may_say_which_side_their_claim_takes(bot) -> None:
    claim = "Free weights are a gift to spammers."
    for given in ("open", "closed"):
        ans = bot.steelman(claim, claim_side=given)
        assert ans.claim_side == given and ans.side == OPPOSITE[given] and ans.claims
        assert_checked(bot, ans.claims)
        assert "I read it as" not in ans.text  # nothing was read: the student said it
    with pytest.raises(InputError, match="'open' or 'closed'"):
        bot.steelman(claim, claim_side="both")


def test_steelman_of_a_claim_without_a_side_says_what_it_could_not_tell(bot) -> None:
    ans = bot.steelman("The weather in Paris is mild in spring.")
    assert ans.refused and ans.claim_side is None
    assert "which side of “Open-source AI will win”" in ans.text
    assert "names neither side" in ans.text


def test_debate_alternates_sides_and_rebuttals_quote_the_opponent(bot) -> None:
    debate = bot.debate("Open-source AI will win", rounds=3)
    assert [(t.side, t.stage) for t in debate.turns] == [
        ("open", "opening"), ("closed", "opening"),
        ("open", "rebuttal"), ("closed", "rebuttal"),
        ("open", "closing"), ("closed", "closing"),
    ]  # fmt: skip
    assert debate.finished and all(t.speaker == "bot" for t in debate.turns)
    for turn in debate.turns:
        assert_checked(bot, turn.claims)
        assert mostly_for(turn.claims, turn.side), turn.text
    for turn in debate.turns[2:4]:
        assert turn.rebuts is not None, turn
        previous = debate.turns[turn.rebuts.turn - 1]
        assert previous.side == OPPOSITE[turn.side] == turn.rebuts.side
        assert turn.rebuts.quote in [c.text for c in previous.claims]
    # a closing restates the side's points that stood: claims it made before
    for closing in debate.turns[4:]:
        earlier = {c.text for t in debate.turns[:4] if t.side == closing.side for c in t.claims}
        assert closing.claims and {c.text for c in closing.claims} <= earlier
    # one numbering across the debate: a span keeps its marker, markers are 1..n
    markers = [c.marker for c in debate.citations]
    assert markers == list(range(1, len(markers) + 1))


def test_a_two_round_debate_answers_the_other_side_before_it_closes(bot) -> None:
    debate = bot.debate("Open-source AI will win", rounds=2)
    opening, other_opening, closing, last = debate.turns
    # each closing answers the opponent's last turn (there were no rebuttals), then sums up
    assert closing.rebuts is not None and closing.rebuts.turn == other_opening.number
    assert closing.rebuts.quote in [c.text for c in other_opening.claims]
    assert last.rebuts is not None and last.rebuts.turn == closing.number
    for turn, first in ((closing, opening), (last, other_opening)):
        assert turn.claims[0].text not in {c.text for c in first.claims}
        assert {c.text for c in turn.claims[1:]} <= {c.text for c in first.claims}
        assert_checked(bot, turn.claims)
        assert mostly_for(turn.claims, turn.side), turn.text


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
    # a closing after a student's turn answers it first, then restates the side's points
    assert closing.rebuts is not None and closing.rebuts.quote == student
    opening = {c.text for c in debate.turns[0].claims}
    assert closing.claims and not closing.refused
    assert closing.claims[0].text not in opening and closing.claims[1].text in opening
    assert_checked(bot, closing.claims)

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
    assert_checked(bot, rebuttal.claims)
    assert any(
        "security" in c.quote or "adversaries" in c.quote for c in rebuttal.claims[0].citations
    )


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
    assert balance.sides.get("open", 0) == 0
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
    for turn in debate.turns:  # each claim, escaped as Markdown (markdown.escape)
        assert all(escape(c.text) in md for c in turn.claims)
    assert md.count("characters ") == len(debate.citations)
    assert Answer.model_validate_json(ans.model_dump_json()).to_markdown() == ans.to_markdown()


def test_only_statements_are_arguments() -> None:
    from debatebot.debating import _is_statement

    assert _is_statement("Open models can outperform massive closed models on cost.")
    assert not _is_statement("** The open-sourcing")  # a fragment the model wrote
    assert not _is_statement("Rather, how do you build the best AI system, and which models?")


@pytest.mark.parametrize(
    ("point", "side", "view", "answer"),
    [("Decentralized control of AI is always better than trusting one company.", "closed",
      "A common open-source claim is", "But that’s a luxury US belief"),
     ("Closed models dominate the benchmarks.", "open",
      "In today’s AI paradigm, closed source models", "However, open source models are rarely")],
)  # fmt: skip
def test_a_view_the_sides_writer_answers_is_cited_by_its_answer(
    bot, point: str, side: str, view: str, answer: str
) -> None:
    # "X claims P. But Q.": the writer of a document leaning the side answers P with Q
    d = bot.debater
    picked, _, _ = d.picks(d.counter_point(point), side, bot.settings.argue_claims)
    quotes = [c.citations[0].quote for c in picked]
    assert any(q.startswith(answer) for q in quotes), quotes
    assert not any(q.startswith(view) for q in quotes), quotes


# --- the model's draft in the debate modes, scripted -------------------------------------------


def test_the_model_sees_only_the_picked_sentences_and_a_faithful_one_is_kept(scripted) -> None:
    bot, model = scripted
    d = bot.debater
    picked, _, _ = d.picks(d.point("national security"), "closed", bot.settings.argue_claims)
    first = picked[0].citations[0].quote
    model.say(f"{first} [1]")
    ans = bot.argue("national security", side="closed")
    user = model.prompts[-1][-1]["content"]
    assert user.count("<passage") == len(picked) and first in user
    assert ans.claims[0].origin == "model" and ans.claims[0].citations[0].quote == first
    assert ans.dropped == []


def test_unsupported_fragments_and_other_side_sentences_are_dropped(scripted) -> None:
    bot, model = scripted
    model.say(
        "Open-source models have nine hundred GPUs in every lab [1]. ** The open-sourcing [2]. "
        "Closed-source AI is better and will win [3]."
    )
    ans = bot.argue("national security", side="open")
    assert all(c.origin == "extractive" for c in ans.claims)
    assert len(ans.dropped) == 3, ans.dropped
    assert ans.claims and len(ans.claims) <= bot.settings.argue_claims
    # a supported sentence that argues the other side would be dropped by this test
    assert bot.debater.argues_against("Closed-source AI is better and will win.", "open")
    assert not bot.debater.argues_against("Open-source AI is better and will win.", "open")


def test_with_nothing_on_the_topic_the_model_is_not_asked_for_a_side_without_sources(
    scripted,
) -> None:
    bot, model = scripted
    calls = len(model.prompts)
    ans = bot.steelman("I like pizza.")  # off the motion: no side, no model call
    assert ans.refused and len(model.prompts) == calls
