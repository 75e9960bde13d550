"""Every eval metric on hand-made answers whose scores are known; the judges; the report."""

from __future__ import annotations

import json

import pytest
import yaml

from debatebot.compose import number_citations
from debatebot.evaluation import (
    KINDS,
    Case,
    Evidence,
    Report,
    load_cases,
    load_thresholds,
    retrieval_recall,
    score,
    validate_judge,
)
from debatebot.judge import ModelJudge, StrictJudge, load_judge, parse_verdict
from debatebot.models import Answer, Citation, Claim, Passage
from debatebot.settings import REPO_ROOT, Settings

EVALS = REPO_ROOT / "evals"
LUTTIG = "luttig-future-is-closed-source.txt"
SOURCE = (REPO_ROOT / "index" / "sources" / LUTTIG).read_text(encoding="utf-8")
GPUS = "Stanford’s NLP lab has only 64 GPUs"
AZURE = "65% of the risk-averse Fortune 500 already uses Azure OpenAI"


def source_text(name: str) -> str:
    assert name == LUTTIG
    return SOURCE


def cite(quote: str, stance: str = "neutral", shift: int = 0) -> Citation:
    """A citation of `quote` in Luttig's essay; `shift` moves its offsets (a wrong citation)."""
    start = SOURCE.index(quote) + shift
    return Citation.model_validate(
        {
            "source": LUTTIG,
            "label": "Luttig",
            "start": start,
            "end": start + len(quote),
            "quote": quote,
            "passage_id": "p",
            "stance": stance,
        }
    )


def claim(text: str, *citations: Citation, origin: str = "extractive") -> Claim:
    return Claim.model_validate({"text": text, "citations": list(citations), "origin": origin})


def answer(*claims: Claim, refused: bool = False, **extra: object) -> Answer:
    """An answer as the bot makes them: each distinct span numbered [n]."""
    numbered = number_citations(list(claims))
    return Answer.model_validate(
        {"question": "q", "text": "t", "refused": refused, "claims": numbered, **extra}
    )


def run(case: Case, ans: Answer, labels: dict | None = None) -> dict[str, tuple[int, int]]:
    report = Report()
    score(report, case, ans, source_text, StrictJudge(), labels or {})
    return {m: (r.hits, r.total) for m, r in report.metrics.items()}


ASK = Case(kind="fact", question="How many GPUs?", evidence=[Evidence(source=LUTTIG, quote=GPUS)])


def test_a_faithful_answer_scores_full_marks() -> None:
    ans = answer(claim("Stanford's NLP lab has only 64 GPUs.", cite(GPUS)))
    assert run(ASK, ans) == {
        "claims_from_model": (0, 1),
        "citation_recall": (1, 1),
        "citation_precision": (1, 1),
        "quote_exactness": (1, 1),
        "evidence_hit": (1, 1),
        "answered": (1, 1),
    }


def test_citation_recall_and_precision_count_claims_and_citations() -> None:
    # claim 1: two citations, one supports it; claim 2: one citation that doesn't support it
    ans = answer(
        claim("Stanford's NLP lab has only 64 GPUs.", cite(GPUS), cite(AZURE), origin="model"),
        claim("Stanford's NLP lab has 128 GPUs.", cite(GPUS), origin="model"),
    )
    counts = run(ASK, ans)
    assert counts["citation_recall"] == (1, 2)  # claim 1 is supported by its quotes together
    assert counts["citation_precision"] == (1, 3)
    assert counts["claims_from_model"] == (2, 2)
    assert counts["quote_exactness"] == (2, 2)  # unique citations: GPUS and AZURE


def test_quote_exactness_catches_shifted_offsets_and_evidence_hit_a_wrong_span() -> None:
    ans = answer(claim("65% of the Fortune 500 uses Azure OpenAI.", cite(AZURE, shift=3)))
    counts = run(ASK, ans)
    assert counts["quote_exactness"] == (0, 1)
    assert counts["evidence_hit"] == (0, 1)


