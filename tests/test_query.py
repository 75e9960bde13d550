"""Understanding questions: kind, scope, side, topic (fresh questions, not the eval set's)."""

from __future__ import annotations

import pytest

from debatebot.corpus import DocumentInfo
from debatebot.motion import load_motion
from debatebot.query import understand, which_asked

DOCS = [
    DocumentInfo(file="a.txt", label="Garden notes", author="Ada Lovelace", lean="open"),
    DocumentInfo(file="b.txt", label="The Harbor Report", aliases=["Harbor"], lean="closed"),
    DocumentInfo(file="c.md", label="c", title="Open Source Generative AI", lean="open"),
    DocumentInfo(file="d.md", label="Okafor", title="What our ferry cooperative learned"),
    DocumentInfo(file="e.md", label="Baptiste", title="What we learned from closed models"),
]
MOTION = load_motion()


def ask(question: str):  # noqa: ANN201 - a Query
    return understand(question, DOCS, MOTION)


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("How many servers did the lab rent last year?", "fact"),
        ("Who paid for the new cluster?", "fact"),
        ("What does Lovelace think about licences?", "view"),
        ("What does Lovelace reckon about licences?", "view"),  # a verb of believing
        ("What does Lovelace admit about licences?", "view"),  # a verb of conceding
        ("Summarise the Harbor Report.", "view"),
        ("What did the Harbor Report discuss?", "view"),  # all that it says
        ("Which vendors does Lovelace list?", "fact"),
        ("Compare Lovelace and the Harbor Report on security.", "comparison"),
        ("How do the open and closed sides disagree about cost?", "comparison"),
        ("What are the main arguments for open-source AI?", "overview"),
        ("What are the downsides of proprietary models?", "overview"),
        ("What do the essays say about energy use?", "overview"),
        ("What is a model card?", "definition"),
        ("What does fine-tuning mean?", "definition"),
        # a property of something is a fact, not a definition
        ("What is the council's yearly budget?", "fact"),
        # how the two sides see something: their views side by side
        ("How do the two sides see the energy bill?", "comparison"),
        ("How do both camps view licences?", "comparison"),
        # the many ways students ask for a case, a view or a comparison
        ("What points are made about licences and fees?", "overview"),
        ("What reasons are given for proprietary models winning?", "overview"),
        ("What is said about energy use?", "overview"),
        ("What does the debate say about water?", "overview"),
        ("What are people worried about with open models?", "overview"),
        ("What problems do open-source labs face?", "overview"),  # what + a case noun
        ("What challenges does the proprietary side see?", "overview"),
        ("What are the environmental arguments in the debate?", "overview"),
        ("Which arguments support keeping weights private?", "overview"),
        ("What evidence is there that open models are improving?", "overview"),
        ("How might open source benefit farmers?", "overview"),
        ("Why is proprietary AI considered expensive?", "overview"),
        ("What makes open models attractive to schools?", "overview"),
        ("What do critics of open models say?", "overview"),
        ("Can you sum up the debate?", "overview"),
        ("Contrast the views on licences.", "comparison"),
        ("Is there any common ground between the two camps?", "comparison"),
        ("Which side makes the stronger case on energy?", "comparison"),
        ("Where do open and closed-source advocates clash on fees?", "comparison"),
        ("Where does Lovelace stand on licences?", "view"),
        ("Where does the Harbor Report land on fees?", "view"),
        ("What is the Harbor Report arguing?", "view"),
        ("According to Lovelace, why will open models win?", "view"),
        ("Is Lovelace for or against open models?", "view"),
        # a subject that is against a thing holds a view of it
        ("Why is Ada Lovelace against the harbour running its own model?", "view"),
        ("Should schools ban open-source AI?", "overview"),
        # what a study found, or how an event went, is an account of it, not a definition
        ("What are the main findings of the Harbor Report?", "view"),
        ("What were the key results?", "overview"),
        ("What happened in the Harbor Report's trial?", "view"),
        ("What happened after the Harbor Report's trial ended?", "view"),
        # the positions a document sets out are its view, not what a position is
        ("What are the three positions in the Harbor Report?", "view"),
        # a writer's choice among things is their view, not a name to find
        ("Which vendor does the Harbor Report recommend?", "view"),
        ("Which vendor does the Harbor Report use?", "fact"),
        # whether a document holds a claim is its view
        ("Does the Harbor Report say open models are always worse?", "view"),
        # how a document answers a point against it is its view
        ("How does Lovelace answer the worry that open models are risky?", "view"),
        # a request around a question leaves the question
        ("I'd like to know who runs the Harbor data centre.", "fact"),
        ("Can you tell me how much the cluster cost?", "fact"),
        # still facts: a place, a thing picked out, a named person's reasons
        ("Where is the Harbor Report's data centre?", "fact"),
        ("Which vendor sold the most servers?", "fact"),
    ],
)
def test_the_kind_of_question(question: str, kind: str) -> None:
    assert ask(question).kind == kind


