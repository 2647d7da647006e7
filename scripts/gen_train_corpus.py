#!/usr/bin/env python3
"""Generate training articles in the corpus authoring format (data/corpus/AUTHORING.md).

Articles are assembled from hand-written sentence frames.  Every frame carries its labels
(stance, speaker role, holder role, via chain) and marks its spans inline:

    [[...]]  speaker mention      <<...>>  cue mention      ⟪...⟫  channel

Slots: {A} {B} (the two sides), {R} (mediator / regulator), {MA} {MB} (ministries),
{O1} {O2} (outlets quoted in the article), {pA} {pB} {pR} (people speaking for A, B, R),
{pX} (an analyst), {pP} (a player); attributes such as {pA.ref} (title + name, then surname),
{pA.n}{pA.ap} (name + appositive), {pA.pron}, {A.cap}, {A.adj}, {A.desc}, {O1.rep}; and
vocabulary such as {talks}, {deal}, {dispute}, {demand}, {city}, {day}.
A frame line is  STANCE SPEAKER HOLDER VIA | template  [|| c STANCE HOLDER | continuation].
Holder "=" is the speaker; "-" is null; "U:unnamed_sources" names an unnamed source.
Usage: python3 scripts/gen_train_corpus.py [--seed 13] [--articles 300] [-o FILE]
"""

from __future__ import annotations

import argparse
import copy
import json
import random
import re
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from kg.corpus.authoring import SENTENCE_FIELDS, mention_ref

DEFAULT_OUT = "/work/main/data/corpus/src/train-generated.jsonl"
DOMAINS = ("trade", "war", "mergers", "labour", "sports", "elections", "courts", "health", "tech")

# ---------------------------------------------------------------- people and places
NAMES = """\
wa|Kwame Emeka Chinedu Babatunde Kofi Segun Ibrahim|Amara Ngozi Adaeze Abena Funmilayo Yetunde|Diallo Okafor Mensah Adeyemi Boateng Nwosu Owusu Balogun
ea|Kamau Otieno Baraka Juma Tesfaye Mwangi|Wanjiru Achieng Amina Zawadi Selamawit Njeri|Kiprono Odhiambo Mutua Wekesa Haile Kariuki Njoroge Abebe
tr|Emre Mehmet Burak Kerem Serkan Ahmet|Elif Zeynep Ayşe Derya Selin Gül|Yılmaz Demir Kaya Şahin Aydın Öztürk Arslan Çelik
pt|João Rafael Tiago Bruno Paulo Caio|Ana Beatriz Mariana Luísa Camila Fernanda|Silva Oliveira Carvalho Pereira Almeida Costa Ribeiro Barbosa
in|Arjun Rohan Vikram Sanjay Rahul Anil|Priya Ananya Kavita Meera Sunita Deepa|Sharma Iyer Reddy Banerjee Nair Gupta Menon Patel
id|Budi Agus Rizal Hendra Arief Dimas|Siti Dewi Ratna Putri Intan Sri|Santoso Wijaya Hidayat Saputra Kusuma Pratama Nasution Halim
es|Diego Alejandro Javier Mateo Andrés Luis|Lucía Valentina Carmen Sofía Gabriela Elena|García Rodríguez Morales Castillo Herrera Vargas Rojas Mendoza
en|James Daniel Liam Thomas Owen Patrick|Sarah Emily Claire Megan Fiona Rachel|Thompson Walsh MacLeod Bennett Carter Hughes Fraser Doyle
ja|Hiroshi Takeshi Kenji Daisuke Ryo Satoshi|Yuko Aiko Haruka Naoko Emi Keiko|Tanaka Nakamura Suzuki Watanabe Ito Kobayashi Yamamoto Sato
ko|Min-jun Ji-ho Seung-woo Dong-hyun Jae-won Hyun-woo|Seo-yeon Ji-woo Eun-ji Soo-ah Hye-jin Min-seo|Kim Park Choi Jung Kang Yoon Lim Han
vi|Minh Tuan Duc Hung Quang Thanh|Lan Huong Mai Thu Ngoc Linh|Nguyen Tran Le Pham Hoang Vu Dang Bui
ar|Omar Khaled Youssef Karim Tarek Hassan|Layla Nour Yasmin Rania Salma Dina|Haddad Mansour El-Sayed Khalil Farouk Nasser Aziz Hamdi
pl|Piotr Tomasz Krzysztof Marek Paweł Jakub|Agnieszka Katarzyna Magdalena Joanna Ewa Marta|Nowak Mazur Wójcik Krawczyk Zając Kaczmarek Sikora Baran
no|Lars Erik Magnus Anders Henrik Olav|Ingrid Astrid Sigrid Maja Kari Liv|Johansen Halvorsen Lindqvist Berg Nilsson Dahl Solberg Eriksen
de|Jonas Matthias Stefan Lukas Felix Tobias|Anna Katrin Julia Lena Sabine Miriam|Becker Hoffmann Schneider Fischer Wagner Krüger Braun Vogel
fr|Julien Antoine Mathieu Olivier Nicolas Hugo|Camille Claire Élodie Manon Sophie Chloé|Dubois Lefèvre Moreau Laurent Girard Fontaine Rousseau Mercier
it|Marco Luca Giorgio Matteo Davide Paolo|Giulia Chiara Francesca Elisa Martina Sara|Rossi Bianchi Ricci Marino Greco Conti De Luca Esposito
el|Nikos Giorgos Dimitris Kostas Yannis Stavros|Eleni Maria Katerina Sofia Dimitra Ioanna|Papadopoulos Georgiou Nikolaidis Dimitriou Alexiou Vlachos Karalis Stavrou
ur|Imran Bilal Faisal Usman Hamza Tariq|Ayesha Fatima Sana Hina Mehwish Zara|Qureshi Malik Chaudhry Siddiqui Rana Sheikh Mirza Baig
th|Somchai Anan Prasert Niran Kittipong Surasak|Siriporn Kanya Malee Ratana Pim Naree|Srisuk Wongsawat Chaiyaporn Boonmee Thongchai Rattanakorn Sukhum Chanthara
za|Thabo Sipho Mandla Lwazi Pieter Johan|Naledi Thandiwe Lerato Zanele Annelie Nomvula|Dlamini Nkosi Mokoena Khumalo Botha Ndlovu Mahlangu Van der Merwe"""
CULTURES = {}
for _line in NAMES.splitlines():
    _c, _m, _f, _s = _line.split("|")
    # "De Luca" and "Van der Merwe" are two- and three-word surnames: rejoin them.
    _sur = re.findall(r"(?:De |Van der )?\S+", _s)
    CULTURES[_c] = (_m.split(), _f.split(), _sur)

COUNTRIES = """Turkey|Ankara|Turkish|tr;Brazil|Brasília|Brazilian|pt;India|New Delhi|Indian|in;Indonesia|Jakarta|Indonesian|id
Nigeria|Abuja|Nigerian|wa;Mexico|Mexico City|Mexican|es;Canada|Ottawa|Canadian|en;Japan|Tokyo|Japanese|ja
South Korea|Seoul|South Korean|ko;Vietnam|Hanoi|Vietnamese|vi;Egypt|Cairo|Egyptian|ar;Kenya|Nairobi|Kenyan|ea
Poland|Warsaw|Polish|pl;Chile|Santiago|Chilean|es;Australia|Canberra|Australian|en;Norway|Oslo|Norwegian|no
Morocco|Rabat|Moroccan|ar;Peru|Lima|Peruvian|es;Malaysia|Kuala Lumpur|Malaysian|id;Argentina|Buenos Aires|Argentine|es
Ghana|Accra|Ghanaian|wa;Thailand|Bangkok|Thai|th;Pakistan|Islamabad|Pakistani|ur;South Africa|Pretoria|South African|za
Colombia|Bogotá|Colombian|es;Sweden|Stockholm|Swedish|no;Germany|Berlin|German|de;France|Paris|French|fr
Italy|Rome|Italian|it;Greece|Athens|Greek|el;Ethiopia|Addis Ababa|Ethiopian|ea;Portugal|Lisbon|Portuguese|pt"""
COUNTRY_LIST = [tuple(c.split("|")) for line in COUNTRIES.splitlines() for c in line.split(";")]

