"""Hybrid retrieval over the real index of the five essays."""

from __future__ import annotations

import pytest

from debatebot.retrieval import reciprocal_rank_fusion

from .conftest import GPU_QUESTION


def test_the_stanford_gpu_question_finds_luttig_not_the_stanford_byline(bot) -> None:
    passages = bot.retriever.retrieve(GPU_QUESTION)
    assert passages[0].source == "luttig-future-is-closed-source.txt"
    assert "Stanford’s NLP lab has only 64 GPUs" in passages[0].text
    assert len(passages) == bot.settings.top_k


@pytest.mark.parametrize(
    ("question", "source", "needle"),
    [
        ("What share of the Fortune 500 uses Azure OpenAI?", "luttig", "65% of the risk-averse"),
        ("How many distinct models does Azure provide access to?", "stanford", "1700 distinct"),
        (
            "How many weekly active users does ChatGPT report?",
            "open-source-generative",
            "500 million weekly",
        ),
        ("Which company did Reed Hoffman co-found?", "allin", "Inflection AI"),
        (
            "How much cheaper did MosaicML train a Stable Diffusion model?",
            "exponential",
            "six times cheaper",
        ),
    ],
)
def test_factual_questions_retrieve_the_passage_holding_the_fact(bot, question, source, needle):
    passages = bot.retriever.retrieve(question)
    assert any(p.source.startswith(source) and needle in p.text for p in passages[:3])


def test_passages_are_exact_spans(bot) -> None:
    for p in bot.retriever.retrieve("Why will open-source AI lose the capex war?"):
        assert bot.source_text(p.source)[p.start : p.end] == p.text


def test_a_question_of_stopwords_retrieves_nothing(bot) -> None:
    assert bot.retriever.retrieve("what is it?") == []


def test_reciprocal_rank_fusion_rewards_agreement(bot) -> None:
    a, b, c = bot.retriever.nodes[:3]
    from llama_index.core.schema import NodeWithScore

    fused = reciprocal_rank_fusion(
        [
            [NodeWithScore(node=a), NodeWithScore(node=b)],
            [NodeWithScore(node=b), NodeWithScore(node=c)],
        ]
    )
    assert [n.node.node_id for n in fused] == [b.node_id, a.node_id, c.node_id]
    assert fused[0].score == pytest.approx(1 / 62 + 1 / 61)


def test_the_nearest_chunk_to_a_chunks_own_vector_is_that_chunk_scoped_or_not(bot) -> None:
    store = bot.retriever.store
    ids, metas, vectors = store.vectors()
    row = len(ids) // 2
    source = metas[row]["source"]
    assert store.nearest(vectors[row], 3)[0] == ids[row]
    scoped = store.nearest(vectors[row], 5, [source])
    assert scoped[0] == ids[row]
    assert {metas[ids.index(i)]["source"] for i in scoped} == {source}