def test_scope_comes_from_the_manifest_names() -> None:
    assert ask("What does Ada Lovelace argue?").scope == ["a.txt"]
    assert ask("What does lovelace argue?").scope == ["a.txt"]  # an author's surname, any case
    assert ask("What does the harbor report conclude?").scope == ["b.txt"]  # an alias
    assert ask("What does the Open Source Generative AI essay claim?").scope == ["c.md"]
    # a title names its document only as written: in lower case it is a topic
    assert ask("What is open source generative AI good for?").scope == []
    # a person mentioned inside an essay is not an author
    assert ask("What did Zuckerberg say about Llama?").scope == []
    two = ask("How does the Harbor Report differ from Lovelace?")
    assert two.scope == ["b.txt", "a.txt"] and [g.label for g in two.groups] == [
        "The Harbor Report",
        "Garden notes",
    ]


def test_the_side_asked_for_and_its_weaknesses() -> None:
    assert ask("What are the main arguments for open-source AI?").side == "open"
    assert ask("What are the risks of closed-source AI?").side == "open"
    assert ask("What are the key arguments against open source?").side == "closed"
    assert ask("Why might proprietary models win?").side == "closed"
    # a harm asked of one side is asked of it, not of the side whose case answers
    assert ask("What are the risks of closed-source AI?").harms == "closed"
    assert ask("What are the dangers of open models?").harms == "open"
    assert ask("What are the main arguments for open-source AI?").harms is None
    assert ask("What are the key arguments against open source?").harms is None


def test_the_topic_drops_intent_words_names_and_side_words() -> None:
    assert ask("What does Lovelace think about licences?").topic == "licences"
    # the form after the name that names a document names it too ("the Harbor policy")
    assert ask("What does the Harbor policy say about licences?").topic == "licences"
    assert ask("What are the risks of closed-source AI?").topic == "risks"
    # a letter of any script belongs to its word: "Tomás" is one word, not "tom" and "s"
    assert ask("Did Tomás Ferreira sign the licences?").topic == "tomás ferreira sign licences"
    # the record of a meeting is a document's form, no topic ("the committee's session")
    assert ask("Summarize Harbor's hearing.").topic == ""
    assert ask("Summarize the Harbor Report's worksheet.").topic == ""
    assert ask("How many servers did the lab rent?").topic.split() == ["servers", "lab", "rent"]
    # "how long", "how quickly": the measure asked for is no topic
    assert ask("How long does a new bridge take to approve?").topic.split() == [
        "new",
        "bridge",
        "take",
        "approve",
    ]
    # in a factual question the sides' words are content
    assert "open" in ask("How soon do open source models match closed ones?").topic
    # the topic is said back to the student as written: "one", not "1"
    assert ask("Why would one regulator serve everyone?").topic == "one regulator serve everyone"
    # a number word in a comparison counts what it is about: the topic is what it counts
    assert ask("Compare Lovelace and Harbor on one regulator for everyone.").topic == (
        "regulator everyone"
    )
    # the verb of a fronted case noun says only that someone has the case
    assert ask("What problems do open-source labs face?").topic == "labs"
    # … not a last word after a preposition, nor one that is no verb
    assert "startups" in ask("What benefits does open source bring to startups?").topic
    assert ask("What advantages do closed models have for businesses?").topic == "businesses"
    q = ask("How do Lovelace and Harbor differ on whether one lab will lead?")
    assert q.topic == "lab lead"
    # two documents compared on a side: the side is what they are compared on, not a group
    q = ask("Contrast Lovelace and the Harbor Report on the history of open source.")
    assert q.kind == "comparison" and q.topic == "history open source"
    assert ask("How do the two sides differ on the history of open source?").topic == "history"
    # a side a gerund governs is what the gerund is done to: the wider topic, tried when no
    # named document says the narrower one
    q = ask("What does Lovelace think of calling AI models open source?")
    assert (q.topic, q.wider) == ("calling", "calling ai models open source")
    assert ask("What does Lovelace think about open source?").wider == ""  # about a side


