"""Selection's parts alone: the gates, fact picks, LexRank and the central picks (toy data)."""

from __future__ import annotations

import re
from dataclasses import replace

import numpy as np

from debatebot.models import Passage
from debatebot.query import Query
from debatebot.retrieval import Unit
from debatebot.select import (
    DENSE_DOOR,
    Calibration,
    Candidate,
    TermStats,
    around,
    bigrams,
    can_answer,
    claims_nothing,
    contrasted,
    counts,
    described_names,
    doing,
    features_of,
    has_money,
    has_part,
    initialisms,
    introduced,
    introduced_as,
    is_claim,
    lexrank,
    only_asked,
    pick_central,
    pick_facts,
    referred_back,
    reports,
    said_near,
    saying,
    speaks_to,
    states_amount,
    unidentified,
    unlabelled,
    with_reason,
)
from debatebot.text import content_terms, has_quantity, names, stem, words

CAL = Calibration(weights={}, bias=0.0, answer_threshold=0.5, topic_threshold=0.2, near_best=0.1)


def feature(q: Query, text: str, name: str, names: frozenset[str] = frozenset()) -> float:
    """One relevance feature of a text read alone, for a question."""
    stats = TermStats([text])
    return features_of(q, text, text, 0.5, stats, content_terms(q.topic), set(names))[name]


def fact(question: str, topic: str, **fields: object) -> Query:
    """A fact question as `understand` would read it, its focus the question itself."""
    return Query(question=question, kind="fact", topic=topic, focus=question, **fields)


PASSAGE = Passage(id="p", source="a.txt", label="A", paragraph=1, start=0, end=1000, text="")


def cand(start: int, relevance: float, quote: str = "x", **features: float) -> Candidate:
    f = {"names": 1.0, "answer_type": 0.0, "counted": 0.0, "dense": 0.2, **features}
    unit = Unit(f"u{start}", "a.txt", "p", start, start + 10, 0)
    return Candidate(unit, PASSAGE, quote, f, relevance)


def test_a_fact_needs_the_gates_the_threshold_and_no_overlap() -> None:
    best, near, far = cand(0, 0.9), cand(100, 0.85), cand(200, 0.6)
    overlapping = cand(5, 0.88)
    assert pick_facts([far, near, best, overlapping], CAL, 3) == [best, near]
    assert pick_facts([cand(0, 0.4)], CAL, 3) == []  # under the answer threshold
    missing_name = cand(0, 0.95, names=0.5)
    wrong_type = cand(100, 0.95, answer_type=-1.0)
    assert not can_answer(missing_name) and not can_answer(wrong_type)
    assert pick_facts([missing_name, wrong_type, near], CAL, 3) == [near]


def test_a_document_speaks_to_a_topic_in_a_word_of_it_and_every_name_it_asks() -> None:
    china = Query(question="q", kind="view", topic="china", names=["china"])
    europe = Query(question="q", kind="view", topic="europe policy", names=["europe"])
    said = cand(0, 0.0, "China wants free model weights.", coverage=1.0)
    other = cand(100, 0.0, "Open models are catching up.", coverage=0.0, names=0.0)
    assert speaks_to(china, [other, said])
    assert not speaks_to(china, [other])  # no word of the topic anywhere
    # a word of the topic ("policy"), but never the name asked
    policy = cand(200, 0.0, "The policy of the lab is to publish.", coverage=0.5, names=0.0)
    assert not speaks_to(europe, [policy, other])
    # unless a unit carries it unsaid: the letter that "— Ana Europe" signs is hers
    assert speaks_to(europe, [cand(200, 0.0, "The policy of the lab is to publish.", coverage=0.5)])
    assert speaks_to(europe, [policy, cand(300, 0.0, "Europe's rules differ.", coverage=0.5)])
    # a name in another form: a people for its place, a plural, WordNet's name of one thing
    people = Query(question="q", kind="view", topic="europeans", names=["europeans"])
    assert speaks_to(people, [cand(0, 0.0, "Europe's rules differ.", coverage=0.5)])
    chinese = Query(question="q", kind="view", topic="chinese firms", names=["chinese"])
    assert speaks_to(chinese, [cand(0, 0.0, "Firms in China grow.", coverage=0.5)])
    # an attribute said by its value (WordNet): "faster" says something of speed
    speed = Query(question="q", kind="view", topic="speed")
    assert speaks_to(speed, [cand(0, 0.0, "Open models learn far faster.", coverage=0.0)])
    assert not speaks_to(speed, [cand(0, 0.0, "Open models learn a lot.", coverage=0.0)])


