"""Quotable units: whole thoughts with exact offsets, never debris (fresh texts)."""

from __future__ import annotations

from debatebot.units import (
    affiliation,
    headings,
    interviewee,
    quotable_units,
    referent,
    run_in,
    section_of,
    speaker,
    title_line,
    voices,
)


def units(text: str) -> list[str]:
    return [text[a:b] for a, b in quotable_units(text, 0, len(text))]


def test_a_colon_sentence_carries_the_list_it_introduces() -> None:
    text = (
        "The council gave three reasons for the delay:\n\n"
        "  1. The budget was cut in half this spring.\n\n"
        "  2. Two engineers left for other jobs.\n\n"
        "After that, work resumed in May of that year."
    )
    found = units(text)
    assert found[0].startswith("The council gave three reasons") and found[0].endswith("jobs.")
    assert "1. The budget was cut in half this spring." in found
    assert not any(u.rstrip().endswith(":") for u in found)  # never a colon left hanging


def test_a_colon_and_its_list_that_read_as_an_order_are_not_quoted_together() -> None:
    # neither line is an order alone; together they read as one ("Open data: …"), and an
    # order is never quoted (found by the property test of test_properties.py)
    text = "Open data:\nNothing here is safe.\n"
    assert units(text) == ["Nothing here is safe."]


def test_a_colon_with_nothing_quotable_after_it_is_not_quoted() -> None:
    text = "Original post:\nA title line without a full stop\n"
    assert units(text) == []


def test_a_sentence_that_points_back_carries_the_one_before() -> None:
    text = "The mayor visited the lab on Friday. She praised its open models and its budget."
    assert units(text) == [
        "The mayor visited the lab on Friday.",
        "The mayor visited the lab on Friday. She praised its open models and its budget.",
    ]


def test_a_sentence_that_points_back_after_a_short_lead_in_carries_the_one_before() -> None:
    text = (
        "The ferry never ran at night. Instead, its owners sold day passes. In 2019, a storm hit."
    )
    found = units(text)
    assert "The ferry never ran at night. Instead, its owners sold day passes." in found
    assert "In 2019, a storm hit." in found  # a lead-in before a word that points nowhere


def test_a_sentence_drawn_from_the_one_before_carries_it() -> None:
    # "So", "Therefore", "Thus" open a consequence whose grounds are the sentence before;
    # "So far" and "So many" say how much, not what follows from what
    text = (
        "The certificates would take a year to get. So for legal work, members use the paid "
        "service. So far, nobody has complained about it. So many members write in Basque."
    )
    found = units(text)
    assert (
        "The certificates would take a year to get. So for legal work, members use the paid "
        "service." in found
    )
    assert "So far, nobody has complained about it." in found
    assert "So many members write in Basque." in found


def test_a_transcripts_turns_are_spoken_by_the_name_that_opens_them() -> None:
    text = (
        "**INES RUIZ (moderator):** Graham, you are less keen.\n\n"
        "**GRAHAM PELL:** I like the goal. A server needs a person who understands it.\n\n"
        "Cost: open models need hardware.\n\nThe board votes in July."
    )
    assert speaker(text, text.index("you are")) == "INES RUIZ"
    assert speaker(text, text.index("A server")) == "GRAHAM PELL"
    assert speaker(text, text.index("open models need")) is None  # a word opens it, no name
    assert speaker(text, text.index("The board")) is None
    # a report: a paragraph that opens with a quotation is said by the name it is attributed to
    report = (
        '"We learned a great deal," said Councillor Priya Nandakumar. "But we are a council, '
        'not a software company."\n\nNot everyone agreed. "It stopped too soon," Abernethy said.'
        "\n\nThe report found 71 percent right, said the officers."
    )
    assert speaker(report, report.index("But we")) == "Councillor Priya Nandakumar"
    assert speaker(report, report.index("Not everyone")) is None  # it opens with no quotation
    assert speaker(report, report.index("The report")) is None
    # a quotation inside a paragraph: by its own attribution, or a pronoun's when the
    # paragraph opens with the person's name; a quotation after it goes on in their voice
    assert speaker(report, report.index('"It stopped')) == "Abernethy"
    feature = (
        "Joan Whitfield, head teacher of Brackenfield High, wants an open model. "
        '"We know where every question goes," she said. "I will not send it away."\n\n'
        'The head of IT is less sure. "It costs more," he said.'
    )
    assert speaker(feature, feature.index('"We know')) == "Joan Whitfield"
    assert speaker(feature, feature.index('"I will not')) == "Joan Whitfield"
    assert speaker(feature, feature.index("Joan")) is None  # not a quotation
    assert speaker(feature, feature.index('"It costs')) is None  # no name opens it