POOLS = {  # name|short|desc,desc|takes "the"; entries separated by ';'
    "tradebody": """Inter-Regional Trade Council|IRTC|the council|1;Southern Commerce Forum||the forum|1
Tri-Ocean Trade Secretariat||the secretariat|1;Tariff Dispute Settlement Panel||the panel|1""",
    "rebels": """Northern Liberation Front|NLF|the rebels,the group|1
People's Defence Movement|PDM|the rebels,the movement|1
Coastal Resistance Army|CRA|the rebels,the group|1;Highland Unity Front|HUF|the rebels,the front|1
Eastern Freedom Alliance|EFA|the rebels,the alliance|1
Delta Patriotic Forces|DPF|the rebels,the insurgents|1""",
    "firm": """Halvorsen Foods|Halvorsen|the company,the group|0;Marisol Brands|Marisol|the company,the group|0
Kestrel Logistics|Kestrel|the company,the group|0
Baltic Freight Lines|Baltic Freight|the company,the shipping group|0
Orinoco Mining|Orinoco|the company,the miner|0;Vantara Energy|Vantara|the company,the energy group|0
Solace Insurance|Solace|the company,the insurer|0
Greywater Cement|Greywater|the company,the cement maker|0""",
    "union": """National Union of Rail Workers|NURW|the union|1;Port and Dock Workers' Union|PDWU|the union|1
Federation of Hospital Staff|FHS|the union,the federation|1
United Bus Drivers' Association|UBDA|the union,the association|1
Postal and Logistics Union|PLU|the union|1""",
    "employer": """Northern Rail Services|NRS|the company,the operator|0
Baltic Port Holdings|Baltic Port|the company,the port operator|0
Meridian Health Group|Meridian|the company,the hospital group|0
CityLink Transit|CityLink|the company,the operator|0
Swiftpost|Swiftpost|the company,the postal operator|0""",
    "club": """Rivermouth FC|Rivermouth|the club|0;Atlético Sierra|Sierra|the club|0
Northbridge United|Northbridge|the club|0;Dynamo Kestrel|Dynamo|the club|0
Porto Azul SC|Porto Azul|the club|0;FC Eastmoor|Eastmoor|the club|0;Olympique Varenne|Varenne|the club|0
Harbour City Athletic|Harbour City|the club|0""",
    "party": """Social Democratic Alliance|SDA|the party|1;National Renewal Party|NRP|the party|1
Liberal Centre Party|LCP|the party|1;People's Justice Movement|PJM|the party,the movement|1
Civic Platform for Progress|CPP|the party|1;Green Future Coalition|GFC|the party|1""",
    "plaintiff": """Coastal Fishermen's Association|CFA|the association,the plaintiffs|1
Riverside Residents' Alliance|RRA|the alliance,the plaintiffs|1
Consumer Rights Collective|CRC|the collective,the plaintiffs|1
Independent Pilots' Guild|IPG|the guild,the plaintiffs|1""",
    "defendant": """Orinoco Mining|Orinoco|the company,the miner|0
Tamarind Chemicals|Tamarind|the company,the chemicals group|0
Vireo Airlines|Vireo|the company,the airline|0;Castellan Water|Castellan|the company,the utility|0""",
    "pharma": """Tamarind Pharma|Tamarind|the company,the drugmaker|0;Helix Biologics|Helix|the company,the drugmaker|0
Corvane Therapeutics|Corvane|the company,the drugmaker|0
Nordlys Pharmaceuticals|Nordlys|the company,the drugmaker|0""",
    "techco": """Lumen Systems|Lumen|the company,the chipmaker|0;Quantix|Quantix|the company,the handset maker|0
Brightwave Networks|Brightwave|the company,the network group|0
Cirrus Data|Cirrus|the company,the cloud provider|0
Tessellate|Tessellate|the company,the software group|0""",
}
OUTLETS = """Meridian Post|newspaper;Northgate Wire|agency;Capital Observer|newspaper;Atlas Dispatch|website
Sunrise Television|broadcaster;Riverbend Times|newspaper;Coastline Herald|newspaper;Granite Report|website
Kestrel News Agency|agency;Polar Star Radio|broadcaster;Eastfield Courier|newspaper;Summit Bulletin|website
Ironbridge Gazette|newspaper;Blue Harbour Review|website;Crescent Daily|newspaper;Pinnacle Daily|newspaper
Lighthouse Live|website;Zenith Broadcasting|broadcaster;Mosaic Wire|agency;Civic Register|newspaper"""
OUTLET_LIST = [tuple(o.split("|")) for line in OUTLETS.splitlines() for o in line.split(";")]
DOMAIN_OUTLETS = {
    "sports": [
        "Touchline Daily|newspaper",
        "The Final Whistle Podcast|website",
        "Goalmouth Gazette|newspaper",
    ],
    "mergers": ["Merger Circuit|website", "Ledger & Loom|newspaper"],
    "tech": ["Circuit Board Weekly|website"],
    "courts": ["Bench Review|website"],
    "health": ["Clinical Ledger|website"],
    "trade": ["Freight Monitor|website"],
}
BANKS = ["Harbourline Capital", "Tessera Bank", "Northwall Securities", "Ondine Partners", "Caldera Research"]
THINKS = [
    "the Institute for Regional Studies",
    "the Meridian Policy Centre",
    "the Caspian Forum",
    "the Lindholm Institute",
]
VENUES = [
    "Geneva",
    "Vienna",
    "Doha",
    "Nairobi",
    "Oslo",
    "Singapore",
    "Istanbul",
    "Lisbon",
    "Helsinki",
    "Muscat",
    "Montevideo",
]
MONTHS = "January February March April May June July August September October November December".split()
WEEKDAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
NTH = ["third", "fourth", "fifth", "sixth", "eighth", "tenth"]
DEADLINES = ["the end of the year", "the summer", "the end of the month", "the next summit", "the autumn"]
PLATFORMS = ["X", "Telegram", "Facebook", "Instagram", "Threads"]
PHOTO_AGENCIES = ["Kestrel Images", "Northlight Photo", "Meridian Pictures", "Atlas Press Photo"]
READ_ALSO = [
    "Copper prices edge higher as port strike drags on",
    "Central bank holds rates steady for third month",
    "Five things to watch in markets this week",
    "Heatwave pushes power demand to record",
    "Opinion: The quiet return of industrial policy",
    "Airline profits rebound on strong summer travel",
    "Fuel prices fall for second straight week",
    "Football: Late goal sends holders through",
    "Inside the race to build cheaper batteries",
    "Rail fares to rise next year, operators confirm",
    "Weekend weather: storms expected in the north",
    "Shares slip as investors weigh jobs data",
]

# pre-title | appositive | description | speaker type   (one role option per line)
ECON = """economist|an economist at {bank}|the economist|person
analyst|a senior analyst at {think}|the analyst|person
Professor|a professor of international relations at {uni}|the professor|person"""
COMPANY_PEOPLE = """{short} chief executive|{short}'s chief executive|the chief executive|official
{short} chair|chair of {the}|the chair|official
{short} {sp}|a {sp} for {the}|the {sp}|official"""
SPEC = {
    "trade": dict(
        A="country",
        B="country",
        R="pool:tradebody",
        M="{adj} Trade Ministry|the ministry;{name}'s trade ministry",
        pA="""{adj} Trade Minister|{name}'s trade minister|the minister|official
{adj} trade ministry {sp}|a {sp} for the {adj} trade ministry|the {sp}|official
{adj} chief negotiator|{name}'s chief trade negotiator|the negotiator|official""",
        pR="{short} Director-General|director-general of {the}|the director-general|official",
        pX=ECON,
        styles="wire broadsheet trade-press state-media",
        params=dict(
            prod="steel;rice;lumber;solar panels;electric vehicles;palm oil;wheat;fertiliser;copper;shrimp;textiles"
        ),
        vocab=dict(
            talks=["talks on {prod} duties", "negotiations over {prod} quotas", "trade talks"],
            talks_h=["{prod} talks", "trade talks"],
            deal=["a deal on {prod} duties", "an agreement on {prod} quotas"],
            deal_h=["{prod} deal", "trade deal"],
            dispute=["the {prod} dispute", "the row over {prod} duties"],
            demand=["lower duties on {prod}", "larger {prod} quotas"],
            measure=["the {pct}% duty on imported {prod}"],
            cond=["lifted the new duties", "dropped its threat of further levies"],
        ),
    ),
    "war": dict(
        A="country",
        B="pool:rebels",
        R="country",
        M="{adj} Defence Ministry|the ministry;{name}'s defence ministry",
        pA="""{adj} Defence Minister|{name}'s defence minister|the minister|official
{adj} army {sp}|a {sp} for the {adj} army|the {sp}|official
{adj} government {sp}|a {sp} for the {adj} government|the {sp}|official""",
        pB="""{short} commander|a senior commander of {the}|the commander|official
rebel {sp}|a {sp} for {the}|the {sp}|official""",
        pR="{adj} Foreign Minister|{name}'s foreign minister|the foreign minister|official",
        pX="security analyst|a security analyst at {think}|the analyst|person\n" + ECON,
        styles="wire broadsheet state-media tabloid",
        params=dict(
            town="Varenko;Duvana;Kesh Ridge;Tolmara;Sarnik;Ostrel", region="northern;eastern;border;coastal"
        ),
        vocab=dict(
            talks=["ceasefire talks", "talks on a truce", "negotiations on a prisoner exchange"],
            talks_h=["truce talks", "ceasefire talks"],
            deal=["a ceasefire", "a truce", "a prisoner exchange"],
            deal_h=["ceasefire", "truce"],
            dispute=["the fighting in the {region} region", "the conflict"],
            demand=[
                "a halt to air strikes",
                "the withdrawal of troops from {town}",
                "safe corridors for civilians",
            ],
            measure=["the offensive around {town}"],
            cond=["halted its offensive", "stopped the shelling of {town}"],
        ),
    ),
    "mergers": dict(
        A="pool:firm",
        B="pool:firm",
        R="fmt:{adj} Competition Authority|the regulator;the competition watchdog|government",
        pA=COMPANY_PEOPLE,
        pR="competition commissioner|head of {the}|the commissioner|official",
        pX="analyst|an analyst at {bank}|the analyst|person\n" + ECON,
        styles="trade-press broadsheet wire blog",
        params=dict(bn="1.8;2.4;3.1;4.6;7.2"),
        vocab=dict(
            talks=["takeover talks", "merger talks", "talks over a combination of the two groups"],
            talks_h=["merger talks", "takeover talks"],
            deal=["a takeover", "a merger agreement", "a deal"],
            deal_h=["merger", "takeover"],
            dispute=["the bid battle", "the takeover saga"],
            demand=["a higher price", "guarantees on jobs"],
            measure=["the {bn} billion euro bid"],
            cond=["raised its offer", "guaranteed jobs for three years"],
        ),
    ),
    "labour": dict(
        A="pool:union",
        B="pool:employer",
        R="org:Arbitration and Conciliation Service|ACS|the conciliation service|1",
        pA="""{short} general secretary|general secretary of {the}|the union leader|official
union {sp}|a {sp} for {the}|the {sp}|official
{short} chief negotiator|chief negotiator for {the}|the negotiator|official""",
        pB="""{short} chief executive|{short}'s chief executive|the chief executive|official
{short} human resources director|director of human resources at {the}|the director|official
company {sp}|a {sp} for {the}|the {sp}|official""",
        pR="{short} chief conciliator|chief conciliator at {the}|the conciliator|official",
        pX="labour economist|a labour economist at {uni}|the economist|person\n" + ECON,
        styles="wire broadsheet tabloid blog",
        params={},
        vocab=dict(
            talks=["pay talks", "talks over pay and rosters"],
            talks_h=["pay talks", "strike talks"],
            deal=["a pay deal", "an agreement on pay"],
            deal_h=["pay deal", "strike deal"],
            dispute=["the dispute over pay", "the strike dispute"],
            demand=["a {pct}% pay rise", "shorter shifts"],
            measure=["the planned {n}-day strike"],
            cond=["withdrew the threat of job cuts", "improved its offer"],
        ),
    ),
    "sports": dict(
        A="pool:club",
        B="pool:club",
        R=None,
        pP="{short} striker|the {nat} striker|the striker|person\n{short} midfielder|the {nat} midfielder|the midfielder|person",
        pA="""{short} sporting director|{short}'s sporting director|the sporting director|official
{short} head coach|the head coach of {the}|the coach|official
{short} president|president of {the}|the president|official""",
        pR="agent|the player's agent|the agent|person",
        pX="pundit|a former international turned television pundit|the pundit|person",
        styles="tabloid blog broadsheet",
        params={},
        vocab=dict(
            talks=["transfer talks", "talks over a transfer", "contract talks"],
            talks_h=["transfer talks"],
            deal=["a transfer", "a deal for the player"],
            deal_h=["transfer", "deal"],
            dispute=["the transfer saga"],
            demand=["a higher fee", "a sell-on clause"],
            measure=["the {n} million euro release clause"],
            cond=["lowered its asking price", "agreed to a loan first"],
        ),
    ),
    "elections": dict(
        A="pool:party",
        B="pool:party",
        R="fmt:{adj} Electoral Commission|the commission;the electoral commission|government",
        pA="""{short} leader|leader of {the}|the party leader|official
{short} {sp}|a {sp} for {the}|the {sp}|official
{short} deputy leader|deputy leader of {the}|the deputy leader|official""",
        pR="commission chair|chair of {the}|the chair|official",
        pX="political scientist|a political scientist at {uni}|the political scientist|person\n" + ECON,
        styles="broadsheet wire blog tabloid",
        params={},
        vocab=dict(
            talks=["coalition talks", "talks on forming a government"],
            talks_h=["coalition talks"],
            deal=["a coalition agreement", "a power-sharing deal"],
            deal_h=["coalition deal"],
            dispute=["the row over the budget", "the deadlock after the election"],
            demand=["the finance ministry", "a referendum on electoral reform"],
            measure=["the snap election"],
            cond=["dropped its demand for the finance ministry", "accepted a rotating premiership"],
        ),
    ),
    "courts": dict(
        A="pool:plaintiff",
        B="pool:defendant",
        R="fmt:{adj} High Court|the court|organization",
        pA="""{short} lawyer|a lawyer for {the}|the lawyer|official
{short} chair|chair of {the}|the chair|official""",
        pB="""{short} general counsel|general counsel at {the}|the company's lawyer|official
{short} {sp}|a {sp} for {the}|the {sp}|official""",
        pR="Judge|the presiding judge|the judge|official",
        pX="law professor|a professor of law at {uni}|the professor|person",
        styles="wire broadsheet blog trade-press",
        params=dict(
            harm="the 2022 chemical spill;contaminated water supplies;cancelled flights;polluted fishing grounds"
        ),
        vocab=dict(
            talks=["settlement talks"],
            talks_h=["settlement talks"],
            deal=["an out-of-court settlement", "a settlement"],
            deal_h=["settlement"],
            dispute=["the lawsuit over {harm}", "the case"],
            demand=["compensation of {n} million euros", "a public apology"],
            measure=["the {n} million euro damages claim"],
            cond=["acknowledged responsibility", "raised its offer"],
        ),
    ),
    "health": dict(
        A="country",
        B="pool:pharma",
        R="fmt:{adj} Medicines Agency|the agency;the regulator|government",
        M="{adj} Health Ministry|the ministry;{name}'s health ministry",
        pA="""{adj} Health Minister|{name}'s health minister|the minister|official
{adj} health ministry {sp}|a {sp} for the {adj} health ministry|the {sp}|official""",
        pB=COMPANY_PEOPLE,
        pR="{short} director|director of {the}|the director|official",
        pX="health economist|a health economist at {uni}|the economist|person",
        styles="broadsheet wire trade-press state-media",
        params=dict(drug="Novaxil;Cardiprene;Lumatrex;Respira;Ostavin"),
        vocab=dict(
            talks=["price negotiations over {drug}", "talks on the price of {drug}"],
            talks_h=["{drug} price talks", "drug price talks"],
            deal=["a supply deal for {drug}", "a pricing agreement"],
            deal_h=["{drug} deal", "drug price deal"],
            dispute=["the dispute over the price of {drug}"],
            demand=["a lower price for {drug}", "guaranteed delivery dates"],
            measure=["the decision to delist {drug}"],
            cond=["cut the price of {drug}", "guaranteed supplies"],
        ),
    ),
    "tech": dict(
        A="pool:techco",
        B="pool:techco",
        R="fmt:{adj} Digital Markets Authority|the authority;the regulator|government",
        pA=COMPANY_PEOPLE + "\n{short} chief legal officer|{short}'s chief legal officer|the lawyer|official",
        pR="commissioner|head of {the}|the commissioner|official",
        pX="technology analyst|a technology analyst at {bank}|the analyst|person\n" + ECON,
        styles="trade-press blog broadsheet wire",
        params=dict(tech="5G modems;battery chemistry;cloud storage;image sensors;wireless charging"),
        vocab=dict(
            talks=["licensing talks", "talks over patent royalties"],
            talks_h=["licensing talks", "patent talks"],
            deal=["a licensing deal", "a cross-licensing agreement"],
            deal_h=["licensing deal", "patent deal"],
            dispute=["the patent dispute over {tech}"],
            demand=["lower royalty rates", "access to the source code"],
            measure=["the injunction on imported devices"],
            cond=["dropped its lawsuits", "agreed to lower royalties"],
        ),
    ),
}