def test_evidence_said_twice_is_gold_wherever_the_document_says_it() -> None:
    from types import SimpleNamespace

    from debatebot.evaluation import selection_hit

    text = "Summary: it cost £9 in all. Body. Costs: it cost £9 in all, for the ferry."
    case = Case(kind="fact", question="q", evidence=[Evidence(source="r.txt", quote="£9 in all")])
    second = SimpleNamespace(source="r.txt", start=text.rindex("it cost"), end=len(text))
    assert selection_hit(case, [second], lambda _: text)
    elsewhere = SimpleNamespace(source="r.txt", start=text.index("Body"), end=text.index("Costs"))
    assert not selection_hit(case, [elsewhere], lambda _: text)


def test_evidence_that_is_not_verbatim_in_the_source_is_an_error() -> None:
    case = Case(kind="fact", question="q", evidence=[Evidence(source=LUTTIG, quote="no such text")])
    with pytest.raises(Exception, match="not found verbatim"):
        run(case, answer(claim("x", cite(GPUS))))


def test_refusal_precision_and_recall() -> None:
    unanswerable = Case(kind="unanswerable", question="How many parameters does GPT-4 have?")
    refused = answer(refused=True)
    assert run(unanswerable, refused) == {"refusal_precision": (1, 1), "refusal_recall": (1, 1)}
    answered = answer(claim("Stanford's NLP lab has only 64 GPUs.", cite(GPUS)))
    assert run(unanswerable, answered)["refusal_recall"] == (0, 1)
    assert "refusal_precision" not in run(unanswerable, answered)
    # an answerable question refused lowers precision, and hits no evidence
    counts = run(ASK, refused)
    assert counts == {"evidence_hit": (0, 1), "refusal_precision": (0, 1), "answered": (0, 1)}


def test_a_comparison_hits_only_when_every_group_is_cited() -> None:
    luttig_only = [
        Evidence(source=LUTTIG, quote=GPUS, group="a"),
        Evidence(source=LUTTIG, quote=AZURE, group="b"),
    ]
    case = Case(kind="comparison", question="How do a and b differ?", evidence=luttig_only)
    one = answer(claim("Stanford's NLP lab has only 64 GPUs.", cite(GPUS)))
    both = answer(
        claim("Stanford's NLP lab has only 64 GPUs.", cite(GPUS)),
        claim("65% of the risk-averse Fortune 500 already uses Azure OpenAI.", cite(AZURE)),
    )
    assert run(case, one)["evidence_hit"] == (0, 1)
    assert run(case, both)["evidence_hit"] == (1, 1)


def test_the_split_is_recorded_and_test_cases_are_never_listed(tmp_path) -> None:
    from debatebot import eval_report

    report = Report()
    for split in ("dev", "test"):
        report.split = split
        case = ASK.model_copy(update={"split": split})
        score(
            report,
            case,
            answer(claim("Stanford's NLP lab has only 64 GPUs.", cite(GPUS))),
            source_text,
            StrictJudge(),
            {},
        )
    assert report.by_split["dev"]["evidence_hit"].total == 1
    assert report.by_split["test"]["evidence_hit"].total == 1
    meta = {
        "subset": "full",
        "backend": "x",
        "model": "m",
        "judge": "j",
        "judge_accuracy": 1.0,
        "prompt_versions": ["answer.v2"],
    }
    md, js, _ = eval_report.write(report, tmp_path, "s", {}, meta)
    assert [c["split"] for c in json.loads(js.read_text())["cases"]] == ["dev"]
    assert "| evidence_hit | 100% (1/1) | 100% (1/1) |" in md.read_text()


def test_false_premise_avoided() -> None:
    case = Case(kind="adversarial", question="Why does Stanford have 640 GPUs?", forbidden=["640"])
    good = answer(claim("Stanford's NLP lab has only 64 GPUs.", cite(GPUS)))
    bad = answer(claim("Stanford's NLP lab has 640 GPUs.", cite(GPUS)))
    assert run(case, good)["false_premise_avoided"] == (1, 1)
    assert run(case, bad)["false_premise_avoided"] == (0, 1)