def test_an_emails_header_is_not_quoted_and_its_quoted_reply_reads_without_marks() -> None:
    text = (
        "Subject: Re: Which service?\nFrom: Ana Pretorius <ana@x.example>\nDate: Tue, 14 May\n\n"
        "Luis,\n\nMy worry is not the money, it's the\nstaff time of one person.\n\n"
        "> On 13 May 2024, Luis Obi <luis@x.example> wrote:\n> Ana,\n>\n"
        "> The hosted tutoring service renews in August at\n> six pounds per student.\n"
    )
    found = units(text)
    assert found == [
        "My worry is not the money, it's the\nstaff time of one person.",
        "The hosted tutoring service renews in August at\n> six pounds per student.",
    ]  # verbatim: the marks stay in the span, and read as nothing (text.display)
    assert speaker(text, text.index("renews")) == "Luis Obi"  # the quoted writer
    assert speaker(text, text.index("My worry")) is None  # the sender's own words


def test_a_quoted_messages_header_names_its_writer_at_its_own_depth() -> None:
    text = (
        "From: Ana Pretorius <ana@x.example>\nDate: Tue, 14 May\n\nAgreed, let's wait.\n\n"
        "> From: Luis Obi <luis@x.example>\n> Date: Mon, 13 May\n>\n"
        "> The laptops are too slow for it this year.\n>\n"
        ">> From: Ana Pretorius <ana@x.example>\n>> Date: Mon, 13 May\n>>\n"
        ">> I want the tutor running on our own laptops.\n"
    )
    assert speaker(text, text.index("The laptops")) == "Luis Obi"
    assert speaker(text, text.index("I want")) == "Ana Pretorius"  # quoted inside his
    assert speaker(text, text.index("Agreed")) is None  # the sender's own words


def test_a_table_is_quoted_whole_with_its_headings() -> None:
    table = (
        "| Model | Correct (of 120) | Median time |\n|---|---|---|\n"
        "| Paid chatbot | 109 | 2.1 s |\n| Open model | 97 | 6.8 s |"
    )
    text = f"We timed every answer with a script.\n\n{table}\n\nThe open model was slower.\n"
    assert units(text) == [
        "We timed every answer with a script.",
        table,
        "The open model was slower.",
    ]
    # a table too long to quote whole is not quoted row by row (a row without its headings
    # says nothing one can check)
    long = table + "\n" + "\n".join(f"| Model {i} | {i} | {i} s |" for i in range(60))
    assert units(long) == []


def test_a_run_in_heading_is_not_part_of_the_sentence_after_it() -> None:
    text = "1. **Cost.** A hosted service charges our college six pounds a month.\n"
    assert units(text) == ["A hosted service charges our college six pounds a month."]
    turn = "**GRAHAM PELL:** I could support that plan.\n"  # a speaker's turn keeps its name
    assert units(turn) == [turn.strip()]


