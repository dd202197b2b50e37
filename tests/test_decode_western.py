"""Issue 15: Western files are read in their own encoding, not as cp1250 ("Săo Paulo")."""
import pytest

from kg.extract.reader import decode

TEXTS = {
    "pt": "O presidente Lula visitou São Paulo e disse que a reunião com o ministro foi ótima. Não há acordo.",
    "fr": "Le président français a rencontré à Genève son homologue; les négociations ont été très longues.",
    "es": "El ministro español se reunió en Bogotá con el presidente; la reunión terminó con un acuerdo histórico.",
    "de": "Der Außenminister traf in München seinen Amtskollegen; die Gespräche über Öl und Gas dauerten lange.",
    "id": "Menteri Luar Negeri Retno Marsudi bertemu dengan Menlu Prancis di Paris, kata dia. São Paulo.",
}
CENTRAL = {
    "cs": "Ministr zahraničí Lipavský jednal v Praze s polským protějškem o dodávkách zbraní Ukrajině a Řecku.",
    "pl": "Polski minister spraw zagranicznych spotkał się w Warszawie z szefem dyplomacji Węgier; rozmowy były trudne.",
    "hu": "A magyar külügyminiszter Budapesten tárgyalt a lengyel kollégájával a gázszállításokról és az együttműködésről.",
}


@pytest.mark.parametrize("encoding", ["cp1252", "latin_1", "iso8859_15"])
@pytest.mark.parametrize("lang", sorted(TEXTS))
def test_reader_decode_western_encodings_issue15(encoding, lang):
    assert decode(TEXTS[lang].encode(encoding), "x") == TEXTS[lang]


def test_reader_decode_euro_sign_of_iso8859_15_issue15():
    text = "Le budget de la défense française atteint 5 milliards €, selon le ministère à Paris."
    assert decode(text.encode("iso8859_15"), "x") == text


@pytest.mark.parametrize("lang", sorted(CENTRAL))
def test_reader_decode_central_european_still_cp1250(lang):
    assert decode(CENTRAL[lang].encode("cp1250"), "x") == CENTRAL[lang]
