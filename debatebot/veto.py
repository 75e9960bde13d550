"""A second opinion that can only say no: a capable model may veto what the checker accepted.

With `DEBATEBOT_MODEL_VETO=true` (meant for a capable model on Ollama; off by default, since
the embedded 135M model cannot judge), each model-written sentence that passed the checker
is shown to the model beside its quote (`prompts/veto.v1.yaml`). A reply that opens with
"no" drops the sentence, with the reason "model veto"; any other reply keeps it. Verbatim
quotes are never asked about, and a sentence the checker refused never reaches the model:
the model can take a sentence away, never let one through.
"""

from __future__ import annotations

import re

from .backends import Backend
from .models import Claim
from .prompts import as_data, load_prompt

VETO_PROMPT = "veto.v1"
VETOED = "model veto: the model says the quote does not support it"
_NO = re.compile(r"\W*no\b", re.I)


def vetoed(claim: Claim, backend: Backend) -> bool:
    """Whether the model, asked about a checked model-written claim, says its quote does not
    support it (always False for a verbatim quote)."""
    if claim.origin != "model" or not claim.citations:
        return False
    messages = load_prompt(VETO_PROMPT).render(
        claim=as_data(claim.text), quote=as_data(claim.citations[0].quote)
    )
    return bool(_NO.match(backend.complete(messages)))