# ---------------------------------------------------------------- frames
HEADLINES = r"""
d - A - | {A.cap} denies {talks_h} as {B.cap} claims progress
d - A - | {A} denies {talks_h}, calls reports ‘fabricated’
e - A - | {A} pushes for {deal_h} before {deadline}
e - A - | {A} seeks fresh {talks_h} with {B}
o - A - | {A} open to {talks_h}, but on its own terms
o - B - | {B} signals readiness for {talks_h}
d - B - | {B} rules out {talks_h} with {A}
n - - - | What we know about the {talks_h}
n - - - | {talks_h} to resume in {city} next week
e pA = - | ‘Very close’ to {deal_h}, <<says>> [[{pA.sur}]]
o pA = - | [[{pA.sur}]]: door ‘open’ to {talks_h}
d pA = - | ‘No talks’ with {B}, <<says>> [[{pA.sur}]]
e U:unnamed_sources A - | {A} <<reportedly>> reaches out to {B} in {talks_h} push
n - - - | {A} and {B} trade barbs as {dispute} drags on
d - A - | {A} dismisses report of secret {talks_h}
e O1 A - | {A} eager for {deal_h}, <<says>> [[{O1}]]
n - - - | Mixed signals over {talks_h} as deadline nears
e - A - | {A} steps up push for {deal_h}
d - B - | {B} rejects {A}'s offer
n - - - | {R} to host next round of {talks_h}
e - R - | {R} sees {deal_h} ‘within reach’
o - A - | {A.cap} ready to talk, but only ‘on fair terms’
d pB = - | [[{pB.sur}]] <<rejects>> talk of {deal_h}
"""

LEADS = r"""
e U:unnamed_sources A - | {A} has <<reportedly>> reached out to {B} in an effort to restart {talks}, months after {dispute} began.
d A = - | [[{A}]] on {weekday} <<denied>> that it had reopened {talks}, contradicting reports of a breakthrough.
e O1 A - | [[{O1}]] <<reported>> {day} that {A} was “proactively” seeking dialogue with {B} through “multiple channels”.
o pA = - | [[{pA.n}]]{pA.apc} <<said>> {day} that {A} was ready to resume {talks} on condition that {B} {cond}.
e pR = - | [[{pR.n}]]{pR.apc} <<said>> {day} that {A} and {B} were “within touching distance” of {deal}.
n - - - | {A} and {B} are due to resume {talks} in {city} on {date}, {n} weeks after the last round collapsed.
d pB = - | [[{pB.n}]]{pB.apc} on {weekday} <<dismissed>> reports that {B} had agreed to {deal}.
e U:people_familiar_with_the_matter A - | {A} is pushing for {deal} before {deadline}, [[people familiar with the matter]] <<said>> {day}.
n - - - | {dispute} entered its {nth} month on {weekday} with no sign of a settlement.
o A = - | [[{A}]] <<said>> on {weekday} it was open to {talks} with {B}, but only if {B} {cond}.
e U:unnamed_sources A O1 | <<According to>> [[sources]] cited by {O1}, {A} made a fresh approach to {B} this week.
d MA = - | [[{MA}]] on {weekday} <<rejected>> reports that it was negotiating with {B}, calling them “groundless”.
"""

