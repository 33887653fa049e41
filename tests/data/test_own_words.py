"""Descriptions are summaries in our own words: none repeats a run of the brochure's prose.

Runs are compared on the lower-case words only, so names and lists of names (which carry over
from the source by design) do not count, while a copied phrase does.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import DCTERMS, SKOS, Graph, Literal, URIRef

from ltc_graph.namespaces import LTC

SOURCE = Path(__file__).resolve().parents[3] / "shared" / "source" / "000_a87dbb28fe92c1c0.txt"
RUN = 7
PROSE = [DCTERMS.description, LTC.outcome, SKOS.note, SKOS.definition]


def prose_words(text: str) -> list[str]:
    """The words of `text` that start with a lower-case letter (names start upper-case)."""
    return [w for w in re.findall(r"[A-Za-zÀ-ÿ0-9']+", text) if w[0].islower()]


def runs(words: list[str]) -> set[tuple[str, ...]]:
    return {tuple(words[i:i + RUN]) for i in range(len(words) - RUN + 1)}


@pytest.fixture(scope="module")
def brochure_runs() -> set[tuple[str, ...]]:
    if not SOURCE.is_file():
        pytest.fail(f"the source text is expected at {SOURCE}")
    return runs(prose_words(SOURCE.read_text(encoding="utf-8")))


def test_the_comparison_catches_a_copied_sentence(brochure_runs: set[tuple[str, ...]]) -> None:
    copied = "The project tackles the growing problem of plastic waste, its recyclability."
    assert runs(prose_words(copied)) & brochure_runs


def test_no_description_repeats_the_brochure(graph: Graph,
                                             brochure_runs: set[tuple[str, ...]]) -> None:
    copied = []
    for prop in PROSE:
        for subject, text in graph.subject_objects(prop):
            if isinstance(subject, URIRef) and not str(subject).startswith(str(LTC)):
                assert isinstance(text, Literal)
                shared = runs(prose_words(str(text))) & brochure_runs
                if shared:
                    copied.append(f"{subject}: ...{' '.join(sorted(shared)[0])}...")
    assert copied == [], "\n".join(copied)
