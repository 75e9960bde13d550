"""The answer pipeline's stages, each alone, and every path of the model's draft (scripted)."""

from __future__ import annotations

import pytest
import yaml

from debatebot.evaluation import replay
from debatebot.models import REFUSAL
from debatebot.pipeline import (
    CLOSING,
    GROUP_CLAIMS,
    answers,
    compose,
    draft,
    draft_messages,
    restated,
    retrieve,
    select,
    understand,
    verify,
)
from debatebot.settings import REPO_ROOT

from .conftest import GPU_QUESTION


def test_each_stage_runs_alone_and_hands_the_next_what_it_needs(bot) -> None:
    s = bot.sources
    query = understand(GPU_QUESTION, s)
    assert query.kind == "fact" and query.wants == "number" and query.counted == "GPUs"
    pools = retrieve(query, s)
    inside = [p.start <= u.start and u.end <= p.end for pool in pools for u, p, _ in pool.units]
    assert inside and all(inside)
    selection = select(query, pools, s)
    assert not selection.refused and "64 GPUs" in selection.picked[0].quote
    text = "Stanford's NLP lab has only 64 GPUs [1]."
    kept, dropped = verify(text, selection, s)
    assert [c.text for c in kept] == ["Stanford's NLP lab has only 64 GPUs."] and not dropped
    answer = compose(selection, kept, dropped, text, s)
    assert answer.claims[0].origin == "model" and answer.kind == "fact"
    c = answer.claims[0].citations[0]
    assert s.source_text(c.source)[c.start : c.end] == c.quote


def test_the_model_sees_only_the_units_the_answer_is_built_from(bot) -> None:
    s = bot.sources
    selection = select(q := understand(GPU_QUESTION, s), retrieve(q, s), s)
    user = draft_messages(selection, s)[-1]["content"]
    assert "64 GPUs" in user
    assert user.count("<passage") == len(selection.picked) <= bot.settings.max_claims
    passages = sum(len(p.text) for p in selection.passages)
    assert len(user) < passages  # a few sentences, not whole chunks


def test_a_faithful_model_sentence_is_shown_as_the_models(scripted) -> None:
    bot, model = scripted
    model.say("Stanford's NLP lab has only 64 GPUs [1].")
    ans = bot.ask(GPU_QUESTION)
    assert [(c.text, c.origin) for c in ans.claims][0] == (
        "Stanford's NLP lab has only 64 GPUs.",
        "model",
    )
    assert ans.dropped == []


def test_a_model_sentence_in_its_own_words_is_shown_and_a_changed_one_dropped(scripted) -> None:
    bot, model = scripted
    model.say(
        "The NLP lab at Stanford has just 64 GPUs [1]. The NLP lab at Stanford has 46 GPUs [1]."
    )
    ans = bot.ask(GPU_QUESTION)
    assert [(c.text, c.origin) for c in ans.claims] == [
        ("The NLP lab at Stanford has just 64 GPUs.", "model")
    ]
    assert ans.dropped == ["The NLP lab at Stanford has 46 GPUs."]
    assert ans.dropped_reasons[0].startswith("number")


def test_an_unsupported_model_sentence_is_dropped_with_its_reason(scripted) -> None:
    bot, model = scripted
    model.say("Stanford's NLP lab has 640 GPUs [1].")
    ans = bot.ask(GPU_QUESTION)
    assert ans.dropped == ["Stanford's NLP lab has 640 GPUs."]
    assert ans.dropped_reasons[0].startswith("number")
    assert ans.claims and ans.claims[0].origin == "extractive"  # the quote itself, instead
    assert "640" not in ans.text


def test_a_supported_sentence_that_leaves_out_what_was_asked_is_dropped(scripted) -> None:
    bot, model = scripted
    model.say("Fei-Fei Li admits that academia is falling off a cliff [1].")
    ans = bot.ask(GPU_QUESTION)
    assert ans.dropped_reasons and ans.dropped_reasons[0].startswith("relevance")
    assert "64 GPUs" in ans.text


