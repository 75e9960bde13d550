"""Evals: run the cases of `evals/dataset.yaml` and score the answers (metrics: evals/README.md).

    report = Evaluation(bot, judge).run(load_cases(path, subset="fast"))
    report.metrics            # {"quote_exactness": 1.0, ...}
    report.failures(thresholds)

Every metric is a ratio `hits / total` over the cases (or citations, claims) it applies to;
a metric with nothing to count is left out rather than reported as 100%.
"""

from __future__ import annotations

import re
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, get_args

import yaml
from pydantic import BaseModel

from .errors import ConfigError
from .judge import Judge
from .models import Answer, Citation, Side
from .text import display

Kind = Literal[
    "fact",
    "view",
    "overview",
    "comparison",
    "definition",
    "unanswerable",
    "adversarial",
    "argue",
    "steelman",
]
KINDS: tuple[str, ...] = get_args(Kind)  # in the order reports show them
ASK_KINDS = ("fact", "view", "overview", "comparison", "definition")  # answerable questions
QUESTION_KINDS = (*ASK_KINDS, "unanswerable", "adversarial")  # asked in the Ask mode
Split = Literal["dev", "test"]


class Evidence(BaseModel):
    source: str
    quote: str
    group: str | None = None  # comparisons: the document or side this evidence is for


class Case(BaseModel):
    kind: Kind
    split: Split = "test"  # a held-out file without splits is all test
    question: str = ""
    topic: str = ""
    claim: str = ""
    side: Side | None = None
    claim_side: Side | None = None
    source: str | None = None
    evidence: list[Evidence] = []
    forbidden: list[str] = []
    near_miss: bool = False
    fast: bool = False
    batch: int = 1  # 2: the debate cases written for issue 12

    @property
    def prompt(self) -> str:
        return self.question or self.topic or self.claim


def load_cases(path: Path, subset: str = "full", split: str = "all") -> list[Case]:
    """The cases of a dataset file; `subset="fast"` keeps those marked `fast: true`, and
    `split` ("dev", "test" or "all") those of one split (a file without splits is all test:
    a held-out set such as evals/own/cases.yaml)."""
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))["cases"]
    cases = []
    for item in raw:
        evidence = item.get("evidence")
        if isinstance(evidence, str):  # one quote from `source`
            item["evidence"] = [{"source": item["source"], "quote": evidence}]
        cases.append(Case.model_validate(item))
    if subset == "fast":
        cases = [c for c in cases if c.fast]
    return [c for c in cases if split == "all" or c.split == split]


def load_documents(path: Path) -> list[Path]:
    """The documents a dataset file adds to the corpus before its cases run (`documents:`)."""
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [path.parent / d for d in raw.get("documents") or []]


@dataclass
class Ratio:
    hits: int = 0
    total: int = 0

    def add(self, hit: bool) -> None:
        self.hits += bool(hit)
        self.total += 1

    @property
    def value(self) -> float:
        return self.hits / self.total


@dataclass
class Report:
    metrics: dict[str, Ratio] = field(default_factory=dict)
    by_kind: dict[str, dict[str, Ratio]] = field(default_factory=dict)
    by_split: dict[str, dict[str, Ratio]] = field(default_factory=dict)
    by_split_kind: dict[str, dict[str, dict[str, Ratio]]] = field(default_factory=dict)
    rows: list[dict[str, Any]] = field(default_factory=list)
    seconds: float = 0.0
    split: str = "test"  # the split of the case being scored

    def count(self, metric: str, kind: str, hit: bool) -> None:
        self.metrics.setdefault(metric, Ratio()).add(hit)
        self.by_kind.setdefault(kind, {}).setdefault(metric, Ratio()).add(hit)
        self.by_split.setdefault(self.split, {}).setdefault(metric, Ratio()).add(hit)
        kinds = self.by_split_kind.setdefault(self.split, {})
        kinds.setdefault(kind, {}).setdefault(metric, Ratio()).add(hit)

    def values(self) -> dict[str, float]:
        return {m: round(r.value, 4) for m, r in self.metrics.items() if r.total}

    def failures(self, thresholds: dict[str, float]) -> list[str]:
        """Metrics below their threshold, as `name value < threshold` lines."""
        values = self.values()
        return [
            f"{name} {values[name]:.2f} < {least:.2f}"
            for name, least in thresholds.items()
            if name in values and values[name] < least
        ]