def test_the_subject_of_a_title_names_its_document() -> None:
    q = ask("How many boats does the ferry cooperative own?")
    assert q.scope == ["d.md"] and q.topic == "boats"
    assert ask("What did the cooperative's members vote for?").scope == ["d.md"]
    # words of two titles, the motion's words, or no "the": no document
    assert ask("What have the writers learned?").scope == []
    assert ask("Are the closed models safer?").scope == []
    assert ask("Do ferry cooperatives use AI?").scope == []
    # a word of one title that no dictionary knows as a noun names no subject ("versus")
    docs = [*DOCS, DocumentInfo(file="f.md", label="f", title="Trams: open versus closed")]
    q = understand("What does Okafor think about the open versus closed debate?", docs, MOTION)
    assert q.scope == ["d.md"] and q.kind == "view"
    assert understand("Who wrote about the trams?", docs, MOTION).scope == ["f.md"]
    # a document labelled by its file name in every citation is named by its words too,
    # a possessive included ("the translators' newsletter"); one with a label of its own
    # only where its form is said too ("newsletter"), not by "the translators" alone
    docs = [*DOCS, DocumentInfo(file="translators-newsletter.md", label="translators-newsletter")]
    q = understand("What did the translators' newsletter decide?", docs, MOTION)
    assert q.scope == ["translators-newsletter.md"]
    docs = [*DOCS, DocumentInfo(file="translators-newsletter.md", label="Etxeberria")]
    q = understand("What did the translators' newsletter decide?", docs, MOTION)
    assert q.scope == ["translators-newsletter.md"]
    assert understand("What did the translators decide?", docs, MOTION).scope == []
    # … nor a verb after a noun ("the school pay for": no title's "pays")
    docs = [*DOCS, DocumentInfo(file="g.md", label="g", title="Why our council pays for it")]
    assert understand("What did the school pay for it?", docs, MOTION).scope == []
    # more names of a document, matched as written (Sources.proper_names: "Riverton")
    q = understand("What did the Riverton trial cost?", DOCS, MOTION, {"d.md": ["Riverton"]})
    assert q.scope == ["d.md"]
    assert (
        understand("What did the riverton trial cost?", DOCS, MOTION, {"d.md": ["Riverton"]}).scope
        == []
    )


def test_a_comparison_of_two_people_sets_each_persons_words_apart() -> None:
    q = ask("How do Nandakumar and Pell differ on running the helper?")
    assert q.kind == "comparison" and q.topic == "running helper" and q.names == []
    groups = [(g.label, g.names) for g in q.groups]
    assert groups == [("Nandakumar", ["nandakumar"]), ("Pell", ["pell"])]
    assert ask("Compare Priya Nandakumar with Graham Pell.").groups[1].names == ["graham", "pell"]
    # sides and their actors are compared as sides, and words are no people
    assert ask("How do open and closed models differ on cost?").groups[0].names == []
    assert ask("How do Google and Meta differ on cost?").kind != "comparison"


def test_an_attribution_before_a_question_does_not_hide_what_it_asks_for() -> None:
    q = ask("According to Okafor, how much does the ferry cost each year?")
    assert q.wants == "number" and q.scope == ["d.md"]
    assert ask("According to the Harbor Report, when did the port open?").wants == "time"


def test_a_comparison_may_set_a_documents_writer_against_a_person_it_quotes() -> None:
    docs = [*DOCS, DocumentInfo(file="m.txt", label="Pretorius", author="Ana Pretorius")]
    q = understand("How do Luis Obi and Ana Pretorius differ on the setup?", docs, MOTION)
    assert q.kind == "comparison" and q.scope == ["m.txt"] and q.topic == "setup"
    assert [(g.label, g.names, g.sources) for g in q.groups] == [
        ("Luis Obi", ["luis", "obi"], ["m.txt"]),
        ("Ana Pretorius", ["ana", "pretorius"], ["m.txt"]),
    ]