def test_a_sentence_that_answers_in_other_words_still_answers(bot) -> None:
    s = bot.sources
    query = understand("How big was the Google model that the $100 open model competed with?", s)
    text = next(t for t in (s.source_text(d.file) for d in s.catalog) if "540" in t)
    quote = text[text.index("a $100 open-source model") :].split(".")[0]
    # few of the question's words, but nearer its meaning than the quote is
    assert answers(
        "Google's model had 540 billion parameters and cost $10 million.", quote, query, s
    )
    # the amount asked for, left out
    assert not answers("Google's model was far bigger.", quote, query, s)
    # supported by the quote, but about something else
    assert not answers("Thirteen billion is a small number.", quote, query, s)


def test_advice_is_asked_of_a_document_only_where_it_advises_with_the_verb(bot) -> None:
    # Luttig's essay speaks of a feed's "recommendations" but recommends nothing in those
    # words: "What does Luttig recommend?" asks for his view, as "What does Luttig think?"
    assert understand("What does Luttig recommend?", bot.sources).topic == ""


def test_a_sentence_is_held_to_the_part_of_its_quote_it_restates() -> None:
    quote = (
        "But I'm not sure electric buses are cheaper to run; this is an old belief from the "
        "diesel era about fleet costs. Depots matter more."
    )
    part = restated("Okafor is not sure that electric buses are cheaper to run.", quote)
    assert part.startswith("But I'm not sure") and "diesel" not in part
    assert restated("Depots matter more than buses.", quote) == "Depots matter more."
    assert restated("Buses are cheap.", "Buses are cheap.") == "Buses are cheap."


def test_with_no_usable_draft_the_answer_quotes_the_sources(scripted) -> None:
    bot, model = scripted
    model.say("")
    ans = bot.ask(GPU_QUESTION)
    assert ans.claims and all(c.origin == "extractive" for c in ans.claims)
    assert all(c.text in bot.source_text(c.citations[0].source) for c in ans.claims)


def test_a_refusal_never_calls_the_model_and_shows_the_nearest_passages(scripted) -> None:
    bot, model = scripted
    ans = bot.ask("What is the recommended dose of ibuprofen for a headache?")
    assert ans.refused and ans.text.startswith(REFUSAL) and "I searched" in ans.text
    assert model.prompts == []
    assert len(ans.nearest) <= 2 and all(n.quote for n in ans.nearest)
    query = understand("What is the recommended dose of ibuprofen?", bot.sources)
    selection = select(query, retrieve(query, bot.sources), bot.sources)
    assert selection.refused and list(draft(selection, bot.sources)) == []


@pytest.mark.parametrize(
    ("question", "kind", "grouped"),
    [
        ("Summarize what John Luttig argues.", "view", False),
        ("How do Luttig and Exponential View disagree?", "comparison", True),
        ("What are the strongest arguments against closed-source AI?", "overview", False),
    ],
)
def test_views_overviews_and_comparisons_quote_several_central_units(
    scripted, question: str, kind: str, grouped: bool
) -> None:
    bot, model = scripted
    ans = bot.ask(question)
    assert ans.kind == kind and not ans.refused
    assert all(c.citations for c in ans.claims)
    if grouped:  # one group per document, each headed by its label; headings are not claims
        groups = [c.group for c in ans.claims]
        assert len(set(groups)) == 2 and all(g and f"{g}:\n" in ans.text for g in groups)
        assert all(1 <= groups.count(g) <= GROUP_CLAIMS for g in set(groups))  # short groups
    else:
        assert 2 <= len(ans.claims) <= 5
    if not grouped:
        starts = [(c.citations[0].source, c.citations[0].start) for c in ans.claims]
        assert starts == sorted(starts)  # in source order