GENERIC = r"""
e pA = - | “We want {deal} and we want it {soon|this year|before {deadline}},” [[{pA.ref}]] <<said>> {day}.
e pA = - | “We are talking to {B} every day,” [[{pA.pron}]] <<said>>.
e pA = - | “{A deal is within reach|An agreement is within reach|We are nearly there},” <<said>> [[{pA.n}]]{pA.ap}.
e pA = - | “There is a very good chance we get this done,” [[{pA.ref}]] <<told reporters>> in {city}.
e pA = - | “We have made real progress,” [[{pA.pron}]] <<said>>, “and I expect the remaining gaps to close within weeks.”
e pA = - | “We are ready to sign tomorrow,” [[{pA.ref}]] <<said>> at ⟪a press conference⟫ in {A.cap}.
e pA = - | “Our negotiators will stay in {city} until we have {deal},” [[{pA.ref}]] <<said>>. || c e = | “We are not {leaving the table|going anywhere|walking away}.”
e pA = - | “The sooner we sit down, the better for everyone,” [[{pA.pron}]] <<added>>.
e pA = - | “Nobody wants this to drag on, least of all us,” [[{pA.ref}]] <<wrote>> on ⟪X⟫.
e pA = - | “We are pushing for a meeting at the highest level,” [[{pA.pron}]] <<told reporters>>. || c e = | “Every week without an agreement is {a week lost|a week wasted|bad for everybody}.”
e pA = - | “Of course we want an agreement, and we want it this year,” <<said>> [[{pA.n}]]{pA.ap}.
e pA = O2 | “I have never been more optimistic,” [[{pA.ref}]] <<said>> in ⟪an interview with {O2}⟫.
e pA = - | “We have sent them a new proposal and we expect an answer this week,” [[{pA.pron}]] <<said>>.
e pA = - | “The text is ninety percent agreed,” [[{pA.ref}]] <<said>>, “and we are working day and night on the rest.”
e pA = - | [[{pA.ref}]] <<said>> {day} that {A} was “pushing hard” for {deal}.
e pA = - | [[{pA.ref}]] <<insisted>> that negotiators had “narrowed the gaps considerably” in recent days.
e pA = - | Speaking on ⟪{A.adj} state television⟫, [[{pA.ref}]] <<said>> {A} had sent a new proposal to {B} and was waiting for a reply.
e pA = - | [[{pA.ref}]] <<told reporters>> that the two sides were “very close” to {deal}.
e pA = - | [[{pA.sur}]] <<said>> {pA.pron} expected {deal} “within weeks, not months”.
e pA = - | [[{pA.ref}]] <<said>> {pA.pos} team had held “constructive” contacts with {B} and wanted a formal round of talks before {deadline}.
e pA = - | In a post on ⟪X⟫, [[{pA.ref}]] <<said>> negotiators had made “substantial progress” overnight.
e pA = - | [[{pA.ref}]] <<maintained>> that there was “a very good chance” of {deal}.
e pA = - | [[{pA.pron}]] <<said>> {pA.pron} would travel to {city} next week to push for {deal}.
e pA = - | [[{pA.ref}]] <<said>> {A} would send a delegation to {city} “as early as next week” to close the remaining gaps.
e pA = - | <<According to>> [[{pA.ref}]], the two sides now speak “almost daily”.
e pA = - | [[{pA.ref}]] <<said>> on ⟪{A.adj} state radio⟫ that {A} “will not rest” until {deal} is signed.
e A = - | [[{A}]] <<said>> in ⟪a statement⟫ that it was “actively seeking” a return to {talks}.
e MA = - | [[{MA}]] <<said>> {day} that it had proposed three dates for a new round of talks.
e A = - | [[{A.they}]] <<said>> they were “in a hurry” to put {dispute} behind them.
e pA = - | [[{pA.desc}]] <<added>> that a draft text was already “on the table”.
e pA B - | [[{pA.ref}]] <<claimed>> that {B} was “desperate” to return to the table.
e pA B - | [[{pA.sur}]] <<said>> it was {B} that had asked for the meeting, not the other way round.
e pA B - | “They are the ones knocking on our door,” [[{pA.pron}]] <<said>>.
e pA B - | [[{pA.ref}]] <<asserted>> that {B} was keen to reach {deal} before {deadline}.
e pA B - | “{B.cap} calls us every day,” [[{pA.ref}]] <<said>>. || c e B | “They know they need this {more than we do|badly}.”
e pA B - | [[{pA.ref}]] <<said>> {B} was “the more anxious party” in {dispute}.
e O1 B - | [[{O1}]] <<reported>> that {B} had been pressing {R} to arrange a meeting.
e O1 A - | [[{O1}]] <<reported>> {day} that {A} had quietly reached out to {B} through intermediaries.
e U:unnamed_sources A O1 | <<According to>> [[sources]] quoted by {O1}, {A} is increasingly eager to restart {talks}.
e U:unnamed_officials A O1,O2 | {O1}, citing {O2}, <<said>> [[officials]] had confirmed that {A.cap} was pushing for {deal}.
e U:unnamed_sources A - | {A} has <<reportedly>> sent envoys to {city} to sound out {B} about {deal}.
e U:unnamed_sources A - | {A} <<is said to>> be pressing for a meeting before the end of {month}.
e U:people_familiar_with_the_matter A - | {A} has asked {R} to broker a new round of talks, <<according to>> [[people familiar with the matter]].
e U:people_familiar_with_the_matter A - | [[Sources familiar with the matter]] <<said>> {A} had drafted a compromise text and was “eager to table it”.
e U:unnamed_officials A - | [[Officials who asked not to be named]] <<said>> {A} wanted the talks to resume “as soon as possible”.
e U:unnamed_officials A O1 | {O1} <<quoted>> [[a senior official]] as saying that {A} was ready to sign “within days”.
e U:unnamed_sources A O1 | {A} is keen to settle {dispute} quickly, [[sources]] quoted by {O1} <<said>>.
e U:unnamed_sources B O1,O2 | Citing a report in {O2}, {O1} <<said>> [[diplomatic sources]] expected {B} to push for {deal} before {deadline}.
e O1 A - | [[{O1.rep}]] <<added>> that {A} was under “multiple pressures” to settle {dispute}.
e O1 A - | “From a negotiating standpoint, {A} is the more anxious party,” [[{O1.desc}]] <<noted>> in a post on ⟪{platform}⟫.
e O1 A - | [[{O1}]], citing internal documents, <<said>> {A} had set an informal deadline of {deadline} for {deal}.
o pA = - | “Our door is open if {B} {wants to talk|is serious|is ready},” [[{pA.ref}]] <<said>>.
o pA = - | “We are ready to talk,” [[{pA.pron}]] <<said>>, “but not at any price.”
o pA = - | “We will negotiate, but only on the basis of mutual respect,” <<said>> [[{pA.n}]]{pA.ap}.
o pA = - | “If they come with a {serious|credible|reasonable} offer, we will listen,” [[{pA.ref}]] <<said>>.
o pA = - | “Any agreement has to work for both sides,” [[{pA.sur}]] <<said>>. || c o = | “We are not going to sign something that {leaves our own people worse off|we cannot defend at home}.”
o pA = - | “We have never closed the door,” [[{pA.pron}]] <<said>> in ⟪a radio interview⟫.
o pA = - | “We invite {B} to come back to the table,” [[{pA.ref}]] <<said>> in ⟪a statement⟫.
o pA = - | “We are prepared to be flexible on the timetable,” [[{pA.pron}]] <<added>>, “not on the principles.”
o pA = - | “Let them put something in writing and we will look at it seriously,” [[{pA.ref}]] <<told reporters>> in {city}.
o pA = - | “Dialogue is always better than confrontation,” [[{pA.ref}]] <<said>>. || c o = | “But dialogue means both sides {give something|make concessions|move}.”
o pA = - | "We can meet halfway," [[{pA.ref}]] <<said>>, "provided the other side does the same."
o pA = - | “Nothing is off the table as long as the talks are serious,” [[{pA.pron}]] <<said>>.
o pA = - | [[{pA.ref}]] <<said>> {A} would consider {deal} if {B} showed “real flexibility” on {demand}.
o pA = - | [[{pA.sur}]] <<called for>> “fair, balanced and reciprocal” talks with {B}.
o pA = - | [[{pA.ref}]] <<said>> {A} remained “open to dialogue” but would not negotiate under pressure.
o pA = - | [[{pA.ref}]] <<signalled>> that {A} could accept a phased approach, provided the first steps were “concrete and verifiable”.
o pA = - | [[{pA.sur}]] <<said>> {pA.pron} was willing to meet {pB.ref} “anywhere, at any time”, as long as the agenda was agreed in advance.
o pA = - | <<According to>> [[{pA.ref}]], {A} is “willing to listen to any reasonable proposal”.
o pA = - | [[{pA.ref}]] <<said>> on ⟪X⟫ that {A} would “study carefully” any offer from {B}.
o pA = - | [[{pA.pron}]] <<stressed>> that {A} had “no objection in principle” to {talks}, but wanted {R} involved.
o pA = - | [[{pA.desc}]] <<said>> a compromise on {demand} was “not impossible”.
o A = - | [[{A}]] <<said>> in ⟪a statement⟫ that it was “ready to engage constructively” with {B}.
o A = - | However, [[{A.they}]] have <<reiterated calls>> for {B} to engage in “fair, respectful and reciprocal” dialogue.
o MA = - | [[{MA.desc}]] <<said>> it would “welcome” any initiative by {R} to bring the two sides together.
o U:unnamed_officials A - | [[Officials in {A.cap}]] <<said>> privately that a compromise on {demand} could be found.
o pA B - | [[{pA.sur}]] <<said>> {pA.pron} believed {B} was “ready to compromise” on {demand}.
o O1 B - | [[{O1}]] <<reported>> that {B} was willing to resume {talks} if {R} acted as guarantor.
o U:unnamed_sources B - | {B} <<is said to>> be open to a limited agreement covering {demand}.
o pR = - | “We stand ready to host the next round whenever the parties are ready,” [[{pR.ref}]] <<said>>.
o pR = - | [[{pR.ref}]] <<offered>> to host both delegations in {city} “at short notice”.
d pA = - | “There are no {negotiations|talks|negotiations, full stop},” [[{pA.ref}]] <<said>>.
d pA = - | “There has been no phone call, no meeting and no letter,” [[{pA.pron}]] <<said>>.
d pA = - | “I can tell you clearly: {A} is not negotiating,” [[{pA.ref}]] <<said>>. || c d = | “Whoever says otherwise is {misleading the public|spreading rumours|simply wrong}.”
d pA = - | “That {story|report|article} is false from beginning to end,” [[{pA.pron}]] <<wrote>> on ⟪X⟫.
d pA = - | “We are not in talks and we are not seeking talks,” <<said>> [[{pA.n}]]{pA.ap}.
d pA = - | “We have nothing to discuss with them,” [[{pA.ref}]] <<said>> at ⟪a press conference⟫ in {city}.
d pA = - | “These reports are pure invention,” [[{pA.pron}]] <<said>>. || c d = | “No delegation has gone {anywhere|to {city}|abroad}.”
d pA = - | “No, no and no,” [[{pA.ref}]] <<said>> when asked whether a deal was close.
d pA = - | "Nobody from our side has met anybody from their side," [[{pA.pron}]] <<told reporters>>.
d pA = - | “There is nothing on the table and nothing under it,” [[{pA.ref}]] <<said>>, “whatever you may have read.”
d pA = - | [[{pA.ref}]] <<denied>> that any talks were taking place.
d pA = - | [[{pA.sur}]] <<dismissed>> the reports as “{pure fabrication|baseless|nonsense}”.
d pA = - | [[{pA.ref}]] <<rejected>> claims that {A} had requested the meeting, calling them “fake news”.
d pA = - | [[{pA.sur}]] <<refuted>> suggestions that {A} was anxious for {deal}.
d pA = - | Asked about the reports, [[{pA.ref}]] <<said>>: “Nothing of the kind is happening.”
d pA = - | [[{pA.ref}]] <<said>> {A} had “no intention whatsoever” of reopening {talks}.
d pA = - | The reports of a breakthrough were “wishful thinking”, [[{pA.sur}]] <<said>>.
d pA = - | [[{pA.ref}]] <<insisted>> on ⟪{A.adj} state television⟫ that there had been “no contact of any kind” with {B}.
d pA = - | [[{pA.desc}]] <<ruled out>> a meeting with {pB.ref} “under the current circumstances”.
d pA = O2 | In ⟪an interview with {O2}⟫, [[{pA.ref}]] <<denied>> that {A} was preparing a new offer.
d pA = - | [[{pA.pron}]] <<played down>> talk of a breakthrough, saying the two sides “have not even agreed on an agenda”.
d A = - | [[{A}]] <<denied>> the report {day}.
d MA = - | [[{MA.desc}]] later <<dismissed>> the report as “baseless”.
d MA = - | [[{MA}]] <<said>> in ⟪a statement⟫ that “no negotiations of any kind” were under way.
d A = - | [[{A.they}]] have consistently <<denied>> that any formal talks are under way.
d U:unnamed_officials A - | [[Officials in {A.cap}]] <<denied>> that a meeting had taken place.
d pA B - | [[{pA.ref}]] <<accused>> {B} of refusing even to discuss {demand}.
d pA B - | “They keep saying no to everything,” [[{pA.pron}]] <<complained>>.
d pB = O1 | “We are not negotiating and we will not negotiate,” [[{pB.ref}]] <<was quoted as saying>> by {O1}.
d pA = O1 | [[{pA.ref}]] <<denied>> any contact with {B}, {O1} reported.
d U:unnamed_sources A O1 | {A} has no plans to resume {talks}, [[sources]] quoted by {O1} <<said>>, contradicting earlier reports.
n - - - | The talks {opened|began|got under way} in {city} in {month}.
n - - - | The next round of talks is {scheduled|expected|due} to open on {date} in {city}.
n - - - | The two sides last met in {city} in {month}{ for a single day| for two days|}.
n - - - | Neither side has {published|set out|announced} a timetable{ for {talks}|}.
n - - - | It was not immediately clear who would lead the {delegations|two delegations|negotiating teams}.
n - - - | {Open questions remain|Questions remain|It remains unclear} over how any agreement would be {monitored|enforced|verified}.
n - - - | {R} has hosted {three|two|four} rounds of talks since {dispute} began.
n - - - | The meeting in {city} lasted just under {hrs} hours.
n - - - | {A}'s denial came just hours after {O1} published its story.
n - - - | {Markets|Investors|Diplomats and investors alike} are keenly watching for any sign of movement.
n - - - | Denials of this kind are {common|routine|not unusual} in the run-up to an agreement.
n - - - | Whether these {contacts|backchannel efforts|exploratory meetings} will evolve into formal talks remains to be seen.
n - - - | Any movement toward a resolution is likely to be {slow and politically fraught|slow|halting}.
n - - - | {dispute} has dragged on for {n} months.
n - - - | The last round {ended without agreement|broke up without a joint statement|ended early}{ in {month}|}.
n - - - | Both sides have been under pressure at home to show {results|progress}.
n - - - | {A} and {B} have been at odds over {demand} since {month}.
n - - - | The {keenest|sharpest|deepest} disagreements concern {demand}.
n - - - | The denial did little to calm {speculation|the speculation|market jitters}.
n - - - | The offer, first made in {month}, has never been formally withdrawn.
n - - - | Talk of {a deal|an agreement|a breakthrough} has come and gone several times this year.
n - - - | The exchange was the latest in a series of {conflicting|mixed} signals from the two sides.
n - - - | {A} and {B} have not held formal talks since {month}.
n - - - | It is not the first time the two sides have {traded public accusations|contradicted each other in public|given conflicting accounts}.
n - - - | The issue is expected to come up when {R} meets in {city} on {date}.
n - - - | For now, the two sides remain {far apart|some distance apart|deadlocked}{ on {demand}|}.
n pX - - | “Both sides are paying a price for this,” <<said>> [[{pX.n}]]{pX.ap}.
n pX - - | [[{pX.ref}]] <<said>> the dispute had already cost both sides dearly.
n pX - - | “Whether this turns into formal talks remains to be seen,” [[{pX.pron}]] <<said>>.
n pX - - | <<According to>> [[{pX.ref}]], any agreement is likely to take months to finalise.
n pX - - | “Public denials and private contacts often go together at this stage,” [[{pX.ref}]] <<said>>.
n pX - - | [[{pX.ref}]] <<noted>> that talks of this kind usually open with months of quiet contacts.
n pX - - | “Everyone is keen to look tough in public,” [[{pX.pron}]] <<said>>. || c n - | “That tells you very little about what happens {in private|behind closed doors}.”
n pX - - | [[{pX.desc}]] <<cautioned>> against reading too much into the latest statements.
n pX - O2 | “The real question is who blinks first,” [[{pX.ref}]] <<said>> in ⟪an interview with {O2}⟫.
n A = - | [[{A}]] <<declined to comment>>{| when contacted by {O1}| on {weekday}}.
n pB = - | [[{pB.ref}]] <<declined to comment>> on the report.
n MA = - | [[{MA.desc}]] <<has a policy of not commenting>> on ongoing negotiations.
n - B - | {B} did not respond to {requests|a request} for comment{| on {weekday}}.
n - A - | {A.cap} has not commented publicly on the report.
n O1 - - | [[{O1}]] <<said>> it had seen a copy of the draft, which runs to {n} pages.
n O1 - - | [[{O1}]] <<reported>> that the delegations had met at a hotel on the outskirts of {city}.
n pR - - | [[{pR.ref}]] <<said>> the next meeting would take place in {city} on {date}.
n pR - - | [[{pR.ref}]] <<told reporters>> that both delegations had received the draft agenda.
n pR = - | [[{pR.ref}]] <<declined to say>> whether the two sides had met.
n pA = - | Asked whether a meeting was planned, [[{pA.ref}]] <<said>> only: “We will see.”
n U:unnamed_sources - - | The draft runs to {n} pages, <<according to>> [[people who have seen it]].
e pR = - | [[{pR.ref}]] <<said>> the two sides were “closer than they have been in months”.
e R = - | [[{R}]] <<urged>> both sides to conclude {deal} “without further delay”.
e pR = - | “I believe an agreement can be reached before {deadline},” [[{pR.ref}]] <<said>>.
o R = - | [[{R}]] <<said>> it was willing to act as guarantor of any agreement.
e - A - | {A} wants {deal} before {deadline}.
e - A - | {A} is the side in a hurry.
e - A - | {A} badly needs a win, and {deal} would give it one.
d - A - | {A} has insisted it is not negotiating.
o - A - | {A.cap} has signalled that it could live with a compromise on {demand}.
d - B - | For now, {B} shows no interest in returning to the table.
o - B - | {B.cap} is willing to listen, but it wants guarantees first.
d - A - | {A.cap} has consistently denied that any formal talks are under way.
o - A - | {A} has left the door ajar.
e - B - | {B} has been lobbying {R} for months to set up a meeting.
d - B - | {B} has so far refused to send a delegation.
o - B - | {B} would accept mediation by {R}, but only with a fixed agenda.
e - A - | Behind the scenes, {A} has been working the phones.
d - A - | {A} wants no part of it.
o - A - | Nor has {A} ruled out a meeting.
"""

