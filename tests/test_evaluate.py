"""The scorer behind `kg eval`: counting rules on small hand-made cases."""
from __future__ import annotations

import pytest

from kg.extract.evaluate import norm, score

GOLD = {
    "entities": [
        {"key": "trump", "type": "Person", "wikidata": "Q22686", "names": ["Donald Trump", "Trump"]},
        {"key": "putin", "type": "Person", "names": ["Vladimir Putin", "Putin"]},
        {"key": "us", "type": "Country", "names": ["United States", "AS"]},
        {"key": "reuters", "type": "Organization", "required": False, "names": ["Reuters"]},
    ],
    "relations": [
        {"type": "spoke-with", "source": "trump", "target": "putin", "modality": ["asserted"], "date": "2017-01-28"},
        {"type": "holds-role", "source": "trump", "target": "us", "role": ["head-of-state"]},
        {"type": "met-with", "source": "trump", "target": "putin", "required": False},
    ],
}


def system(entities, relations):
    return {"entities": entities, "relations": relations}


E = [{"id": "e1", "label": "Trump", "type": "Person", "wikidata": None, "aliases": []},
     {"id": "e2", "label": "Putin", "type": "Person", "wikidata": None, "aliases": []},
     {"id": "e3", "label": "United States", "type": "Country", "wikidata": None, "aliases": []}]


def test_evaluate_perfect():
    sc = score(GOLD, system(E, [
        {"type": "spoke-with", "source": "e2", "target": "e1", "modality": "asserted", "date": "2017-01-28"},
        {"type": "holds-role", "source": "e1", "target": "e3", "role": "head-of-state"}]))
    assert sc.entities == (1.0, 1.0, 1.0) and sc.relations == (1.0, 1.0, 1.0)
    assert sc.modality == 1.0 and sc.date == 1.0


def test_evaluate_duplicates_and_spurious_are_false_positives():
    ents = E + [{"id": "e4", "label": "Donald Trump", "type": "Person"}, {"id": "e5", "label": "Nobody", "type": "Person"}]
    sc = score(GOLD, system(ents, []))
    assert (sc.entity_tp, sc.entity_fp, sc.entity_fn) == (3, 2, 0)
    assert sc.details["duplicate entities"] == ["Donald Trump x2"] and sc.details["spurious entities"] == ["Nobody"]


def test_evaluate_wrong_role_direction_and_attributes():
    sc = score(GOLD, system(E, [
        {"type": "holds-role", "source": "e1", "target": "e3", "role": "minister"},
        {"type": "spoke-with", "source": "e1", "target": "e2", "modality": "possible", "date": None},
        {"type": "met-with", "source": "e1", "target": "e2"}]))
    assert (sc.relation_tp, sc.relation_fp, sc.relation_fn) == (1, 1, 1)
    assert sc.modality == 0.0 and sc.date == 0.0


def test_evaluate_wikidata_and_aliases_denote():
    ents = [{"id": "x", "label": "D. J. Trump", "wikidata": "Q22686", "type": "Person"},
            {"id": "y", "label": "V. V. P.", "aliases": ["Putin"], "type": "Person"}]
    assert score(GOLD, system(ents, [])).entity_tp == 2


@pytest.mark.parametrize("a, b", [("Amerika Serikat (AS)", "amerika serikat as"), ("The U.S.", "u s"),
                                  ("Bashar al-Assad", "bashar al assad"), ("Erdoğan", "erdogan")])
def test_evaluate_norm(a, b):
    assert norm(a) == b


def test_evaluate_strict_attributes_every_matched_relation_must_be_right():
    """Issue 9: an asserted and a planned copy of one call, or two dates for it, is an error."""
    two = [{"type": "spoke-with", "source": "e1", "target": "e2", "modality": "asserted", "date": "2017-01-28"},
           {"type": "spoke-with", "source": "e2", "target": "e1", "modality": "planned", "date": "2017-02-03"}]
    sc = score(GOLD, system(E, two))
    assert sc.relation_tp == 1 and sc.modality == 0.0 and sc.date == 0.0


def _reference():
    import importlib.util
    from pathlib import Path
    path = Path(__file__).parent / "reference" / "score.py"
    spec = importlib.util.spec_from_file_location("reference_score", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.mark.parametrize("folder", ["devset", "devset2", "heldout"])
def test_evaluate_counts_exactly_as_the_reference_scorer(folder):
    """`kg eval` and the scorer the project is judged by (tests/reference/score.py, a copy of
    shared/eval/score.py) give the same counts on every gold file."""
    import json
    from pathlib import Path
    from kg.extract import evaluate, pipeline, reader
    ref = _reference()
    for g, a, gold in evaluate.gold_pairs(Path(__file__).parent / "data" / folder):
        pub = reader.parse_date(gold["published"]) if gold.get("published") else None
        doc = json.loads(json.dumps(pipeline.to_contract(
            pipeline.extract_file(a, published=pub, language=gold.get("language", "auto")))))
        want, got = ref.score(gold, doc)["counts"], score(gold, doc)
        assert {k: getattr(got, k) for k in want} == want, g.name