def test_titles_headings_bylines_notes_and_links_are_not_quotable() -> None:
    text = (
        "# Why local models matter\n\n"
        "By Sam Okafor, staff writer\n\n"
        "*Written for the district's staff bulletin by Dee Marsh, data officer.*\n\n"
        "Published by the Riverside Gazette digital team, May 2026.\n\n"
        "*Opinion. By Ria Mehta, professor of economics at Calder College. 3 May 2026.*\n\n"
        "*A compare-and-contrast essay for the Year 13 elective, by Leon Harper.*\n\n"
        "*Answers prepared by the staff of Linwood Academy after the open evening in May.*\n\n"
        "[Note: First published in the Riverside Gazette]\n"
        "Local models keep student data on school machines at all times.\n\n"
        "## Costs\n\n"
        "The district spent less on hardware than it feared it would.\n\n"
        "Read more\n\nRelated posts\n\nComments are closed.\n"
    )
    assert units(text) == [
        "Local models keep student data on school machines at all times.",
        "The district spent less on hardware than it feared it would.",
    ]


def test_a_line_that_opens_with_by_and_goes_on_is_no_byline() -> None:
    text = "By March, ten schools had joined. The rest followed after a long debate in May.\n"
    assert units(text) == [
        "By March, ten schools had joined.",
        "The rest followed after a long debate in May.",
    ]
    # nor is a clause that ends in "by" and a name: a standfirst is a noun phrase
    text = "The district spent less than it feared. A grant was written, by Leon Harper.\n"
    assert len(units(text)) == 2
    text = "A grant for the new library was written in March, by Leon Harper.\n"
    assert units(text) == [text.strip()]
    # a credit to a body's people is a byline; "the end of March" is no one
    text = "Published by the end of March, the report said little about costs.\n"
    assert units(text) == [text.strip()]
    text = "Children supported by the staff of Linwood Academy did better in tests.\n"
    assert units(text) == [text.strip()]
    assert units("*Submitted by the delegation of Norway to the assembly, March 2027.*\n") == []


def test_a_hard_wrapped_paragraph_is_split_as_one_text() -> None:
    text = (
        "Teachers who tried the tool in class reported that the students\n"
        "asked better questions. They also said that the answers were slower\n"
        "than they expected on older laptops.\n"
    )
    found = units(text)
    assert found[0] == (
        "Teachers who tried the tool in class reported that the students\nasked better questions."
    )
    assert len(found) == 2


def test_it_cannot_simply_or_legally_be_cut_in_two() -> None:
    text = "The data can't simply (or legally!) be scraped from the web, it must be bought."
    assert units(text) == [text]


def test_markup_in_a_sentence_is_kept_verbatim_and_trailing_anchors_are_cut() -> None:
    text = 'He backs [[open_models | open models]] for schools <a class="t" data-t="1">[00:01]</a>.'
    assert units(text) == ["He backs [[open_models | open models]] for schools"]


def test_an_interviews_answers_are_the_interviewees_words() -> None:
    text = (
        "# An interview with a tester\n\nInterview by Sofa Brandl\n\n"
        "Noor Hadda tests AI models for a living. We spoke in May.\n\n"
        "**Q: Are closed models safer?**\n\nA: Sometimes, not always.\n"
    )
    assert interviewee(text) == "Noor Hadda"  # not the interviewer of the byline
    assert speaker(text, text.index("Sometimes")) == "Noor Hadda"
    assert speaker(text, text.index("Are closed")) is None  # the interviewer asks
    assert interviewee("Noor Hadda said so.\n\nA: yes\n") is None  # no questions: no interview


def test_a_picture_and_its_caption_are_not_quoted() -> None:
    text = (
        "Our district chose a closed model for its fourteen schools last year.\n\n"
        "![Image: a teacher at a laptop](classroom.jpg)\n\n"
        "Image: a teacher checks a student's chat log after school.\n\n"
        "Figure 2: refusals of harmful prompts by each of the four systems.\n"
    )
    assert units(text) == ["Our district chose a closed model for its fourteen schools last year."]