def test_documents_are_named_by_their_form_and_file_name_not_by_a_shared_alias() -> None:
    docs = [
        *DOCS,
        DocumentInfo(file="debate-club-speech.md", label="Quell", author="Amra Quell"),
        DocumentInfo(file="lab-report.md", label="Osu", title="Lab report", aliases=["Ellery"]),
        DocumentInfo(file="quiz-notes.md", label="Tam", aliases=["Ellery"]),
    ]
    q = understand("Compare the debate speech and the lab report on cost.", docs, MOTION)
    assert q.kind == "comparison"
    assert q.scope == ["debate-club-speech.md", "lab-report.md"]
    # a word of the file name alone, without the form it names, names nothing
    assert understand("What did the club decide?", docs, MOTION).scope == []
    # the school both documents come from names neither, nor one another's title says
    assert understand("When was Ellery founded?", docs, MOTION).scope == []
    speech = DocumentInfo(file="s.md", label="Okoro", author="Lena Okoro", aliases=["Fernhill"])
    news = DocumentInfo(file="n.md", label="n", title="Fernhill School newsletter, May")
    assert understand("When did Fernhill open?", [*DOCS, speech], MOTION).scope == ["s.md"]
    assert understand("When did Fernhill open?", [*DOCS, speech, news], MOTION).scope != ["s.md"]
    # an explainer and a guide are forms of document
    file = "explainer-open-weights.md"  # labelled by its file's name: no byline
    guide = DocumentInfo(file=file, label=file[:-3], title="Open weights, explained")
    assert understand("What does the explainer say?", [*DOCS, guide], MOTION).scope == [file]
    # a form written in capitals is that form: "the FAQ" of the one file named a FAQ
    faq = DocumentInfo(file="faq-local-models.md", label="Skills Team", title="Questions")
    q = understand("What does the FAQ say about privacy?", [*DOCS, faq], MOTION)
    assert q.scope == ["faq-local-models.md"] and q.topic == "privacy"
    # a form written with a hyphen, as the file's name writes it
    docs.append(DocumentInfo(file="op-ed-free-ride.md", label="Raman", author="Priya Raman"))
    q = understand("How do the op-ed and the lab report differ on cost?", docs, MOTION)
    assert q.scope == ["op-ed-free-ride.md", "lab-report.md"] and q.topic == "cost"
    # all that a document says someone will say is a view
    q = understand("What will the opposition say, according to the lab report?", docs, MOTION)
    assert q.kind == "view" and q.scope == ["lab-report.md"]
    # a document named only after a preposition is what the other is asked about
    q = understand("What does the lab report say about the op-ed?", docs, MOTION)
    assert q.kind == "view" and q.scope == ["lab-report.md"]
    q = understand("Compare the lab report with the op-ed.", docs, MOTION)
    assert q.kind == "comparison" and q.scope == ["lab-report.md", "op-ed-free-ride.md"]
    # every author of a document names it
    docs.append(DocumentInfo(file="r.md", label="Osi", author="Jo Brekk and Lia Osi"))
    assert understand("What did Brekk find?", docs, MOTION).scope == ["r.md"]


def test_what_an_answer_must_contain() -> None:
    q = ask("How many parameters does the new model have?")
    assert q.wants == "number" and q.counted == "parameters"
    assert ask("When did the lab open?").wants == "time"
    assert ask("Who wrote the licence?").wants == "name"
    assert ask("Who wrote the licence?").deed == "wrote"
    assert ask("Who is the depot's manager?").deed is None  # no deed but being
    # "which X …" asks for a doer when X's first sense is a person, a group or a place
    assert ask("Which company builds the ferries?").deed == "builds"
    assert ask("Which councils run their own buses?").deed == "run"  # a plural's verb
    assert ask("Which union did the drivers join after the strike?").deed == "join"
    assert ask("Which supplier does the depot use?").deed == "use"
    assert ask("What fuel does the depot use?").deed is None  # fuel is no doer
    assert ask("Which company is the depot's supplier?").deed is None  # no deed but being
    assert ask("Where is the ferry company based?").wants == "place"
    assert ask("Where does the depot's fuel come from?").wants is None  # a source, not a place
    # "where is X on Y" asks X's stance: a view, no place
    q = ask("Where is Lovelace on licences?")
    assert q.kind == "view" and q.wants is None and q.scope == ["a.txt"]
    assert ask("What share of schools use it?").counted == "schools"
    assert ask("How many schools already have a tutor?").counted == "schools"  # an adverb
    # "how many X of Y" counts X when X is a measure, Y when X is a kind or a part
    assert ask("How many years of records was the model trained on?").counted == "years"
    assert ask("How many kinds of chips does the firm make?").counted == "chips"
    assert ask("How many incidents of misuse does the book describe?").counted == "incidents"
    assert ask("How many millions of users does it have?").counted == "users"
    # the amount "how much would X cost" asks for is the verb's, not a count of X
    assert ask("How much would a ferry pass have cost the council?").counted is None
    assert ask("How many drivers work at the depot?").counted == "drivers"  # no auxiliary
    # a plural English does not inflect counts too ("people", "staff"), not the noun after it
    assert ask("How many people sign the depot's rotas?").counted == "people"
    assert ask("How many staff drive the ferry buses?").counted == "staff"
    assert ask("How much cheaper was the new ferry?").counted is None  # a comparison
    # a rate after the noun is not what is counted
    assert ask("How many questions a week did the helper answer?").counted == "questions"
    assert ask("How many buses per day leave the depot?").counted == "buses"


