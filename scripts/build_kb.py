#!/usr/bin/env python3
"""Build kg/data/kb/countries.json from CLDR (via Babel) and ISO 3166-1 (via pycountry).

Rerunnable and deterministic:

    python scripts/build_kb.py            # writes kg/data/kb/countries.json
    python scripts/build_kb.py --check    # exits 1 if the file on disk differs
    python scripts/build_kb.py --format   # also re-sorts/re-dumps the hand-curated files

Sources:
  * English and Indonesian territory names: CLDR, ``babel.Locale('en'|'id').territories``.
  * ISO 3166-1 alpha-2 codes, ISO short and official names: pycountry.
  * Hand-written tables below: short forms and abbreviations, English demonym adjectives,
    Wikidata Q-ids (only where certain; null otherwise), labels, names to drop.

The hand-curated files (places, organizations, groups, people) are edited directly as JSON;
``--format`` only normalises their layout (records sorted by key, fixed field order).
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

import babel
import pycountry

ROOT = Path(__file__).resolve().parent.parent
KB = ROOT / "kg" / "data" / "kb"

FIELD_ORDER = ["key", "type", "label", "wikidata", "names", "adjectives", "iso", "kind",
               "country", "metonym_for", "roles"]

# ---------------------------------------------------------------------------------------
# Hand-written tables
# ---------------------------------------------------------------------------------------

# Codes outside ISO 3166-1 that we add (CLDR has names for them).
EXTRA_CODES = ["XK"]

# Canonical English label where CLDR's display name is not a good running-text label.
LABELS = {
    "AG": "Antigua and Barbuda",
    "BA": "Bosnia and Herzegovina",
    "BL": "Saint Barthélemy",
    "BQ": "Caribbean Netherlands",
    "CD": "Democratic Republic of the Congo",
    "CG": "Republic of the Congo",
    "CI": "Côte d'Ivoire",
    "GS": "South Georgia and the South Sandwich Islands",
    "HK": "Hong Kong",
    "HM": "Heard Island and McDonald Islands",
    "KN": "Saint Kitts and Nevis",
    "LC": "Saint Lucia",
    "MF": "Saint Martin",
    "MM": "Myanmar",
    "MO": "Macau",
    "PM": "Saint Pierre and Miquelon",
    "PS": "Palestine",
    "SH": "Saint Helena",
    "SJ": "Svalbard and Jan Mayen",
    "ST": "São Tomé and Príncipe",
    "TC": "Turks and Caicos Islands",
    "TT": "Trinidad and Tobago",
    "TR": "Turkey",
    "UM": "United States Minor Outlying Islands",
    "VC": "Saint Vincent and the Grenadines",
    "WF": "Wallis and Futuna",
}

# Names (from CLDR or pycountry) never to use as a surface form: ambiguous, abbreviated
# or dangerous as case-sensitive matches in running text.
DROP_NAMES = {
    "CG": {"Congo", "Kongo"},           # bare "Congo" goes to the DRC (news usage)
    "JE": {"Jersey"},                   # matches "New Jersey"
    "PS": {"Palestinian Territories", "Wilayah Palestina"},  # a region, not the state
    "HK": {"Hong Kong SAR China", "Hong Kong DAK Tiongkok"},
    "MO": {"Macao SAR China", "Makau DAK Tiongkok"},
    "GS": {"Georgia Selatan & Kep. Sandwich Selatan"},
    "UM": {"U.S. Outlying Islands"},
    "SH": {"Saint Helena, Ascension and Tristan da Cunha"},
}

EXTRA_EN = {
    "AE": ["UAE", "U.A.E."],
    "BA": ["Bosnia", "Bosnia-Herzegovina"],
    "BN": ["Brunei Darussalam"],
    "BO": ["Bolivia"],
    "BS": ["The Bahamas"],
    "CD": ["DR Congo", "DRC", "Democratic Republic of Congo", "Congo-Kinshasa", "Congo"],
    "CG": ["Congo Republic", "Republic of Congo", "Congo-Brazzaville"],
    "CI": ["Ivory Coast", "Côte d'Ivoire", "Cote d'Ivoire"],
    "CN": ["People's Republic of China", "PRC", "Mainland China"],
    "CV": ["Cape Verde", "Cabo Verde"],
    "CZ": ["Czech Republic", "Czechia"],
    "FM": ["Federated States of Micronesia"],
    "GB": ["UK", "U.K.", "Britain", "Great Britain",
           "United Kingdom of Great Britain and Northern Ireland"],
    "GM": ["The Gambia"],
    "IR": ["Islamic Republic of Iran"],
    "JE": ["Bailiwick of Jersey"],
    "KP": ["DPRK", "Democratic People's Republic of Korea"],
    "KR": ["Republic of Korea", "ROK"],
    "LA": ["Lao PDR"],
    "MK": ["Macedonia", "FYROM", "Former Yugoslav Republic of Macedonia"],
    "MM": ["Burma"],
    "MO": ["Macau", "Macao"],
    "NL": ["Holland"],
    "PG": ["PNG"],
    "PS": ["Palestine", "State of Palestine"],
    "RU": ["Russian Federation"],
    "SA": ["Kingdom of Saudi Arabia", "KSA"],
    "ST": ["São Tomé and Príncipe", "Sao Tome and Principe"],
    "SY": ["Syrian Arab Republic"],
    "SZ": ["Swaziland", "eSwatini"],
    "TL": ["East Timor", "Timor-Leste"],
    "TR": ["Turkey", "Türkiye", "Turkiye", "Republic of Turkey"],
    "US": ["United States of America", "USA", "U.S.A.", "US", "U.S.", "America"],
    "VA": ["Vatican", "Holy See", "Vatican City State"],
    "VN": ["Viet Nam"],
    "XK": ["Republic of Kosovo"],
}

EXTRA_ID = {
    "AE": ["UEA", "Emirat Arab"],
    "AF": ["Afghanistan"],
    "BA": ["Bosnia", "Bosnia-Herzegovina"],
    "BN": ["Brunei Darussalam"],
    "BR": ["Brazil", "Negeri Samba"],
    "BY": ["Belarusia"],
    "CD": ["Republik Demokratik Kongo", "RD Kongo", "Kongo"],
    "CG": ["Republik Kongo"],
    "CH": ["Swis"],
    "CI": ["Pantai Gading"],
    "CL": ["Chili"],
    "CN": ["China", "Cina", "RRT", "RRC", "Republik Rakyat Tiongkok", "Republik Rakyat China",
           "Republik Rakyat Cina", "Negeri Tirai Bambu", "Negeri Panda"],
    "CZ": ["Republik Ceko", "Ceska"],
    "DE": ["Republik Federal Jerman"],
    "FR": ["Perancis"],
    "GS": ["Georgia Selatan dan Kepulauan Sandwich Selatan"],
    "GB": ["Inggris", "Britania Raya", "Kerajaan Inggris", "Kerajaan Bersatu Britania Raya"],
    "HK": ["Hong Kong"],
    "HU": ["Hongaria"],
    "ID": ["RI", "Republik Indonesia", "NKRI", "Negara Kesatuan Republik Indonesia"],
    "IQ": ["Iraq"],
    "IR": ["Republik Islam Iran", "Negeri Para Mullah"],
    "KG": ["Kirgistan", "Kyrgyzstan"],
    "KP": ["Korut", "Republik Demokratik Rakyat Korea", "RDRK"],
    "KR": ["Korsel", "Republik Korea", "Negeri Ginseng"],
    "KZ": ["Kazakstan"],
    "LB": ["Libanon"],
    "LT": ["Lithuania"],
    "LY": ["Libia"],
    "MK": ["Makedonia"],
    "MM": ["Burma", "Negeri Seribu Pagoda"],
    "MO": ["Makau", "Macau"],
    "PG": ["PNG"],
    "PH": ["Filipina"],
    "PS": ["Palestina", "Negara Palestina"],
    "QA": ["Katar"],
    "RO": ["Romania"],
    "RU": ["Federasi Rusia", "Negeri Beruang Merah"],
    "SA": ["Saudi", "Kerajaan Arab Saudi"],
    "SY": ["Syria", "Republik Arab Suriah"],
    "SZ": ["Swaziland"],
    "TL": ["Timor-Leste"],
    "TR": ["Türkiye", "Turkiye"],
    "US": ["AS", "Amerika", "Negeri Paman Sam"],
    "VA": ["Takhta Suci"],
    "VN": ["Viet Nam"],
    "ZA": ["Afsel"],
    "JP": ["Negeri Sakura", "Negeri Matahari Terbit"],
    "AU": ["Negeri Kanguru"],
    "TH": ["Negeri Gajah Putih"],
    "MY": ["Negeri Jiran"],
    "SG": ["Negeri Singa"],
    "NL": ["Negeri Kincir Angin"],
    "EG": ["Negeri Piramida"],
    "IN": ["Negeri Bollywood", "Negeri Hindustan"],
    "NZ": ["Negeri Kiwi"],
    "IL": ["Negeri Zionis"],
}

# English demonym adjectives. Ambiguous forms are given to one country only
# ("Dominican" -> Dominican Republic, "Congolese" -> DR Congo, "Korean" -> nobody).
ADJECTIVES = {
    "AD": ["Andorran"], "AE": ["Emirati"], "AF": ["Afghan"], "AG": ["Antiguan"],
    "AI": ["Anguillan"], "AL": ["Albanian"], "AM": ["Armenian"], "AO": ["Angolan"],
    "AQ": ["Antarctic"], "AR": ["Argentine", "Argentinian"], "AS": ["American Samoan"],
    "AT": ["Austrian"], "AU": ["Australian"], "AW": ["Aruban"], "AX": ["Ålandic"],
    "AZ": ["Azerbaijani"], "BA": ["Bosnian"], "BB": ["Barbadian"], "BD": ["Bangladeshi"],
    "BE": ["Belgian"], "BF": ["Burkinabe", "Burkinabè"], "BG": ["Bulgarian"],
    "BH": ["Bahraini"], "BI": ["Burundian"], "BJ": ["Beninese"], "BL": [],
    "BM": ["Bermudian"], "BN": ["Bruneian"], "BO": ["Bolivian"], "BQ": [],
    "BR": ["Brazilian"], "BS": ["Bahamian"], "BT": ["Bhutanese"], "BV": [],
    "BW": ["Botswanan", "Motswana"], "BY": ["Belarusian"], "BZ": ["Belizean"],
    "CA": ["Canadian"], "CC": [], "CD": ["Congolese"], "CF": ["Central African"],
    "CG": [], "CH": ["Swiss"], "CI": ["Ivorian"], "CK": [], "CL": ["Chilean"],
    "CM": ["Cameroonian"], "CN": ["Chinese"], "CO": ["Colombian"], "CR": ["Costa Rican"],
    "CU": ["Cuban"], "CV": ["Cape Verdean"], "CW": ["Curaçaoan"], "CX": [],
    "CY": ["Cypriot"], "CZ": ["Czech"], "DE": ["German"], "DJ": ["Djiboutian"],
    "DK": ["Danish"], "DM": [], "DO": ["Dominican"], "DZ": ["Algerian"],
    "EC": ["Ecuadorian"], "EE": ["Estonian"], "EG": ["Egyptian"], "EH": ["Sahrawi"],
    "ER": ["Eritrean"], "ES": ["Spanish"], "ET": ["Ethiopian"], "FI": ["Finnish"],
    "FJ": ["Fijian"], "FK": ["Falkland Islander"], "FM": ["Micronesian"],
    "FO": ["Faroese"], "FR": ["French"], "GA": ["Gabonese"], "GB": ["British"],
    "GD": ["Grenadian"], "GE": ["Georgian"], "GF": ["French Guianese"], "GG": [],
    "GH": ["Ghanaian"], "GI": ["Gibraltarian"], "GL": ["Greenlandic"], "GM": ["Gambian"],
    "GN": ["Guinean"], "GP": [], "GQ": ["Equatorial Guinean", "Equatoguinean"],
    "GR": ["Greek"], "GS": [], "GT": ["Guatemalan"], "GU": ["Guamanian"],
    "GW": ["Bissau-Guinean"], "GY": ["Guyanese"], "HK": [], "HM": [],
    "HN": ["Honduran"], "HR": ["Croatian"], "HT": ["Haitian"], "HU": ["Hungarian"],
    "ID": ["Indonesian"], "IE": ["Irish"], "IL": ["Israeli"], "IM": ["Manx"],
    "IN": ["Indian"], "IO": [], "IQ": ["Iraqi"], "IR": ["Iranian"], "IS": ["Icelandic"],
    "IT": ["Italian"], "JE": [], "JM": ["Jamaican"], "JO": ["Jordanian"],
    "JP": ["Japanese"], "KE": ["Kenyan"], "KG": ["Kyrgyz", "Kyrgyzstani"],
    "KH": ["Cambodian"], "KI": ["I-Kiribati"], "KM": ["Comorian"],
    "KN": ["Kittitian"], "KP": ["North Korean"], "KR": ["South Korean"],
    "KW": ["Kuwaiti"], "KY": ["Caymanian"], "KZ": ["Kazakh", "Kazakhstani"],
    "LA": ["Lao", "Laotian"], "LB": ["Lebanese"], "LC": ["Saint Lucian"],
    "LI": ["Liechtensteiner"], "LK": ["Sri Lankan"], "LR": ["Liberian"],
    "LS": ["Basotho"], "LT": ["Lithuanian"], "LU": ["Luxembourgish"], "LV": ["Latvian"],
    "LY": ["Libyan"], "MA": ["Moroccan"], "MC": ["Monegasque"], "MD": ["Moldovan"],
    "ME": ["Montenegrin"], "MF": [], "MG": ["Malagasy"], "MH": ["Marshallese"],
    "MK": ["Macedonian", "North Macedonian"], "ML": ["Malian"],
    "MM": ["Burmese", "Myanmarese"], "MN": ["Mongolian"], "MO": ["Macanese"],
    "MP": [], "MQ": ["Martinican"], "MR": ["Mauritanian"], "MS": ["Montserratian"],
    "MT": ["Maltese"], "MU": ["Mauritian"], "MV": ["Maldivian"], "MW": ["Malawian"],
    "MX": ["Mexican"], "MY": ["Malaysian"], "MZ": ["Mozambican"], "NA": ["Namibian"],
    "NC": ["New Caledonian"], "NE": ["Nigerien"], "NF": [], "NG": ["Nigerian"],
    "NI": ["Nicaraguan"], "NL": ["Dutch"], "NO": ["Norwegian"], "NP": ["Nepali", "Nepalese"],
    "NR": ["Nauruan"], "NU": ["Niuean"], "NZ": [], "OM": ["Omani"],
    "PA": ["Panamanian"], "PE": ["Peruvian"], "PF": ["French Polynesian"],
    "PG": ["Papua New Guinean"], "PH": ["Philippine", "Filipino"], "PK": ["Pakistani"],
    "PL": ["Polish"], "PM": [], "PN": [], "PR": ["Puerto Rican"], "PS": ["Palestinian"],
    "PT": ["Portuguese"], "PW": ["Palauan"], "PY": ["Paraguayan"], "QA": ["Qatari"],
    "RE": [], "RO": ["Romanian"], "RS": ["Serbian"], "RU": ["Russian"],
    "RW": ["Rwandan"], "SA": ["Saudi", "Saudi Arabian"], "SB": ["Solomon Islander"],
    "SC": ["Seychellois"], "SD": ["Sudanese"], "SE": ["Swedish"], "SG": ["Singaporean"],
    "SH": [], "SI": ["Slovenian", "Slovene"], "SJ": [], "SK": ["Slovak"],
    "SL": ["Sierra Leonean"], "SM": ["Sammarinese"], "SN": ["Senegalese"],
    "SO": ["Somali"], "SR": ["Surinamese"], "SS": ["South Sudanese"],
    "ST": ["São Toméan"], "SV": ["Salvadoran"], "SX": [], "SY": ["Syrian"],
    "SZ": ["Swazi"], "TC": [], "TD": ["Chadian"], "TF": [], "TG": ["Togolese"],
    "TH": ["Thai"], "TJ": ["Tajik", "Tajikistani"], "TK": [], "TL": ["Timorese", "East Timorese"],
    "TM": ["Turkmen"], "TN": ["Tunisian"], "TO": ["Tongan"], "TR": ["Turkish"],
    "TT": ["Trinidadian"], "TV": ["Tuvaluan"], "TW": ["Taiwanese"], "TZ": ["Tanzanian"],
    "UA": ["Ukrainian"], "UG": ["Ugandan"], "UM": [], "US": ["American"],
    "UY": ["Uruguayan"], "UZ": ["Uzbek", "Uzbekistani"], "VA": ["Vatican"],
    "VC": ["Vincentian"], "VE": ["Venezuelan"], "VG": [], "VI": [],
    "VN": ["Vietnamese"], "VU": ["Ni-Vanuatu"], "WF": [], "WS": ["Samoan"],
    "XK": ["Kosovar", "Kosovan"], "YE": ["Yemeni"], "YT": [], "ZA": ["South African"],
    "ZM": ["Zambian"], "ZW": ["Zimbabwean"],
}

# Wikidata Q-ids; only entries the curator is certain of. Missing -> null.
WIKIDATA = {
    "AD": "Q228", "AE": "Q878", "AF": "Q889", "AG": "Q781", "AL": "Q222", "AM": "Q399",
    "AO": "Q916", "AQ": "Q51", "AR": "Q414", "AT": "Q40", "AU": "Q408", "AZ": "Q227",
    "BA": "Q225", "BB": "Q244", "BD": "Q902", "BE": "Q31", "BF": "Q965", "BG": "Q219",
    "BH": "Q398", "BI": "Q967", "BJ": "Q962", "BN": "Q921", "BO": "Q750", "BR": "Q155",
    "BS": "Q778", "BT": "Q917", "BW": "Q963", "BY": "Q184", "BZ": "Q242", "CA": "Q16",
    "CD": "Q974", "CF": "Q929", "CG": "Q971", "CH": "Q39", "CI": "Q1008", "CL": "Q298",
    "CM": "Q1009", "CN": "Q148", "CO": "Q739", "CR": "Q800", "CU": "Q241", "CV": "Q1011",
    "CY": "Q229", "CZ": "Q213", "DE": "Q183", "DJ": "Q977", "DK": "Q35", "DM": "Q784",
    "DO": "Q786", "DZ": "Q262", "EC": "Q736", "EE": "Q191", "EG": "Q79", "EH": "Q6250",
    "ER": "Q986", "ES": "Q29", "ET": "Q115", "FI": "Q33", "FJ": "Q712", "FM": "Q702",
    "FR": "Q142", "GA": "Q1000", "GB": "Q145", "GD": "Q769", "GE": "Q230", "GH": "Q117",
    "GL": "Q223", "GM": "Q1005", "GN": "Q1006", "GQ": "Q983", "GR": "Q41", "GT": "Q774",
    "GW": "Q1007", "GY": "Q734", "HK": "Q8646", "HN": "Q783", "HR": "Q224", "HT": "Q790",
    "HU": "Q28", "ID": "Q252", "IE": "Q27", "IL": "Q801", "IN": "Q668", "IQ": "Q796",
    "IR": "Q794", "IS": "Q189", "IT": "Q38", "JM": "Q766", "JO": "Q810", "JP": "Q17",
    "KE": "Q114", "KG": "Q813", "KH": "Q424", "KI": "Q710", "KM": "Q970", "KN": "Q763",
    "KP": "Q423", "KR": "Q884", "KW": "Q817", "KZ": "Q232", "LA": "Q819", "LB": "Q822",
    "LC": "Q760", "LI": "Q347", "LK": "Q854", "LR": "Q1014", "LS": "Q1013", "LT": "Q37",
    "LU": "Q32", "LV": "Q211", "LY": "Q1016", "MA": "Q1028", "MC": "Q235", "MD": "Q217",
    "ME": "Q236", "MG": "Q1019", "MH": "Q709", "MK": "Q221", "ML": "Q912", "MM": "Q836",
    "MN": "Q711", "MO": "Q14773", "MR": "Q1025", "MT": "Q233", "MU": "Q1027", "MV": "Q826",
    "MW": "Q1020", "MX": "Q96", "MY": "Q833", "MZ": "Q1029", "NA": "Q1030", "NE": "Q1032",
    "NG": "Q1033", "NI": "Q811", "NL": "Q55", "NO": "Q20", "NP": "Q837", "NR": "Q697",
    "NZ": "Q664", "OM": "Q842", "PA": "Q804", "PE": "Q419", "PG": "Q691", "PH": "Q928",
    "PK": "Q843", "PL": "Q36", "PR": "Q1183", "PS": "Q219060", "PT": "Q45", "PW": "Q695",
    "PY": "Q733", "QA": "Q846", "RO": "Q218", "RS": "Q403", "RU": "Q159", "RW": "Q1037",
    "SA": "Q851", "SB": "Q685", "SC": "Q1042", "SD": "Q1049", "SE": "Q34", "SG": "Q334",
    "SI": "Q215", "SK": "Q214", "SL": "Q1044", "SM": "Q238", "SN": "Q1041", "SO": "Q1045",
    "SR": "Q730", "SS": "Q958", "ST": "Q1039", "SV": "Q792", "SY": "Q858", "SZ": "Q1050",
    "TD": "Q657", "TG": "Q945", "TH": "Q869", "TJ": "Q863", "TL": "Q574", "TM": "Q874",
    "TN": "Q948", "TO": "Q678", "TR": "Q43", "TT": "Q754", "TV": "Q672", "TW": "Q865",
    "TZ": "Q924", "UA": "Q212", "UG": "Q1036", "US": "Q30", "UY": "Q77", "UZ": "Q265",
    "VA": "Q237", "VC": "Q757", "VE": "Q717", "VN": "Q881", "VU": "Q686", "WS": "Q683",
    "XK": "Q1246", "YE": "Q805", "ZA": "Q258", "ZM": "Q953", "ZW": "Q954",
    # dependent territories the curator is sure of
    "AS": "Q16641", "AW": "Q21203", "AX": "Q5689", "BM": "Q23635", "CW": "Q25279",
    "FK": "Q9648", "FO": "Q4628", "GF": "Q3769", "GG": "Q25230", "GI": "Q1410",
    "GP": "Q17012", "GU": "Q16635", "IM": "Q9676", "JE": "Q785", "KY": "Q5785",
    "MQ": "Q17054", "MS": "Q13353", "NC": "Q33788", "PF": "Q30971", "RE": "Q17070",
    "VG": "Q25305", "VI": "Q11703", "YT": "Q17063", "AI": "Q25228", "CK": "Q26988",
    "MP": "Q16644",
}

# ---------------------------------------------------------------------------------------

MIN_LEN = 4  # CLDR/pycountry names shorter than this are dropped unless hand-added


def _clean(name: str | None) -> list[str]:
    """Turn a CLDR/pycountry display name into zero or more running-text surface forms."""
    if not name:
        return []
    name = name.strip().replace("\u2019", "'")
    if "," in name or " - " in name or "Kep." in name:
        return []
    if name.lower().startswith("the "):
        name = name[4:]
    out = []
    m = re.match(r"^(.*?)\s*\(([^)]*)\)$", name)
    if m:
        base, inner = m.group(1), m.group(2)
        if base:
            out.append(base)
        # "(Burma)", "(Malvinas)", "(Vatican City State)": a real alternative name;
        # "(French part)", "(Keeling)" are qualifiers and are dropped.
        if inner and inner[0].isupper() and "part" not in inner and inner != "Keeling":
            out.append(inner)
        if inner == "Keeling":
            out.append(name)
        return out
    out.append(name)
    if " & " in name:
        out = [name.replace(" & ", " and ")]
    return out


def _uniq(seq):
    seen, out = set(), []
    for x in seq:
        if x and x not in seen:
            seen.add(x)
            out.append(x)
    return out


def build_countries() -> list[dict]:
    en_t = babel.Locale("en").territories
    id_t = babel.Locale("id").territories
    codes = sorted({c.alpha_2 for c in pycountry.countries} | set(EXTRA_CODES))
    records = []
    for code in codes:
        pc = pycountry.countries.get(alpha_2=code)
        drop = DROP_NAMES.get(code, set())
        en_raw = _clean(en_t.get(code))
        if pc is not None:
            en_raw += _clean(getattr(pc, "common_name", None))
            en_raw += _clean(pc.name)
            en_raw += _clean(getattr(pc, "official_name", None))
        en_raw = [n for n in en_raw if len(n) >= MIN_LEN]
        # CLDR's "St." abbreviations: add the spelled-out form as well
        en_raw += [n.replace("St. ", "Saint ") for n in en_raw if n.startswith("St. ")]
        id_raw = [n for n in _clean(id_t.get(code)) if len(n) >= MIN_LEN]
        label = LABELS.get(code) or (en_raw[0] if en_raw else en_t[code])
        en = _uniq([label] + en_raw + EXTRA_EN.get(code, []))
        idn = _uniq(id_raw + EXTRA_ID.get(code, []))
        en = [n for n in en if n not in drop or n in EXTRA_EN.get(code, [])]
        idn = [n for n in idn if n not in drop or n in EXTRA_ID.get(code, [])]
        records.append({
            "key": f"country/{code.lower()}",
            "type": "Country",
            "label": label,
            "wikidata": WIKIDATA.get(code),
            "names": {"en": en, "id": idn, "any": []},
            "adjectives": {"en": _with_plurals(ADJECTIVES.get(code, [])), "id": []},
            "iso": code,
        })
    _check_unique(records)
    return records


def _with_plurals(adjectives) -> list[str]:
    """English demonyms with their plural as a noun: "Palestinian" -> "Palestinians", "Israeli"
    -> "Israelis" (the people of a state stand for it: "Israeli soldiers arrested 100
    Palestinians"); forms in -ese, -ch, -sh take no -s and are left alone."""
    out = list(adjectives)
    for a in adjectives:
        if " " not in a and a.endswith(("an", "i")) and a + "s" not in out:
            out.append(a + "s")
    return out


def _check_unique(records):
    owner: dict[str, str] = {}
    for r in records:
        forms = set()
        for lang in ("en", "id", "any"):
            forms.update(r["names"][lang])
        forms.update(r["adjectives"]["en"])
        for f in forms:
            if f in owner and owner[f] != r["key"]:
                raise SystemExit(f"name {f!r} used by {owner[f]} and {r['key']}")
            owner[f] = r["key"]
    missing = set(ADJECTIVES) ^ {r["iso"] for r in records}
    if missing:
        raise SystemExit(f"ADJECTIVES table out of sync: {sorted(missing)}")


def normalise(records: list[dict]) -> list[dict]:
    out = []
    for r in sorted(records, key=lambda r: r["key"]):
        extra = [k for k in r if k not in FIELD_ORDER]
        if extra:
            raise SystemExit(f"{r['key']}: unknown fields {extra}")
        out.append({k: r[k] for k in FIELD_ORDER if k in r})
    return out


def dump(records: list[dict]) -> str:
    return json.dumps(normalise(records), ensure_ascii=False, indent=1) + "\n"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="fail if countries.json is stale")
    ap.add_argument("--format", action="store_true",
                    help="also normalise layout of the hand-curated JSON files")
    args = ap.parse_args(argv)
    text = dump(build_countries())
    target = KB / "countries.json"
    if args.check:
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            print(f"{target} is stale; run scripts/build_kb.py", file=sys.stderr)
            return 1
        print(f"{target} is up to date")
        return 0
    target.write_text(text, encoding="utf-8")
    print(f"wrote {target} ({text.count(chr(10) + ' {')} records; "
          f"babel {babel.__version__}, pycountry)")
    if args.format:
        for name in ("places.json", "organizations.json", "groups.json", "people.json"):
            p = KB / name
            if p.exists():
                p.write_text(dump(json.loads(p.read_text(encoding="utf-8"))), encoding="utf-8")
                print(f"normalised {p}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
