"""The checker (verify.py) rejects unfaithful claims and accepts faithful ones."""

from __future__ import annotations

import pytest

from debatebot import durations
from debatebot.models import Citation, Claim, Passage
from debatebot.verify import check, check_claims, citation_problem, lcs_length, mismatch, support

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


def test_an_acronyms_plural_is_the_acronym() -> None:
    # the stemmer keeps the "s" of "gpus", so "GPU" and "GPUs" were two words
    assert support("Stanford's NLP lab has only 64 GPU.", TEXT) == 1.0
    assert support("The LLM calls cost more.", "LLMs calls cost more.") == 1.0


@pytest.mark.parametrize(
    ("claim", "fragment"),
    [
        ("Stanford's NLP lab has only 64 GPUs.", GPU),
        ("Stanford’s NLP lab has only sixty-four GPUs.", GPU),
        ("Fei-Fei Li admits that academia is falling off a cliff.", GPU),
        (
            "Closed-source models will create far more economic value than open-source models.",
            VALUE,
        ),
        ("OpenAI never claimed to be open source.", OPENAI),
    ],
)
def test_faithful_claims_pass(claim: str, fragment: str) -> None:
    assert citation_problem(quote(fragment), claim, [PASSAGE], TEXTS, 1.0) is None


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
        (
            "Closed-source models may create far more economic value than open-source models.",
            VALUE,
            "modality changed",
        ),
        (
            "Closed-source models will destroy far more economic value than open-source models.",
            VALUE,
            "one verb swapped in a long claim",
        ),
    ],
)
def test_unfaithful_claims_are_rejected(claim: str, fragment: str, why: str) -> None:
    problem = citation_problem(quote(fragment), claim, [PASSAGE], TEXTS, 1.0)
    assert problem is not None and "the quote does not" in problem, why


def test_won_is_a_verb_not_a_negation() -> None:
    # "won" was in the negation list, so this inverted claim scored 1.0
    assert support("Closed labs won the race.", "Closed labs lost the race, not the war.") == 0.0
    assert mismatch("Closed labs won the race.", "Closed labs won the race.") is None
    assert support("Closed labs won the race.", "In the end, closed labs won the race.") == 1.0


@pytest.mark.parametrize(
    ("claim", "quote_text"),
    [
        ("The depot has a spare generator.", "The depot lacks a spare generator."),
        ("The council published the audit.", "The council refused to publish the audit."),
        ("The ferry reached the island.", "The ferry failed to reach the island."),
        ("The mayor confirmed the merger.", "The mayor denied that the merger happened."),
        ("The clinic can open on Sundays.", "The clinic is unable to open on Sundays."),
        ("Inspectors checked the wiring.", "Inspectors neglected to check the wiring."),
    ],
)
def test_a_negative_verb_the_claim_drops_inverts_it(claim: str, quote_text: str) -> None:
    # before 2026-12-04 each of these scored 1.0: a negative verb was an ordinary word the
    # claim could leave out, so the claim stated the opposite of its quote
    assert mismatch(claim, quote_text) == "negation"
    assert support(claim, quote_text) == 0.0


def test_a_negative_verb_and_a_not_say_the_same() -> None:
    assert support("The depot lacks a spare generator.", "The depot has no spare generator.") == 1.0
    assert (
        mismatch("The ferry failed to reach the island.", "The ferry failed to reach the island.")
        is None
    )


@pytest.mark.parametrize(
    ("claim", "quote_text", "reason"),
    [
        ("GPT-4 cost $100 million to train.", "GPT-4 cost $10 million to train.", "number"),
        ("ChatGPT has 500 million users.", "ChatGPT reports ~500 million users.", None),
        ("Compute grew fourfold a year.", "Compute has been increasing ~4x a year.", None),
        ("Meta will open-source it.", "Meta may open-source it.", "modality"),
        ("Meta will not open-source it.", "Meta will open-source it.", "negation"),
        ("Meta bought GPUs, says Luttig.", "Meta bought GPUs.", "name"),
        # a name's other forms in WordNet: a people's adjective and its country
        ("Chinese ferries are slow.", "The ferries of China are slow.", None),
        ("Japanese ferries are slow.", "The ferries of China are slow.", "name"),
        ("Open models are ahead of closed ones.", "Closed models are ahead of open ones.", None),
        # one place in a race, in either word; the other place is another claim
        ("In towns, trams are ahead.", "In towns, trams hold the lead.", None),
        ("In towns, trams are behind.", "In towns, trams hold the lead.", "direction"),
        # coordinated modals have no order; modals in sequence keep theirs
        ("The ferry will, and should, sail.", "The ferry should and will sail.", None),
        (
            "The ferry will sail; it should dock.",
            "The ferry should sail; it will dock.",
            "modality",
        ),
        # "N and a half" is one number
        ("The town has two and a half thousand people.", "The town has 2,500 people.", None),
        ("The town has two thousand people.", "The town has 2,500 people.", "number"),
        # a degree adverb before a comparison word compares nothing itself
        ("Trains are much faster than buses.", "Trains are far faster than buses.", None),
        ("Most trains are late.", "Some trains are late.", "direction"),
        # "catch up" has no "catch down": its "up" is no direction; "go up" has one
        ("Buses catch up within a week.", "Buses draw level within a week.", None),
        ("Fares go up each week.", "Fares change each week.", "direction"),
    ],
)
def test_hard_alignment_names_the_failure(claim: str, quote_text: str, reason: str | None) -> None:
    assert mismatch(claim, quote_text) == reason