def test_how_a_side_is_held_or_prevails_is_no_topic() -> None:
    # a stance marker asks how a side is held; "dominate" asks who wins, as "win" does
    assert ask("What are the strongest reasons to prefer closed models?").topic == ""
    assert ask("Compare Lovelace and Harbor on who will dominate.").topic == ""
    assert ask("Compare Lovelace and Harbor on licences.").topic == "licences"
    # outside a view, overview or comparison, a stance marker stays ("better" is asked)
    assert "better" in ask("Which lab has better GPUs?").topic


@pytest.mark.parametrize(
    ("question", "closing"),
    [
        ("What is the Harbor Report's conclusion?", True),
        ("What does Lovelace conclude about licences?", True),
        ("How does the Harbor Report end?", True),
        ("How do Lovelace and the Harbor Report end their pieces?", True),
        ("What does Lovelace think about licences?", False),
        ("What happens at the end of a licence?", False),  # a fact, not a document's ending
        ("What is the Harbor Report's verdict?", True),  # a verdict is a final judgement
    ],
)
def test_asking_how_a_document_ends(question: str, closing: bool) -> None:
    query = ask(question)
    assert query.closing is closing
    if closing:
        assert query.kind in ("view", "comparison") and "end" not in query.topic.split()


@pytest.mark.parametrize(
    ("question", "speaker"),
    [
        ("What did Dana Ruiz say about the night buses?", "ruiz"),
        ("What does Ruiz think of trams?", "ruiz"),
        ("What would the council say about fares?", None),  # no name: not a person's words
        ("What did Ruiz build in 2019?", None),  # not what she said
        ("What is Dana Ruiz's position on night buses?", "ruiz"),  # what she holds
        ("What was the Transit Union's view of fares?", "union"),
        ("What is the price of a ticket?", None),
        ("What does Ama Owusu-Ansah argue?", "ansah"),  # a name's last word, as names split
        ("What do Ruiz and Okonjo conclude?", "okonjo"),
        ("What did Ruiz find?", "ruiz"),  # what a study's author reports
    ],
)
def test_asking_what_a_named_person_said(question: str, speaker: str | None) -> None:
    assert ask(question).speaker == speaker


def test_the_words_that_ask_for_a_case_are_no_topic() -> None:
    # how the case is asked for (judged, listed, made) is not what it is about
    assert ask("List the advantages of open-source models.").topic == ""
    assert ask("What are the drawbacks of proprietary models for schools?").topic == "schools"
    assert ask("Which side makes the stronger case on energy?").topic == "energy"
    assert ask("What conclusions does the Harbor Report reach?").topic == ""
    # harm is a topic: "the dangers of X" asks about safety, not the whole case against X
    risky = ask("Why is open-source AI considered risky?")
    assert (risky.side, risky.topic) == ("closed", "risky")
    worried = ask("What are people worried about with open models?")
    assert (worried.side, worried.topic) == ("closed", "")


def test_a_head_said_once_names_both_sides() -> None:
    query = ask("Where do open and closed-source advocates clash on fees?")
    assert query.sides == ["open", "closed"] and query.topic == "fees"
    assert MOTION.unfold("open or closed models") == "open models or closed models"
    assert MOTION.unfold("open and shut cases") == "open and shut cases"
    # a side's adjective said after the subject, unless it opens a longer term
    assert MOTION.unfold("keep our AI closed") == "keep our closed AI"
    assert MOTION.unfold("AI closed-source labs") == "AI closed-source labs"


