"""Descriptions are summaries in our own words: none repeats a run of the brochure's prose.

Runs are compared on the lower-case words only, so names and lists of names (which carry over
from the source by design) do not count, while a copied phrase does. The brochure's runs are
read from committed fingerprints (`fingerprints.py`), so the check needs no file outside the
repository.
"""

from __future__ import annotations

import pytest
from rdflib import DCTERMS, SKOS, Graph, Literal, URIRef

from data.fingerprints import RUN, committed, runs
from ltc_graph.namespaces import LTC

PROSE = [DCTERMS.description, LTC.outcome, SKOS.note, SKOS.definition]


@pytest.fixture(scope="module")
def brochure() -> set[str]:
    return committed()


def test_the_fingerprints_cover_the_brochure(brochure: set[str]) -> None:
    # about 7,400 words: thousands of prose runs, tens of thousands of name spans and pairs
    assert len(brochure) > 40000
    assert all(len(p) == 10 and int(p, 16) >= 0 for p in brochure)


def test_the_comparison_catches_a_copied_sentence(brochure: set[str]) -> None:
    copied = "The project tackles the growing problem of plastic waste, its recyclability."
    assert runs(copied) & brochure


def test_the_comparison_lets_our_own_words_pass(brochure: set[str]) -> None:
    ours = "a summary written in words that the source does not use in this order at all"
    assert len(ours.split()) > RUN
    assert not runs(ours) & brochure


def test_no_description_repeats_the_brochure(graph: Graph, brochure: set[str]) -> None:
    copied = []
    for prop in PROSE:
        for subject, text in graph.subject_objects(prop):
            if isinstance(subject, URIRef) and not str(subject).startswith(str(LTC)):
                assert isinstance(text, Literal)
                if runs(str(text)) & brochure:
                    copied.append(f"{subject} {prop}: {str(text)[:80]}")
    assert copied == [], "\n".join(copied)