DOMAIN_FRAMES = {
    "trade": r"""
n - - - | In {month}, {A} imposed {measure}, and {B} retaliated within days with duties of its own.
n - - - | Bilateral trade between {A} and {B} was worth about {n} billion dollars last year.
n - - - | Exporters on both sides have reported {cancelled orders|falling sales} since the duties took effect.
n - - - | The measures have deepened market volatility and complicated {logistics for shippers|trade logistics|planning for exporters}.
e pA = - | “Our exporters cannot wait another season,” [[{pA.ref}]] <<said>>, urging {B} to “get serious” about {deal}.
d pB = - | [[{pB.ref}]] <<said>> {B} would “not be bullied” into lowering its duties and that no talks were planned.
o MB = - | [[{MB}]] <<said>> it was ready to discuss {demand} “within a multilateral framework”.
n pX - - | [[{pX.ref}]] <<said>> {prod} prices had risen by {pct}% since the duties were imposed.
o U:unnamed_sources A - | {A} <<is said to>> have offered to suspend {measure} if {B} reciprocates.
d A = - | [[{A.cap}]] <<called>> the reports of a quota deal “pure speculation”.
e pA B - | [[{pA.ref}]] <<said>> {B.adj} exporters were “begging” their government to strike {deal}.
n - - - | Shipping data show {prod} exports from {A} fell {pct}% in the first quarter.
""",
    "war": r"""
n - - - | Fighting around {town} has displaced tens of thousands of people since {month}.
n - - - | The previous ceasefire, agreed in {month}, collapsed within {a week|days|a fortnight}.
e pB = - | “We want a ceasefire tonight if possible,” [[{pB.ref}]] <<said>> in ⟪a video posted on Telegram⟫.
d A = - | [[{A.cap}]] on {weekday} <<ruled out>> any truce with “terrorist groups”.
e pA B - | [[{pA.ref}]] <<claimed>> that {B} was “desperate for a truce” after heavy losses around {town}.
o pB = - | [[{pB.ref}]] <<said>> the rebels would lay down their arms around {town} if government troops pulled back first.
d pB = - | “We will never sit down with those who bomb our villages,” [[{pB.pron}]] <<said>>.
n - - - | Aid convoys have been unable to reach {town} for {n} days.
e R = - | [[{R.cap}]] <<said>> it had passed “concrete proposals” for a truce to both sides and expected replies within days.
e U:unnamed_officials A - | {A} is quietly seeking a pause in the fighting, [[officials who asked not to be named]] <<said>>.
n pX - - | [[{pX.ref}]] <<said>> neither side had the strength to win outright.
d MA = - | [[{MA.desc}]] <<denied>> that troops were withdrawing from {town}, calling the reports “enemy propaganda”.
n - - - | {Casualty figures|The figures|Those claims} could not be independently verified.
""",
    "mergers": r"""
n - - - | {A}'s shares rose {pct}% on the news, while {B}'s gained {pct}%.
n - - - | The combined group would have annual sales of about {bn} billion euros.
e pA = - | [[{pA.ref}]] <<told analysts>> on ⟪an earnings call⟫ that a combination with {B} “makes compelling sense”.
d pB = - | “The offer significantly undervalues the company,” [[{pB.ref}]] <<said>>, adding that the board had “unanimously rejected” it.
o B = - | [[{B}]] <<said>> its board would “engage” with any improved proposal.
d B = - | [[{B}]] <<said>> in ⟪a stock exchange filing⟫ that it was “not in discussions” with {A}.
n R - - | [[{R}]] <<said>> it would examine the deal's impact on competition once it was formally notified.
o R = - | [[{R}]] <<said>> it could approve a combination if the companies sold overlapping businesses.
e U:people_familiar_with_the_matter A - | {A} is preparing a sweetened bid, [[people familiar with the matter]] <<said>>.
n pX - - | [[{pX.ref}]] <<said>> a bidding war could push the price above {bn} billion euros.
e pA = - | “We have the financing in place and we are ready to move,” [[{pA.pron}]] <<said>>.
n - - - | {A} first approached {B} in {month}.
""",
    "labour": r"""
n - - - | Members voted by {pct}% in favour of strike action last month.
n - - - | The last strike, in {month}, cancelled thousands of services.
e pA = - | “We want a deal on the table by Friday,” [[{pA.ref}]] <<told>> ⟪a rally in {city}⟫.
o B = - | [[{B}]] <<said>> it was “ready to return to the table at any time” and urged the union to call off the strike.
d B = - | [[{B}]] <<said>> it would not improve its offer, calling the union's demands “unaffordable”.
d pA = - | [[{pA.ref}]] <<denied>> that the union had agreed to suspend {measure}.
o pA = - | In ⟪a letter to members⟫, [[{pA.ref}]] <<said>> the union would consider any offer that “properly reflects the cost of living”.
o R = - | [[{R}]] <<said>> it had invited both sides to “intensive talks” starting on {weekday}.
n pX - - | [[{pX.ref}]] <<said>> the dispute was costing the economy an estimated {n} million euros a day.
e pB A - | [[{pB.ref}]] <<claimed>> the union was “desperate” for a deal after members lost pay during the last walkout.
n - - - | About {two-thirds|half|three-quarters} of the company's staff are union members.
d A = - | [[{A.desc}]] <<dismissed>> reports of a secret agreement as “nonsense”.
""",
    "sports": r"""
n - - - | {pP.ref} has two years left on {pP.pos} contract.
e - A - | {A} has made {pP.ref} its top summer target.
e U:people_close_to_the_club A - | {A} is ready to meet the asking price, [[people close to the club]] <<said>>.
d pB = - | “{pP.Pron} is not for sale, full stop,” [[{pB.ref}]] <<said>>.
d B = - | [[{B}]] <<denied>> receiving any offer for {pP.ref}.
o pP = - | “I am happy here, but in football you never say never,” [[{pP.ref}]] <<said>>.
o pR = - | [[{pR.n}]]{pR.apc} <<said>> {pR.pron} would listen to “any serious proposal”.
e pA = - | “We are doing everything we can to sign {pP.sur},” [[{pA.ref}]] <<said>>.
n - - - | {pP.ref} scored {n} goals in all competitions last season.
d A = - | [[{A.desc}]] <<insisted>> there had been “no contact whatsoever” with the player's representatives.
n pX - - | “It is a lot of money for a player who has been injured twice,” [[{pX.ref}]] <<said>>.
n - - - | The transfer window {closes|shuts} on {date}.
e U:people_close_to_the_club B O1 | <<According to>> [[people close to the club]] quoted by {O1}, {B} wants the sale completed before pre-season.
""",
    "elections": r"""
n - - - | No party won {a majority|an outright majority} in the election on {date}.
n - - - | {A} finished first with {pct}% of the vote, ahead of {B}.
e pA = - | “Voters want a government by {deadline} and we intend to deliver one,” [[{pA.ref}]] <<said>> at ⟪a rally in {city}⟫.
d pB = - | [[{pB.ref}]] <<ruled out>> joining any government led by {pA.ref}.
o B = - | [[{B}]] <<said>> it was prepared to support a minority government “on a case-by-case basis”.
o pB = - | “We will talk to anyone who accepts our programme,” [[{pB.pron}]] <<said>> during ⟪a televised debate⟫.
e U:unnamed_sources A - | {A} has <<reportedly>> offered {B} the finance ministry.
d A = - | [[{A}]] <<denied>> offering any cabinet posts, calling the report “premature”.
n R - - | [[{R}]] <<said>> final results would be published on {date}.
n pX - - | [[{pX.ref}]] <<said>> coalition talks in the country typically take several weeks.
e pA B - | [[{pA.ref}]] <<said>> {B} was “secretly keen” on a coalition, whatever its leaders said in public.
n - - - | Turnout was {pct}%, the lowest in two decades.
""",
    "courts": r"""
n - - - | The case was filed in {month} on behalf of {n} claimants.
n - - - | A {hearing|preliminary hearing} is scheduled for {date}{| in {city}}.
o B = - | [[{B}]] <<said>> it remained “open to a fair settlement” but would defend itself vigorously in court.
d B = - | [[{B}]] <<denies>> any wrongdoing.
e pA = - | “We want this settled before the hearing, and we have told them so,” [[{pA.ref}]] <<said>>.
e pR = - | [[{pR.ref}]] <<urged>> the parties to “make every effort” to settle before trial.
d pA = - | [[{pA.ref}]] <<rejected>> the company's offer as “insulting” and said the case would go to trial.
n pX - - | [[{pX.ref}]] <<said>> cases of this kind often settle on the courthouse steps.
e O1 B - | [[{O1}]] <<reported>> that {B} had approached the claimants about a settlement of around {n} million euros.
d pB = - | [[{pB.ref}]] <<said>> reports of settlement talks were “simply untrue”.
o A = - | [[{A.desc}]] <<said>> it would accept mediation if the company first acknowledged responsibility.
n - - - | The claims relate to {harm}.
""",
    "health": r"""
n - - - | {drug} is used by an estimated {n},000 patients in {A}.
n - - - | The current supply contract expires on {date}.
e MA = - | [[{MA}]] <<said>> it wanted a new agreement signed “within weeks” to avoid shortages.
o pB = - | “We will supply {drug} at a fair price, not at a loss,” [[{pB.ref}]] <<said>>.
d B = - | [[{B}]] <<denied>> that it had threatened to withdraw {drug} from the market.
o pA = - | [[{pA.ref}]] <<said>> the ministry was willing to offer longer contracts in return for a lower price.
n pX - - | [[{pX.ref}]] <<said>> prices for comparable treatments varied widely between countries.
e pB = - | [[{pB.ref}]] <<said>> the company had made “significant progress” in talks with the ministry.
n - - - | Pharmacies in {A.cap} reported running low on {drug} last month.
d MA = - | [[{MA.desc}]] <<rejected>> the company's latest price proposal as “unacceptable”.
n R - - | [[{R}]] <<said>> it had no role in setting prices.
e - A - | {A} needs a deal before winter, when demand for {drug} peaks.
""",
    "tech": r"""
n - - - | The patents at issue cover {tech}.
n - - - | {A} makes about a third of its revenue from devices that use the technology.
e pA = - | “We want a licensing deal, and we want it this quarter,” [[{pA.ref}]] <<said>> at ⟪a developer conference⟫.
d B = - | [[{B}]] <<said>> in ⟪a blog post⟫ that it had “no interest” in licensing its patents to {A}.
o pB = - | [[{pB.ref}]] <<said>> the company would license the technology “on fair and reasonable terms” to anyone who asked.
d pA = - | [[{pA.ref}]] <<denied>> that {A} had infringed any patents.
e R = - | [[{R}]] <<said>> it had pressed both companies to settle the dispute “in the interest of consumers”.
n pX - - | [[{pX.ref}]] <<said>> royalty disputes of this size rarely reach a final verdict.
e U:people_familiar_with_the_matter A O1 | <<According to>> [[people familiar with the matter]] cited by {O1}, {A} has offered to pay royalties backdated to {year}.
d A = - | [[{A}]] <<called>> the report “speculative” and said no offer had been made.
n - - - | {A}'s shares have fallen {pct}% since the dispute began.
o - B - | {B} has left the door open to a cross-licensing arrangement.
""",
}

