"""Every relation rule, by name, on our own sentences in both languages (issue 9).

A rule's name is the `rule` of the edges it makes; `RULE_CASES` gives, for each registered
rule and language, a sentence and an edge the rule must make there.  A new rule without a
case in both languages fails `test_rules_every_rule_has_a_case_in_each_language`.
"""
from __future__ import annotations

from datetime import date

import pytest

from kg.extract import pipeline, rules
from kg.model import Article

PUB = date(2024, 3, 15)

# rule -> language -> (text, (type, source label, target label)); None: the rule never names
# edges itself in that language, and the case shows what is read instead.
RULE_CASES = {
    "nominal-agent": {
        "id": ("Sanksi AS terhadap Rusia berlaku Senin.", ("opposes", "United States", "Russia")),
        # English puts the agent first ("Russia's invasion"), where the clause's subject rule reads it
        "en": ("Russia's invasion of Ukraine was condemned.", ("opposes", "Russia", "Ukraine"), "subject-object"),
    },
    "complement": {
        # the declared person is an envoy here, so the `envoy` rule names the edge
        "id": ("Malaysia menyatakan Duta Besar Korea Utara Kang Chol sebagai persona non grata.",
               ("opposes", "Malaysia", "Kang Chol"), "envoy"),
        "en": ("Ecuador declared Mexico's ambassador, Raquel Serur, persona non grata over the comments of López Obrador.",
               ("opposes", "Ecuador", "Raquel Serur"), "envoy"),
    },
    "object-anaphor": {
        "id": ("Amerika Serikat, Inggris dan Australia mengumumkan pakta keamanan.\nChina mengutuk perjanjian itu.",
               ("opposes", "China", "Australia")),
        "en": ("The United States, Britain and Australia announced a security alliance.\nChina condemned the pact.",
               ("opposes", "China", "Australia")),
    },
    "subject-object": {
        "id": ("Jepang mengecam Korea Utara.", ("opposes", "Japan", "North Korea")),
        "en": ("Japan condemned North Korea.", ("opposes", "Japan", "North Korea")),
    },
    "coordination": {
        "id": ("Jepang dan Korea Selatan mengecam Korea Utara.", ("opposes", "South Korea", "North Korea")),
        "en": ("Japan and South Korea condemned North Korea.", ("opposes", "South Korea", "North Korea")),
    },
    "led-by": {
        "id": ("Delegasi itu, dipimpin oleh Retno Marsudi, mengadakan pembicaraan dengan Wang Yi di Beijing.",
               ("spoke-with", "Retno Marsudi", "Wang Yi")),
        "en": ("The delegation, led by Antony Blinken, held talks with Wang Yi in Beijing.",
               ("spoke-with", "Antony Blinken", "Wang Yi")),
    },
    "relative-head": {
        "id": ("Retno Marsudi, yang bertemu Wang Yi di Beijing, kembali ke Jakarta.",
               ("met-with", "Retno Marsudi", "Wang Yi")),
        "en": ("John Kerry, who held talks with Mohammad Javad Zarif in Vienna, left on Friday.",
               ("spoke-with", "John Kerry", "Mohammad Javad Zarif")),
    },
    "pronoun": {
        "id": ("Joko Widodo bertemu Xi Jinping pada Senin. Di Bali, mereka juga membahas perdagangan.",
               ("spoke-with", "Joko Widodo", "Xi Jinping")),
        "en": ("Joe Biden met Xi Jinping on Monday. In Bali, they also held talks on trade.",
               ("spoke-with", "Joe Biden", "Xi Jinping")),
    },
    "subjectless": {
        "id": ("Joko Widodo mengatakan ia akan bertemu Xi Jinping pekan depan.", ("met-with", "Joko Widodo", "Xi Jinping")),
        "en": ("Joko Widodo said he would meet Xi Jinping next week.", ("met-with", "Joko Widodo", "Xi Jinping")),
    },
    "reciprocal": {
        "id": ("Armenia dan Azerbaijan bentrok di perbatasan.", ("opposes", "Azerbaijan", "Armenia")),
        "en": ("Armenia and Azerbaijan clashed on the border.", ("opposes", "Azerbaijan", "Armenia")),
    },
    "between": {
        "id": ("Pembicaraan antara Joko Widodo dan Xi Jinping berlangsung dua jam.",
               ("spoke-with", "Joko Widodo", "Xi Jinping")),
        "en": ("The talks between Joko Widodo and Xi Jinping lasted two hours.",
               ("spoke-with", "Joko Widodo", "Xi Jinping")),
    },
    "object-list": {
        "id": ("Perundingan itu dipimpin Retno Marsudi dan Wang Yi.", ("spoke-with", "Retno Marsudi", "Wang Yi")),
        "en": ("Talks were led by Antony Blinken and Wang Yi.", ("spoke-with", "Antony Blinken", "Wang Yi")),
    },
    "agent-after": {
        "id": ("Serangan terhadap Ukraina oleh Rusia dimulai pada 2022.", ("opposes", "Russia", "Ukraine")),
        "en": ("The invasion of Ukraine by Russia began in 2022.", ("opposes", "Russia", "Ukraine")),
    },
    "passive": {
        "id": ("Kapal Filipina diserang kapal penjaga pantai China pada Sabtu (9/3).", ("opposes", "China", "Philippines")),
        "en": ("Japan was condemned by China.", ("opposes", "China", "Japan")),
    },
    "envoy": {
        "id": ("Malaysia memanggil Duta Besar Korea Utara pada Senin (11/3).", ("opposes", "Malaysia", "North Korea")),
        "en": ("Turkey expelled the Israeli ambassador on Wednesday.", ("opposes", "Turkey", "Israel")),
    },
    "comparison": {
        "id": ("Rusia merupakan sekutu Suriah, seperti Iran.", ("ally-of", "Iran", "Syria")),
        "en": ("Russia is an ally of Syria, like Iran.", ("ally-of", "Iran", "Syria")),
    },
    "ally-apposition": {
        "id": ("Jepang, sekutu dekat AS, mengkritik China.", ("ally-of", "Japan", "United States")),
        "en": ("Australia, a close U.S. ally, criticised China.", ("ally-of", "Australia", "United States")),
    },
    "venue": {
        "id": ("Joko Widodo bertemu Xi Jinping di Bali.", ("met-at", "Xi Jinping", "Bali")),
        "en": ("Joe Biden met Xi Jinping in Bali.", ("met-at", "Xi Jinping", "Bali")),
    },
    "continuation": {
        "id": ("Joko Widodo memuji Xi Jinping. Mereka membahas perdagangan.", ("spoke-with", "Joko Widodo", "Xi Jinping")),
        "en": ("Joe Biden praised Xi Jinping on Monday. They discussed trade.", ("spoke-with", "Joe Biden", "Xi Jinping")),
    },
    "venue-carried": {
        "id": ("Presiden Joko Widodo bertemu Perdana Menteri Anthony Albanese pada Senin (11/3). "
               "Pertemuan itu berlangsung di Istana Bogor.", ("met-at", "Anthony Albanese", "Bogor Palace")),
        "en": ("President Joko Widodo met Prime Minister Anthony Albanese on Monday. "
               "The meeting took place at Bogor Palace.", ("met-at", "Anthony Albanese", "Bogor Palace")),
    },
    "host-venue": {
        "id": ("Presiden Joko Widodo menerima Perdana Menteri Anthony Albanese di Istana Bogor. "
               "Presiden Joko Widodo kemudian menerima Perdana Menteri Lee Hsien Loong.",
               ("met-at", "Lee Hsien Loong", "Bogor Palace")),
        "en": ("President Joko Widodo received Prime Minister Anthony Albanese at Bogor Palace. "
               "President Joko Widodo then received Prime Minister Lee Hsien Loong.",
               ("met-at", "Lee Hsien Loong", "Bogor Palace")),
    },
    "received": {
        "id": ("Israel menyerang Lebanon pada Selasa. Serangan itu menuai kecaman keras dari banyak negara, termasuk Malaysia dan Turki.",
               ("opposes", "Turkey", "Israel")),
        "en": ("Washington's decision drew sharp criticism from China, Russia and France on Tuesday.",
               ("opposes", "France", "United States")),
    },
    "joining": {
        "id": ("Jerman mengusir diplomat Rusia pada Senin, menyusul Inggris dan Polandia.", ("opposes", "Poland", "Russia")),
        "en": ("Germany expelled Russian diplomats on Monday, joining Britain and Poland.", ("opposes", "Poland", "Russia")),
    },
    "summons": {
        "id": ("Indonesia memanggil Duta Besar Australia pada Senin.", ("met-with", "Indonesia", "Australia")),
        "en": ("Indonesia summoned the Australian ambassador on Monday.", ("met-with", "Indonesia", "Australia")),
    },
    "allies-of": {
        "id": ("Kritik datang dari sekutu AS, Prancis dan Slovenia.", ("ally-of", "United States", "Slovenia")),
        "en": ("Criticism came even from close U.S. allies, France and Slovenia.", ("ally-of", "United States", "Slovenia")),
    },
    "accompanied": {
        "id": ("Presiden Joko Widodo menerima Perdana Menteri Anthony Albanese di Istana Bogor.\n"
               "Anthony Albanese didampingi Menteri Luar Negeri Penny Wong.", ("met-at", "Penny Wong", "Bogor Palace")),
        "en": ("President Joko Widodo received Prime Minister Anthony Albanese at Bogor Palace.\n"
               "Anthony Albanese was accompanied by Foreign Minister Penny Wong.", ("met-at", "Penny Wong", "Bogor Palace")),
    },
    "here": {
        # "here" finds the venue; the meeting's edges keep the rule `venue`
        "id": ("JAKARTA — Presiden Joko Widodo dan Presiden Xi Jinping bertemu di sini pada Jumat.",
               ("met-at", "Xi Jinping", "Jakarta"), "venue"),
        "en": ("BUENOS AIRES, July 18 -- Xi Jinping and Cristina Fernandez de Kirchner met here Friday.",
               ("met-at", "Xi Jinping", "Buenos Aires"), "venue"),
    },
    "colocation": {
        "id": ("Xi Jinping tiba di Moskow untuk pembicaraan dengan Vladimir Putin.", ("met-at", "Vladimir Putin", "Moscow")),
        "en": ("Xi Jinping arrived in Moscow for talks with Vladimir Putin.", ("met-at", "Vladimir Putin", "Moscow")),
    },
    "summit": {
        "id": ("Perdana Menteri Fumio Kishida dan Presiden Yoon Suk Yeol menggelar KTT di Seoul pada Minggu (10/3).",
               ("met-with", "Fumio Kishida", "Yoon Suk Yeol")),
        "en": ("Prime Minister Fumio Kishida and President Yoon Suk Yeol held a summit in Seoul on Sunday.",
               ("met-with", "Fumio Kishida", "Yoon Suk Yeol")),
    },
    "ally-list": {
        "id": ("Amerika Serikat dan sekutunya, Korea Selatan, menembakkan rudal ke Laut Jepang.",
               ("ally-of", "United States", "South Korea")),
        "en": ("The United States and its ally South Korea fired missiles into the sea.",
               ("ally-of", "United States", "South Korea")),
    },
    "shared-object": {
        "id": ("Menlu Retno Marsudi bertemu Menlu China Wang Yi di Beijing dan membahas situasi di Gaza.",
               ("spoke-with", "Retno Marsudi", "Wang Yi")),
        "en": ("External Affairs Minister S Jaishankar met Antony Blinken on the margins of the summit and discussed the visit.",
               ("spoke-with", "S Jaishankar", "Antony Blinken")),
    },
    "attended-by": {
        "id": ("KTT BRICS dibuka di Johannesburg pada Selasa. KTT itu dihadiri oleh Presiden Brasil Lula da Silva dan "
               "Presiden China Xi Jinping.", ("met-at", "Xi Jinping", "2024 BRICS summit")),
        "en": ("The BRICS summit opened in Johannesburg on Tuesday. The summit was attended by Brazilian President Lula "
               "da Silva and Chinese President Xi Jinping.", ("met-at", "Xi Jinping", "2024 BRICS summit")),
    },
    "pronoun-list": {
        "id": ("Di antaranya adalah Oman, Uni Emirat Arab (UEA), Yordania, dan Qatar. Mereka mengeluarkan pernyataan yang "
               "mengutuk tindakan militer Israel.", ("opposes", "Oman", "Israel")),
        "en": ("Among them were Oman, the United Arab Emirates, Jordan and Qatar. They issued statements condemning Israel's "
               "military action.", ("opposes", "Oman", "Israel")),
    },
    "present": {
        "id": ("Presiden Prabowo Subianto menerima Perdana Menteri Singapura Lawrence Wong di Istana Merdeka, Rabu "
               "(6/11/2024). Delegasi Indonesia yang hadir antara lain Menteri Luar Negeri Sugiono dan Menteri Pertahanan "
               "Sjafrie Sjamsoeddin.", ("met-at", "Sugiono", "Jakarta")),
        "en": ("Prime Minister Anthony Albanese received President Prabowo Subianto at Parliament House on Tuesday. Also "
               "present were Foreign Minister Penny Wong and Defence Minister Richard Marles.",
               ("met-at", "Penny Wong", "Parliament House")),
    },
    "joint-act": {
        "id": ("Joko Widodo dan Anthony Albanese sepakat di Istana Bogor untuk memperkuat kerja sama ekonomi.",
               ("met-with", "Joko Widodo", "Anthony Albanese"), "coordination"),
        "en": ("Joko Widodo and Anthony Albanese agreed at the Bogor Palace to deepen economic ties.",
               ("met-with", "Joko Widodo", "Anthony Albanese"), "coordination"),
    },
    "negated-topic": {
        "id": ("Joko Widodo dan Barack Obama tidak membahas isu-isu hubungan kedua negara.", None),
        "en": ("Joko Widodo and Barack Obama did not discuss the ties between the two countries.", None),
    },
    "unowned": {
        "id": ("Harga pangan naik akibat perang, kata Joko Widodo.", None),
        "en": ("Food prices rose because of the war, Joko Widodo said.", None),
    },
}
# rules whose edges carry the name of the rule that found the participants (a summit is a
# meeting of whoever the clause names), or that only stop other rules (an unowned war)
NAMES_OTHERS = {"summit", "unowned", "negated-topic", "joint-act"}


