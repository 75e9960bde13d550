"""The verifier's semantic half (paraphrase.py) and its WordNet (wordnet.py), on sentences of
our own: a claim in other words is shown; a claim that changes one thing is not."""

from __future__ import annotations

import pytest

from debatebot.embeddings import minilm_embedder, similarity
from debatebot.paraphrase import antonym, content, licensed, role_swap, same_root
from debatebot.verify import check, claim_names
from debatebot.wordnet import wordnet

QUOTE = "The city council will choose the cheaper bus contract."


@pytest.fixture(scope="module")
def near():
    return similarity(minilm_embedder())


def test_wordnet_tells_a_doer_by_a_words_first_sense() -> None:
    net = wordnet()
    assert net.mostly_a_doer("company") and net.mostly_a_doer("supplier")  # group, person
    assert net.mostly_a_doer("country")
    assert not net.mostly_a_doer("framework") and not net.mostly_a_doer("fuel")
    assert net.mostly_a_place("london") and net.mostly_a_place("taiwan")
    assert not net.mostly_a_place("berg")  # an iceberg, and a surname
    assert "fast" in net.attributes("speed") and "speed" in net.attributes("fast")
    assert not net.mostly_a_place("model") and not net.mostly_a_place("openai")


def test_wordnet_knows_synonyms_and_antonyms() -> None:
    net = wordnet()
    assert net.same("pick", "choose") and net.same("notion", "idea")
    assert not net.same("month", "year")  # two units of time are not one another
    assert net.opposite("premature", "late")  # through its head: early / late
    assert net.opposite("open", "closed") and not net.opposite("open", "free")


def test_a_word_is_licensed_by_its_lemma_its_root_or_a_synonym() -> None:
    assert licensed("chose", ["choose"]) and licensed("customise", ["customizability"])
    assert licensed("pick", ["choose", "contract"])
    assert not licensed("overdue", ["premature"]) and not licensed("month", ["token"])
    assert same_root("america", "american") and not same_root("win", "wine")


@pytest.mark.parametrize(
    ("quote", "claim"),
    [
        (QUOTE, "The city council will pick the cheaper bus contract."),
        (
            "Meanwhile, Stanford’s NLP lab has only 64 GPUs",
            "The NLP lab at Stanford has just 64 GPUs.",
        ),
        (
            "Per pupil, the new school spends twice as much as the old one.",
            "The new school spends twice as much per pupil as the old one.",
        ),
        ("The school spends 3x as much on books.", "The school spends 3 times as much on books."),
        (  # a periphrastic comparative, and an adverb in -ly for its adjective
            "Electric buses can be refuelled far faster than diesel ones.",
            "Electric buses can be refuelled much more quickly than diesel ones.",
        ),
        (  # prepositions of place and membership may stand for one another
            "The prize was shared between the two schools, with both choirs praised.",
            "The prize was shared between the two schools, among both choirs praised.",
        ),
    ],
)
def test_a_claim_in_other_words_is_shown(quote: str, claim: str, near) -> None:
    assert check(claim, quote, 1.0) is not None  # the lexical half alone refuses it
    assert check(claim, quote, 1.0, near) is None


@pytest.mark.parametrize(
    ("quote", "claim", "reason"),
    [
        (QUOTE, "The city council might pick the cheaper bus contract.", "modality"),
        (QUOTE, "The city council will pick the more expensive bus contract.", "direction"),
        (QUOTE, "The city council will choose the cheaper tram contract.", "support"),
        (
            "Early bans on calculators were premature.",
            "Early bans on calculators were overdue.",
            "support",
        ),
        (
            "Norway exports more salmon than Chile.",
            "Chile exports more salmon than Norway.",
            "role",
        ),
        (
            "In small towns, libraries lend tools; in cities, museums host concerts.",
            "In small towns, museums host concerts.",
            "role",
        ),
        (
            "When asked whether the school will drop homework, the head said it was too soon.",
            "The school will drop homework.",
            "question",
        ),
        ("The mayor praised the library.", "Microsoft praised the library.", "name"),
        ("The mayor praised the library.", "The mayor never praised the library.", "negation"),
        ("The club has 40 members.", "The club has 14 members.", "number"),
        (  # a doer made the done-to across a verb both say
            "The mayor dismisses the idea of a single city bank that serves every district.",
            "The mayor's city bank dismisses the idea of every district.",
            "role",
        ),
        (  # "more" makes a comparative only where the quote has one
            "Electric buses can be refuelled quickly.",
            "Electric buses can be refuelled more quickly.",
            "direction",
        ),
        (  # "more quickly" is "faster", never "slower"
            "Electric buses can be refuelled far slower than diesel ones.",
            "Electric buses can be refuelled much more quickly than diesel ones.",
            "direction",
        ),
        (  # "rather than" negates what follows it, as "and not" does
            "The council will keep the old depot rather than sell it.",
            "The council will keep the old depot and sell it.",
            "negation",
        ),
    ],
)
def test_a_claim_that_changes_one_thing_is_refused_with_its_reason(
    quote: str, claim: str, reason: str, near
) -> None:
    problem = check(claim, quote, 1.0, near)
    assert problem is not None and problem.startswith(reason), problem


def test_an_antonym_is_refused_even_when_the_word_is_in_the_quote_elsewhere(near) -> None:
    quote = "Open meetings are better than closed ones, the closed kind breeds rumours."
    assert check("Closed meetings are better than open ones.", quote, 1.0, near) is not None