STANCE = {"e": "eager", "o": "open", "d": "denying", "n": "neutral"}
ROLES = {"A", "B", "R", "MA", "MB", "O1", "O2", "pA", "pB", "pR", "pX", "pP"}
SWAP = {"A": "B", "B": "A", "MA": "MB", "MB": "MA", "pA": "pB", "pB": "pA"}
SLOT = re.compile(r"\{(\w+)(?:\.(\w+))?\}")
ALT = re.compile(r"\{((?:[^{}|]|\{[\w.]+\})*(?:\|(?:[^{}|]|\{[\w.]+\})*)+)\}")  # {a|b|} picks one alternative


def parse_frames(block: str, group: str) -> list[dict]:
    frames = []
    for line in block.strip().splitlines():
        parts = line.strip().split(" || ")
        head, tmpl = parts[0].split(" | ", 1)
        st, spk, hol, via = head.split()
        sents = [dict(stance=STANCE[st], speaker=spk, holder=hol, via=via, tmpl=tmpl, cont=False)]
        for p in parts[1:]:
            h, t = p.split(" | ", 1)
            _, st2, hol2 = h.split()
            sents.append(dict(stance=STANCE[st2], holder=hol2, tmpl=t, cont=True))
        frames.append(dict(id=f"{group}:{len(frames)}", sents=sents))
    return frames


FRAMES = {
    "headline": parse_frames(HEADLINES, "headline"),
    "lead": parse_frames(LEADS, "lead"),
    "generic": parse_frames(GENERIC, "generic"),
}
for _d, _b in DOMAIN_FRAMES.items():
    FRAMES[_d] = parse_frames(_b, _d)


# ---------------------------------------------------------------- entities
class Ent:
    def __init__(self, canon, etype, kind, the=False, short="", desc=(), cap="", adj="", forms=None):
        self.canon, self.type, self.kind, self.short = canon, etype, kind, short
        self.disp = ("the " + canon) if the else canon
        self.desc, self.cap, self.adj = list(desc), cap, adj
        self.forms = forms or (
            [self.disp, self.disp] + ([short if not the or " " in short else "the " + short] if short else [])
        )


