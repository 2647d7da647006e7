from __future__ import annotations

import pytest

from kg.nlp.names import is_name, name_key, strip_titles


@pytest.mark.parametrize(
    "name",
    [
        "Donald Trump",
        "NATO",
        "Bank of England",
        "eBay",
        "Will Smith",
        "Durham Hall",
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
        "Philippines",
        "Netherlands",
        "Syrian state media",
        "US authorities",
        "Chinese officials",  # a country's officials as one side: the seed's agent
        "U.S. officials",
        "Penn State researchers",
        "Health Ministry",
        "Turkish Ministry of Foreign Affairs",
        "United States Department of State",
        "Trump's State Department",
        "Human Rights Watch",
        "Public Health England",
        "National Congress",
        "Downing Street",
        "Roman Polanski",
        "Muslim Brotherhood",
        "The Hindu",
        "Hindu",
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
        "Armenians",
        "Samoans",
        "Hong Kong student groups",
        "Democratic organizations",
        "Biden campaign officials",
        "State media",
        "Egyptian Ministry",
        "United States Department",
        "United States' Centers",
        "Disease Control",
        "Human Rights",
        "Social Security",
        "National Team",
        "Europe",
        "Hong Kong Police Headquarters",
        "Southbank Boulevard",
        "B-17s",
        "Roman Catholic",
        "Muslim",
        "Al Noor Mosque",
        "Jolo Cathedral",
        "La Fortaleza's Hall",
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


@pytest.mark.parametrize(
    "written, name",
    [
        ("Minister Datuk Seri Farid Hamzah", "Farid Hamzah"),
        ("Tan Sri Muhyiddin Yassin", "Muhyiddin Yassin"),
        ("Alhaji Sani Dankwambo", "Sani Dankwambo"),
        ("Hon. Yaw Boakye-Ansah", "Yaw Boakye-Ansah"),
        ("Reverend Charity Phiri", "Charity Phiri"),
        ("Chief Superintendent Graciano Mijares", "Graciano Mijares"),
        ("Sri Mulyani Indrawati", "Sri Mulyani Indrawati"),
        ("Tan Wei Ming", "Tan Wei Ming"),
        ("Sheikh Hasina", "Sheikh Hasina"),
        ("Honour Cherie", "Cherie"),
        ("Honor Blackman", "Honor Blackman"),
        ("Syrian President Bashar al-Assad", "Bashar al-Assad"),
        ("Crown Prince Mohammad bin Salman", "Mohammad bin Salman"),
        ("Prime Minister of India Narendra Modi", "Prime Minister of India Narendra Modi"),
    ],
)
def test_honorifics_and_ranks_are_no_part_of_a_name(written: str, name: str) -> None:
    assert strip_titles(written)[0] == name


def test_places_courses_and_curated_products_are_no_agents() -> None:
    for thing in ("International Space Station", "Pre University Course", "Red Hat Enterprise Linux", "VCR"):
        assert not is_name(thing), thing
    assert is_name("Charleston radio station") and is_name("Rocky Linux")


@pytest.mark.parametrize(
    "name, named",
    [("Sultan", False), ("Queen", False), ("Emir", False), ("King", True), ("Sultan Qaboos", True)],
)
def test_a_sovereign_s_title_alone_is_no_name(name: str, named: bool) -> None:
    assert is_name(name) is named