def test_a_slides_bullets_are_whole_and_a_reference_list_is_no_argument() -> None:
    slides = (
        "## Slide 2: Safety\n\n"
        "- Closed providers run red teams before every release\n"
        "- They can withdraw a model within hours if it misbehaves\n"
        "- Short bullet\n\n"
        "1. Prefer open models for low-risk tasks, and budget for the\n"
        "   staff to run them\n"
    )
    found = units(slides)
    assert "- Closed providers run red teams before every release" in found
    assert "- They can withdraw a model within hours if it misbehaves" in found
    # a bullet too short to claim anything, and an item cut by its line's end, are not
    assert not any("Short bullet" in u or u.endswith("budget for the") for u in found)
    article = (
        "Critics argue that publishing weights makes misuse impossible to prevent.[7]\n\n"
        '## References\n\n1. F. Critic, "The limits of openness", 2024.\n\n'
        "## History\n\nEarly language models were commonly released with their weights.\n"
    )
    found = units(article)
    assert not any("Critic," in u for u in found)  # the reference list's citation
    note = "## References\n\n[2] Test questions leaking into training data: contamination.\n"
    assert units(note) == [note.split("\n\n")[1].rstrip()]  # a note that says something
    assert any(u.startswith("Early language models") for u in found)  # the next section


def test_a_wikis_citations_a_rights_notice_and_numbered_headings_are_no_argument() -> None:
    wiki = (
        "Critics argue that weights cannot be withdrawn once they are out.[8]\n\n"
        "References\n\n1. ^ Harlo, P. (2024). Weights and Measures: A Primer. Lindqvst Press.\n"
    )
    found = units(wiki)  # no sentence of the reference, though only one has the year
    assert len(found) == 1 and found[0].startswith("Critics argue that weights")
    brief = (
        "POLICY BRIEF No. 7 | December 2026\n\nOpen Weights, Public Money\n\n"
        "2. What open weights change\n\nA host can run the same model.\n\n"
        "© 2026 Centre for Digital Policy. This brief may be shared.\n"
    )
    assert units(brief) == ["A host can run the same model."]
    start = brief.index("Open Weights")  # the title under a dated line of fields
    assert title_line(brief) == (start, brief.index("\n", start))
    steps = "Do this:\n\n1. The budget was cut in half this spring.\n\nThen it grew.\n"
    assert "1. The budget was cut in half this spring." in " ".join(units(steps))


def test_a_speaker_labelled_by_surname_is_the_person_introduced_in_full() -> None:
    text = (
        "Who owns the chatbot?\nPanel at the Fair, 14 March 2026\n\n"
        "Panelists: Tomas Ebbo, manager at Harrowgate Public Libraries; Grace Mbeka, lawyer\n\n"
        "EBBO: We run an open model on our own server.\n\nMBEKA: That is risky.\n"
    )
    assert speaker(text, text.index("We run")) == "Tomas Ebbo"
    assert speaker(text, text.index("That is")) == "Grace Mbeka"
    assert affiliation(text, "Tomas Ebbo") == ["Harrowgate"]  # his "we"
    # or by given name, in capitals after a timestamp, as a podcast's transcript labels them
    podcast = (
        "*The host is Rosa Lind. Her guests are Omar Feld, who runs the Brantwood Trust, and "
        "Ivy Kell, a bursar.*\n\n"
        "**[00:00:10] ROSA:** Welcome back.\n\n**[00:00:20] OMAR:** Thanks for having me.\n"
    )
    assert speaker(podcast, podcast.index("Thanks")) == "Omar Feld"
    assert speaker(podcast, podcast.index("Welcome")) == "Rosa Lind"
    # what is said of him ends where the list's next guest begins
    assert affiliation(podcast, "Omar Feld") == ["Brantwood"]
    assert affiliation(text, "Grace Mbeka") == []
    # an interview's standfirst says it in a sentence
    standfirst = "*Ingrid Solberg is director of IT at Harrowgate University. She spoke to us.*"
    assert affiliation(standfirst, "Ingrid Solberg") == ["Harrowgate"]