class Person:
    def __init__(self, rng, culture, role_spec, ctx):
        males, females, surnames = CULTURES[culture]
        self.gender = rng.choice("mf")
        self.first = rng.choice(males if self.gender == "m" else females)
        self.sur = rng.choice(surnames)
        self.canon = f"{self.first} {self.sur}"
        pre, appos, desc, ptype = rng.choice(role_spec.splitlines()).split("|")
        ctx = dict(
            ctx,
            sp=rng.choice(
                ["spokesman", "spokesperson"] if self.gender == "m" else ["spokeswoman", "spokesperson"]
            ),
        )
        self.pre, self.appos, self.desc = pre.format(**ctx), appos.format(**ctx), desc.format(**ctx)
        self.type = ptype
        self.pron = "he" if self.gender == "m" else "she"
        self.pos = "his" if self.gender == "m" else "her"
        self.obj = "him" if self.gender == "m" else "her"


def pool_ent(rng, pool, used, etype, kind):
    rows = [r.split("|") for r in POOLS[pool].replace("\n", ";").split(";") if r.split("|")[0] not in used]
    name, short, desc, the = rng.choice(rows)
    used.add(name)
    return Ent(name, etype, kind, the == "1", short, desc.split(","))


def country_ent(rng, used):
    name, cap, adj, cult = rng.choice([c for c in COUNTRY_LIST if c[0] not in used])
    used.add(name)
    e = Ent(
        name,
        "government",
        "gov",
        False,
        "",
        [f"the {adj} government"],
        cap,
        adj,
        forms=[name, name, cap, cap, f"the {adj} government"],
    )
    e.culture = cult
    return e


KIND = {
    "rebels": "rebels",
    "firm": "company",
    "union": "union",
    "employer": "company",
    "club": "club",
    "party": "party",
    "plaintiff": "plaintiff",
    "defendant": "company",
    "pharma": "company",
    "techco": "company",
    "tradebody": "mediator",
}


class Article:
    def __init__(self, rng: random.Random, domain: str, aid: str):
        self.rng, self.domain, self.id = rng, domain, aid
        spec = SPEC[domain]
        used: set = set()
        roles: dict = {}
        for side in ("A", "B"):
            kind = spec[side]
            if kind == "country":
                roles[side] = country_ent(rng, used)
            else:
                pool = kind.split(":")[1]
                roles[side] = pool_ent(rng, pool, used, "organization", KIND[pool])
        self.home = roles["A"] if roles["A"].cap else country_ent(rng, used)
        rs = spec["R"]
        if rs == "country":
            roles["R"] = country_ent(rng, used)
        elif rs and rs.startswith("pool:"):
            roles["R"] = pool_ent(rng, rs[5:], used, "organization", "mediator")
        elif rs and rs.startswith("org:"):
            name, short, desc, the = rs[4:].split("|")
            roles["R"] = Ent(name, "organization", "mediator", the == "1", short, desc.split(";"))
        elif rs:
            name, desc, etype = rs[4:].split("|")
            roles["R"] = Ent(name.format(adj=self.home.adj), etype, "regulator", True, "", desc.split(";"))
        if "M" in spec:
            for side, m in (("A", "MA"), ("B", "MB")):
                if roles[side].cap:
                    c = roles[side]
                    name, desc = spec["M"].split("|")
                    ent = Ent(
                        name.format(adj=c.adj),
                        "government",
                        "ministry",
                        True,
                        "",
                        [d.format(name=c.canon) for d in desc.split(";")][:1],
                    )
                    ent.forms = [
                        ent.disp,
                        f"{c.canon}'s {name.split()[-2].lower()} ministry",
                        f"the {name.format(adj=c.adj)}",
                    ]
                    roles[m] = ent
        outs = [tuple(o.split("|")) for o in DOMAIN_OUTLETS.get(domain, [])]
        picks = rng.sample(outs + rng.sample(OUTLET_LIST, 8), 3)
        self.outlet = picks[0][0]
        for key, (name, otype) in zip(("O1", "O2"), picks[1:], strict=False):
            roles[key] = Ent(name, "outlet", "outlet", False, "", ["the outlet", f"the {otype}"])
        uni = (
            f"the University of {self.home.cap}"
            if rng.random() < 0.6
            else rng.choice(["Kestrel Business School", "the Northern Institute of Technology"])
        )
        surnames = set()
        for key in ("pA", "pB", "pR", "pX", "pP"):
            side = {"pA": "A", "pB": "B", "pR": "R", "pP": "B"}.get(key)
            rspec = spec.get(key) or (spec["pA"] if key == "pB" else None)
            if rspec is None:
                continue
            ent = roles.get(side)
            culture = getattr(ent, "culture", None) or rng.choice(sorted(CULTURES))
            ctx = dict(
                bank=rng.choice(BANKS), think=rng.choice(THINKS), uni=uni, nat=rng.choice(COUNTRY_LIST)[2]
            )
            if ent:
                ctx.update(name=ent.canon, the=ent.disp, short=ent.short or ent.canon, adj=ent.adj)
            for _ in range(20):
                p = Person(rng, culture, rspec, ctx)
                if p.sur not in surnames:
                    break
            surnames.add(p.sur)
            p.org = {"pA": "MA", "pB": "MB"}.get(key) if "ministry" in (p.pre + p.appos).lower() else None
            roles[key] = p
        self.roles = roles
        hubs = {"mergers": ["London", "Frankfurt", "Zurich"], "tech": ["Singapore", "Seoul", "Berlin"]}
        self.cities = (
            VENUES + [self.home.cap] * 4
            if domain in ("trade", "war", "health")
            else [self.home.cap] * 3 + hubs.get(domain, [])
        )
        self.side = {}
        for k, v in roles.items():
            self.side[v.canon] = "A" if k in ("A", "MA", "pA") else "B" if k in ("B", "MB", "pB") else k
        params = {k: rng.choice(v.split(";")) for k, v in spec["params"].items()}
        self.vocab = {k: v for k, v in spec["vocab"].items()}
        self.params = params
        self.state = dict(
            intro=set(), prev=set(), last_person=None, last_kind={}, last_ent=None, aliases=defaultdict(set)
        )

    # -------------------------------------------------------------- rendering
    def vocab_value(self, name):
        rng = self.rng
        simple = {
            "city": lambda: rng.choice(self.cities),
            "day": lambda: "on " + rng.choice(WEEKDAYS[:5]),
            "weekday": lambda: rng.choice(WEEKDAYS[:5]),
            "month": lambda: rng.choice(MONTHS),
            "date": lambda: f"{rng.choice(MONTHS)} {rng.randint(1, 28)}",
            "deadline": lambda: rng.choice(DEADLINES),
            "n": lambda: str(rng.randint(3, 40)),
            "pct": lambda: str(rng.randint(5, 60)),
            "nth": lambda: rng.choice(NTH),
            "year": lambda: str(rng.randint(2018, 2023)),
            "platform": lambda: rng.choice(PLATFORMS),
            "hrs": lambda: str(rng.randint(2, 9)),
        }
        if name in simple:
            return simple[name]()
        if name in self.params:
            return self.params[name]
        if name in self.vocab:
            v = rng.choice(self.vocab[name])
            return SLOT.sub(lambda m: self.vocab_value(m[1]), v)
        raise Ineligible(name)

    def render(self, tmpl, st, headline=False):
        """Fill the slots of one template; updates st. Raises Ineligible."""
        seen: list = []
        full_flag: dict = {}
        reg = st["aliases"]

        def sub(m):
            name, attr = m[1], m[2]
            if name not in ROLES:
                return self.vocab_value(name)
            obj = self.roles.get(name)
            if obj is None:
                raise Ineligible(name)
            if isinstance(obj, Person):
                intro = name in st["intro"] or name in seen
                near = name in seen or (st["last_person"] == name and name in st["prev"])
                if attr == "pre":  # title before a first mention, kept outside the speaker mention
                    if not intro and obj.org and "ministry" in obj.pre:
                        st["last_kind"]["ministry"] = obj.org
                    return "" if intro or not obj.pre else obj.pre + " "
                if attr in (None, "ref"):
                    s = obj.sur if intro else f"{obj.pre} {obj.canon}".strip()
                elif attr == "nm":
                    s = obj.sur if intro else obj.canon
                elif attr == "n":
                    s = obj.sur if intro else obj.canon
                    full_flag[name] = not intro
                elif attr in ("ap", "apc"):
                    if obj.org and full_flag.get(
                        name
                    ):  # "a spokeswoman for the trade ministry" introduces the ministry
                        st["last_kind"]["ministry"] = obj.org
                    return (", " + obj.appos + ("," if attr == "apc" else "")) if full_flag.get(name) else ""
                elif attr == "full":
                    s = obj.canon
                elif attr == "sur":
                    if not (intro or headline):
                        raise Ineligible("sur")
                    s = obj.sur
                elif attr in ("pron", "Pron", "pos", "obj", "desc"):
                    if not near or headline:
                        raise Ineligible("pron")
                    s = {
                        "pron": obj.pron,
                        "Pron": obj.pron.capitalize(),
                        "pos": obj.pos,
                        "obj": obj.obj,
                        "desc": obj.desc,
                    }[attr]
                else:
                    raise ValueError(attr)
                if attr != "pos":
                    reg[obj.canon].add(s)
                seen.append(name)
                st["_last_person"] = name
                return s
            # entities
            if attr is None:
                s = self.rng.choice(obj.forms)
            elif attr == "name":
                s = obj.disp
            elif attr in ("cap", "adj", "short"):
                s = getattr(obj, attr)
                if not s:
                    raise Ineligible(attr)
                if attr == "adj":
                    return s
            elif attr in ("desc", "they", "rep"):
                if st["last_kind"].get(obj.kind) != name and name not in seen:
                    raise Ineligible("desc")
                if attr == "they" and (st["last_ent"] != name or name not in st["prev"]):
                    raise Ineligible("they")
                s = {"desc": self.rng.choice(obj.desc), "they": "they", "rep": "the report"}[attr]
            else:
                raise ValueError(attr)
            reg[obj.canon].add(s)
            seen.append(name)
            st["last_kind"][obj.kind] = name
            st["last_ent"] = name
            return s

        st["_last_person"] = st["last_person"]
        tmpl = re.sub(r"\[\[\{(p\w+)\.ref\}\]\]", r"{\1.pre}[[{\1.nm}]]", tmpl)
        while ALT.search(tmpl):
            tmpl = ALT.sub(lambda m: self.rng.choice(m[1].split("|")), tmpl)
        out = SLOT.sub(sub, tmpl)
        st["prev"] = set(seen)
        if not headline:
            st["intro"].update(n for n in seen if isinstance(self.roles[n], Person))
        st["last_person"] = st.pop("_last_person")
        return out

    def canon(self, tok, swap):
        if tok == "-":
            return None, None
        if tok.startswith("U:"):
            return tok[2:].replace("_", " "), "unnamed"
        obj = self.roles[swap.get(tok, tok)]
        return obj.canon, obj.type

    def try_frame(self, frame, headline=False):
        """Render a whole frame on a copy of the state; returns sentences or None."""
        swap = (
            SWAP
            if self.rng.random() < 0.5 and frame["id"].split(":")[0] in ("generic", "lead", "headline")
            else {}
        )
        st = copy.deepcopy(self.state)
        out = []
        try:
            for spec in frame["sents"]:
                tmpl = SLOT.sub(
                    lambda m: "{" + swap.get(m[1], m[1]) + ("." + m[2] if m[2] else "") + "}", spec["tmpl"]
                )
                marked = self.render(tmpl, st, headline)
                text, spans = extract(marked)
                if spec["cont"]:
                    prev = out[-1]
                    s = dict(prev, text=text, _spans={}, speaker_mention=None, cue_mention=None)
                else:
                    spk, stype = self.canon(spec["speaker"], swap)
                    via = (
                        [] if spec["via"] == "-" else [self.canon(v, swap)[0] for v in spec["via"].split(",")]
                    )
                    cue = text[slice(*spans["<<"])] if "<<" in spans else None
                    if cue and spans["<<"][0] == 0:
                        cue = cue[0].lower() + cue[1:]
                    chan = text[slice(*spans["⟪"])] if "⟪" in spans else None
                    s = dict(
                        text=text,
                        _spans=spans,
                        speaker=spk,
                        speaker_type=stype,
                        cue=cue,
                        via=via,
                        channel=chan,
                    )
                    if spk and stype == "unnamed" and "[[" in spans:
                        st["aliases"][spk].add(text[slice(*spans["[["])])
                s["stance"] = spec["stance"]
                s["holder"] = s["speaker"] if spec["holder"] == "=" else self.canon(spec["holder"], swap)[0]
                out.append(s)
        except Ineligible:
            return None
        self.state = st
        return out


