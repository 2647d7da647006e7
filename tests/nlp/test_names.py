from __future__ import annotations

import pytest

from kg.nlp.names import is_name, name_key


@pytest.mark.parametrize(
    "name",
    [
        "Donald Trump",
        "NATO",
        "Bank of England",
        "eBay",
        "Will Smith",
        "Edward Said",
        "Theresa May",
        "Abu Bakr al-Baghdadi",
        "ABS-CBN",
        "Committee to Protect Journalists",
        "Afghan government",
        "Baytown police",
        "Biden campaign",
        "government of Oman",
        "chess.com",
        "Arnel dela Vega",
        "Johnson & Johnson",
        "US Embassy in London",
        "Bill Gates",
        "Doris Day",
        "KDKA-TV",
        "Martin Luther King, Jr.",
        "Armenians",
        "Germany",
        "Jordan",
        "Democratic Party",
        "Democratic Rally",
        "Commission on Presidential Debates",
        "North Carolina State Board of Elections",
        "Notes from Poland",
        "Drudge Report",
        "Yemen-based Houthi movement",
        "Kerala health minister",
        "10 Downing Street spokesman",
        "Greek Orthodox Church",
        "Swiss Federal Council",
        "Thai Raksa Chart Party",
    ],
)
def test_names_are_names(name: str) -> None:
    assert is_name(name)


@pytest.mark.parametrize(
    "fragment",
    [
        "Michael Moore Has",
        "BEIJING",
        "LONDON (Reuters) -",
        "the statement",
        "foreign ministry",
        "Mr. Burton fumed",
        "A small group of students",
        "closed",
        "he",
        "police said",
        "One senator",
        "Authorities",
        "For Martin",
        "of Threatened Taxa",
        "The company",
        "A Hampshire Police spokesman",
        "Xiaogang Wei of the",
        "We Will",
        "Deutsche Welle (DW",
        "Wherever I'd",
        "March",
        "Pierce and Hawkins",
        "Mark Seidenberg Image",
        "COVID-19",
        "SARS-CoV-2",
        "World War II",
        "Hurricane Humberto",
        "Have no fear",
        "“We will not sign”",
        "Across India",
        "Afterwards Trump",
        "Regarding Ashodaya",
        "Hi Agastya",
        "Our",
        "Remarked Center",
        "and Emergency Management Presidency",
        "Brussels-based media network",
        "Fourteen-year-old Zoe",
        "Findings",
        "Prevention",
        "Brexit",
        "Meteorologists",
        "Commentators",
        "Cuban",
        "Russian",
        "Democratic",
        "Measles",
        "Doris Day Show",
        "United States Constitution",
        "Vox website",
        "Marine Traffic's website",
        "Iranian Chess Federation President",
        "Sadie Weiner, Hagan",
        "Tunisian Parliament, Samir Dilou",
        "Turkish",
        "French",
        "Sara Seager and other researchers",
        "United Nations' Food",
        "",
        "   ",
    ],
)
def test_fragments_are_not_names(fragment: str) -> None:
    assert not is_name(fragment)


def test_keys_forgive_titles_labels_initials_but_never_join_a_surname() -> None:
    assert name_key("Republican Donald Trump") == name_key("Donald J. Trump") == "donald trump"
    assert name_key("U.S. President Donald Trump") == "donald trump"
    assert name_key("the United Nations") == name_key("United Nations")
    assert name_key("Trump") != name_key("Donald Trump")