def test_a_point_is_made_for_the_other_side_by_swapping_the_sides_it_names() -> None:
    swapped = MOTION.swap_sides("Open models iterate faster than closed ones.")
    assert swapped == "closed-source AI iterate faster than open-source AI."
    assert MOTION.swap_sides("OpenAI is ahead.") == "OpenAI is ahead."  # an actor stays
    assert MOTION.swap_sides("Open-sourced weights") == "closed-source AI weights"  # longest term


def test_a_request_around_a_question_is_not_its_topic() -> None:
    query = ask("I'd like to know who runs the Harbor data centre.")
    assert query.wants == "name" and "know" not in query.topic
    assert ask("Tell me how much the cluster cost.").wants == "number"
    assert ask("Could you tell me how long the lease lasts?").asks_span


def test_a_debate_question_asks_every_document_and_no_one_side() -> None:
    query = ask("Should schools ban open-source AI?")
    assert (query.kind, query.side, query.topic) == ("overview", None, "schools ban")


def test_how_much_sooner_asks_a_difference_that_may_be_a_span_of_time() -> None:
    assert ask("How much sooner did outside teams find the faults?").asks_span
    assert not ask("How much did outside teams pay for the audit?").asks_span


def test_a_name_that_names_a_document_in_part_is_no_second_name() -> None:
    # "Harbor" names the Harbor Report; "Harbor Quays" is one name, so "Quays" is required
    # of no answer (a byline's "network manager at Linwood Primary" names its blog "Linwood")
    query = ask("How much did Harbor Quays pay for the servers?")
    assert query.scope == ["b.txt"] and query.names == []
    assert ask("How much did the Harbor council pay Mistral for the servers?").names == ["mistral"]


def test_the_motions_own_words_are_no_names_to_require() -> None:
    # "AI" in "open-source AI" names the motion's subject; "Mistral" and "Harbor" are names
    assert ask("Should schools ban open-source AI?").names == []
    assert ask("Who founded Mistral AI?").names == ["mistral"]


def test_a_document_asked_what_it_is_about_and_a_person_with_a_dictionary_surname() -> None:
    docs = [
        *DOCS,
        DocumentInfo(file="coastal-region-news.txt", label="Mensah", title="Coastal bets"),
    ]
    q = understand("What is the news article about?", docs, MOTION)
    assert q.scope == ["coastal-region-news.txt"] and q.kind == "view"
    letter = DocumentInfo(file="letter.txt", label="Havel", title="Letter to the editor: no AI")
    q = understand("What is the letter to the editor about?", [*docs, letter], MOTION)
    assert q.scope == ["letter.txt"] and q.kind == "view"  # "the to the" left: function words
    q = understand("What is Havel's objection to the homework helper?", [*docs, letter], MOTION)
    assert q.kind == "view"
    # a title's word names its document, but not as the noun of something else
    sheet = DocumentInfo(file="sheet.md", label="sheet", title="What the county's helper costs")
    assert understand("What do the costs cover?", [*docs, sheet], MOTION).scope == ["sheet.md"]
    q = understand("What are the costs of running an open model?", [*docs, sheet], MOTION)
    assert q.scope == []
    # a surname the documents give a person ("Lena Hart") is a person to compare
    q = understand("How do Lovelace and Hart differ on cost?", docs, MOTION, known={"hart"})
    assert q.kind == "comparison" and [g.label for g in q.groups] == ["Lovelace", "Hart"]
    # (else "Hart" is a word: Lovelace's view, not a comparison of two people)
    assert understand("How do Lovelace and Hart differ on cost?", docs, MOTION).kind == "view"


def test_what_a_price_a_name_or_a_preference_question_asks_for() -> None:
    assert ask("What did the ferry cost?").wants == "number"
    # a comparison of an amount, not a noun counted ("better" is a noun to lemminflect too)
    assert ask("How much better did the pupils do?").counted is None
    assert ask("What do the essays say about cost?").kind == "overview"  # the noun
    assert ask("What is the name of the lab?").wants == "name"
    assert ask("What was the project called?").wants == "name"
    assert ask("What is the title of Lovelace's book?").wants == "name"
    assert ask("Does Lovelace prefer open models?").kind == "view"
    # which side a document's writer takes is its view; with no document, both compared
    assert ask("Which side does Ada Lovelace take?").kind == "view"
    assert ask("Which side wins on cost?").kind == "comparison"
    # a text that says something is who says it, not what about: WordNet's "book"
    q = ask("What did Lovelace's book say about copyright?")
    assert q.kind == "view" and q.topic == "copyright"
    assert ask("What do small businesses say about cost?").topic == "small businesses cost"
    # what a text asks of someone is its request: a view's word, no topic
    q = ask("What does the Harbor Report ask of closed models compared with open ones?")
    assert q.scope == ["b.txt"] and q.topic == ""