def test_lexrank_favours_what_many_units_resemble_and_its_bias() -> None:
    vectors = np.array([[1, 0], [0.9, 0.44], [0.95, 0.31], [0, 1]], dtype=np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    flat = lexrank(vectors, np.ones(4), teleport=0.3)
    assert abs(flat.sum() - 1) < 1e-6 and flat.argmax() in (0, 1, 2) and flat.argmin() == 3
    biased = lexrank(vectors, np.array([0, 0, 0, 1.0]), teleport=0.9)
    assert biased.argmax() == 3


def test_central_picks_are_few_different_and_in_source_order() -> None:
    vectors = np.array([[1, 0], [1, 0], [0, 1], [0.7, 0.7]], dtype=np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    cands = [cand(300, 0.9), cand(0, 0.9), cand(100, 0.8), cand(200, 0.05)]
    picked = pick_central(cands, vectors, 2, True, CAL)
    assert [c.unit.start for c in picked] == sorted(c.unit.start for c in picked)
    assert len(picked) == 2 and {c.unit.start for c in picked} != {0, 300}  # not both twins
    assert all(c.relevance >= CAL.topic_threshold for c in picked)
    assert pick_central([cand(0, 0.1)], vectors[:1], 2, True, CAL) == []  # nothing on topic


def test_a_unit_near_the_topic_in_other_words_takes_part() -> None:
    vectors = np.eye(3, dtype=np.float32)
    worded, near, far = cand(0, 0.9), cand(100, 0.05, dense=DENSE_DOOR), cand(200, 0.05)
    assert pick_central([worded, near, far], vectors, 3, True, CAL) == [worded, near]
    # no unit has the topic's words: the near one still answers, alone
    assert pick_central([near, far], vectors[:2], 3, True, CAL) == [near]


def test_coverage_weighs_rare_terms_and_claims_are_marked_by_the_language() -> None:
    stats = TermStats(["open models are cheap", "open models win", "tokens cost money"])
    keys = ["open", "token"]
    assert stats.coverage(keys, "the tokens") > stats.coverage(keys, "open doors")
    assert stats.missing(keys, "open doors") == 1.0 and stats.missing(keys, "open tokens") == 0
    assert is_claim("Open models will probably win.") and not is_claim("The lab has 64 GPUs.")


def test_a_question_is_never_a_central_claim_and_a_prior_weighs_the_walk() -> None:
    vectors = np.array([[1, 0], [0.9, 0.44], [0, 1]], dtype=np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    asked = cand(0, 0.9, "Will the ferry ever pay for itself?")
    said = [cand(100, 0.8, "The ferry will pay for itself."), cand(200, 0.7, "Tolls rose.")]
    picked = pick_central([asked, *said], vectors, 3, True, CAL)
    assert asked not in picked and len(picked) == 2
    # without a topic, the prior (a location weight) decides between two equal units
    twins = [cand(0, 0.0, "The ferry pays."), cand(100, 0.0, "The bridge pays.")]
    same = np.array([[1, 0], [1, 0]], dtype=np.float32)
    assert pick_central(twins, same, 1, False, CAL, prior=np.array([1.0, 2.0])) == [twins[1]]
    assert pick_central(twins, same, 1, False, CAL, prior=np.array([2.0, 1.0])) == [twins[0]]


def test_a_number_in_a_name_is_no_amount() -> None:
    assert not has_quantity("The Falcon-9 flew again, a year later.")
    assert not has_quantity("COVID-19 closed the schools.")
    assert has_quantity("The Falcon-9 carried 13 tonnes.") and has_quantity("It cost $10 million.")
    assert has_quantity("a 13-billion-parameter model") and has_quantity("hundreds of boats")


def test_a_dates_numbers_are_no_amount() -> None:
    assert not has_quantity("Published by the Harbour Board, October 2025.")
    assert not has_quantity("The ferry sailed on 3 June and again on July 9, 2024.")
    assert has_quantity("In June 2024, 14 ferries sailed.")
    assert has_quantity("The board owns 1800 moorings.")  # a bare number may be a count


def _asking(question: str, counted: str | None = None) -> Query:
    return Query(question=question, kind="fact", wants="number", counted=counted)


def test_each_number_question_is_answered_by_its_own_kind_of_amount() -> None:
    how_long = _asking("How long did the ferry take to build?")
    assert states_amount(how_long, "The ferry was built within 18 months.")
    assert states_amount(how_long, "Ferries have been built here for decades.")
    assert not states_amount(how_long, "The yard's output grew ~3x a year.")  # a rate
    assert not states_amount(how_long, "The ferry was recently built for $40 million.")
    how_much = _asking("How much did the city spend on the ferry?")
    assert states_amount(how_much, "The city spent $40 million on it.")
    assert not states_amount(how_much, "In the last two months the city bought a ferry.")
    assert states_amount(_asking("How many weeks did it take?", "weeks"), "It took six weeks.")
    how_fast = _asking("How fast has the fleet grown?")
    assert states_amount(how_fast, "The fleet grew ~3x a year.")
    assert states_amount(how_fast, "The fleet has grown for decades.")


def test_a_text_speaking_of_itself_or_thanking_claims_nothing() -> None:
    # frame markers (Hyland 2005) and acknowledgements: never one of a view's central claims
    for text in [
        "In this post, I will explore why the ferry matters to the island.",
        "Today's column looks at the harbour tolls.",
        "This report examines the costs of the new bridge.",
        "We will focus on three reasons the ferry pays for itself.",
        "Thanks to Ana Ruiz and Tom Berg for reading drafts of this.",
        "Will the ferry ever pay for itself?",
    ]:
        assert claims_nothing(text), text
    # a thesis, a stance, a report of what was done: claims
    for text in [
        "This essay argues that the ferry will pay for itself.",
        "I think the bridge is a waste of money.",
        "We looked at forty harbours and found that tolls rose.",
        "I reviewed the budgets of six towns.",
    ]:
        assert not claims_nothing(text), text
    vectors = np.eye(2, dtype=np.float32)
    framing = cand(0, 0.9, "In this report I examine the ferry's budget.")
    thesis = cand(100, 0.8, "The ferry will pay for itself by 2030.")
    assert pick_central([framing, thesis], vectors, 2, True, CAL) == [thesis]
    assert claims_nothing("**Q: People tend to assume closed models are safer.")  # an interviewer
    assert not claims_nothing("A: Closed models are usually better at refusing harm.")


def test_a_narrow_view_goes_on_with_the_sentences_around_its_picks() -> None:
    # one unit names the topic; the thought it opens goes on in its passage
    named = cand(100, 0.9, "The ferry's budget was cut in half.")
    after = cand(120, 0.05, "Its crews now work double shifts.")
    before = cand(80, 0.05, "The island depends on one boat.")
    elsewhere = Candidate(
        Unit("u9", "a.txt", "q", 500, 510, 0), PASSAGE, "Tolls rose.", named.features, 0.05
    )
    thanks = cand(140, 0.05, "Thanks to the harbour office for the figures.")
    vectors = np.eye(5, dtype=np.float32)
    cands = [before, named, after, elsewhere, thanks]
    assert pick_central(cands, vectors, 4, True, CAL) == [named]  # under half the best
    picked = pick_central(cands, vectors, 4, True, CAL, least=3)
    assert picked == [before, named, after]  # nearest first, in source order, no debris
    assert around([named], cands, 1) == [after]  # after before before


def test_what_a_how_many_question_counts_may_be_named_by_a_kind_of_it() -> None:
    # WordNet's hypernyms: users and nurses are people; GPUs, ferries and names are not
    assert counts("people", "The app now reaches 1.5bn users.")
    assert counts("people", "The clinic hired 40 nurses.")
    assert counts("nurses", "The clinic hired 40 nurses.")
    assert not counts("people", "The lab has only 64 GPUs.")
    assert not counts("people", "Stanford has two ferries.")  # a name is no common noun
    assert not counts("parameters", "It cost over $100 million to train.")
    # "how much power": an amount in a unit of power (WordNet's "power_unit") says it
    assert counts("power", "The card cost €700 and draws around 300 watts under load.")
    assert counts("memory", "We shrank it to 1.2 gigabytes.")
    assert not counts("power", "The card cost €700 and has 24 gigabytes.")
    # a measure or a proportion of something counts it
    assert counts("memory", "It runs on a laptop with 8 GB of memory.")
    assert counts("questions", "The open model answered 71 percent of test questions.")
    assert not counts("registers", "It read two million pages of parish registers.")


def test_an_answer_stands_near_a_word_of_what_was_asked() -> None:
    def named(text: str, verb: str) -> bool:
        ws = words(text)
        return said_near(ws, lambda i: ws[i] == "ruiz", saying({stem(verb)}, None))

    assert named("Dana Ruiz leads the depot.", "leads")
    assert named("The depot is led by Dana Ruiz.", "leads")  # any form of the verb
    # a name in a unit that never says who leads it answers nothing
    assert not named("The depot has 64 buses, and even Dana Ruiz admits it.", "leads")
    far = (
        "Dana Ruiz came in 2019, when the town had one depot, two garages and no money to"
        " spend on any new bus lines, and nobody funds it now."
    )
    assert not named(far, "funds")


def test_a_deed_may_be_said_in_other_words() -> None:
    says, leads = doing("says", None), doing("leads", None)
    assert says("admits") and says("believes")  # any verb of saying or thinking
    assert leads("led") and doing("controls", None)("held")  # a form; WordNet's same deed
    assert not leads("admits") and not leads("has")  # no report, no function word


def test_which_doer_needs_the_deed_said() -> None:
    q = Query(question="Which company builds the ferries?", kind="fact", deed="builds")
    q = q.model_copy(update={"topic": "company builds ferries"})

    def typed(text: str) -> float:
        return feature(q, text, "answer_type")

    assert typed("The ferries were built by Nordyard in 2019.") == 0.0
    assert typed("The company behind the ferries has 300 staff.") == -1.0  # no building


def test_which_doer_is_not_answered_by_one_left_unnamed() -> None:
    q = Query(question="Which provider raised its prices?", kind="fact", deed="raised")
    q = q.model_copy(update={"topic": "provider raised prices"})
    assert q.doer == "provider"

    def typed(text: str) -> float:
        return feature(q, text, "answer_type")

    assert typed("When one provider raised its prices, councils had to pay.") == -1.0
    assert typed("Every provider raised its prices that year.") == -1.0
    assert typed("When Acme, one provider, raised its prices, councils paid.") == 0.0
    assert typed("The provider that raised its prices, Acme, was the largest.") == 0.0
    assert typed("The provider that raised its prices was the largest.") == -1.0  # which?
    assert unidentified("provider", "a large provider raised them", frozenset())
    assert not unidentified("provider", "Acme raised them", frozenset())  # the noun unsaid
    # a month is no name of the one asked for
    assert unidentified("provider", "In April a provider raised them", frozenset())
    # a demonstrative points back to a sentence not quoted
    assert unidentified("provider", "Those providers raised them", frozenset())


def test_who_did_it_may_be_answered_by_the_writer_who_did() -> None:
    q = Query(question="Who wrote the test prompts?", kind="fact", wants="name", deed="wrote")
    q = q.model_copy(update={"topic": "wrote test prompts"})
    assert feature(q, "We wrote the test prompts ourselves, with help.", "answer_type") == 0
    assert feature(q, "Dana Cole wrote the test prompts.", "answer_type") == 1
    assert feature(q, "The test prompts were hard to write.", "answer_type") == -1


def test_a_body_named_in_full_once_is_referred_back_to_by_its_head_noun() -> None:
    named = described_names("How much will the Harbour Ferry Board spend?")
    assert [head for _, head in named] == ["board"]
    lede = "The Harbour Ferry Board met on Monday."
    assert referred_back(named, "The board will spend £2m.", lede, frozenset())
    assert not referred_back(named, "A board will spend £2m.", lede, frozenset())  # not "the"
    assert not referred_back(named, "The board will spend £2m.", "It rained.", frozenset())


def test_where_is_x_wants_a_place_the_question_does_not_say() -> None:
    q = Query(question="Where is Nordyard based?", kind="fact", wants="place")
    q = q.model_copy(update={"topic": "nordyard based", "focus": q.question})

    def typed(text: str) -> float:
        return feature(q, text, "answer_type")

    assert typed("Nordyard, a shipyard in Norway, built the ferries.") == 1.0
    assert typed("Nordyard was founded by Ola Berg and Kari Dahl.") == -1.0  # names, no place


def test_an_amount_of_something_else_is_no_answer() -> None:
    def typed(q: Query, text: str) -> float:
        return feature(q, text, "answer_type")

    cost = Query(question="How much did the ferry cost?", kind="fact", wants="number")
    cost = cost.model_copy(update={"topic": "ferry cost"})
    assert typed(cost, "The new ferry cost the town $2 million.") == 1.0
    # an amount, but far from anything the question asks about
    far = (
        "The ferry was praised by all who rode it on the day the harbour opened,"
        " and the mayor keeps 3 dogs."
    )
    assert typed(cost, far) == -1.0
    # what an amount measures is a noun; a verb may be said in other words ("relies" / "uses")
    share = Query(question="What share of ferries relies on diesel?", kind="fact", wants="number")
    share = share.model_copy(update={"topic": "relies diesel"})
    assert typed(share, "Some 65% of the ferries still use diesel.") == 1.0
    dirty = "Diesel is dirty, as all who live by the harbour say; the new council has 9 members."
    assert typed(share, dirty) == -1.0
    # a comparison word says how it is measured, not what: "how far ahead" / "behind"
    ahead = Query(question="How far ahead is Rosyth?", kind="fact", wants="number")
    ahead = ahead.model_copy(update={"topic": "ahead"})
    assert typed(ahead, "Even Leith is half a decade behind Rosyth.") == 1.0


def test_what_is_counted_is_named_by_the_amount_that_counts_it() -> None:
    assert counts("products", "The firm has over 50,000 different semiconductor products.")
    assert counts("chips", "He bought hundreds of thousands of chips.")
    assert counts("chips", "Most chips, around 95%, are cheap.")  # the noun before it
    # a number that counts something else does not say how many cows there are
    assert not counts("cows", "The model told two farms to cut feed when the cows were thin.")
    # the noun right after an amount is what it counts, not a noun a few words on
    assert not counts("volunteers", "It learned from 40,000 pages that volunteers typed.")
    assert counts("pages", "It learned from 40,000 pages that volunteers typed.")
    assert counts("sessions", "In the first two months visitors opened 1,200 sessions.")
    assert counts("users", "It reports ~500 million weekly active users, and more.")


def test_a_genitive_of_measure_says_how_much_of_its_noun() -> None:
    notice = Query(question="How much notice did they give?", kind="fact", wants="number")
    notice = notice.model_copy(update={"counted": "notice", "topic": "notice"})
    assert states_amount(notice, "We had three weeks' notice that essays might be kept.")
    assert counts("notice", "We had three weeks' notice that essays might be kept.")
    assert not states_amount(notice, "In the last three weeks we noticed nothing.")
    assert not counts("models", "Meta's models and the firm's 3 labs")  # owners, no measure


def test_an_initialism_names_the_words_it_is_made_of() -> None:
    assert "cio" in initialisms("The Chief Information Officer, Martin Oyelaran, disagreed.")
    assert {"dfe", "de"} <= initialisms("a letter from the Department for Education")
    q = Query(question="How many staff did the CIO say it needs?", kind="fact", wants="number")
    q = q.model_copy(update={"names": ["cio"], "topic": "staff cio", "counted": "staff"})
    cio = frozenset(["cio"])
    said = "The Chief Information Officer, Ana Obi, said it needs three staff."
    assert feature(q, said, "names", cio) == 1
    assert feature(q, "The head of IT, Ana Obi, said it needs three staff.", "names", cio) == 0


def test_an_amount_at_another_rate_is_not_the_one_asked_for() -> None:
    q = Query(question="How much does the service cost each year?", kind="fact", wants="number")
    q = q.model_copy(update={"topic": "service cost year"})

    def typed(text: str) -> float:
        return feature(q, text, "answer_type")

    assert typed("The service costs the college £64,800 a year.") == 1.0
    assert typed("The service costs the college £6 per student per month.") == -1.0
    assert typed("The service costs the college £6,000.") == 1.0  # no rate said: any amount


def test_a_sum_of_money_counts_no_people() -> None:
    q = Query(question="How many students are in the class?", kind="fact", wants="number")
    q = q.model_copy(update={"counted": "students", "topic": "students class"})
    text = "The setup the students tested would cost about £4,400 in hardware."
    assert feature(q, text, "counted") == -1
    assert feature(q, "The class has 30 students.", "counted") == 1


def test_a_question_of_price_wants_a_sum_of_money() -> None:
    asked = Query(question="How much does a school laptop cost?", kind="fact", wants="number")
    assert not states_amount(asked, "A model runs on a laptop with 8 GB of memory.")
    assert states_amount(asked, "The laptops cost the school £450 each.")
    assert states_amount(asked, "New plants cost billions of dollars.")
    # "how much more" is answered by a ratio, "how much of" by a part
    more = Query(question="How much more does GPT-4 cost per token?", kind="fact", wants="number")
    assert states_amount(more, "GPT-4 costs 20x as much per token.")
    assert has_money("It cost 40 euros.") and not has_money("It is 20x as costly.")


def test_what_share_wants_a_part_of_a_whole() -> None:
    q = Query(question="What percentage of licences meet the criteria?", kind="fact")
    q = q.model_copy(update={"wants": "number", "topic": "licences meet criteria"})
    assert not states_amount(q, "The definition has ten criteria.")
    for text in ["Some 40% of licences meet them.", "Two thirds of licences meet them."]:
        assert states_amount(q, text) and has_part(text)
    assert has_part("61 of the 140 groups") and has_part("one in five licences")
    assert not has_part("in the last quarter") and not has_part("fail at least two of them")


def test_a_definition_goes_on_to_the_sentence_after_a_term_it_ends_on() -> None:
    text = (
        "What persuaded me most was staged release. A lab gives access first and publishes"
        " the weights later.\n\nStaged release is slow."
    )
    passage = PASSAGE.model_copy(update={"text": text, "end": len(text)})

    def unit(quote: str) -> Candidate:
        start = text.index(quote)
        u = Unit(f"u{start}", "a.txt", "p", start, start + len(quote), 0)
        return Candidate(u, passage, quote, {}, 0.5)

    intro, after, other = (unit(t) for t in re.split(r"(?<=\.)\s+", text))
    assert introduced([intro], [intro, after, other], "staged release") == [intro, after]
    # a unit that says the term before its end defines it itself; nothing is added
    assert introduced([other], [intro, after, other], "staged release") == [other]


def test_a_sum_spent_answers_how_much_is_spent_and_a_reason_answers_why() -> None:
    q = Query(question="How much will the board spend on its new ferry?", kind="fact")
    q = q.model_copy(update={"wants": "number", "topic": "board spend new ferry"})
    said = "The board expects to spend 2.1 million euros over three years on staff."
    assert feature(q, said, "answer_type") == 1  # said as spent, though not on "ferry"
    assert feature(q, "The board has 9 members and one ferry.", "answer_type") == -1
    # … by whoever the question says pays: not any sum near a verb of paying
    paid = "The setup the pupils tested would cost about £4,400 in hardware."
    assert feature(q, paid, "answer_type") == -1
    why = Query(question="Why did the board pick a closed model?", kind="fact")
    why = why.model_copy(update={"topic": "board pick closed model"})
    assert feature(why, "The short answer is cost.", "answer_type") == 1
    assert feature(why, "The board picked a closed model in May.", "answer_type") == 0


def test_hours_and_minutes_say_how_quickly() -> None:
    q = Query(question="How quickly can a provider withdraw a model?", kind="fact")
    q = q.model_copy(update={"wants": "number", "topic": "provider withdraw model"})
    assert feature(q, "Providers can withdraw a model within hours.", "answer_type") == 1
    assert feature(q, "Providers can withdraw a model if it misbehaves.", "answer_type") == -1


def test_a_definition_is_not_a_sentence_that_only_asks_what_the_word_means() -> None:
    keys = content_terms("quantised")
    assert only_asked('You will need to understand what "quantised" means.', keys)
    assert not only_asked("Quantised means the weights are stored in fewer bits.", keys)
    assert not only_asked("We ask what quantised models lose; quantised ones are smaller.", keys)


def test_a_name_a_unit_says_without_saying_it_passes_the_names_gate() -> None:
    # a document titled "... the Harrow County Library ..." is about Harrow in every sentence;
    # a speaker's turn in a transcript is theirs in every sentence
    query = Query(question="How many questions did Harrow answer?", kind="fact", topic="harrow")
    quote = "Our helper answered about 3,200 questions a week."
    stats = TermStats([quote, "Another text about open models."])
    keys, asked = content_terms("harrow"), {"harrow"}
    plain = features_of(query, quote, quote, 0.5, stats, keys, asked)
    carried = features_of(query, quote, quote, 0.5, stats, keys, asked, carried={"harrow"})
    assert plain["names"] == 0.0 and carried["names"] == 1.0
    assert carried["coverage"] == plain["coverage"]  # a document's name is where, not what
    voiced = features_of(
        query, quote, quote, 0.5, stats, keys, asked, carried={"harrow"}, voiced={"harrow"}
    )
    assert voiced["coverage"] > plain["coverage"]  # the speaker's own turn says them


def test_a_persons_words_are_reported_not_only_their_name() -> None:
    assert reports("Even Dana Ruiz admits that the night buses run late.", "ruiz")
    assert reports("Dana Ruiz, who runs the depot, explained the timetable.", "ruiz")
    assert reports("Ruiz: “the buses are late”.", "ruiz")
    assert not reports("Last week I met Dana Ruiz and two drivers at the depot.", "ruiz")
    assert not reports("Dana Ruiz admits the buses run late.", "okafor")
    assert reports("Ama Owusu-Ansah explained the timetable.", "ansah")  # a name's last part


def test_a_proportion_of_a_whole_named_first_counts_it_for_what_follows_it() -> None:
    text = "Of the members who use an assistant, 61 percent pay and 12 percent run one at home."
    assert counts("members", text, asked=[stem("run"), stem("home")])
    # the share of members who use one is not said: only shares of those who do
    assert not counts("members", text, asked=[stem("use"), stem("assistant")])


def test_which_one_doer_is_answered_by_a_name_or_by_the_writer_who_did_it() -> None:
    q = Query(question="Which company makes the model that Harrowgate runs?", kind="fact")
    q = q.model_copy(update={"deed": "makes", "topic": "company makes model harrowgate runs"})

    def typed(text: str) -> float:
        return feature(q, text, "answer_type", frozenset({stem("harrowgate")}))

    assert typed("The model Harrowgate runs is made by Nordyard.") == 0.0
    assert typed("We made the model Harrowgate runs ourselves.") == 0.0
    # "I" far from the deed did not do it; a name the question says names no maker
    assert typed("I say that with respect for what Harrowgate has made.") == -1.0
    # a plural asks for kinds, which common nouns name
    q = q.model_copy(update={"question": "Which companies make the models?"})
    assert typed("Small firms make the models that libraries run.") == 0.0


def test_a_name_introduced_by_a_noun_is_referred_back_to_by_it() -> None:
    text = "Acme today released Skarv-7, a language model with 7 billion parameters."
    assert introduced_as(text, ["skarv"]) == [(frozenset({"skarv"}), "model")]
    assert introduced_as("Fjordlyn AI is a company of 45 people.", ["fjordlyn"])[0][1] == "company"
    assert introduced_as("Acme released Skarv-7 today.", ["skarv"]) == []


def test_a_price_asked_of_someone_named_in_the_possessive_wants_money() -> None:
    q = Query(question="How much does Fashola's district pay its engineer?", kind="fact")
    q = q.model_copy(update={"wants": "number", "topic": "district pay engineer"})
    assert not states_amount(q, "We needed one engineer, half time.")
    assert states_amount(q, "We pay our engineer 40,000 dollars a year.")


def test_how_long_something_took_is_said_by_its_own_verb() -> None:
    q = Query(question="How long did the school spend setting up the model?", kind="fact")
    q = q.model_copy(update={"wants": "number", "topic": "school spend setting model"})
    assert feature(q, "We spent about six weeks on logins and filtering.", "answer_type") == 1
    assert feature(q, "Our pupils chat about six weeks of homework.", "answer_type") == -1


def test_a_year_a_citation_marker_and_a_figure_the_question_says_are_no_amount_asked() -> None:
    q = Query(question="How much did the councils spend on buses in 2024?", kind="fact")
    q = q.model_copy(update={"wants": "number", "topic": "councils spend buses 2024"})
    said = "In 2025, the councils spent €31 million on buses, up from €8 million in 2023."
    assert feature(q, said, "answer_type") == -1  # a figure of other years
    assert feature(q, said.replace("2025", "2024"), "answer_type") == 1
    assert feature(q, "The councils spent €31 million on buses.", "answer_type") == 1  # no year
    q = Query(question="How many bus routes were opened in 2023?", kind="fact")
    q = q.model_copy(update={"wants": "number", "topic": "bus routes opened 2023"})
    assert feature(q, "Bus routes were opened again at scale in 2023.[5]", "answer_type") == -1
    assert not has_quantity("They resumed at scale.[5]")
    # "By how much …?": a part is the size of the change
    q = Query(question="By how much do councils underestimate the work?", kind="fact")
    q = q.model_copy(update={"wants": "number", "topic": "councils underestimate work"})
    assert feature(q, "The councils underestimate this work by about half.", "answer_type") == 1


def test_a_month_names_no_doer() -> None:
    q = Query(question="Which company provides the council's bus app?", kind="fact")
    q = q.model_copy(update={"deed": "provides", "topic": "company provides council bus app"})
    said = "Our contract with our current bus app provider ends in July 2027."
    assert feature(q, said, "answer_type") == -1.0
    assert feature(q, "The app is provided by Nordyard since July.", "answer_type") == 0.0


def test_a_units_section_heading_says_the_topic_for_it() -> None:
    q = Query(question="Summarize the key findings.", kind="view", topic="findings")
    text = "71% of respondents use at least one AI model."
    stats = TermStats([text])
    keys = content_terms(q.topic)

    def coverage(headed: frozenset[str]) -> float:
        return features_of(q, text, text, 0.5, stats, keys, set(), headed=headed)["coverage"]

    assert coverage(frozenset()) == 0.0
    assert coverage(frozenset(content_terms("Key findings")) & set(keys)) == 1.0


def test_which_doer_qualified_is_still_asked_to_be_named() -> None:
    # "Which AI laboratory …?" asks for the laboratory's name, as "Which laboratory …?" does,
    # and the name the question itself says ("Priya Raman") does not give it
    q = fact("Which AI laboratory did Priya Raman work at?", "ai laboratory work", deed="work")
    quote = "Priya Raman spent eleven years as an engineer at a large AI laboratory."
    assert feature(q, quote, "answer_type", frozenset({"priya", "raman", "ai"})) == -1.0
    assert feature(q, "Raman worked at Kestrel Labs, an AI laboratory.", "answer_type") == 0.0


def test_a_document_of_another_kind_than_asked_answers_no_fact_of_it() -> None:
    survey = "We asked secondary school teachers. 71% of teachers use AI."
    assert contrasted("What share of primary school teachers use AI?", bigrams(survey))
    assert not contrasted("What share of secondary school teachers use AI?", bigrams(survey))
    assert not contrasted("What share of teachers use AI?", bigrams(survey))  # no kind asked
    both = "Open models cost nothing to download; a closed model costs £5 a month."
    assert not contrasted("How much does an open model cost?", bigrams(both))
    assert contrasted("How much does a closed model cost?", bigrams("An open model costs nothing."))
    # a motion's sides are no kind: a document weighs both, in words of its own
    slides = "The closed option costs more. Option B runs an open-weight model."
    assert not contrasted(
        "What does the officer think of the open option?", bigrams(slides), {"open"}
    )


def test_a_fraction_is_a_share_and_annual_is_a_rate_a_year() -> None:
    q = fact(
        "What share of schools in the region have no technician?",
        "schools region technician",
        wants="number",
        counted="schools",
    )
    said = "She said a third of schools in the region have no technician."
    assert feature(q, said, "answer_type") == 1.0 and feature(q, said, "counted") == 1.0
    q = fact(
        "How much would the new pricing have cost the council each year?",
        "new pricing cost year",
        wants="number",
    )
    assert (
        feature(q, "It would raise the annual bill from £48,000 to £130,000.", "answer_type") == 1
    )
    assert feature(q, "It would raise the monthly bill from £4,000 to £9,000.", "answer_type") == -1


def test_a_why_question_gets_the_reason_its_passage_gives() -> None:
    q = "Why did the trust move to an open model?"
    event = cand(0, 0.9, "The trust moved to an open model in 2025.")
    reason = cand(100, 0.5, "The trust's reason was that records could not leave.", answer_type=1.0)
    elsewhere = replace(reason, passage=PASSAGE.model_copy(update={"id": "q"}))
    assert with_reason([event], [event, reason], q, 3) == [event, reason]
    assert with_reason([event], [event, elsewhere], q, 3) == [event]  # another passage
    assert with_reason([event], [event, reason], "When did the trust move?", 3) == [event]


def test_which_thing_is_not_answered_by_an_indefinite_one() -> None:
    q = fact(
        "Which closed chatbot service does the bakery use?", "closed chatbot service bakery use"
    )
    assert feature(q, "The bakery pays for a closed chatbot service.", "answer_type") == -1.0
    assert feature(q, "The bakery pays for Brioche, a chatbot service.", "answer_type") == 0.0
    # what a thing is like is no "which": "What feedback loop …?" is answered by a description
    what = q.model_copy(update={"question": "What chatbot service does the bakery use?"})
    assert feature(what, "The bakery pays for a closed chatbot service.", "answer_type") == 0.0


def test_the_writer_doing_the_deed_names_no_thing_done_to() -> None:
    q = fact("Which supplier does Northgate use?", "supplier use", deed="use")
    assert q.doer == "supplier"
    assert feature(q, "We use a closed model under an enterprise contract.", "answer_type") == -1


def test_a_numeral_after_a_noun_of_a_series_names_it_and_counts_nothing() -> None:
    assert unlabelled("pupils in years 10 to 13 use it").split() == ["pupils", "in", "use", "it"]
    assert unlabelled("Chapter 3 costs £9,200 in 2025") == " " * 9 + " costs £9,200 in 2025"
    assert unlabelled("deleted after 90 days") == "deleted after 90 days"  # counted before
    assert unlabelled("3.1 Pupils may use it").split() == ["Pupils", "may", "use", "it"]
    kept = fact("How long are chats kept?", "chats kept", wants="number")
    assert feature(kept, "Pupils in years 10 to 13 may keep chats.", "answer_type") == -1.0
    assert feature(kept, "Chats are kept for 90 days.", "answer_type") == 1.0


def test_a_clause_or_list_marker_opens_the_sentence_after_it() -> None:
    assert names("2.2 Staff may use one assistant.") == set()  # no name "Staff"
    assert "quill" not in names("- Quill Tutor now runs on Lark-7B.")


def test_a_sum_of_money_is_the_price_of_the_thing_named() -> None:
    # "How much does The Open Shelf cost?" of the review that names it: the topic left is
    # only the price, which any sum of money states
    q = fact("How much does The Open Shelf cost?", "cost", wants="number")
    assert feature(q, "It is published by Harbourline Press at £16.99.", "answer_type") == 1
    assert feature(q, "The book is weaker on cost.", "answer_type") == -1
    assert feature(q, "Its 280 pages are at their best early on.", "answer_type") == -1


def test_a_place_where_something_happens_names_no_company() -> None:
    q = fact("Which company offered the library the service?", "company offered service")
    q = q.model_copy(update={"deed": "offered"})
    said = "The commercial provider offers to keep readers' questions in the UK."
    assert feature(q, said, "answer_type") == -1.0
    assert feature(q, "The service is offered by Nordyard, in the UK.", "answer_type") == 0.0


def test_a_day_of_the_week_and_a_time_of_day_say_when() -> None:
    q = fact("When is the drop-in session?", "drop session", wants="time")
    said = "The team runs a drop-in session every Wednesday from 2 pm to 4 pm."
    assert feature(q, said, "answer_type") == 1
    assert feature(q, "The team runs a drop-in session for students.", "answer_type") == -1


def test_an_amount_before_the_verb_asked_counts_who_did_it() -> None:
    # "19 preferred …" of "How many pupils preferred …?": the noun left out, the verb said
    keys = content_terms("pupils preferred commercial assistant")
    said = "I asked the class to vote: 19 preferred the commercial assistant, 8 the open one."
    assert counts("pupils", said, True, keys)
    assert not counts("pupils", "A licence for 19 classrooms was preferred.", True, keys)
    # nor a gerund after a magnitude: "$1 billion training runs" counts no electricity
    keys = content_terms("electricity training frontier model use")
    assert not counts("electricity", "CEOs predict $1 billion training runs.", True, keys)


def test_which_thing_said_only_as_the_question_says_it_is_not_identified() -> None:
    asked = set(words("Which open model did Vale install?"))
    said = "Installed the open model on the old desktop, after IT lifted the 2 GB limit."
    assert unidentified("model", said, set(), asked)  # "2 GB" is a measure, no name
    assert not unidentified("model", "Installed the smaller model today.", set(), asked)
    assert not unidentified("model", "Installed the open model, Skarv-7, today.", set(), asked)


def test_a_hyphenated_speakers_name_is_read_whole_from_the_question() -> None:
    from debatebot.select import _speaker_name

    # "asked of nothing else" but the speaker: both parts of the name are theirs
    assert _speaker_name("What does Lindqvist-Mbeki argue?", "mbeki") == ["lindqvist", "mbeki"]
    assert _speaker_name("What did Ruiz say about trams?", "ruiz") == ["ruiz"]
