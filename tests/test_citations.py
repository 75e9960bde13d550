"""The citation checker rejects unfaithful claims and accepts faithful ones."""

from __future__ import annotations

import pytest

from debatebot.citations import Relevance, check_claims, citation_problem, lcs_length, support
from debatebot.models import Citation, Claim, Passage

TEXT = (
    "Stanford’s NLP lab has only 64 GPUs, and even Fei-Fei Li admits that academia is "
    "falling off a cliff. Closed-source models will create far more economic value than "
    "open-source models. OpenAI never claimed to be open source in the traditional sense."
)
SOURCE = "essay.txt"
TEXTS = {SOURCE: TEXT}
PASSAGE = Passage(
    id="p1", source=SOURCE, label="Essay", paragraph=1, start=0, end=len(TEXT), text=TEXT
)


def quote(fragment: str, passage_id: str = "p1") -> Citation:
    start = TEXT.index(fragment)
    return Citation(
        source=SOURCE,
        label="Essay",
        start=start,
        end=start + len(fragment),
        quote=fragment,
        passage_id=passage_id,
    )


GPU = (
    "Stanford’s NLP lab has only 64 GPUs, and even Fei-Fei Li admits that academia is "
    "falling off a cliff."
)
VALUE = "Closed-source models will create far more economic value than open-source models."
OPENAI = "OpenAI never claimed to be open source in the traditional sense."


@pytest.mark.parametrize(
    ("claim", "fragment"),
    [
        ("Stanford's NLP lab has only 64 GPUs.", GPU),
        ("Fei-Fei Li admits that academia is falling off a cliff.", GPU),
        (
            "Closed-source models will create far more economic value than open-source models.",
            VALUE,
        ),
        ("OpenAI never claimed to be open source.", OPENAI),
    ],
)
def test_faithful_claims_pass(claim: str, fragment: str) -> None:
    assert citation_problem(quote(fragment), claim, [PASSAGE], TEXTS, 0.8) is None


@pytest.mark.parametrize(
    ("claim", "fragment", "why"),
    [
        ("Stanford's NLP lab has only 46 GPUs.", GPU, "swapped number"),
        ("Stanford's NLP lab has 6,400 GPUs.", GPU, "invented number"),
        ("Stanford's NLP lab does not have 64 GPUs.", GPU, "added negation"),
        ("OpenAI claimed to be open source in the traditional sense.", OPENAI, "dropped negation"),
        (
            "Open-source models will create far more economic value than closed-source models.",
            VALUE,
            "inverted comparison",
        ),
        (
            "Closed-source models will create far less economic value than open-source models.",
            VALUE,
            "antonym",
        ),
        ("Stanford's NLP lab trains the best frontier models.", GPU, "topic-only overlap"),
        # 6 of 7 content words are in the quote, but the one that isn't is a name
        ("Stanford's NLP lab, says Luttig, has only 64 GPUs.", GPU, "a name the quote lacks"),
        ("Meta will stop open-sourcing Llama next year.", VALUE, "unrelated"),
    ],
)
def test_unfaithful_claims_are_rejected(claim: str, fragment: str, why: str) -> None:
    problem = citation_problem(quote(fragment), claim, [PASSAGE], TEXTS, 0.8)
    assert problem is not None and "does not support" in problem, why


def test_quote_not_in_the_source_is_rejected() -> None:
    fake = quote(GPU).model_copy(update={"quote": "Stanford’s NLP lab has 640 GPUs."})
    assert "not the source text" in citation_problem(
        fake, "Stanford has 640 GPUs.", [PASSAGE], TEXTS, 0.8
    )
    shifted = quote(GPU).model_copy(update={"start": 1})
    assert "not the source text" in citation_problem(
        shifted, "Stanford has 64 GPUs.", [PASSAGE], TEXTS, 0.8
    )


def test_citation_to_an_unretrieved_passage_is_rejected() -> None:
    other = PASSAGE.model_copy(update={"id": "p2", "end": 40})
    problem = citation_problem(quote(VALUE), VALUE, [other], TEXTS, 0.8)
    assert problem == "quote is not in a retrieved passage"
    assert citation_problem(quote(VALUE, "p9"), VALUE, [PASSAGE], TEXTS, 0.8) is not None
    unknown = quote(VALUE).model_copy(update={"source": "nowhere.txt"})
    assert "unknown source" in citation_problem(unknown, VALUE, [PASSAGE], TEXTS, 0.8)


def test_check_claims_keeps_good_claims_and_says_why_others_drop() -> None:
    good = Claim(text="Stanford's NLP lab has only 64 GPUs.", citations=[quote(GPU)])
    swapped = Claim(text="Stanford's NLP lab has only 46 GPUs.", citations=[quote(GPU)])
    bare = Claim(text="Open models win.", citations=[])
    half = Claim(text=VALUE, citations=[quote(VALUE), quote(GPU)])  # every citation must hold
    shown, dropped = check_claims([good, swapped, bare, half], [PASSAGE], TEXTS, 0.8)
    assert shown == [good]
    assert [reason.split(" (")[0] for _, reason in dropped] == [
        "quote does not support the claim",
        "no citation",
        "quote does not support the claim",
    ]


def test_support_and_lcs_basics() -> None:
    assert lcs_length(["a", "b", "c", "d"], ["a", "x", "c", "d"]) == 3
    assert support("", TEXT) == 0.0
    assert support(VALUE, VALUE) == 1.0


@pytest.mark.parametrize(
    ("question", "sentence", "relevant"),
    [
        (
            "How many GPUs did Zuckerberg buy?",
            "Zuckerberg had to buy hundreds of thousands of GPUs.",
            True,
        ),
        ("How many GPUs did Zuckerberg buy?", "Zuckerberg had to buy a lot of GPUs.", False),
        ("When did OpenAI release ChatGPT?", "OpenAI released ChatGPT in November 2022.", True),
        ("When did OpenAI release ChatGPT?", "OpenAI released ChatGPT two years ago.", True),
        (
            "When did OpenAI release ChatGPT?",
            "Today, OpenAI's ChatGPT reports 500 million users.",
            False,
        ),
        ("In what year was Mistral founded?", "Mistral was founded by 3 researchers.", False),
    ],
)
def test_relevance_wants_an_amount_or_a_time_when_the_question_asks_for_one(
    question: str, sentence: str, relevant: bool
) -> None:
    relevance = Relevance([TEXT, sentence])
    assert (relevance.score(question, sentence) > 0.5) is relevant


def test_a_sentence_opening_with_a_pronoun_is_read_with_the_sentence_before() -> None:
    relevance = Relevance([TEXT, "Zuckerberg runs Meta.", "He bought many GPUs."])
    question = "Which GPUs did Zuckerberg buy?"
    assert relevance.score(question, "He bought many GPUs.", context="Zuckerberg runs Meta.") == 1
    assert relevance.score(question, "He bought many GPUs.") < 0.6  # who is "he"?
    # context counts only for a leading pronoun
    assert (
        relevance.score(question, "Many GPUs were bought.", context="Zuckerberg runs Meta.") < 0.6
    )
    # "according to <author>" names the source, not a term to find
    assert relevance.score(f"{question[:-1]}, according to Luttig?", "Zuckerberg bought GPUs.") == 1