def edges(code: str, text: str) -> dict[tuple, str]:
    ex = pipeline.extract(Article(id="t", text=text, language=code, published=PUB))
    lab = {e.key: e.label for e in ex.entities}
    return {(r.type, lab[r.source], lab[r.target]): r.rule for r in ex.relations}


def _symmetric(edge, got):
    from kg.model import SYMMETRIC
    t, a, b = edge
    return got.get(edge) or (got.get((t, b, a)) if t in SYMMETRIC else None)


@pytest.mark.parametrize("name, code", [(n, c) for n in RULE_CASES for c in ("id", "en")])
def test_rules_each_rule_makes_its_edge(name, code):
    text, edge, *expected = RULE_CASES[name][code]
    got = edges(code, text)
    if edge is None:
        assert not [e for e in got if e[0] != "holds-role"], got
        return
    rule_of = _symmetric(edge, got) if edge[0] in ("ally-of", "spoke-with", "met-with") else got.get(edge)
    assert rule_of is not None, got
    if name not in NAMES_OTHERS:
        assert rule_of == (expected[0] if expected else name), got


def test_rules_every_rule_has_a_case_in_each_language():
    registered = {r.name for stage in rules.RULES.values() for r in stage}
    assert registered == set(RULE_CASES)
    assert all(set(v) == {"id", "en"} for v in RULE_CASES.values())


def test_rules_every_rule_says_what_it_does_with_examples():
    for stage in rules.RULES.values():
        for r in stage:
            assert len(r.doc) > 40 and '"' in r.doc, r.name
