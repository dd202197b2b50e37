"""Extraction speed, end to end from text to the JSON contract, on one core.

Generates a corpus of varied articles (both languages) from sentence templates filled
with actors drawn from the knowledge base, then times `extract` + `to_contract` +
`json.dumps` for each.  Prints articles/s, words/s and latency percentiles.

    python benchmarks/bench_extract.py [--articles 2000] [--seed 7]
"""
from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kg.extract import kb as kbm, pipeline  # noqa: E402
from kg.model import Article  # noqa: E402

TEMPLATES = {
    "id": [
        "Presiden {C1} {P1} bertemu dengan Perdana Menteri {C2} {P2} di {CITY} pada {DAY} ({D}/{M}).",
        "{C1} dan {C2} sepakat memperkuat kerja sama pertahanan setelah pembicaraan di {CITY}.",
        "Menteri Luar Negeri {C1} {P1} mengatakan bahwa negaranya akan menjatuhkan sanksi terhadap {C2}.",
        "Juru bicara Kementerian Luar Negeri {C1} {NEW} menegaskan bahwa {C1} tidak akan bertemu dengan {C2}.",
        "{P1} dan {P2} mungkin akan bertemu di KTT {ORG} di {CITY} pada {D} {MONTH}.",
        "Jika {C2} menghentikan serangan, {C1} akan menjadi mitra strategis {C2}, ujar {NEW}.",
        "Kedua pemimpin membahas perdagangan dan keamanan kawasan melalui percakapan telepon pada {DAY} lalu.",
        "{C1} mengecam {C2} atas uji coba rudal terbaru, kata sang juru bicara.",
        "Pemerintah {C1} menyambut baik rencana kunjungan {P2} ke {CITY} bulan depan.",
        "Para analis menilai hubungan kedua negara membaik sejak awal tahun ini.",
        "Harga minyak dunia naik tipis pada perdagangan hari ini di tengah ketegangan kawasan.",
    ],
    "en": [
        "{C1} President {P1} met {C2} Prime Minister {P2} in {CITY} on {WEEKDAY}.",
        "{C1} and {C2} agreed to deepen defense cooperation after talks in {CITY}.",
        "{ADJ} Foreign Minister {P1} said his country would impose sanctions on {C2}.",
        "{C1} foreign ministry spokesman {NEW} said {C1} would not meet {C2} officials.",
        "{P1} and {P2} may meet at the {ORG} summit in {CITY} on {MONTH} {D}.",
        "If {C2} halts its attacks, {C1} will become a strategic partner of {C2}, {NEW} said.",
        "The two leaders discussed trade and regional security in a phone call on {WEEKDAY}.",
        "{C1} condemned {C2} over its latest missile test, the spokesman said.",
        "The government of {C1} welcomed plans for {P2} to visit {CITY} next month.",
        "Analysts say relations between the two countries have improved since the start of the year.",
        "Oil prices edged higher on Tuesday amid regional tensions, traders said.",
    ],
}
DAYS = {"id": ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"],
        "en": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]}
MONTHS = {"id": ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
                 "Oktober", "November", "Desember"],
          "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                 "October", "November", "December"]}
NEW_PEOPLE = ["Anna Karlsson", "Budi Santoso", "Maria Lopez", "Kenji Sato", "Ahmed Hassan", "Olga Petrova",
              "Daniel Novak", "Siti Rahma", "Li Wei", "Pierre Martin"]


def corpus(n: int, seed: int) -> list[Article]:
    rng = random.Random(seed)
    kb = kbm.load()
    countries = [a for a in kb.actors.values() if a.type == "Country" and a.wikidata]
    people = [a for a in kb.actors.values() if a.type == "Person"] or [None]
    orgs = [a for a in kb.actors.values() if a.type == "Organization" and a.kind == "intergovernmental"] or [None]
    places = [a for a in kb.actors.values() if a.type == "Place"]
    out = []
    for i in range(n):
        code = "id" if i % 2 else "en"
        pub = date(2000, 1, 1) + timedelta(days=rng.randrange(9000))
        sents = []
        for _ in range(rng.randint(14, 26)):
            c1, c2 = rng.sample(countries, 2)
            p1, p2 = rng.choice(people), rng.choice(people)
            sents.append(rng.choice(TEMPLATES[code]).format(
                C1=c1.label, C2=c2.label, ADJ=c1.label, P1=p1.label if p1 else "Alex Doe",
                P2=p2.label if p2 else "Sam Roe", NEW=rng.choice(NEW_PEOPLE),
                ORG=orgs and rng.choice(orgs).label if orgs[0] else "G20", CITY=rng.choice(places).label,
                DAY=rng.choice(DAYS[code]), WEEKDAY=rng.choice(DAYS[code]), D=rng.randint(1, 28),
                M=rng.randint(1, 12), MONTH=rng.choice(MONTHS[code])))
        title = sents[0][:70]
        paras = "\n\n".join(" ".join(sents[k:k + 3]) for k in range(0, len(sents), 3))
        out.append(Article(id=f"bench-{i}", text=f"{title}\n\n{paras}\n", language=code, published=pub, title=title))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})   # one core
    t0 = time.perf_counter()
    kbm.load()
    pipeline.extract(Article(id="warm", text="Presiden AS bertemu Presiden Rusia.", language="id"))
    warm = time.perf_counter() - t0
    arts = corpus(args.articles, args.seed)
    words = sum(len(a.text.split()) for a in arts)
    lat = []
    rels = 0
    t0 = time.perf_counter()
    for a in arts:
        s = time.perf_counter()
        doc = pipeline.to_contract(pipeline.extract(a))
        json.dumps(doc, ensure_ascii=False)
        lat.append(time.perf_counter() - s)
        rels += len(doc["relations"])
    total = time.perf_counter() - t0
    lat.sort()
    print(f"articles: {len(arts)} ({words} words, {words / len(arts):.0f} per article), relations: {rels}")
    print(f"start-up (load knowledge base and resources): {warm * 1000:.0f} ms")
    print(f"throughput: {len(arts) / total:.0f} articles/s, {words / total:,.0f} words/s on one core")
    print(f"latency: p50 {statistics.median(lat) * 1000:.2f} ms, p95 {lat[int(len(lat) * 0.95)] * 1000:.2f} ms, "
          f"max {lat[-1] * 1000:.2f} ms")


if __name__ == "__main__":
    main()