def test_documents_named_side_by_side_and_a_view_word_asked_about() -> None:
    docs = [
        *DOCS,
        DocumentInfo(file="policy-brief-from-pdf.txt", label="Okonjo"),
        DocumentInfo(file="slides-debate-notes.md", label="Ortiz", author="Jamal Ortiz"),
    ]
    q = understand("How do the brief and the slides differ on staff?", docs, MOTION)
    assert q.kind == "comparison" and q.scope == [
        "policy-brief-from-pdf.txt",
        "slides-debate-notes.md",
    ]
    # "support" after "about" is the topic, not a view's word ("Does she support …?")
    q = understand("What is Jamal Ortiz's argument about support?", docs, MOTION)
    assert q.kind == "view" and q.topic == "support"
    assert ask("What do Lovelace and Harbor recommend?").kind == "comparison"
    assert ask("What does Lovelace recommend?").kind == "view"


def test_a_transcript_panel_an_faq_and_a_name_said_in_full_once() -> None:
    docs = [
        *DOCS,
        DocumentInfo(file="panel-transcript-fair.txt", label="Kowal", lean=None),
        DocumentInfo(
            file="faq-bakers.md", label="Guild", title="Your oven: frequently asked questions"
        ),
        DocumentInfo(file="open-letter.txt", label="Osie", title="An open letter on weights"),
        DocumentInfo(
            file="guild.md", label="Guild of Small Bakers", author="Guild of Small Bakers"
        ),
    ]
    # an initialism of a title's words names its document; "the panel" a panel's transcript
    q = understand("Compare the FAQ and the open letter on cost.", docs, MOTION)
    assert q.kind == "comparison" and q.scope == ["faq-bakers.md", "open-letter.txt"]
    q = understand("What arguments did the panel hear for closed models?", docs, MOTION)
    assert q.scope == ["panel-transcript-fair.txt"]
    # a document that leans no side cannot pick a side's sentences: the side is the topic
    assert q.kind == "view" and q.topic == "closed"
    q = understand("What arguments did Lovelace hear for closed models?", docs, MOTION)
    assert q.topic == ""  # Lovelace leans: the lean picks them
    # a name's common words are not required when a word of its own is: "Harrowgate"
    assert ask("How many branches does Harrowgate Public Libraries have?").names == ["harrowgate"]
    assert ask("What does Grace Mbeki recommend?").names == ["mbeki"]
    assert ask("Who runs the Guild of Small Bakers?").names == ["bakers", "guild", "small"]
    # a body's last word does not name it ("traders" is no surname)
    assert understand("What do bakers think?", docs, MOTION).scope == []
    # what a share of members who use it counts: the members
    assert ask("What share of members who use AI run an open model?").counted == "members"


def test_a_podcast_its_hosts_and_a_name_in_a_headline_asked_about() -> None:
    docs = [
        *DOCS,
        DocumentInfo(file="podcast-transcript-ep5.txt", label="Rama", title="The Tech Podcast"),
        DocumentInfo(file="release.md", label="r", title="Fjordlyn AI releases Skarv"),
    ]
    q = understand("What did the podcast hosts conclude?", docs, MOTION)
    assert q.scope == ["podcast-transcript-ep5.txt"] and q.closing and q.topic == ""
    # the headline's name, when nothing else is asked, is what is asked about
    proper = {"release.md": ["Fjordlyn AI"]}
    q = understand("What is Fjordlyn AI?", docs, MOTION, proper)
    assert q.scope == [] and q.kind == "definition"
    assert understand("What did Fjordlyn AI release?", docs, MOTION, proper).scope == ["release.md"]