def test_a_title_over_its_dateline_is_no_quote_even_when_it_asks() -> None:
    text = (
        'Transcript: "Who should own the chatbot?"\nPanel at the Fair, Leeds, 14 March 2026\n\n'
        "We run an open model on our own server.\n"
    )
    assert title_line(text) == (0, text.index("\n"))
    assert units(text) == ["We run an open model on our own server."]
    assert title_line("We run it. It works.\nYes.\n") is None  # a sentence opens it


def test_a_letters_signature_block_is_no_argument() -> None:
    text = (
        "We ask you to withdraw the draft.\n\nSigned,\n\nProf. Ilse Marquard, University of Tartu\n"
        "and 212 other researchers, whose names are listed at the end of this letter.\n"
    )
    assert units(text) == ["We ask you to withdraw the draft."]


def test_a_timestamped_turn_has_its_speaker_and_here_points_forward() -> None:
    text = (
        "[00:01:20] DEV RAMAN: But you needed staff for that.\n\n"
        "[00:01:53] DEV RAMAN: Here's what worries me. A student may see something harmful.\n"
    )
    assert speaker(text, text.index("But you")) == "DEV RAMAN"
    found = units(text)  # the time in the recording is no part of a quote
    assert found[0] == "DEV RAMAN: But you needed staff for that."
    assert "DEV RAMAN: Here's what worries me. A student may see something harmful." in found
    assert "DEV RAMAN: Here's what worries me." not in found


def test_a_forum_posts_words_are_its_posters() -> None:
    text = (
        "# Forum: switching?\n\n---\n\n**kwame_it** · Network manager · 2 days ago\n\n"
        "We switched last year.\n\nReply · Like (41)\n\n---\n\n"
        "*This thread has been archived.*\n"
    )
    assert speaker(text, text.index("We switched")) == "kwame_it"
    assert speaker(text, text.index("This thread")) is None  # after the post's rule


def test_a_unit_lies_in_the_section_its_last_heading_opens() -> None:
    text = (
        "# Survey results\n\nWe asked teachers.\n\n## Key findings\n\n- 71% use AI.\n\n"
        "2. Limits of this survey\n\nThe sample is small.\n"
    )
    found = headings(text)
    assert [h for _, h in found] == ["Key findings", "Limits of this survey"]  # not the title
    assert section_of(found, text.index("We asked")) == ""
    assert section_of(found, text.index("71%")) == "Key findings"
    assert section_of(found, text.index("The sample")) == "Limits of this survey"


LETTERS = (
    "# Letters: a phone ban?\n\n*Last week the school proposed a ban.*\n\n## For\n\n"
    "Sir, I support the ban. Pupils talk more at lunch.\n\n— Rosa Penhallow, Mill Street\n\n"
    "## Against\n\nSir, a ban punishes the careful. Teach pupils instead.\n\n"
    "— Idris Quayle, Ferry Road\n"
)


def test_a_letters_page_gives_each_letter_to_the_writer_who_signs_it() -> None:
    assert speaker(LETTERS, LETTERS.index("Pupils talk")) == "Rosa Penhallow"
    assert speaker(LETTERS, LETTERS.index("Teach pupils")) == "Idris Quayle"
    assert speaker(LETTERS, LETTERS.index("Last week")) is None  # above the first heading
    assert not any("Penhallow" in u or "Quayle" in u for u in units(LETTERS))  # sign-offs
    assert voices(LETTERS) == ["Rosa Penhallow", "Idris Quayle"]
    one = "# On phones\n\nPupils talk more at lunch without them.\n\n— Rosa Penhallow\n"
    assert speaker(one, one.index("Pupils")) is None  # one letter: its writer is its author
    assert voices("Q: Why?\n\nA: Because it is cheap.\n") == []  # an interview's turns


def test_a_chronicles_year_is_quoted_with_the_sentence_after_it() -> None:
    text = "2023. The college buys two servers. All staff are trained.\n\nMarch 2024: It opens.\n"
    assert units(text) == [
        "2023. The college buys two servers.",
        "All staff are trained.",
        "March 2024: It opens.",
    ]