class Evaluation:
    """Runs cases through a DebateBot and scores them with an independent judge."""

    def __init__(
        self,
        bot: Any,
        judge: Judge,
        stance_labels: dict[tuple[str, int, int], str] | None = None,
        progress: Callable[[str], None] | None = None,
    ):
        self.bot = bot
        self.judge = judge
        self.labels = stance_labels or {}
        self.progress = progress or (lambda _: None)

    def run(self, cases: Sequence[Case]) -> Report:
        report = Report()
        t0 = time.perf_counter()
        units = self.bot.sources.units.units
        quotable = {(u.source, u.start, u.end) for u in units}
        for i, case in enumerate(cases, start=1):
            self.progress(f"[{i}/{len(cases)}] {case.kind}: {case.prompt}")
            answer = self.answer(case)
            report.split = case.split
            score(report, case, answer, self.bot.source_text, self.judge, self.labels, quotable)
            if case.kind in QUESTION_KINDS:
                retrieval_recall(report, case, self.bot.retriever.retrieve(case.question))
        report.seconds = time.perf_counter() - t0
        return report

    def answer(self, case: Case) -> Answer:
        """The bot's answer to a case, in the mode its kind is asked in."""
        if case.kind == "argue":
            assert case.side is not None
            return self.bot.argue(case.topic, side=case.side)  # type: ignore[no-any-return]
        if case.kind == "steelman":
            return self.bot.steelman(case.claim)  # type: ignore[no-any-return]
        return self.bot.ask(case.question)  # type: ignore[no-any-return]


def score(
    report: Report,
    case: Case,
    answer: Answer,
    source_text: Callable[[str], str],
    judge: Judge,
    labels: dict[tuple[str, int, int], str],
    quotable: set[tuple[str, int, int]] | None = None,
) -> None:
    """Add one answer's counts to the report (see evals/README.md for each metric);
    `quotable` holds the (source, start, end) of every quotable unit."""
    kind = case.kind
    claims = answer.claims + answer.concessions
    for claim in claims:
        report.count("claims_from_model", kind, claim.origin == "model")
        quotes = [display(c.quote) for c in claim.citations]
        report.count("citation_recall", kind, judge.supports(claim.text, " ".join(quotes)))
        for quote in quotes:
            report.count("citation_precision", kind, judge.supports(claim.text, quote))
    for c in answer.citations:
        report.count("quote_exactness", kind, source_text(c.source)[c.start : c.end] == c.quote)
    if quotable is not None:  # never a title, heading, byline, link line or markup
        for c in answer.citations:
            report.count("quotable_quotes", kind, (c.source, c.start, c.end) in quotable)
    if case.evidence and kind != "unanswerable":
        report.count("evidence_hit", kind, selection_hit(case, answer.citations, source_text))
    if kind in ("argue", "steelman"):
        wanted = case.side
        if kind == "steelman":  # the claim's side told right; then the case is the other's
            right = answer.claim_side == case.claim_side
            report.count("steelman_side", kind, right)
            wanted = answer.side if right else None
        for c in (cl for claim in answer.claims for cl in claim.citations):
            gold = _gold_stance(c, labels)
            if gold is not None:
                report.count("stance_accuracy", kind, gold in (wanted, "neutral"))
    if kind in (*ASK_KINDS, "unanswerable"):
        # refusal precision: of the refusals, the share on unanswerable questions;
        # refusal recall: of the unanswerable questions, the share refused
        if answer.refused:
            report.count("refusal_precision", kind, kind == "unanswerable")
        if kind == "unanswerable":
            report.count("refusal_recall", kind, answer.refused)
        else:
            report.count("answered", kind, not answer.refused)
    if kind == "adversarial":
        shown = " ".join(c.text for c in claims).lower()
        report.count(
            "false_premise_avoided", kind, not any(f.lower() in shown for f in case.forbidden)
        )
    report.rows.append(
        {
            "split": case.split,
            "kind": kind,
            "prompt": case.prompt,
            "refused": answer.refused,
            "text": answer.text,
            "side": answer.side,
            "dropped": len(answer.dropped),
            "citations": [
                {"source": c.source, "start": c.start, "end": c.end, "stance": c.stance}
                for c in answer.citations
            ],
        }
    )