def test_an_adjective_of_a_title_names_no_document_and_advice_is_asked_for() -> None:
    docs = [*DOCS, DocumentInfo(file="b.txt", label="B", title="Open versus closed models")]
    # "closed" is no noun, though its lemma "close" is one: "the closed service" is a thing
    assert understand("How long does the closed service keep chats?", docs, MOTION).scope == []
    # "What does X recommend?" asks for the advice itself, not any view of X's
    assert understand("What does Lovelace recommend?", docs, MOTION).topic == "recommend"
    assert understand("What does Lovelace think?", docs, MOTION).topic == ""
    # alternatives labelled by a letter are compared as people are ("Option A", "Plan B")
    q = understand("How do Option A and Option B compare on safety?", docs, MOTION)
    assert q.kind == "comparison" and [g.label for g in q.groups] == ["Option A", "Option B"]


def test_a_forum_handle_is_a_name_and_may_be_compared() -> None:
    from debatebot.text import names

    assert names("How long did kwame_it_lead's school spend?") == {"kwame", "lead"}
    q = ask("How do kwame_it_lead and tomasz_p differ on open models?")
    assert q.kind == "comparison" and [g.label for g in q.groups] == ["kwame_it_lead", "tomasz_p"]


def test_judging_verbs_ask_a_view_and_a_superlative_asks_no_definition() -> None:
    docs = [*DOCS, DocumentInfo(file="r.md", label="Lindqvist", author="Tobias Lindqvist")]
    q = understand(
        "What does the reviewer criticise about Lindqvist's treatment of risk?", docs, MOTION
    )
    assert q.kind == "view" and q.topic == "treatment risk"  # "the reviewer" is its writer
    assert ask("What is the most common worry among teachers?").kind == "fact"
    assert ask("What is a model card?").kind == "definition"


def test_whom_advice_addresses_is_not_what_it_is_about() -> None:
    docs = [*DOCS, DocumentInfo(file="s.md", label="Nakamura", author="Sam Nakamura")]
    q = understand("What does Nakamura advise the languages department to do?", docs, MOTION)
    assert q.topic == "advise"  # the advice itself
    q = understand("What does Nakamura urge ministries to fund?", docs, MOTION)
    assert q.topic == "fund"


def test_a_named_persons_feeling_is_what_they_say_and_a_proposition_is_no_verb() -> None:
    q = ask("What is Mark Ridley worried about?")
    assert q.speaker == "ridley" and "worried" not in q.topic
    q = ask("Why is Nadia Osei unhappy with the new timetable?")  # why: what she says of it
    assert q.speaker == "osei" and q.topic.split() == ["nadia", "osei", "new", "timetable"]
    assert ask("What share of schools in the region use it?").counted == "schools"
    docs = [*DOCS, DocumentInfo(file="f.md", label="Final", title="Debating final")]
    q = understand("How did the proposition and the opposition differ in the final?", docs, MOTION)
    assert q.kind == "view" and q.topic == "proposition opposition"


def test_an_honorific_is_part_of_the_name_that_names_a_document() -> None:
    proper = {"plan.md": ["Anjali Rao", "Rao"]}
    docs = [*DOCS, DocumentInfo(file="plan.md", label="plan", title="Lesson plan")]
    q = understand("What does Ms Rao say pupils get wrong?", docs, MOTION, proper)
    assert q.scope == ["plan.md"] and q.speaker is None and "ms" not in q.topic.split()


def test_these_documents_are_the_last_batch_added() -> None:
    added = [
        *DOCS,
        DocumentInfo(file="f.md", label="f", batch=1),
        DocumentInfo(file="g.md", label="g", batch=2),
        DocumentInfo(file="h.md", label="h", batch=2),
    ]
    query = understand("What do these documents say about cost?", added, MOTION)
    assert query.scope == ["g.md", "h.md"] and query.topic == "cost"
    # "this article" is the last batch when it is one document; nothing when it is two
    alone = added[:-1]
    assert understand("What does this article say about cost?", alone, MOTION).scope == ["g.md"]
    assert understand("What does this article say about cost?", added, MOTION).scope == []
    # a document named is where to look, whatever else the question says
    named = understand("What do these documents and Lovelace say about cost?", added, MOTION)
    assert named.scope == ["a.txt"]
    # with nothing added, "these documents" are all of them, as before
    assert ask("What do these documents say about cost?").scope == []


def test_a_decision_is_a_documents_view_and_which_asks_after_a_modal_too() -> None:
    assert ask("What did the Harbor Report decide about licences?").kind == "view"
    assert which_asked("Which open model will the council run?") == ("model", "run")
    assert which_asked("Which company will win?") is None
