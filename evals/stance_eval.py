"""Measure passage stance methods against the hand labels in evals/stance.yaml.

    .venv/bin/python evals/stance_eval.py

Chunks the default corpus with the default settings, checks that every labelled span is a
chunk, and prints accuracy and the confusion matrix for each method:
  lean only     the document's manifest lean (mixed -> neutral)
  cues only     debatebot.stance.CueStance without the prior
  cues + lean   CueStance as shipped (the default)
  prototypes    MiniLM similarity to hand-written prototype statements of each stance
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import yaml

from debatebot.chunking import chunk_document
from debatebot.corpus import Corpus
from debatebot.settings import Settings
from debatebot.stance import CueStance, Stance
from debatebot.text import display

LABELS = Path(__file__).with_name("stance.yaml")
STANCES: tuple[Stance, ...] = ("open", "closed", "neutral")
PROTOTYPES: dict[Stance, list[str]] = {
    "open": [
        "Open-source models are catching up with closed models and will win.",
        "Open models are cheaper, customizable and iterate faster thanks to the community.",
        "Banning open source would hurt innovation.",
    ],
    "closed": [
        "Closed-source models will stay ahead and capture most of the value.",
        "Open-source AI is a financial drain and a risk to national security.",
        "Only well-funded closed labs can afford frontier training runs.",
    ],
    "neutral": [
        "This article describes the debate about AI models.",
        "The company was founded as a non-profit and later raised capital.",
        "Thanks to the reviewers; read more on our website.",
    ],
}


def labelled() -> list[tuple[str, str | None, Stance]]:
    """(chunk text, document lean, hand label) for every labelled chunk."""
    settings = Settings()
    corpus = Corpus(settings.sources_dir)
    chunks = {
        (c.source, c.start, c.end): (c.text, d.lean)
        for d in corpus.documents()
        for c in chunk_document(d, settings.chunk_size, settings.chunk_overlap)
    }
    rows = []
    for item in yaml.safe_load(LABELS.read_text(encoding="utf-8"))["passages"]:
        key = (item["file"], item["start"], item["end"])
        if key not in chunks:
            sys.exit(f"labelled span {key} is not a chunk: were the chunk settings changed?")
        text, lean = chunks[key]
        rows.append((text, lean, item["stance"]))
    return rows


def lean_only(text: str, lean: str | None) -> Stance:
    return lean if lean in ("open", "closed") else "neutral"  # type: ignore[return-value]


def prototype_method() -> Callable[[str, str | None], Stance]:
    import numpy as np

    from debatebot.embeddings import minilm_embedder

    embedder = minilm_embedder(16)
    centroids = {
        s: np.mean(embedder.get_text_embedding_batch(texts), axis=0)
        for s, texts in PROTOTYPES.items()
    }

    def classify(text: str, lean: str | None) -> Stance:
        v = np.array(embedder.get_text_embedding(display(text)))
        sims = {s: float(v @ c / np.linalg.norm(c)) for s, c in centroids.items()}
        return max(sims, key=lambda s: sims[s])

    return classify


def report(name: str, rows: list[tuple[str, str | None, Stance]], method: Callable) -> float:
    matrix = {g: {p: 0 for p in STANCES} for g in STANCES}
    for text, lean, gold in rows:
        matrix[gold][method(text, lean)] += 1
    correct = sum(matrix[s][s] for s in STANCES)
    accuracy = correct / len(rows)
    print(f"\n{name}: accuracy {accuracy:.0%} ({correct}/{len(rows)})")
    print(f"  {'gold / predicted':<18}" + "".join(f"{p:>9}" for p in STANCES))
    for g in STANCES:
        print(f"  {g:<18}" + "".join(f"{matrix[g][p]:>9}" for p in STANCES))
    return accuracy


def main() -> None:
    rows = labelled()
    counts = {s: sum(1 for r in rows if r[2] == s) for s in STANCES}
    print(f"{len(rows)} hand-labelled passages: {counts}")
    cues = CueStance()
    no_prior = CueStance(prior_weight=0.0)
    report("lean only", rows, lean_only)
    report("cues only", rows, lambda t, lean: no_prior.classify(t).stance)
    report("cues + lean (shipped)", rows, lambda t, lean: cues.classify(t, lean).stance)
    report("prototypes (MiniLM)", rows, prototype_method())


if __name__ == "__main__":
    main()