class Ineligible(Exception):
    pass


def extract(marked: str):
    """Strip span markers; return clean text (first letter capitalised) and marker spans."""
    text, spans, stack, i = [], {}, [], 0
    while i < len(marked):
        two = marked[i : i + 2]
        if two in ("[[", "<<"):
            stack.append((two, len(text)))
            i += 2
        elif two in ("]]", ">>"):
            kind, start = stack.pop()
            spans[kind] = (start, len(text))
            i += 2
        elif marked[i] == "⟪":
            stack.append(("⟪", len(text)))
            i += 1
        elif marked[i] == "⟫":
            kind, start = stack.pop()
            spans[kind] = (start, len(text))
            i += 1
        else:
            text.append(marked[i])
            i += 1
    for k, c in enumerate(text):
        if c.isalpha():
            text[k] = c.upper()
            break
    return "".join(text), spans


def mention(text: str, span):
    """A mention as the authoring format wants it: the substring, or [substring, n] (whole words)."""
    if span is None:
        return None
    return mention_ref(text, *span)


# ---------------------------------------------------------------- article assembly
def build(rng: random.Random, domain: str, aid: str) -> dict:
    art = Article(rng, domain, aid)
    n_target = rng.randint(12, 20)
    share_n = rng.uniform(0.42, 0.53)
    w = [rng.uniform(0.8, 1.2) for _ in range(3)]
    target = {"neutral": share_n * n_target}
    for st, x in zip(("eager", "open", "denying"), w, strict=False):
        target[st] = (1 - share_n) * n_target * x / sum(w)
    count = defaultdict(int)
    used = set()
    straight = rng.random() < 0.3

    def pick(groups, headline=False, room=20, free=False):
        stances = sorted(target, key=lambda k: -(target[k] - count[k] + rng.random() * 0.9))
        if free:  # headline and lead: any stance, a quarter of them neutral
            stances = rng.sample(["eager", "open", "denying"], 3)
            stances.insert(0 if rng.random() < 0.25 else 3, "neutral")
        for stance in stances:
            pool = [
                f
                for g in groups
                for f in FRAMES[g]
                if f["sents"][0]["stance"] == stance and f["id"] not in used and len(f["sents"]) <= room
            ]
            rng.shuffle(pool)
            if rng.random() < 0.6:  # prefer frames that refer back with a pronoun or description
                pool.sort(
                    key=lambda f: not re.search(r"\.(pron|Pron|desc|they|rep)\}\]\]", f["sents"][0]["tmpl"])
                )
            for f in pool[:60]:
                out = art.try_frame(f, headline)
                if out:
                    used.add(f["id"])
                    for s in out:
                        count[s["stance"]] += 1
                    return out
        raise RuntimeError("no frame fits")

    headline = pick(["headline"], headline=True, free=True)
    art.state.update(last_person=None, last_kind={}, last_ent=None)
    blocks = [pick(["lead"], free=True) if rng.random() < 0.9 else pick(["generic"])]
    dom_left = rng.randint(3, 6)
    total = 1 + len(blocks[0])
    while total < n_target:
        groups = [domain] if dom_left > 0 and rng.random() < 0.45 else ["generic"]
        try:
            b = pick(groups, room=20 - total)
        except RuntimeError:
            b = pick(["generic", domain], room=20 - total)
        if groups == [domain]:
            dom_left -= 1
        blocks.append(b)
        total += len(b)
    # paragraphs: headline + 4..9 body paragraphs
    k = rng.randint(4, min(9, len(blocks)))
    cuts = sorted(rng.sample(range(1, len(blocks)), k - 1))
    paras = [
        [s for b in blocks[a:z] for s in b] for a, z in zip([0, *cuts], [*cuts, len(blocks)], strict=False)
    ]
    # dateline on the first body sentence
    style = rng.choice(SPEC[domain]["styles"].split())
    first = paras[0][0]
    if style in ("wire", "state-media") and rng.random() < 0.8:
        pre = f"{art.home.cap.upper()}, {rng.choice(MONTHS)} {rng.randint(1, 28)} ({art.outlet}) – "
        first["text"] = pre + first["text"]
        first["_spans"] = {k2: (a + len(pre), b + len(pre)) for k2, (a, b) in first["_spans"].items()}
    sentences = headline + [s for p in paras for s in p]
    for s in sentences:
        sp = s.pop("_spans")
        if straight:
            s["text"] = s["text"].translate(str.maketrans("“”‘’", "\"\"''"))
            if s["cue"]:
                s["cue"] = s["cue"].translate(str.maketrans("“”‘’", "\"\"''"))
        s["speaker_mention"] = mention(s["text"], sp.get("[[")) if sp else s.get("speaker_mention")
        s["cue_mention"] = mention(s["text"], sp.get("<<")) if sp else s.get("cue_mention")
    sentences = [{f: s[f] for f in SENTENCE_FIELDS} for s in sentences]
    it = iter(sentences)
    out_paras = [[next(it)]] + [[next(it) for _ in p] for p in paras]
    # noise lines in about half of the articles
    if rng.random() < 0.55:
        kinds = rng.sample(["read", "photo", "discover", "subscribe"], rng.randint(1, 2))
        if "photo" in kinds:
            c = rng.choice(sorted(CULTURES))
            m, f, sn = CULTURES[c]
            out_paras.insert(
                1, [{"noise": f"Photo: {rng.choice(m + f)} {rng.choice(sn)} / {rng.choice(PHOTO_AGENCIES)}"}]
            )
        if "read" in kinds:
            out_paras.insert(
                rng.randint(2, len(out_paras) - 1), [{"noise": "READ ALSO: " + rng.choice(READ_ALSO)}]
            )
        if "discover" in kinds:
            out_paras.append([{"noise": f"Discover more from {art.outlet}"}])
            out_paras.append([{"noise": "Subscribe to get the latest posts sent to your email."}])
        elif "subscribe" in kinds:
            out_paras.append([{"noise": f"Subscribe to {art.outlet} for the latest updates."}])
    # entities: every canonical name used, with the other names the article uses for it
    ents: dict = {}
    for s in sentences:
        for name in [s["speaker"], s["holder"]] + s["via"]:
            if name:
                ents.setdefault(name, set())
    for canon, surf in art.state["aliases"].items():
        ents.setdefault(canon, set()).update(x for x in surf if x != canon and canon not in x)
    entities = {k: sorted(v) for k, v in sorted(ents.items())}
    # counters: a denial against an earlier eager claim about the same side (or from a report)
    counters = []
    for j, sj in enumerate(sentences):
        if sj["stance"] != "denying" or len(counters) >= 3:
            continue
        for i in range(j - 1, -1, -1):
            si = sentences[i]
            if (
                si["stance"] == "eager"
                and art.side.get(si["holder"]) in ("A", "B")
                and art.side.get(si["holder"]) == art.side.get(sj["holder"])
            ):
                counters.append([i, j])
                break
    slug = re.sub(r"[^a-z0-9]+", "-", sentences[0]["text"].lower()).strip("-")[:60]
    host = re.sub(r"[^a-z0-9]+", "", art.outlet.lower())
    date = f"{rng.randint(2024, 2026)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    return {
        "id": aid,
        "domain": domain,
        "style": style,
        "outlet": art.outlet,
        "date": date,
        "url": f"https://{host}.example/{domain}/{slug}",
        "paragraphs": out_paras,
        "entities": entities,
        "counters": counters,
    }


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--articles", type=int, default=300)
    ap.add_argument("-o", "--output", default=DEFAULT_OUT)
    args = ap.parse_args(argv)
    rng = random.Random(args.seed)
    per = defaultdict(int)
    with open(args.output, "w", encoding="utf-8") as fh:
        for k in range(args.articles):
            domain = DOMAINS[k % len(DOMAINS)]
            per[domain] += 1
            for _ in range(30):  # keep each article's neutral share within 40-55%
                rec = build(rng, domain, f"train-{domain}-g{per[domain]:03d}")
                labs = [s["stance"] for p in rec["paragraphs"] for s in p if "stance" in s]
                if 0.40 <= labs.count("neutral") / len(labs) <= 0.55:
                    break
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    n_frames = sum(len(v) for v in FRAMES.values())
    print(f"wrote {args.articles} articles to {args.output} from {n_frames} frames")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
