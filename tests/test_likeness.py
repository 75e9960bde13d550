"""Words alike in meaning for relevance (likeness.py), with the real MiniLM; sentences of
our own."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from debatebot.likeness import WordVectors, phrasal_verbs, vocabulary
from debatebot.select import TermStats

QUOTE = "Night buses typically run every twenty minutes after the last train."


def test_a_question_word_said_in_another_word_is_found(embedder) -> None:
    words = WordVectors(embedder)
    asked = {"usual": "usually", "bus": "buses", "night": "night"}
    assert words.alike(asked, QUOTE) >= {"usual"}


def test_a_question_word_said_by_a_phrasal_verb_is_found(embedder) -> None:
    text = "The guide still mixes up two brooches, and the staff set up a new server."
    assert phrasal_verbs(text) == {"mix_up", "set_up"}  # WordNet's multiword verbs
    assert phrasal_verbs("The guide still mixes two paints.") == set()
    words = WordVectors(embedder)
    assert words.alike({"confus": "confuse"}, text) == {"confus"}
    assert words.alike({"confus": "confuse"}, "The guide still mixes two paints.") == set()


def test_likeness_never_matches_a_number_or_a_measure(embedder) -> None:
    words = WordVectors(embedder)
    # an opposite is on the question ("rarely" answers "how often ... usually?")
    assert words.alike({"usual": "usually"}, "Night buses rarely run.") == {"usual"}
    assert not words.alike({"hour": "hours"}, QUOTE)  # a measure: "minutes" is not "hours"
    assert not words.alike({"twenty": "twenty"}, "Night buses run every thirty minutes.")


def test_recall_finds_the_asked_words_said_in_other_words(embedder) -> None:
    words = WordVectors(embedder)
    other = vocabulary(["Late coaches usually leave every half hour."])  # "buses" as "coaches"
    unrelated = vocabulary(["The museum shop sells postcards."])
    same = vocabulary([QUOTE])
    said = words.recall(
        ["buses", "night"], [1.0, 1.0], [sorted(same), sorted(other), sorted(unrelated), []]
    )
    assert said[0] == pytest.approx(1.0)  # every asked word is there as written
    assert said[1] > said[2] > 0  # said in other words beats not said at all
    assert said[3] == 0  # nothing to say it with
    # a rarer word weighs more: the text with it scores higher when it is weighted up
    light, heavy = (
        words.recall(["buses", "museum"], w, [sorted(unrelated)]) for w in ([1, 0.1], [0.1, 1])
    )
    assert heavy[0] > light[0]
    assert not words.recall([], [], [sorted(same)]).any()


def test_a_word_alike_raises_coverage_and_lowers_missing() -> None:
    stats = TermStats(["night buses typically run", "trains run", "buses stop", "x"])
    keys = ["usual", "bus"]
    assert stats.coverage(keys, QUOTE) < stats.coverage(keys, QUOTE, frozenset({"usual"})) == 1
    assert stats.missing(keys, QUOTE) == 1.0 and stats.missing(keys, QUOTE, {"usual"}) == 0


def test_vectors_are_kept_beside_the_index_and_read_back(embedder, tmp_path: Path) -> None:
    path = tmp_path / "words.npz"
    words = WordVectors(embedder, path)
    assert words.add(vocabulary([QUOTE, "Trams run on time."])) == 11
    assert words.add(["buses"]) == 0  # known already: nothing embedded
    words.save()
    again = WordVectors(embedder, path)
    assert set(again.row) == set(words.row) and "typically" in again.row
    row = words.row["typically"]
    assert np.allclose(again.matrix[again.row["typically"]], words.matrix[row])
    assert abs(float(np.linalg.norm(words.matrix[row])) - 1) < 1e-5


def test_an_unreadable_file_is_no_vectors_and_the_next_sync_makes_it(
    embedder, tmp_path: Path
) -> None:
    path = tmp_path / "words.npz"
    path.write_bytes(b"not a numpy file")
    words = WordVectors(embedder, path)
    assert words.row == {}
    words.add(["buses"])
    words.save()
    assert WordVectors(embedder, path).row == {"buses": 0}


def test_a_unit_that_says_the_question_in_other_words_scores_higher(embedder) -> None:
    from debatebot.models import Passage
    from debatebot.query import Query
    from debatebot.retrieval import Unit
    from debatebot.select import load_calibration, score

    text = QUOTE + " Trams stop at midnight. The city pays for both."
    passage = Passage(
        id="p", source="a.txt", label="A", paragraph=1, start=0, end=len(text), text=text
    )
    unit = Unit("u", "a.txt", "p", 0, len(QUOTE), 0)
    query = Query(
        question="How often do night buses usually run?",
        kind="fact",
        topic="night buses usually run",
        focus="How often do night buses usually run?",
    )
    stats = TermStats([QUOTE, "Trams stop at midnight.", "The city pays for both.", "usually late"])
    cal = load_calibration()
    args = (query, [(unit, passage, QUOTE)], np.array([0.5]), stats, cal)
    (plain,) = score(*args)
    (alike,) = score(*args, vectors=WordVectors(embedder))
    assert plain.features["coverage"] < alike.features["coverage"] == 1.0
    assert plain.features["missing"] == 1.0 and alike.features["missing"] == 0.0
    assert alike.relevance > plain.relevance


def test_a_sync_keeps_the_documents_words_beside_the_index(bot) -> None:
    sources = bot.sources
    kept = WordVectors(sources.embedder, sources.settings.index_dir / "words.npz")
    assert "typically" in kept.row  # "... typically matching performance within 6 months"
    assert set(kept.row) >= vocabulary(d.text for d in sources.corpus.documents())


def test_an_index_without_its_words_gets_them_at_the_next_start(bot, embedder) -> None:
    from debatebot.bot import DebateBot

    path = bot.sources.settings.index_dir / "words.npz"
    path.unlink()
    again = DebateBot(bot.sources.settings, backend=bot.sources.backend_, embedder=embedder)
    documents = vocabulary(d.text for d in again.sources.corpus.documents())
    assert path.exists() and set(again.sources.words.row) == documents
