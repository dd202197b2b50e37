"""The codes stage: PLOVER category, PLOVER mode and CAMEO root code of every relation (issue 14)."""
from __future__ import annotations

import json

import pytest

from kg.extract import codes, lang
from kg.extract.pipeline import extract_text
from kg.model import Relation
from kg.resources import data_dir


@pytest.mark.parametrize("code", lang.available())
def test_codes_book_loads_and_uses_only_plover_and_cameo_values(code):
    cb = codes.book(code)
    assert set(cb.defaults) == {"ally-of", "spoke-with", "met-with", "met-at", "opposes"}
    raw = json.loads((data_dir() / code / "codes.json").read_text(encoding="utf-8"))
    for c in raw["classes"]:
        assert all(w == w.lower() for w in c["words"]), c["name"]


def test_codes_classes_have_the_same_names_in_every_language():
    names = {code: [c["name"] for c in lang.get(code).raw["codes"]["classes"]] for code in lang.available()}
    assert len({tuple(v) for v in names.values()}) == 1, names


@pytest.mark.parametrize("code, rtype, trigger, evidence, modality, want", [
    ("en", "opposes", "expelled", "Britain expelled the Russian ambassador.", "asserted", ("SANCTION", "expel", "16")),
    ("id", "opposes", "mengusir", "Inggris mengusir Duta Besar Rusia.", "asserted", ("SANCTION", "expel", "16")),
    ("en", "opposes", "recalled", "France recalled its ambassador.", "asserted", ("SANCTION", "withdraw", "16")),
    ("en", "opposes", "sanctions", "The EU imposed sanctions on Russia.", "asserted", ("SANCTION", "discontinue", "16")),
    ("id", "opposes", "sanksi", "Uni Eropa menjatuhkan sanksi kepada Rusia.", "asserted", ("SANCTION", "discontinue", "16")),
    ("en", "opposes", "condemned", "Japan condemned the launch.", "asserted", ("ACCUSE", None, "11")),
    ("id", "opposes", "mengecam", "Jepang mengecam peluncuran itu.", "asserted", ("ACCUSE", None, "11")),
    ("en", "opposes", "airstrikes", "Israel carried out airstrikes on Gaza.", "asserted", ("ASSAULT", "aerial", "19")),
    ("en", "opposes", "threatened", "Iran threatened Israel.", "asserted", ("THREATEN", None, "13")),
    ("en", "opposes", "sanctions", "The EU will impose sanctions on Russia.", "planned", ("THREATEN", "restrict", "13")),
    ("en", "opposes", "threatened", "Pakistan threatened to break off diplomatic relations with Congo.", "asserted",
     ("THREATEN", "relations", "13")),
    ("id", "opposes", "mengancam", "Iran mengancam akan menyerang Israel.", "asserted", ("THREATEN", "violence", "13")),
    ("en", "opposes", "against", "Russia fought against Ukraine.", "asserted", ("ASSAULT", None, "19")),
    ("en", "opposes", "withdrew", "Canada withdrew its peacekeepers from Haiti.", "asserted", ("SANCTION", "withdraw", "16")),
    ("id", "opposes", "menarik mundur", "Kanada menarik mundur pasukan penjaga perdamaian dari Haiti.", "asserted",
     ("SANCTION", "withdraw", "16")),
    ("en", "opposes", "killed", "Three soldiers were killed by an improvised explosive device.", "asserted",
     ("ASSAULT", "explosives", "18")),
    ("id", "opposes", "membunuh", "Milisi bersenjata parang membunuh sepuluh pengungsi.", "asserted",
     ("ASSAULT", "primitive", "18")),
    ("en", "opposes", "threatened", "Ruritania threatened to shell Bordurian towns.", "asserted", ("THREATEN", "violence", "13")),
    ("en", "opposes", "vetoed", "Ruritania vetoed the council's resolution.", "asserted", ("REJECT", None, "12")),
    ("id", "opposes", "memveto", "Ruritania memveto resolusi dewan itu.", "asserted", ("REJECT", None, "12")),
    ("en", "opposes", "suspended", "Ruritania suspended its military aid to Borduria.", "asserted",
     ("SANCTION", "discontinue", "16")),
    ("id", "opposes", "menangguhkan", "Ruritania menangguhkan bantuan militer untuk Borduria.", "asserted",
     ("SANCTION", "discontinue", "16")),
    ("en", "opposes", "blocked", "Farmers blocked roads to the Ruritanian capital.", "asserted", ("PROTEST", "obstruct", "14")),
    ("id", "opposes", "melawan", "Petani memblokir jalan ke ibu kota untuk melawan Ruritania.", "asserted",
     ("PROTEST", "obstruct", "14")),
    ("en", "opposes", "against", "Ruritania trained hundreds of fighters for raids against Borduria.", "asserted",
     ("MOBILIZE", "troops", "15")),
    ("id", "opposes", "melawan", "Ruritania melatih ratusan milisi untuk melawan Borduria.", "asserted",
     ("MOBILIZE", "troops", "15")),
    ("en", "spoke-with", "phone call", "Biden and Xi held a phone call.", "asserted", ("CONSULT", "phone", "04")),
    ("id", "spoke-with", "percakapan telepon", "Jokowi dan Xi melakukan percakapan telepon.", "asserted",
     ("CONSULT", "phone", "04")),
    ("id", "spoke-with", "mendiskusikan", "Putin dan Trump mendiskusikan antiteror dalam percakapan telepon.",
     "asserted", ("CONSULT", "phone", "04")),
    ("en", "spoke-with", "talks", "Blinken held talks with Wang Yi.", "asserted", ("CONSULT", None, "04")),
    ("en", "met-with", "hosted", "Biden hosted Modi at the White House.", "asserted", ("CONSULT", "host", "04")),
    ("id", "met-with", "menjamu", "Jokowi menjamu Albanese di Bogor.", "asserted", ("CONSULT", "host", "04")),
    ("en", "met-at", "visited", "Modi visited Moscow.", "asserted", ("CONSULT", "visit", "04")),
    ("id", "met-at", "berkunjung", "Jokowi berkunjung ke Kyiv.", "asserted", ("CONSULT", "visit", "04")),
    ("en", "met-with", "meet", "Putin and Trump may meet.", "possible", ("AGREE", None, "03")),
    ("en", "ally-of", "alliance", "Japan and the US are in an alliance.", "asserted", ("COOPERATE", None, "05")),
    ("id", "ally-of", "pakta pertahanan", "Kedua negara menandatangani pakta pertahanan.", "asserted",
     ("COOPERATE", None, "06")),
])
def test_codes_of_a_trigger(code, rtype, trigger, evidence, modality, want):
    r = Relation(rtype, "country/a", "country/b", modality, trigger=trigger, evidence=evidence)
    c = codes.code_of(codes.book(code), r, {})
    assert (c.plover, c.mode, c.cameo) == want


