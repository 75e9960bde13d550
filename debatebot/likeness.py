"""Words alike in meaning, for relevance: a question may name what a passage says in other
words ("How long do open models *usually* take to catch up?" / "... *typically* matching
performance within 6 months"; "*making money*" / "*monetized*").

Relevance counts a question's word as present in a unit when the unit has a word alike to
it by the verifier's own measure (`paraphrase.WORD_SIMILARITY`: the MiniLM cosine of the two
words alone), unless either is a number, a measure, a modal or a comparison word
(`paraphrase.likeable`); or a word of the same root, as the verifier's `paraphrase.same_root`
reads it ("risky" / "risk", whose cosine is 0.598). An opposite counts: "Are open models
usually behind?" is answered by "open models are rarely far behind" (relevance finds what is
on the question; the verifier, which refuses opposites, checks what is claimed). Dev
(evals/calibrate.py --check, the relevance model fitted before likeness): answerable
questions refused 2/94 with words alone, 0/94 with likeness at any cosine in [0.55, 0.7]
(1/94 from 0.75), unanswerable refused 22/24 from 0.55 (21/24 at 0.5); the verifier's 0.6
lies inside, and leaving opposites out changed none of these figures. Refitted with likeness
(data/relevance.yaml): 1/94 and 22/24, dev facts found 37/40 -> 39/40. The root rule changed
no dev figure.

A debate case ranks candidate sentences by how much of the point's words each says in any
words, with no threshold (`WordVectors.recall`: each word's best cosine among the sentence's
words, weighted; debating.py gives the figures).

The vectors of the corpus's words are made when the index is synced and kept beside it
(`words.npz` in the index folder), so a question embeds only its own words.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np
from llama_index.core.base.embeddings.base import BaseEmbedding

from .paraphrase import WORD_SIMILARITY, likeable, same_root
from .text import content_words, words

FILE = "words.npz"
DIM = 384  # all-MiniLM-L6-v2


class WordVectors:
    """Unit MiniLM vectors of single words, kept in `path` (None: in memory only)."""

    def __init__(self, embedder: BaseEmbedding, path: Path | None = None):
        self.embedder = embedder
        self.path = path
        self.row: dict[str, int] = {}
        self.matrix = np.zeros((0, DIM), dtype=np.float32)
        self.reload()

    def reload(self) -> None:
        """Read the kept vectors (a missing or unreadable file is no vectors yet)."""
        if self.path is None or not self.path.exists():
            return
        try:
            with np.load(self.path, allow_pickle=False) as data:
                kept, matrix = [str(w) for w in data["words"]], data["matrix"]
        except (OSError, ValueError, KeyError):
            return  # made again by the next sync
        if matrix.shape == (len(kept), DIM):
            self.row = {w: i for i, w in enumerate(kept)}
            self.matrix = matrix.astype(np.float32)

    def add(self, words: Iterable[str], progress: bool = False) -> int:
        """Embed the words not yet known; how many were new."""
        new = sorted(set(words) - set(self.row))
        if not new:
            return 0
        vectors = np.asarray(
            self.embedder.get_text_embedding_batch(new, show_progress=progress), dtype=np.float32
        )
        vectors /= np.linalg.norm(vectors, axis=1, keepdims=True) + 1e-12
        self.row.update({w: len(self.row) + i for i, w in enumerate(new)})
        self.matrix = np.vstack([self.matrix, vectors])
        return len(new)

    def save(self) -> None:
        """Write the vectors atomically (a reader never sees half a file)."""
        if self.path is None:
            return
        words = np.array(sorted(self.row, key=self.row.__getitem__))
        fd, tmp = tempfile.mkstemp(dir=self.path.parent, suffix=".npz")
        with os.fdopen(fd, "wb") as f:
            np.savez(f, words=words, matrix=self.matrix)
        os.chmod(tmp, 0o644)  # readable as the index is (mkstemp makes it owner-only)
        os.replace(tmp, self.path)

    def of(self, words: Sequence[str]) -> np.ndarray:
        """The words' vectors, embedding (and remembering) any not known."""
        self.add(words)
        return self.matrix[[self.row[w] for w in words]]

    def alike(self, asked: dict[str, str], text: str) -> set[str]:
        """The keys of `asked` (stem -> the question's word) whose word has a word of `text`
        alike to it (see the module docstring)."""
        keys = [k for k in asked if likeable(asked[k])]
        found = sorted(vocabulary([text]))
        if not keys or not found:
            return set()
        sims = self.of([asked[k] for k in keys]) @ self.of(found).T
        phrasal = phrasal_verbs(text)
        return {
            key
            for i, key in enumerate(keys)
            if any(likeable(found[j]) for j in np.nonzero(sims[i] >= WORD_SIMILARITY)[0])
            or any(same_root(asked[key], w) for w in found)  # "risky" / "risk"
            or any(_stands_for(asked[key], p) for p in phrasal)  # "confuse" / "mixes up"
        }

    def recall(
        self, asked: Sequence[str], weights: Sequence[float], vocabularies: Sequence[Sequence[str]]
    ) -> np.ndarray:
        """For each vocabulary (a text's content words), how much of the asked words it says
        in any words: the weighted mean, over the asked words, of each one's best cosine with
        a word of the vocabulary. BERTScore's recall (Zhang et al. 2020) with one MiniLM vector
        per word: "businesses" finds "enterprise", "users" finds "usage". 0 with nothing asked
        or an empty vocabulary."""
        out = np.zeros(len(vocabularies), dtype=np.float32)
        if not asked:
            return out
        self.add([w for v in vocabularies for w in v])
        share = np.asarray(weights, dtype=np.float32)
        share /= share.sum()
        cos = self.of(list(asked)) @ self.matrix.T  # asked words x known words
        for i, vocabulary_ in enumerate(vocabularies):
            if vocabulary_:
                out[i] = float(share @ cos[:, [self.row[x] for x in vocabulary_]].max(axis=1))
        return out


def phrasal_verbs(text: str) -> set[str]:
    """The phrasal verbs a text says, as WordNet writes them ("mix_up" of "still mixes up
    two brooches", "carry_out"): a word and the function word after it that WordNet lists
    together as a verb."""
    from . import lexicon
    from .wordnet import wordnet

    ws = words(text)
    stop = lexicon.nltk_stopwords()
    net = wordnet()
    pairs = {
        f"{lexicon.lemma(a)}_{b}"
        for a, b in zip(ws, ws[1:], strict=False)
        if b in stop and a not in stop
    }
    return {p for p in pairs if any(k.startswith("v") for k in net.synsets(p))}


def _stands_for(word: str, phrasal: str) -> bool:
    """Whether a question's word and a phrasal verb share a WordNet sense or a near one."""
    from . import lexicon
    from .wordnet import wordnet

    return wordnet().same(lexicon.lemma(word.lower()), phrasal)


def vocabulary(texts: Iterable[str]) -> set[str]:
    """The content words of the texts (not numbers: likeness never licenses one)."""
    return {w for text in texts for w in content_words(text) if not w[0].isdigit()}
