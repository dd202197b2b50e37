"""Language detection on short texts (issue 11): py3langid restricted to our languages.

The sentences were written for this test: one-line news reports, names and numbers
included, the way a feed or a scraper hands them over.
"""
from __future__ import annotations

import pytest

from kg.errors import LanguageError
from kg.extract import lang, reader

INDONESIAN = [
    "Presiden Rusia Vladimir Putin berbicara melalui telepon dengan Presiden AS Joe Biden pada Senin (3/1) tentang Ukraina.",
    "Menlu Retno Marsudi bertemu Menlu Tiongkok Wang Yi di Jakarta, Kamis (12/5).",
    "Presiden Joko Widodo menerima kunjungan Perdana Menteri Jepang di Istana Bogor.",
    "Kedua negara sepakat memperkuat kerja sama pertahanan dan perdagangan.",
    "Pemerintah Indonesia mengecam serangan terhadap warga sipil di Gaza.",
    "Duta Besar Australia dipanggil oleh Kementerian Luar Negeri pada Rabu pagi.",
    "KTT ASEAN akan digelar di Labuan Bajo bulan depan.",
    "Prabowo Subianto bertolak ke Beijing untuk lawatan kenegaraan selama tiga hari.",
    "Juru bicara Kemlu menyatakan Indonesia tetap mendukung kemerdekaan Palestina.",
    "Pertemuan bilateral itu berlangsung tertutup selama hampir dua jam.",
    "Kanselir Jerman Olaf Scholz tiba di Jakarta pada Minggu malam.",
    "Menteri Pertahanan kedua negara menandatangani nota kesepahaman di Canberra.",
    "Presiden Prancis Emmanuel Macron mengundang Jokowi ke Paris tahun depan.",
    "Sekjen PBB Antonio Guterres mendesak gencatan senjata segera.",
    "Korea Utara kembali meluncurkan rudal balistik, kata militer Korea Selatan.",
    "Delegasi Indonesia dipimpin oleh Wakil Menteri Luar Negeri.",
    "Hubungan kedua negara memanas setelah insiden di perbatasan.",
    "Jokowi dan Xi Jinping membahas proyek kereta cepat dalam pertemuan di Bali.",
    "Pemerintah Filipina memprotes kehadiran kapal penjaga pantai Tiongkok.",
    "Amerika Serikat dan Indonesia meningkatkan hubungan menjadi kemitraan strategis komprehensif.",
]

ENGLISH = [
    "Putin met Biden in Geneva.",
    "Foreign Minister Retno Marsudi met her Chinese counterpart in Jakarta on Thursday.",
    "The two leaders agreed to strengthen defence and trade ties.",
    "President Joko Widodo received the Japanese prime minister at Bogor Palace.",
    "Indonesia condemned the attack on civilians in Gaza.",
    "The Australian ambassador was summoned by the foreign ministry on Wednesday.",
    "The ASEAN summit will be held in Labuan Bajo next month.",
    "Prabowo Subianto left for Beijing on a three-day state visit.",
    "A ministry spokesman said Indonesia still backs Palestinian independence.",
    "The bilateral meeting lasted almost two hours behind closed doors.",
    "German Chancellor Olaf Scholz arrived in Jakarta on Sunday night.",
    "Defence ministers of both countries signed a memorandum in Canberra.",
    "French President Emmanuel Macron invited Widodo to Paris next year.",
    "UN Secretary-General Antonio Guterres urged an immediate ceasefire.",
    "North Korea fired another ballistic missile, the South Korean military said.",
    "The Indonesian delegation was led by the deputy foreign minister.",
    "Relations between the two countries soured after a border incident.",
    "Widodo and Xi discussed the high-speed rail project at a meeting in Bali.",
    "Manila protested the presence of Chinese coast guard ships.",
    "Washington and Jakarta upgraded ties to a comprehensive strategic partnership.",
]

MALAY = ("Perdana Menteri Malaysia berkata kerajaan akan mengadakan rundingan dengan Singapura "
         "minggu hadapan berhubung isu air.")


@pytest.mark.parametrize("code, text", [("id", t) for t in INDONESIAN] + [("en", t) for t in ENGLISH])
def test_lang_detect_short_texts(code, text):
    assert lang.identify(text) == (code, None)


def test_lang_detect_the_short_report_of_issue_11(tmp_path):
    p = tmp_path / "report.txt"
    p.write_text(INDONESIAN[0] + " Pembicaraan itu berlangsung hampir satu jam.\n")
    assert reader.read_article(p).language == "id"


def test_lang_detect_malay_is_read_as_indonesian_with_a_warning():
    code, warning = lang.identify(MALAY)
    assert code == "id" and "looks like Malay (ms)" in warning and "read as Indonesian (id)" in warning
    art = reader.make_article({"text": MALAY}, "m.txt", "m")
    assert art.language == "id" and any("Malay" in n for n in art.notes)
    declared = reader.make_article({"text": MALAY, "language": "ms"}, "m.txt", "m")
    assert declared.language == "id" and any("declared Malay (ms)" in n for n in declared.notes)


def test_lang_detect_declared_language_wins():
    art = reader.make_article({"text": ENGLISH[2], "language": "id-ID"}, "x", "x")
    assert art.language == "id" and not any("Malay" in n for n in art.notes)


def test_lang_detect_other_languages_are_named_and_refused():
    with pytest.raises(LanguageError, match=r"looks like German \(de\), not one of en, id"):
        lang.identify("Der Bundeskanzler traf sich gestern mit dem französischen Präsidenten in Berlin.")
