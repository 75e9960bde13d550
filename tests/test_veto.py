"""The model's second opinion (veto.py): it may drop a checked sentence, never pass one the
checker refused; off by default. Scripted: the embedded model cannot be made to judge."""

from __future__ import annotations

from debatebot.bot import DebateBot
from debatebot.veto import VETOED

from .conftest import GPU_QUESTION

FAITHFUL = "Stanford's NLP lab has only 64 GPUs [1]."
WRONG = "Stanford's NLP lab has 640 GPUs [1]."


def _with_veto(scripted) -> tuple[DebateBot, object]:
    bot, model = scripted
    settings = bot.settings.model_copy(update={"model_veto": True})
    return DebateBot(settings, backend=model, embedder=bot.sources.embedder), model


def test_a_veto_drops_a_sentence_the_checker_accepted(scripted) -> None:
    bot, model = _with_veto(scripted)
    model.say(FAITHFUL, "No, the quote does not say that.")
    ans = bot.ask(GPU_QUESTION)
    assert ans.dropped == ["Stanford's NLP lab has only 64 GPUs."]
    assert ans.dropped_reasons == [VETOED]
    assert ans.claims and all(c.origin == "extractive" for c in ans.claims)
    asked = model.prompts[-1][-1]["content"]  # the veto prompt: the claim beside its quote
    assert "only 64 GPUs" in asked and "<quote>" in asked


def test_a_yes_keeps_it_and_a_refused_sentence_is_never_asked(scripted) -> None:
    bot, model = _with_veto(scripted)
    model.say(FAITHFUL, "Yes.")
    ans = bot.ask(GPU_QUESTION)
    assert ans.claims[0].origin == "model" and ans.dropped == []
    model.prompts.clear()
    model.say(WRONG, "yes")  # the model would approve; it is never asked
    ans = bot.ask(GPU_QUESTION)
    assert len(model.prompts) == 1 and ans.dropped_reasons[0].startswith("number")
    assert "640" not in ans.text


def test_the_veto_is_off_by_default(scripted) -> None:
    bot, model = scripted
    model.say(FAITHFUL)
    assert bot.ask(GPU_QUESTION).claims[0].origin == "model"
    assert len(model.prompts) == 1  # the draft only


def test_a_veto_drops_a_debate_sentence_too(scripted) -> None:
    bot, model = _with_veto(scripted)
    model.say("")  # no draft: nothing to veto, nothing asked
    case = bot.argue("national security", side="closed")
    assert len(model.prompts) == 1 and case.claims
    first = case.claims[0].text.rstrip(".")
    model.prompts.clear()
    model.say(f"{first} [1].", "No.")
    vetoed = bot.argue("national security", side="closed")
    assert len(model.prompts) == 2
    assert all(c.origin == "extractive" for c in vetoed.claims)