def test_quote_not_in_the_source_is_rejected() -> None:
    fake = quote(GPU).model_copy(update={"quote": "Stanford’s NLP lab has 640 GPUs."})
    assert "not the source text" in citation_problem(
        fake, "Stanford has 640 GPUs.", [PASSAGE], TEXTS, 1.0
    )
    shifted = quote(GPU).model_copy(update={"start": 1})
    assert "not the source text" in citation_problem(
        shifted, "Stanford has 64 GPUs.", [PASSAGE], TEXTS, 1.0
    )


def test_citation_to_an_unretrieved_passage_is_rejected() -> None:
    other = PASSAGE.model_copy(update={"id": "p2", "end": 40})
    problem = citation_problem(quote(VALUE), VALUE, [other], TEXTS, 1.0)
    assert problem == "quote is not in a retrieved passage"
    assert citation_problem(quote(VALUE, "p9"), VALUE, [PASSAGE], TEXTS, 1.0) is not None
    unknown = quote(VALUE).model_copy(update={"source": "nowhere.txt"})
    assert "unknown source" in citation_problem(unknown, VALUE, [PASSAGE], TEXTS, 1.0)


def test_check_claims_keeps_good_claims_and_says_why_others_drop() -> None:
    good = Claim(text="Stanford's NLP lab has only 64 GPUs.", citations=[quote(GPU)])
    swapped = Claim(text="Stanford's NLP lab has only 46 GPUs.", citations=[quote(GPU)])
    bare = Claim(text="Open models win.", citations=[])
    half = Claim(text=VALUE, citations=[quote(VALUE), quote(GPU)])  # every citation must hold
    shown, dropped = check_claims([good, swapped, bare, half], [PASSAGE], TEXTS, 1.0)
    assert shown == [good]
    assert [reason.split(":")[0] for _, reason in dropped] == ["number", "no citation", "modality"]


def test_support_and_lcs_basics() -> None:
    assert lcs_length(["a", "b", "c", "d"], ["a", "x", "c", "d"]) == 3
    assert support("", TEXT) == 0.0
    assert support(VALUE, VALUE) == 1.0


@pytest.mark.parametrize(
    ("claim", "quote_text", "checked"),
    [
        (
            "Over the coming ten years, fares rise.",
            "Over the next decade, fares rise.",
            "Over the next decade, fares rise.",
        ),
        (
            "Fares rise within ten years.",
            "Over the next decade, fares rise.",
            "Fares rise within decade.",
        ),
        (  # the same length the other way in time is left for the checks to refuse
            "Over the past ten years, fares rose.",
            "Over the next decade, fares rise.",
            "Over the past ten years, fares rose.",
        ),
        (
            "In the last two years fares rose.",
            "Fares rose over the past 24 months.",
            "In the past 24 months fares rose.",
        ),
        ("Repairs take half a year.", "Repairs take 6 months.", "Repairs take 6 months."),
        (
            "Repairs take two and a half years.",
            "Repairs take 30 months.",
            "Repairs take 30 months.",
        ),
        ("Repairs take two weeks.", "Repairs take 14 days.", "Repairs take 14 days."),
        ("The dam took 1,200 months.", "The dam took a century.", "The dam took a century."),
        ("The dam took zero years.", "The dam took a year.", "The dam took zero years."),
        # another length, or a point in time, is left for the checks to refuse
        ("Repairs take five months.", "Repairs take 6 months.", "Repairs take five months."),
        ("Repairs took a month.", "Repairs took 4 weeks.", "Repairs took a month."),
        ("Fares rose last year.", "Fares rose for a year.", "Fares rose last year."),
    ],
)
def test_a_span_of_time_is_checked_in_the_quotes_units(
    claim: str, quote_text: str, checked: str
) -> None:
    assert durations.in_quote_terms(claim, quote_text) == checked


def test_a_span_of_time_in_other_units_passes_and_another_length_does_not() -> None:
    assert check("Repairs take half a year.", "Repairs take 6 months.") is None
    assert check("Repairs take a year.", "Repairs take 6 months.") is not None


def test_a_clocks_units_are_lengths_and_a_second_thing_is_none() -> None:
    assert [s.length for s in durations.spans("about 4 seconds, up from 1 second")] == [
        (4.0, "second"),
        (1.0, "second"),
    ]
    assert [s.length for s in durations.spans("in two hours")] == [(7200.0, "second")]
    assert durations.spans("A second breach may lead to a zero.") == []  # the ordinal