def test_stance_accuracy_uses_the_hand_labels_and_steelman_side() -> None:
    gpus, azure = cite(GPUS), cite(AZURE)
    labels = {
        (LUTTIG, gpus.start - 10, gpus.end + 10): "closed",
        (LUTTIG, azure.start, azure.end): "open",
    }
    case = Case(kind="argue", topic="research", side="closed")
    ans = answer(claim("a", gpus), claim("b", azure), side="closed")
    assert run(case, ans, labels)["stance_accuracy"] == (1, 2)
    steelman = Case(kind="steelman", claim="Open-source AI will win", claim_side="open")
    right = run(steelman, answer(claim("a", gpus), side="closed", claim_side="open"), labels)
    assert right["steelman_side"] == (1, 1) and right["stance_accuracy"] == (1, 1)
    # the claim's side told wrong: the case argued is the wrong one, so no citation counts
    wrong = run(steelman, answer(claim("a", gpus), side="open", claim_side="closed"), labels)
    assert wrong["steelman_side"] == (0, 1) and wrong["stance_accuracy"] == (0, 1)


def test_retrieval_recall_at_k() -> None:
    start = SOURCE.index(GPUS)
    held = Passage(
        id="a", source=LUTTIG, label="L", paragraph=1, start=start, end=start + 60, text=""
    )
    held.text = SOURCE[held.start : held.end]
    other = held.model_copy(update={"text": SOURCE[:100], "start": 0, "end": 100})
    for passages, hits in (([other, held], 1), ([other], 0)):
        report = Report()
        retrieval_recall(report, ASK, passages)
        r = report.metrics["retrieval_recall_at_k"]
        assert (r.hits, r.total) == (hits, 1)


def test_a_metric_with_nothing_to_count_is_left_out_and_failures_name_it() -> None:
    report = Report()
    report.count("quote_exactness", "fact", True)
    report.count("refusal_recall", "unanswerable", False)
    assert report.values() == {"quote_exactness": 1.0, "refusal_recall": 0.0}
    thresholds = {"quote_exactness": 1.0, "refusal_recall": 0.8, "evidence_hit": 0.7}
    assert report.failures(thresholds) == ["refusal_recall 0.00 < 0.80"]


def test_the_dataset_and_thresholds_load() -> None:
    cases = load_cases(EVALS / "dataset.yaml")
    fast = load_cases(EVALS / "dataset.yaml", subset="fast")
    assert len(cases) >= 60 and 0 < len(fast) < len(cases)
    assert {c.kind for c in fast} == set(KINDS)  # every kind is in the CI subset
    for c in cases:  # every gold quote is verbatim in its source
        for ev in c.evidence:
            text = (REPO_ROOT / "index" / "sources" / ev.source).read_text(encoding="utf-8")
            assert ev.quote in text, (c.prompt, ev.quote)
    assert load_thresholds(EVALS / "thresholds.yaml")["quote_exactness"] == 1.0


def test_the_second_motions_steelman_claims_load() -> None:
    phones = REPO_ROOT / "examples" / "phones" / "sources"
    sides = set(yaml.safe_load((phones / "motion.yaml").read_text(encoding="utf-8"))["sides"])
    rows = yaml.safe_load((EVALS / "phones_steelman.yaml").read_text(encoding="utf-8"))["claims"]
    assert len(rows) >= 8
    for row in rows:
        assert row["claim_side"] in sides, row["claim"]
        for ev in row["evidence"]:  # every gold quote is verbatim in its source
            assert ev["quote"] in (phones / ev["source"]).read_text(encoding="utf-8"), ev


# --- judges ------------------------------------------------------------------------------------


