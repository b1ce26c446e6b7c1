"""The short source labels a reader sees under each question's explanation ("Sigel & Steinmann
2012") follow the author-year rules of the references page, whatever shape the .bib entry has."""

from __future__ import annotations

from pathlib import Path

import pytest

from quizzes.references import BOOK_BIB, bib_keys, source_labels

ENTRIES = r"""
@article{one, author = {Ashton, Heather}, title = {T}, year = {2002}}
@article{two, author = {Sigel, Erwin and Steinmann, Michael E.}, title = {T}, year = {2012}}
@article{three, author = {Möhler, H. and Fritschy, J. M. and Rudolph, U.},
  title = {T}, year = {2002}}
@article{cut, author = {Borbély, A. A. and others}, title = {T}, year = {1985}}
@article{cut2, author = {Rudolph, U. and Crestani, F. and others}, title = {T}, year = {1999}}
@article{von, author = {de Mendonça, Felipe and Souza, Laura and Silva, Anderson},
  title = {T}, year = {2023}}
@misc{org, organization = {U.S. Food and Drug Administration}, title = {T}, year = {2016}}
@misc{braced, author = {{American Geriatrics Society}}, title = {T}, year = {2023}}
@book{edited, editor = {Slowik, J. M.}, title = {StatPearls}, year = {2024}}
@misc{publisher, publisher = {H2-Pharma}, title = {Label}, year = {2023}}
@misc{titled, title = {Clonazepam}, year = {2006--}}
@misc{undated, organization = {SpecGx LLC}, title = {Restoril label}}
"""

EXPECTED = {
    "one": "Ashton 2002",
    "two": "Sigel & Steinmann 2012",
    "three": "Möhler et al. 2002",
    "cut": "Borbély et al. 1985",  # "and others" is a list cut short, never a co-author
    "cut2": "Rudolph et al. 1999",
    "von": "de Mendonça et al. 2023",
    "org": "U.S. Food and Drug Administration 2016",
    "braced": "American Geriatrics Society 2023",
    "edited": "Slowik 2024",
    "publisher": "H2-Pharma 2023",
    "titled": "Clonazepam 2006–",
    "undated": "SpecGx LLC",
}


@pytest.fixture
def bib(tmp_path) -> Path:
    path = tmp_path / "references.bib"
    path.write_text(ENTRIES, encoding="utf-8")
    return path


@pytest.mark.parametrize("key", EXPECTED)
def test_each_shape_of_entry_gets_the_author_year_label(bib, key):
    assert source_labels(bib)[key] == EXPECTED[key]


def test_a_book_without_a_bibliography_gets_no_labels(tmp_path):
    assert source_labels(tmp_path / "missing.bib") == {}


def test_bib_keys_give_the_line_each_entry_starts_on(bib):
    keys = bib_keys(bib)
    assert list(keys) == list(EXPECTED)
    assert keys["one"] == 2 and keys["cut"] == 6 and keys["undated"] == 15


def test_no_label_in_the_book_names_others_as_an_author():
    labels = source_labels(BOOK_BIB)
    assert labels, "the book's references.bib gave no labels"
    for key, label in labels.items():
        assert "others" not in label and "{" not in label and "--" not in label, (key, label)
