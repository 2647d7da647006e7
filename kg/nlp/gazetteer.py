"""Small word lists the resolver needs: capitals, country aliases, titles, description heads."""

from __future__ import annotations

# Capital (or seat of government) -> country, for "Washington said" -> United States.
CAPITALS = {
    "Washington": "United States",
    "Beijing": "China",
    "Moscow": "Russia",
    "Kyiv": "Ukraine",
    "Kiev": "Ukraine",
    "London": "United Kingdom",
    "Paris": "France",
    "Berlin": "Germany",
    "Rome": "Italy",
    "Madrid": "Spain",
    "Lisbon": "Portugal",
    "Brussels": "European Union",
    "Tokyo": "Japan",
    "Seoul": "South Korea",
    "Pyongyang": "North Korea",
    "New Delhi": "India",
    "Delhi": "India",
    "Islamabad": "Pakistan",
    "Tehran": "Iran",
    "Ankara": "Turkey",
    "Riyadh": "Saudi Arabia",
    "Cairo": "Egypt",
    "Jerusalem": "Israel",
    "Damascus": "Syria",
    "Baghdad": "Iraq",
    "Doha": "Qatar",
    "Abu Dhabi": "United Arab Emirates",
    "Ottawa": "Canada",
    "Mexico City": "Mexico",
    "Brasilia": "Brazil",
    "Brasília": "Brazil",
    "Buenos Aires": "Argentina",
    "Santiago": "Chile",
    "Lima": "Peru",
    "Bogota": "Colombia",
    "Bogotá": "Colombia",
    "Caracas": "Venezuela",
    "Havana": "Cuba",
    "Canberra": "Australia",
    "Wellington": "New Zealand",
    "Jakarta": "Indonesia",
    "Manila": "Philippines",
    "Hanoi": "Vietnam",
    "Bangkok": "Thailand",
    "Kuala Lumpur": "Malaysia",
    "Singapore": "Singapore",
    "Taipei": "Taiwan",
    "Dhaka": "Bangladesh",
    "Kabul": "Afghanistan",
    "Nairobi": "Kenya",
    "Addis Ababa": "Ethiopia",
    "Pretoria": "South Africa",
    "Abuja": "Nigeria",
    "Accra": "Ghana",
    "Dakar": "Senegal",
    "Kinshasa": "Democratic Republic of the Congo",
    "Kigali": "Rwanda",
    "Khartoum": "Sudan",
    "Tripoli": "Libya",
    "Tunis": "Tunisia",
    "Algiers": "Algeria",
    "Rabat": "Morocco",
    "Warsaw": "Poland",
    "Prague": "Czech Republic",
    "Vienna": "Austria",
    "Bern": "Switzerland",
    "Budapest": "Hungary",
    "Bucharest": "Romania",
    "Sofia": "Bulgaria",
    "Athens": "Greece",
    "Belgrade": "Serbia",
    "Zagreb": "Croatia",
    "Stockholm": "Sweden",
    "Oslo": "Norway",
    "Copenhagen": "Denmark",
    "Helsinki": "Finland",
    "Reykjavik": "Iceland",
    "Dublin": "Ireland",
    "Amsterdam": "Netherlands",
    "The Hague": "Netherlands",
    "Tallinn": "Estonia",
    "Riga": "Latvia",
    "Vilnius": "Lithuania",
    "Minsk": "Belarus",
    "Tbilisi": "Georgia",
    "Yerevan": "Armenia",
    "Baku": "Azerbaijan",
    "Astana": "Kazakhstan",
    "Tashkent": "Uzbekistan",
    "Ulaanbaatar": "Mongolia",
    "Colombo": "Sri Lanka",
    "Kathmandu": "Nepal",
    "Muscat": "Oman",
    "Amman": "Jordan",
    "Beirut": "Lebanon",
    "Sanaa": "Yemen",
    "Kuwait City": "Kuwait",
    "Manama": "Bahrain",
    "Harare": "Zimbabwe",
    "Lusaka": "Zambia",
    "Maputo": "Mozambique",
    "Luanda": "Angola",
    "Kampala": "Uganda",
    "Dodoma": "Tanzania",
    "Dar es Salaam": "Tanzania",
    "Mogadishu": "Somalia",
    "Juba": "South Sudan",
    "Quito": "Ecuador",
    "La Paz": "Bolivia",
    "Montevideo": "Uruguay",
    "Asuncion": "Paraguay",
    "Panama City": "Panama",
    "San Jose": "Costa Rica",
    "Kingston": "Jamaica",
    "Chisinau": "Moldova",
}