POINT_COUNTERPOINT = (
    "# Should the hospital run its own AI?\n\n"
    "*Two staff members argue it out.*\n\n"
    "## For: run it here\n\n"
    "**By Ayesha Brandvold, ward sister**\n\n"
    "Patients' notes should never leave this building.\n\n"
    "### A note on cost\n\n"
    "A server costs less than a year of the licence.\n\n"
    "## Against: buy the service\n\n"
    "**By Piotr Szymczak, head of IT**\n\n"
    "We cannot keep a model server running at night.\n\n"
    "## Editor's note\n\n"
    "Readers can vote on the website until Friday.\n"
)


def test_a_section_under_its_own_byline_is_its_writers() -> None:
    text = POINT_COUNTERPOINT
    assert speaker(text, text.index("Patients'")) == "Ayesha Brandvold"
    assert speaker(text, text.index("A server")) == "Ayesha Brandvold"  # a subsection of hers
    assert speaker(text, text.index("We cannot")) == "Piotr Szymczak"
    assert speaker(text, text.index("Readers can")) is None  # a heading of her level, uncredited
    assert speaker(text, text.index("Two staff")) is None  # above the first section
    assert voices(text) == ["Ayesha Brandvold", "Piotr Szymczak"]
    one = text.replace("**By Piotr Szymczak, head of IT**\n\n", "")
    assert speaker(one, one.index("Patients'")) is None  # one credited section: the author's


def test_he_or_she_refers_back_to_the_person_their_paragraph_named_last() -> None:
    text = (
        "Weiss (2021) agrees [4]. Tomasz Lind disagrees [5]. He argues that logs are data.\n\n"
        "She says nothing here, and Her Majesty is no name.\n\nThe team argues the opposite."
    )
    assert referent(text, text.index("He argues")) == "Tomasz Lind"
    assert referent(text, text.index("She says")) is None  # no name before it in its paragraph
    assert referent(text, text.index("The team")) is None  # no pronoun of one person


def test_bold_words_that_open_a_paragraph_head_the_sentences_after_them() -> None:
    text = "**Marsh, T. (2024). *The Locked Room*.** A short book. It is clear.\n\nNo lead here."
    assert run_in(text, text.index("It is clear")) == "Marsh, T. (2024). The Locked Room."
    assert run_in(text, 2) == ""  # the heading itself
    assert run_in(text, text.index("No lead")) == ""


def test_a_play_scripts_speech_is_spoken_by_the_cue_above_it() -> None:
    text = (
        "# The Allotment\n\n"
        "*A shed. TOMASZ is sorting seeds.*\n\n"
        "**IFEOMA**\n\nThe council wants the plots back by spring.\n\n"
        "Nobody asked us.\n\n"
        "TOMASZ\n\nThey never ask.\n\n"
        "## Questions\n\nWho is right about the council?\n"
    )
    assert speaker(text, text.index("The council wants")) == "Ifeoma"
    assert speaker(text, text.index("Nobody asked")) == "Ifeoma"  # her speech goes on
    assert speaker(text, text.index("They never")) == "Tomasz"
    assert speaker(text, text.index("Who is right")) is None  # under a heading, no turn
    assert voices(text) == ["Ifeoma", "Tomasz"]
    # one capitalised line is no script, and a heading in capitals is no speaker
    assert speaker("BACKGROUND\n\nThe plots were let in 1990.\n", 14) is None
    assert voices("INTRODUCTION\n\nSome text.\n\nMETHODS\n\nMore text.\n") == []


