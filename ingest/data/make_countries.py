#!/usr/bin/env python3
# Generates countries.tsv (canonical name, then every alias) from Debian's iso-codes ISO 3166-1 data.
# Usage: python3 make_countries.py [/usr/share/iso-codes/json/iso_3166-1.json] > countries.tsv
import json
import sys

# Conventional English short names used by news writing where ISO's name is formal.
SHORT = {
    "RU": "Russia", "US": "United States", "GB": "United Kingdom", "IR": "Iran", "SY": "Syria",
    "KR": "South Korea", "KP": "North Korea", "VN": "Vietnam", "VE": "Venezuela", "BO": "Bolivia",
    "TZ": "Tanzania", "MD": "Moldova", "LA": "Laos", "CZ": "Czech Republic", "TW": "Taiwan",
    "PS": "Palestine", "VA": "Vatican", "FM": "Micronesia", "MK": "North Macedonia",
    "CD": "Democratic Republic of the Congo", "CG": "Republic of the Congo", "BN": "Brunei",
    "CI": "Ivory Coast", "TR": "Turkey", "SZ": "Eswatini", "CV": "Cape Verde",
}
EXTRA = {
    "US": ["US", "USA", "U.S.", "U.S.A.", "America", "United States of America"],
    "GB": ["UK", "U.K.", "Britain", "Great Britain"],
    "RU": ["Russian Federation"], "CZ": ["Czechia"], "KR": ["Korea"], "NL": ["Holland"],
    "TR": ["Türkiye"], "CI": ["Côte d'Ivoire"], "MM": ["Burma"],
}
path = sys.argv[1] if len(sys.argv) > 1 else "/usr/share/iso-codes/json/iso_3166-1.json"
for c in json.load(open(path, encoding="utf-8"))["3166-1"]:
    code = c["alpha_2"]
    canonical = SHORT.get(code) or c.get("common_name") or c["name"]
    names = [canonical, c["name"], c.get("common_name", ""), c.get("official_name", "")]
    names += EXTRA.get(code, [])
    seen, out = set(), []
    for n in names:
        if n and "," not in n and n not in seen:
            seen.add(n)
            out.append(n)
    print("\t".join([code] + out))
