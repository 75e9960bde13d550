"""Measure sentence-stance methods on held-out hand labels, dev and test side by side.

    .venv/bin/python evals/stance_eval.py

Labels: evals/stance_sentences.yaml (355 quotable units of the five essays, the three own
documents and the phones motion's three documents, labelled before any method ran on them;
dev to design on, test to report). Each sentence is judged on its own document's motion.

Methods (the first is what debatebot uses; the others were tried on dev and lost to it):
  lean only      the document's manifest lean (mixed or none -> neutral)
  description    the side whose description is nearer (MiniLM), neutral under a 0.04 margin
  desc + lean    description margin plus 0.1 x the lean, neutral under 0.08
  claim reader   stance.claim_side on the sentence (no similarity), lean when it says nothing
Also: stance.claim_side on the eval set's steelman claims (the side each claim takes), and
on evals/claims.yaml (a second dev set of claims, both motions).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from functools import cache
from pathlib import Path

import numpy as np
import yaml

from debatebot.embeddings import minilm_embedder
from debatebot.evaluation import load_cases
from debatebot.motion import Motion, load_motion
from debatebot.stance import claim_side

ROOT = Path(__file__).resolve().parents[1]
LABELS = Path(__file__).with_name("stance_sentences.yaml")
MANIFESTS = [ROOT / "index/sources/manifest.yaml", ROOT / "examples/phones/sources/manifest.yaml"]


@cache
def _embedder():  # type: ignore[no-untyped-def]
    return minilm_embedder()


@cache
def vector(text: str) -> np.ndarray:
    v = np.asarray(_embedder().get_text_embedding(text), dtype=np.float32)
    return v / np.linalg.norm(v)


def similarity(a: str, b: str) -> float:
    return float(vector(a) @ vector(b))


def motion_of(file: str) -> Motion:
    if file.startswith("examples/phones/"):
        return load_motion("motion.yaml", ROOT / "examples/phones/sources")
    return load_motion()


def leans() -> dict[str, str | None]:
    out: dict[str, str | None] = {}
    for manifest in MANIFESTS:
        for d in yaml.safe_load(manifest.read_text(encoding="utf-8"))["documents"]:
            out[d["file"]] = d.get("lean")
    return out


Method = Callable[[str, str | None, Motion], str]


def lean_only(text: str, lean: str | None, motion: Motion) -> str:
    return lean if lean in motion.sides else "neutral"


def description(text: str, lean: str | None, motion: Motion, prior: float = 0.0) -> str:
    a, b = motion.side_keys
    margin = similarity(text, motion.sides[a].description) - similarity(
        text, motion.sides[b].description
    )
    margin += prior * ((lean == a) - (lean == b))
    band = 0.08 if prior else 0.04
    return a if margin > band else b if margin < -band else "neutral"


def desc_lean(text: str, lean: str | None, motion: Motion) -> str:
    return description(text, lean, motion, prior=0.1)


def claim_reader(text: str, lean: str | None, motion: Motion) -> str:
    return claim_side(text, motion) or lean_only(text, lean, motion)


METHODS: dict[str, Method] = {
    "lean only (used)": lean_only,
    "description": description,
    "desc + lean": desc_lean,
    "claim reader": claim_reader,
}


def main() -> None:
    rows = yaml.safe_load(LABELS.read_text(encoding="utf-8"))["sentences"]
    lean = leans()
    texts = {
        (r["file"], r["start"]): (ROOT / r["file"]).read_text(encoding="utf-8")[
            r["start"] : r["end"]
        ]
        for r in rows
    }
    print(f"sentence stance: {len(rows)} labelled sentences")
    print(f"{'method':<18} {'dev':>14} {'test':>14}")
    for name, method in METHODS.items():
        cells = []
        for split in ("dev", "test"):
            part = [r for r in rows if r["split"] == split]
            right = sum(
                method(
                    texts[(r["file"], r["start"])],
                    lean.get(Path(r["file"]).name),
                    motion_of(r["file"]),
                )
                == r["label"]
                for r in part
            )
            cells.append(f"{right}/{len(part)} {right / len(part):.0%}")
        print(f"{name:<18} {cells[0]:>14} {cells[1]:>14}")
    labels = Counter((r["split"], r["label"]) for r in rows)
    print("labels:", dict(sorted(labels.items())))
    print()
    cases = load_cases(ROOT / "evals/dataset.yaml")
    motion = load_motion()
    cells = []
    for split in ("dev", "test"):
        claims = [c for c in cases if c.kind == "steelman" and c.split == split]
        right = sum(claim_side(c.claim, motion, similarity) == c.claim_side for c in claims)
        cells.append(f"{right}/{len(claims)} {right / len(claims):.0%}")
    print(f"{'claim side':<18} {cells[0]:>14} {cells[1]:>14}   (steelman claims)")
    extra = yaml.safe_load((ROOT / "evals/claims.yaml").read_text(encoding="utf-8"))["claims"]
    motions = {
        "open-vs-closed-ai": motion,
        "phones": load_motion("motion.yaml", ROOT / "examples/phones/sources"),
    }
    right = sum(
        claim_side(c["claim"], motions[c["motion"]], similarity) == c["side"] for c in extra
    )
    print(
        f"{'claim side':<18} {f'{right}/{len(extra)} {right / len(extra):.0%}':>14}"
        f" {'':>14}   (evals/claims.yaml, a second dev set)"
    )


if __name__ == "__main__":
    main()