def test_an_author_line_under_each_talk_credits_its_section() -> None:
    text = (
        "# Book of abstracts\n\n"
        "### 1. Seeds and soil\n\n*Halima Dunmore and Pavel Ostrowski, Vale College*\n\n"
        "**Method.** We sowed forty plots. **Findings.** Yields rose by a third.\n\n"
        "### 2. Rain\n\n*Grzegorz Tuominen, Coast University*\n\n"
        "Method: We counted rainy days for a decade.\n\n"
        "Results: Spring was wetter than autumn.\n"
    )
    assert voices(text) == ["Halima Dunmore and Pavel Ostrowski", "Grzegorz Tuominen"]
    assert speaker(text, text.index("Yields")) == "Halima Dunmore and Pavel Ostrowski"
    # a field's label is no speaker: the section's authors speak its paragraph
    assert speaker(text, text.index("Results")) == "Grzegorz Tuominen"
    # a structured abstract's labels head the sentences after them, inline or as fields
    assert run_in(text, text.index("We sowed")) == "Method."
    assert run_in(text, text.index("Yields")) == "Findings."
    assert run_in(text, text.index("Spring was")) == "Results"
    assert "Yields rose by a third." in units(text)  # no stray bold marks in the unit
    assert run_in("Okafor: We agree.\n", 8) == ""  # a name's label is a turn, not a field


def test_a_bold_field_on_a_line_of_its_own_is_whole_without_a_stop() -> None:
    text = (
        "# Pottery for beginners\n\n"
        "**Tutor:** Mr Anselm Kirkbride-Oyelowo\n"
        "**Helpers:** Ms R. Quist (technician, RQ), Mr D. Abara (volunteer)\n"
        "**Classes:** Mondays, 6.00–8.00 pm, the old dairy\n"
        "**Cost:** twelve pounds a session, clay included\n\n"
        "We start with pinch pots and finish with a thrown bowl.\n"
    )
    # a field that only names people, what brackets say of them aside, credits them
    assert units(text) == [
        "**Classes:** Mondays, 6.00–8.00 pm, the old dairy",
        "**Cost:** twelve pounds a session, clay included",
        "We start with pinch pots and finish with a thrown bowl.",
    ]


def test_a_post_under_a_handle_alone_on_its_line_is_that_posters() -> None:
    text = (
        "Thread: allotment rents\n\n"
        "@plot_holder_jun\nThe rent went up by a third this year.\n\n"
        "@greenfingers_bo\n@plot_holder_jun Ours too. I may give my plot up.\n"
    )
    assert speaker(text, text.index("The rent")) == "plot_holder_jun"
    # a handle that opens a line of text addresses a reply; the post is still its poster's
    assert speaker(text, text.index("Ours too")) == "greenfingers_bo"
    assert speaker(text, text.index("I may")) == "greenfingers_bo"


def test_a_table_whose_cells_are_sentences_is_quoted_cell_by_cell() -> None:
    text = (
        "| Issue | Keep the bus | Cut the bus |\n|---|---|---|\n"
        "| Cost | The council pays for it already. | The money could fund two nurses. |\n"
        "| Access | Older riders have no other way to town. | A taxi scheme would cover them. |\n"
    )
    # prose set out in a grid: each cell a claim (the row's label alone is none)
    assert units(text) == [
        "The council pays for it already.",
        "The money could fund two nurses.",
        "Older riders have no other way to town.",
        "A taxi scheme would cover them.",
    ]
    # a cell's row label and column heading head it, as a section's heading heads its text
    assert run_in(text, text.index("A taxi")) == "Access Cut the bus"
    assert run_in(text, text.index("The council")) == "Cost Keep the bus"
    # one cell that is no sentence and the table is figures, read whole
    figures = text.replace("The money could fund two nurses.", "£40,000")
    assert units(figures) == [figures.rstrip()]