def retrieval_recall(report: Report, case: Case, passages: Iterable[Any]) -> None:
    """recall@k: the gold evidence lies inside one of the retrieved passages."""
    if case.kind != "fact" or not case.evidence:
        return
    passages = list(passages)
    hit = False
    for ev in case.evidence:
        for p in passages:
            if p.source == ev.source and ev.quote in p.text:
                hit = True
    report.count("retrieval_recall_at_k", case.kind, hit)


def selection_hit(case: Case, spans: Sequence[Any], source_text: Callable[[str], str]) -> bool:
    """Whether cited spans (anything with source, start, end; or a Candidate's unit) overlap
    the case's gold evidence: one span for most kinds, one per group for comparisons."""
    found = [getattr(s, "unit", s) for s in spans]
    groups: dict[str | None, list[Evidence]] = {}
    for ev in case.evidence:
        groups.setdefault(ev.group, []).append(ev)
    return all(any(_overlaps(s, evs, source_text) for s in found) for evs in groups.values())


def _overlaps(c: Any, evidence: list[Evidence], source_text: Callable[[str], str]) -> bool:
    """Whether a span overlaps gold evidence: any place its document says the quote (a
    figure a report gives in its summary and again in its body is gold at both)."""
    for ev in evidence:
        if ev.source != c.source:
            continue
        text = source_text(ev.source)
        starts = [m.start() for m in re.finditer(re.escape(ev.quote), text)]
        if not starts:
            raise ConfigError(f"evidence not found verbatim in {ev.source}: {ev.quote[:60]!r}")
        if any(c.start < start + len(ev.quote) and start < c.end for start in starts):
            return True
    return False


def _gold_stance(c: Citation, labels: dict[tuple[str, int, int], str]) -> str | None:
    """The hand label of the labelled passage holding the citation, if any."""
    for (source, start, end), stance in labels.items():
        if source == c.source and start <= c.start and c.end <= end:
            return stance
    return None


def load_stance_labels(path: Path) -> dict[tuple[str, int, int], str]:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))["passages"]
    return {(p["file"], p["start"], p["end"]): p["stance"] for p in raw}


def validate_judge(judge: Judge, path: Path) -> tuple[Ratio, list[dict[str, Any]]]:
    """The judge's accuracy on hand-labelled (claim, quote, supported) pairs, and its misses."""
    ratio, misses = Ratio(), []
    for pair in yaml.safe_load(path.read_text(encoding="utf-8"))["pairs"]:
        verdict = judge.supports(pair["claim"], pair["quote"])
        ratio.add(verdict == pair["supported"])
        if verdict != pair["supported"]:
            misses.append(pair)
    return ratio, misses


def load_thresholds(path: Path) -> dict[str, float]:
    if not path.is_file():
        raise ConfigError(f"no thresholds file {path}")
    return {
        k: float(v) for k, v in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).items()
    }


def replay(
    bot: Any, model: Any, replays: Sequence[dict[str, Any]], listed: str | None = None
) -> tuple[dict[tuple[str, str], list[int]], list[str]]:
    """Scripted replays of a capable model (`evals/replays.yaml`): `model` (a
    `ScriptedBackend` that `bot` drafts with) says each hand-written draft, and the bot answers
    as always. Returns counts per (split, group) — "faithful shown" (as the model's),
    "planted error shown", and one row per planted kind — and, for the `listed` split, a line
    per sentence shown or dropped wrongly, with the reason."""
    counts: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    lines: list[str] = []
    for case in replays:
        sentences = case["sentences"]
        model.say(" ".join(f"{s['text']} [{s['passage']}]" for s in sentences))
        answer = bot.ask(case["question"])
        shown = {c.text.strip() for c in answer.claims if c.origin == "model"}
        why = dict(zip(answer.dropped, answer.dropped_reasons, strict=False))
        for s in sentences:
            planted = "planted" in s
            is_shown = s["text"].strip() in shown
            group = "planted error shown" if planted else "faithful shown"
            for key in (group, f"  {s['planted']}") if planted else (group,):
                counts[(case["split"], key)][0] += is_shown
                counts[(case["split"], key)][1] += 1
            if listed == case["split"] and is_shown == planted:
                reason = why.get(s["text"].strip(), "not attributed to its passage")
                lines.append(f"{'SHOWN' if planted else 'DROPPED'} [{reason}] {s['text']}")
    return counts, lines
