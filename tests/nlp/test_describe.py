from __future__ import annotations

import pytest

from kg.nlp.describe import describe


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Lucio Guerrero, spokesman for Blagojevich's campaign, said x.", ("Blagojevich",)),
        ("Ana Lima, director of Brazil's National Institute, said x.", ("Brazil", "National Institute")),
        ("Ola Bako, a commander of the People's Defence Movement, said x.", ("People's Defence Movement",)),
        ("Ola Bako, a lawyer for the Independent Pilots' Guild, said x.", ("Independent Pilots' Guild",)),
    ],
)
def test_a_possessive_is_no_affiliation_of_its_own(text: str, expected: tuple[str, ...]) -> None:
    description = describe(text, text.index(","))
    assert description is not None and description.affiliations == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Sumeet Singh, a spokesman for PG&E, said x.", ("PG&E",)),
        ("Ana Lima, head of Électricité Nationale, said x.", ("Électricité Nationale",)),
        ("Ana Lima, an astronomer at the Observatoire de Paris, said x.", ("Observatoire de Paris",)),
        ("Ana Lima, a spokeswoman for the ex-Pentagon team, said x.", ()),
    ],
)
def test_an_affiliation_is_the_whole_name(text: str, expected: tuple[str, ...]) -> None:
    description = describe(text, text.index(","))
    assert description is not None and description.affiliations == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Ola Bako, an envoy of Syrian President Bashar al-Assad, said x.",
            ("Syrian President Bashar al-Assad",),
        ),
        ("Ola Bako, a friend of Hamza bin Laden, said x.", ("Hamza bin Laden",)),
    ],
)
def test_an_affiliation_goes_on_over_a_name_s_particles(text: str, expected: tuple[str, ...]) -> None:
    description = describe(text, text.index(","))
    assert description is not None and description.affiliations == expected