COUNTRY_ALIASES = {
    "U.S.": "United States",
    "US": "United States",
    "USA": "United States",
    "U.S.A.": "United States",
    "America": "United States",
    "the United States": "United States",
    "the U.S.": "United States",
    "the US": "United States",
    "United States": "United States",
    "UK": "United Kingdom",
    "U.K.": "United Kingdom",
    "Britain": "United Kingdom",
    "the UK": "United Kingdom",
    "the U.K.": "United Kingdom",
    "EU": "European Union",
    "the EU": "European Union",
    "the European Union": "European Union",
    "UAE": "United Arab Emirates",
    "the UAE": "United Arab Emirates",
    "the Netherlands": "Netherlands",
    "the Philippines": "Philippines",
    "DRC": "Democratic Republic of the Congo",
    "Kremlin": "Russia",
    "the Kremlin": "Russia",
    "the White House": "United States",
    "White House": "United States",
}

# Words that title a person; the name is what follows the last of them.
TITLE_WORDS = frozenset(
    """president vice prime minister deputy secretary spokesman spokeswoman spokesperson chairman chairwoman
    chair ceo cfo coo chief executive officer director general governor senator sen. gov. rep. representative
    mayor assemblyman assemblywoman assemblymember congressman congresswoman councilman councilwoman whip
    councillor councilor alderman judge justice attorney lawyer coach manager captain striker midfielder defender goalkeeper agent
    ambassador envoy commissioner commander colonel col. gen. lt. major sergeant admiral king queen prince
    princess swami sheriff dr. dr mr. mr mrs. mrs ms. ms prof. professor foreign defence defense finance trade health
    interior economy labour labor justice-minister leader negotiator analyst economist founder owner
    president-elect premier chancellor speaker official officer head u.s. chinese russian british french
    german american""".split()
)

# Words that modify a title but are no title alone ("Trade" in "Trade Minister").
TITLE_MODIFIERS = frozenset(
    "vice deputy foreign defence defense finance trade health interior economy labour labor chief general "
    "u.s. chinese russian british french german american head".split()
)

# Head noun of a description -> the kind of entity it describes.
DESCRIPTION_KINDS = {
    **dict.fromkeys(
        "outlet report newspaper paper daily tabloid broadcaster channel agency station magazine website site "
        "publication network journal wire".split(),
        "outlet",
    ),
    **dict.fromkeys(
        "ministry government administration cabinet department embassy kremlin presidency junta state "
        "authorities regime office".split(),
        "government",
    ),
    **dict.fromkeys(
        "spokesman spokeswoman spokesperson minister president official envoy ambassador diplomat governor "
        "senator mayor chairman chairwoman ceo executive judge coach manager negotiator commander general "
        "secretary chancellor premier leader lawyer attorney".split(),
        "official",
    ),
    **dict.fromkeys(
        "man woman player striker midfielder defender goalkeeper worker nurse doctor scientist researcher "
        "analyst economist activist founder owner father mother fan".split(),
        "person",
    ),
    **dict.fromkeys(
        "company firm group union club board party court bank regulator commission committee council "
        "alliance coalition league federation association insurer airline bidder buyer acquirer maker "
        "manufacturer lab laboratory university hospital rebels militia movement army military".split(),
        "organization",
    ),
}

# Heads of descriptions of unnamed sources.
UNNAMED_HEADS = frozenset(
    "sources source insiders insider people person officials diplomats aides executives individuals "
    "someone reports".split()
)
