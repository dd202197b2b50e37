"""Extraction quality on the seed article and the development set (the issue's acceptance).

These are the numbers the README reports; `kg eval` prints the details behind them.
"""
from __future__ import annotations

import json

import pytest

from kg.extract import evaluate, pipeline, reader

from conftest import DATA, SEED, SEED_GOLD

DEVSET = DATA / "devset"
DEVSET2 = DATA / "devset2"
HELDOUT = DATA / "heldout"
REALISTIC = DATA / "realistic"


def score_pair(gold_path, article_path):
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    pub = reader.parse_date(gold["published"]) if gold.get("published") else None
    ex = pipeline.extract_file(article_path, published=pub, language=gold.get("language", "auto"))
    return evaluate.score(gold, pipeline.to_contract(ex))


def test_quality_seed_meets_acceptance():
    sc = score_pair(SEED_GOLD, SEED)
    assert sc.entities[2] >= 0.95, evaluate.report(sc)
    assert sc.relations[2] >= 0.90, evaluate.report(sc)
    assert sc.modality >= 0.90 and sc.date >= 0.90, evaluate.report(sc)


def test_quality_devset_is_large_enough_and_balanced():
    golds = sorted(DEVSET.glob("*.gold.json"))
    langs = [json.loads(g.read_text(encoding="utf-8"))["language"] for g in golds]
    assert len(golds) >= 12
    assert langs.count("id") >= 6 and langs.count("en") >= 6


def test_quality_devset_relations_f1():
    total = evaluate.Score()
    for g, a, doc in evaluate.gold_pairs(DEVSET):
        total += score_pair(g, a)
    assert total.relations[2] >= 0.83, total.summary()
    assert total.entities[2] >= 0.95, total.summary()


def test_quality_devset2_relations_f1():
    """The second development set: articles written as held-out sets, then developed on
    (tests/data/devset2/README.md).  A regression guard a little below the measured 0.72."""
    total = evaluate.Score()
    for g, a, doc in evaluate.gold_pairs(DEVSET2):
        total += score_pair(g, a)
    assert total.relations[2] >= 0.70 and total.relations[0] >= 0.91, total.summary()
    assert total.entities[2] >= 0.93, total.summary()


def test_quality_heldout_relations_f1():
    """The held-out set, never developed on (tests/data/heldout/README.md): measured 0.74."""
    golds = sorted(HELDOUT.glob("*.gold.json"))
    langs = [json.loads(g.read_text(encoding="utf-8"))["language"] for g in golds]
    assert len(golds) == 10 and langs.count("id") == langs.count("en") == 5
    total = evaluate.Score()
    for g, a, doc in evaluate.gold_pairs(HELDOUT):
        total += score_pair(g, a)
    assert total.relations[2] >= 0.72 and total.relations[0] >= 0.95, total.summary()


def test_quality_realistic_set():
    """Articles written in the shape of real web pages (tests/data/realistic/README.md):
    measured relations F1 0.80 (P 0.92, R 0.71), entities F1 0.93, date 0.90: the issue's
    target of 0.80 is the floor."""
    golds = sorted(REALISTIC.glob("*.gold.json"))
    langs = [json.loads(g.read_text(encoding="utf-8"))["language"] for g in golds]
    assert len(golds) >= 24 and langs.count("id") >= 12 and langs.count("en") >= 12
    total = evaluate.Score()
    for g, a, doc in evaluate.gold_pairs(REALISTIC):
        total += score_pair(g, a)
    assert total.relations[2] >= 0.80 and total.relations[0] >= 0.90, total.summary()
    assert total.entities[2] >= 0.92 and total.date >= 0.88, total.summary()


@pytest.mark.parametrize("gold, floor", [(g, 0.75) for g in sorted(DEVSET.glob("*.gold.json"))]
                         + [(g, 0.65) for g in sorted(DEVSET2.glob("*.gold.json"))], ids=lambda p: getattr(p, "stem", ""))
def test_quality_devset_article_is_not_broken(gold, floor):
    """Every development article extracts, and precision stays high article by article."""
    g, a, _ = evaluate.gold_pairs(gold)[0]
    sc = score_pair(g, a)
    assert sc.relations[0] >= floor, evaluate.report(sc)