def test_the_strict_judge_on_known_pairs() -> None:
    judge = StrictJudge()
    assert judge.supports("Stanford's NLP lab has only 64 GPUs.", GPUS)
    assert not judge.supports("Stanford's NLP lab has 46 GPUs.", GPUS)  # swapped number
    assert not judge.supports("Stanford's NLP lab doesn't have 64 GPUs.", GPUS)  # negation
    assert not judge.supports("Stanford has many GPUs for its NLP lab.", GPUS)  # added word


def test_the_strict_judge_supports_a_verbatim_quote_with_repeated_critical_words() -> None:
    quote = "But open-source model providers will lose the war as open-source ROI declines."
    assert StrictJudge().supports(quote, quote)


def test_the_strict_judge_is_validated_on_the_hand_labelled_pairs() -> None:
    pairs = yaml.safe_load((EVALS / "judge.yaml").read_text(encoding="utf-8"))["pairs"]
    assert len(pairs) >= 40
    ratio, misses = validate_judge(StrictJudge(), EVALS / "judge.yaml")
    assert ratio.total == len(pairs) and ratio.hits + len(misses) == ratio.total
    assert ratio.value >= 0.8  # measured 36/44; a change to the judge that loses this fails


@pytest.mark.parametrize(
    "reply, verdict",
    [("Yes", True), ("yes.", True), (" YES, it does", True), ("No", False), ("maybe", False)],
)
def test_model_verdicts_are_parsed_as_yes_or_no(reply: str, verdict: bool) -> None:
    assert parse_verdict(reply) is verdict


def test_the_ollama_judge_asks_the_server_and_matches_the_same_model_embedded(
    fake_ollama, llamacpp_backend
) -> None:
    judge = load_judge(Settings(judge="ollama", ollama_host=fake_ollama.url))
    assert isinstance(judge, ModelJudge) and judge.name == "model:smollm2:135m"
    embedded = ModelJudge(llamacpp_backend)
    before = len(fake_ollama.requests)
    for claim_text, quote in [("Stanford's NLP lab has only 64 GPUs.", GPUS), ("x is y.", AZURE)]:
        assert judge.supports(claim_text, quote) is embedded.supports(claim_text, quote)
    assert fake_ollama.requests[before:].count("/api/chat") == 2


def test_the_report_is_written_as_markdown_json_and_a_chart(tmp_path) -> None:
    from debatebot.eval_report import write

    report = Report()
    score(report, ASK, answer(refused=True), source_text, StrictJudge(), {})
    meta = {
        "subset": "fast",
        "backend": "llamacpp",
        "model": "m",
        "judge": "strict",
        "judge_accuracy": 0.8,
        "prompt_versions": ["answer.v1"],
    }
    md, js, png = write(report, tmp_path, "stamp", {"evidence_hit": 0.7}, meta)
    data = json.loads(js.read_text(encoding="utf-8"))
    assert data["metrics"]["evidence_hit"] == 0.0 and data["counts"]["evidence_hit"] == [0, 1]
    assert data["failures"] == ["evidence_hit 0.00 < 0.70"] and data["model"] == "m"
    assert "FAIL: evidence_hit" in md.read_text(encoding="utf-8")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_the_report_gives_the_largest_overlap_between_two_steelman_claims() -> None:
    from debatebot.eval_report import steelman_overlap

    report = Report()

    def row(split: str, *spans: int) -> dict:
        cites = [{"source": "a.txt", "start": s, "end": s + 5, "stance": "open"} for s in spans]
        return {"split": split, "kind": "steelman", "citations": cites}

    report.rows += [row("dev", 1, 2, 3, 4), row("dev", 3, 4, 9), row("dev", 7), row("test", 1)]
    line = steelman_overlap(report)
    assert "dev 67% (0 identical of 3 pairs)" in line  # 2 of the smaller set's 3
    assert "test" not in line  # one steelman on test: no pair to compare
    report.rows.append(row("test", 1))
    assert "test 100% (1 identical of 1 pairs)" in steelman_overlap(report)