def test_a_comment_signed_at_the_end_of_its_line_is_its_signers() -> None:
    text = (
        "## Rename the section?\n\n"
        "The heading says the tram was cancelled. It was only delayed. "
        "— Olu Bankole (talk) 09:12, 2 June 2025\n\n"
        "- The council minutes say cancelled. — Greta Lindqvist (talk) 10:40, 2 June 2025\n"
        "  - The minutes were corrected a week later. — Olu Bankole (talk) 11:05, 2 June 2025\n"
    )
    found = units(text)
    # the sign-off cut from the sentence it ends ("It" carries the sentence before)
    assert "The heading says the tram was cancelled. It was only delayed." in found
    assert not any("Bankole" in u or "Lindqvist" in u for u in found)
    assert speaker(text, text.index("The heading")) == "Olu Bankole"
    assert speaker(text, text.index("The council")) == "Greta Lindqvist"
    assert speaker(text, text.index("The minutes were")) == "Olu Bankole"
    assert voices(text) == ["Olu Bankole", "Greta Lindqvist"]


def test_a_committees_numbered_questions_and_a_line_of_names() -> None:
    text = (
        "Witnesses: Dr Sunniva Holt, Harbour Trust; Mr Kwame Addo, Ferry Users Group.\n\n"
        "**Q4 Ms Rainer:** Is the new timetable working for your members?\n\n"
        "**Mr Addo:** Not yet. Evening sailings are full by six o'clock.\n"
    )
    # a field that only names people is a credit, a stop at its end or not
    assert not any("Witnesses" in u for u in units(text))
    # the number a committee's record gives a question is no part of the asker's name
    assert speaker(text, text.index("Is the new")) == "Ms Rainer"
    assert speaker(text, text.index("Evening")) == "Mr Addo"


def test_a_chats_export_gives_each_line_to_the_sender_it_names() -> None:
    text = (
        'Chat export: "Allotment society"\n\n'
        "[02/03/2025, 18:40] Zoë Brennan: The water butts are empty again. Who took them?\n"
        "[02/03/2025, 18:44] Tomás Ferreira: Not me. I only use the tap by the shed.\n"
        "[02/03/2025, 18:47] Zoë Brennan: Then the council must have drained them.\n"
    )
    # a line that opens with a timestamp (a date before the time) is its sender's turn
    assert speaker(text, text.index("The water")) == "Zoë Brennan"
    assert speaker(text, text.index("I only use")) == "Tomás Ferreira"
    assert speaker(text, text.index("Then the council")) == "Zoë Brennan"
    assert voices(text) == ["Zoë Brennan", "Tomás Ferreira"]
    # the timestamp is no part of what is quoted
    assert not any(u.startswith("[") for u in units(text))


def test_a_review_under_a_rating_and_a_name_is_that_reviewers() -> None:
    text = (
        "# Bike locks: what riders say\n\n"
        "★★★★☆ — *Ines Duarte, courier, 3 May 2026*\n"
        "The lock held through two winters on a city street. It is heavy,\n"
        "but I would buy it again.\n\n"
        "2/5 – Colm Byrne, student\n"
        "The key snapped in the first week and the shop would not replace it.\n"
    )
    found = units(text)
    # the rating and the reviewer's line are a byline: never quoted, never part of a sentence
    assert found[0] == "The lock held through two winters on a city street."
    assert not any("★" in u or "Byrne" in u for u in found)
    assert speaker(text, text.index("The lock")) == "Ines Duarte"
    assert speaker(text, text.index("but I would")) == "Ines Duarte"
    assert speaker(text, text.index("The key")) == "Colm Byrne"


def test_a_field_or_list_item_wrapped_onto_the_next_line_is_one_unit() -> None:
    text = (
        "**Evidence:** The survey found that only one school in twelve could\n"
        "say where its pupils' data is stored.\n"
        "**Link:** So the school should keep the data itself.\n\n"
        "- The lock held through two winters on a street that floods and\n"
        "  never once rusted shut.\n"
        "- Second item of the list, whole on its line.\n"
    )
    found = units(text)
    assert found[0] == (
        "**Evidence:** The survey found that only one school in twelve could\n"
        "say where its pupils' data is stored."
    )
    assert found[1] == "**Link:** So the school should keep the data itself."
    assert found[2].endswith("floods and\n  never once rusted shut.")
    assert not any(u.startswith(("say where", "never once")) for u in found)