@pytest.mark.parametrize("code, trigger, evidence, want", [
    ("en", "war with", "Ruritania threatened to launch an offensive in its war with Borduria.", ("THREATEN", "violence", "13")),
    ("en", "war against", "Ruritania mobilized its reservists for a war against Borduria.", ("MOBILIZE", "troops", "15")),
    ("en", "shelling", "The Ruritanian army prepared to resume shelling Bordurian towns.", ("MOBILIZE", "troops", "15")),
    ("id", "menyerang", "Ruritania mengancam akan menyerang Borduria.", ("THREATEN", "violence", "13")),
    ("id", "perang melawan", "Ruritania memobilisasi pasukan cadangan untuk perang melawan Borduria.",
     ("MOBILIZE", "troops", "15")),
    # a comma or "and" ends the frame's reach: the attack is told, not threatened
    ("en", "attacked", "Ruritania mobilized its reservists and attacked Borduria.", ("ASSAULT", None, "19")),
    ("id", "menyerang", "Ruritania memobilisasi pasukan cadangan, lalu menyerang Borduria.", ("ASSAULT", None, "19")),
])
def test_codes_a_frame_verb_gives_the_codes_of_what_it_threatens_or_prepares(code, trigger, evidence, want):
    r = Relation("opposes", "country/a", "country/b", "asserted", trigger=trigger, evidence=evidence)
    c = codes.code_of(codes.book(code), r, {})
    assert (c.plover, c.mode, c.cameo) == want


def test_codes_meeting_at_a_summit_is_multilateral():
    r = Relation("met-at", "person/a", "event/g20", "asserted", trigger="attended", evidence="A attended the G20.")
    c = codes.code_of(codes.book("en"), r, {"event/g20": "Event"})
    assert (c.plover, c.mode, c.cameo) == ("CONSULT", "multilateral", "04")


def test_codes_holds_role_gets_none():
    r = Relation("holds-role", "person/a", "country/b", role="minister")
    assert codes.code_of(codes.book("en"), r, {}) is None
    [out] = codes.assign([r], [], "en")
    assert (out.plover, out.plover_mode, out.cameo) == ("", None, "")


def test_codes_every_event_relation_of_the_seed_is_coded(seed_extraction):
    for r in seed_extraction.relations:
        if r.type != "holds-role":
            assert r.plover in codes.PLOVER_QUAD and r.cameo in codes.CAMEO_ROOTS, r


def test_codes_in_the_contract():
    ex = extract_text("Presiden Joko Widodo bertemu Presiden Xi Jinping di Beijing, Selasa (26/7).",
                      language="id")
    from kg.extract.pipeline import to_contract
    rels = [r for r in to_contract(ex)["relations"] if r["type"] == "met-with"]
    assert rels and all(r["plover"] == "CONSULT" and r["cameo"] == "04" for r in rels)


def test_codes_exports_graph_json_every_event_edge_is_coded():
    """Issue 14: every relation of exports/graph.json has a PLOVER category and a CAMEO code
    (holds-role is no event in either scheme and has none)."""
    from conftest import ROOT
    doc = json.loads((ROOT / "exports" / "graph.json").read_text(encoding="utf-8"))
    events = [e for e in doc["edges"] if e["type"] != "holds-role"]
    assert events
    assert all(e["plover"] in codes.PLOVER_QUAD and e["cameo"] in codes.CAMEO_ROOTS for e in events)


def test_codes_old_graph_json_without_codes_still_reads(tmp_path):
    from kg.graph.network import read_graph_json
    from conftest import ROOT
    doc = json.loads((ROOT / "exports" / "graph.json").read_text(encoding="utf-8"))
    for e in doc["edges"]:
        for k in ("plover", "plover_mode", "cameo"):
            e.pop(k)
    (tmp_path / "old.json").write_text(json.dumps(doc), encoding="utf-8")
    g = read_graph_json(tmp_path / "old.json")
    assert all(d["plover"] is None for _, _, d in g.edges(data=True))