def test_a_named_document_with_nothing_on_the_topic_says_so_and_gives_its_central_claims(
    scripted,
) -> None:
    # Luttig treats semiconductors; Exponential View never names them: its group is its
    # central claims, said to be so
    bot, _ = scripted
    ans = bot.ask("How do Luttig and Exponential View differ on semiconductors?")
    assert ans.kind == "comparison" and not ans.refused
    assert ans.note.startswith("Exponential View: nothing on “semiconductors” in those words")
    assert ans.text.startswith(ans.note)  # said first, and not a claim: no citation marker
    assert {c.group for c in ans.claims} == {"Luttig", "Exponential View"}
    luttig = [c for c in ans.claims if c.group == "Luttig"]
    assert luttig and all("semiconductor" in c.text.lower() for c in luttig)
    # its central claims lean to what it shows asked on no topic, not only to the nearest
    # units to a topic it does not treat
    plain = bot.ask("How do Luttig and Exponential View differ?")
    shown = {c.citations[0].start for c in plain.claims if c.group == "Exponential View"}
    ev = [c for c in ans.claims if c.group == "Exponential View"]
    assert sum(c.citations[0].start in shown for c in ev) >= 2 * len(ev) / 3


@pytest.mark.parametrize(
    "question",
    [
        "How do Luttig and Exponential View differ on the Olympic Games?",
        "What does Azeem Azhar think about China?",  # Exponential View never names China
    ],
)
def test_named_documents_that_never_say_the_topic_refuse(scripted, question: str) -> None:
    # not their central claims on other matters: the closest passages, as a refusal
    bot, model = scripted
    ans = bot.ask(question)
    assert ans.refused and not ans.claims and ans.kind in ("view", "comparison")
    assert "I searched" in ans.text and ans.nearest
    assert not model.prompts  # refused before any model ran


def test_the_harms_of_one_side_are_not_answered_with_the_harms_of_the_other(scripted) -> None:
    # "the risks of closed-source AI" asks for the open side's case; the sources' sentences
    # on risk are about open source, which would answer the opposite question
    bot, _ = scripted
    ans = bot.ask("What are the risks of closed-source AI?")
    assert ans.kind == "overview" and not ans.refused
    motion = bot.sources.motion
    assert all(motion.sides_named(c.text) != ["open"] for c in ans.claims)
    assert ans.note.startswith("Nothing on “risks” of closed-source AI in those words")


def test_a_concession_its_writer_answers_is_shown_by_the_answer(bot) -> None:
    # "In today's AI paradigm, closed source models … dominate benchmarks and leaderboards.
    # However, open source models are rarely far behind …": the essay holds the second
    ans = bot.ask("Summarize the unbundling essay.")
    quotes = [c.citations[0].quote for c in ans.claims]
    assert any(q.startswith("However, open source models are rarely far behind") for q in quotes)
    assert not any(q.startswith("In today’s AI paradigm") for q in quotes), quotes


def test_markers_after_the_full_stop_and_two_sentences_on_one_unit_are_understood(
    scripted,
) -> None:
    bot, model = scripted
    model.say(
        "Stanford's NLP lab has only 64 GPUs. [1] The NLP lab at Stanford has just 64 GPUs. [1]"
    )
    ans = bot.ask(GPU_QUESTION)
    assert [c.text for c in ans.claims] == [
        "Stanford's NLP lab has only 64 GPUs.",
        "The NLP lab at Stanford has just 64 GPUs.",
    ]
    assert {c.citations[0].quote for c in ans.claims} == {ans.claims[0].citations[0].quote}


def test_replays_of_a_capable_model_show_its_faithful_sentences_and_no_planted_error(
    scripted,
) -> None:
    """The dev replays of evals/replays.yaml (the test split is only run by
    evals/replay_eval.py, to report)."""
    bot, model = scripted
    replays = yaml.safe_load((REPO_ROOT / "evals" / "replays.yaml").read_text())["replays"]
    counts, _ = replay(bot, model, [r for r in replays if r["split"] == "dev"])
    shown, faithful = counts[("dev", "faithful shown")]
    assert counts[("dev", "planted error shown")][0] == 0
    assert shown / faithful >= 0.6  # measured 66% (38/58) when this test was written


def test_a_documents_conclusion_is_quoted_from_its_closing(bot) -> None:
    query = understand("What does Luttig conclude?", bot.sources)
    selection = select(query, retrieve(query, bot.sources), bot.sources)
    assert query.closing and len(selection.picked) >= 2
    length = len(bot.source_text(selection.picked[0].unit.source))
    assert all(c.unit.start >= (1 - CLOSING) * length for c in selection.picked)