def test_a_lemma_is_opposed_only_in_its_own_part_of_speech() -> None:
    # "closed" is the verb "close" (opposite: "open"), not the adjective "close" ("far")
    quote = content("Closed shops sell far more, and open ones sell less.")
    assert antonym(content("Closed shops sell more."), quote) is None
    assert antonym(content("Open shops sell far more."), quote) == "open / closed"


def test_a_fronted_phrase_may_move_but_a_swapped_role_may_not() -> None:
    assert role_swap("The bus runs late by the river.", "By the river, the bus runs late.") is None
    assert role_swap("Cats chase dogs.", "Dogs chase cats.") is not None


def test_an_opening_capitalised_word_is_a_name_only_when_it_is_no_common_word() -> None:
    assert claim_names("Microsoft praised the library.") == {"microsoft"}
    assert claim_names("Developers praised the library.") == set()
    # a common word with a version number is a model's name ("Falcon-2", "Scale-4")
    assert claim_names("Falcon-2 costs less per query.") == {"falcon"}
    quote = "Their new Orca-2 model costs less per query than Orca-1."
    assert check("Falcon-2 costs less per query than Orca-1.", quote, 1.0).startswith("name")


def test_a_word_alone_is_no_claim() -> None:
    problem = check("- Meta", "Meta builds open models.", 1.0)
    assert problem is not None and problem.startswith("support")


def test_a_claim_may_say_which_document_holds_it() -> None:
    speaker = "Luttig The future of foundation models is closed-source"
    quote = "Open-source AI will become a financial drain for model builders."
    claim = "Luttig argues that open-source AI will become a financial drain for model builders."
    assert check(claim, quote, 1.0) is not None  # "Luttig" is not in the quote
    assert check(claim, quote, 1.0, speaker=speaker) is None
    other = "Hoffman argues that open-source AI will become a financial drain for model builders."
    assert check(other, quote, 1.0, speaker=speaker) is not None  # not the cited document
    reported = "Advocates like Ada Byron claim that open AI is safer than closed AI."
    assert check(
        "Luttig claims that open AI is safer than closed AI.", reported, 1.0, speaker=speaker
    )


def test_a_writers_i_is_the_writer_and_a_side_may_be_said_to_hold_a_claim() -> None:
    speaker = "Okafor On school buses"
    quote = "But I'm not sure electric buses are cheaper to run than diesel ones."
    claim = "Okafor is not sure that electric buses are cheaper to run than diesel ones."
    assert check(claim, quote, 1.0) is not None  # "Okafor" is not in the quote
    assert check(claim, quote, 1.0, speaker=speaker) is None
    assert check(claim.replace("Okafor", "Nakamura"), quote, 1.0, speaker=speaker) is not None
    assert check(claim.replace(" not", ""), quote, 1.0, speaker=speaker) is not None
    quoted = 'The driver told me: "I\'m not sure electric buses are cheaper to run."'
    assert check(claim, quoted, 1.0, speaker=speaker) is not None  # another's "I"
    rather = "The council will keep the old depot rather than sell it."
    said = "The council will keep the old depot and not sell it."
    assert check(said, rather, 1.0) is None and check(rather, said, 1.0) is None
    side = "One side holds that the council will keep the old depot and not sell it."
    assert check(side, said, 1.0, speaker="Council minutes") is None


def test_a_negation_counts_only_where_it_bears_on_the_claim() -> None:
    quote = "Small farms have no export licence, so they sell all their milk to the local dairy."
    assert check("Small farms sell all their milk to the local dairy.", quote, 1.0) is None
    assert check("Small farms have an export licence.", quote, 1.0) is not None


def test_amount_words_and_direction_particles_must_be_the_quotes(near) -> None:
    quote = "The firm is a half-trillion-dollar company, and its costs keep coming down."
    assert check("The firm is a half-billion-dollar company.", quote, 1.0, near).startswith(
        "number"
    )
    assert check("The firm's costs keep going up.", quote, 1.0, near).startswith("direction")


def test_a_word_may_stand_for_another_that_means_the_same_by_likeness(near) -> None:
    quote = "Night buses usually run every twenty minutes, to help shift workers avoid long waits."
    claim = "Night buses typically run every twenty minutes."  # WordNet does not link the two
    assert not licensed("typically", ["usually"])
    assert check(claim, quote, 1.0, near) is None
    assert licensed("escape", ["avoid"], near) or licensed("dodge", ["avoid"], near)


@pytest.mark.parametrize(
    "claim",
    [
        "Night buses usually run every twenty hours.",  # a measure: minutes / hours
        "Night trams usually run every twenty minutes.",  # two kinds of thing: buses / trams
        "Night buses usually run every twenty minutes per driver.",  # a unit the quote lacks
        "Night buses rarely run every twenty minutes per route.",  # an opposite, 0.77 alike
    ],
)
def test_likeness_never_stands_for_a_measure_a_unit_an_opposite_or_another_thing(
    claim: str, near
) -> None:
    quote = "Night buses usually run every twenty minutes per route."
    assert check(claim, quote, 1.0, near) is not None
    assert near("trams", ["buses"]) > 0 and not licensed("trams", ["buses"], near)
    assert near("harder", ["easier"]) > 0.8 and not licensed("harder", ["easier"], near)
