"""The bibliography as the checks and the pages read it (quizzes.references): entry keys and their
lines, the fields an author-year reference needs, and the short labels a reader sees under each
question's explanation ("Sigel & Steinmann 2012"), whatever shape the .bib entry has.
Every expected value is read off the small .bib files below by hand."""

from __future__ import annotations

from pathlib import Path

import pytest

from quizzes.references import BOOK_BIB, bib_keys, missing_fields, source_labels

# line 1 is empty; the line of each entry is the line its "@" is on
BIB = """
% a comment line is not an entry
@Comment{notes, kept for the editors}
@string{fda="FDA,U.S. Food and Drug Administration"}
@preamble{"\\newcommand{\\noop}[1]{#1},"}
@article{sigel2012,
  author = {Sigel, Erwin and Steinmann, Michael E.},
  title = {Structure, function, and modulation of {GABA-A} receptors},
  year = {2012},
}
  @Book{ smith2020 ,
  author = {Smith, Ann and Jones, Bo and Brown, Cy},
  title = {Three authors},
  year = {2020},
}
@misc{garcia2001, author = {Garcia Marquez, Gabriel}, title = {One author, two last names},
  year = {2001}}
@misc{doe2019, editor = {Doe, Jane}, title = {An edited handbook}, year = {2019}}
@misc{fda2016, organization = {{FDA}}, title = {Safety communication}, year = {2016}}
@techreport{inst2010, institution = {Sleep Institute}, title = {Report}, year = {2010}}
@book{press2018, publisher = {University Press}, title = {A book}, year = {2018}}
@misc{anon2005, title = {Nobody wrote this}, year = {2005}}
@misc{untitled, author = {Roe, Rick}, title = {  }, year = {1999}}
@misc{titleonly, title = {{Only} a title}}
@misc{bare}
"""


@pytest.fixture
def bib(tmp_path) -> Path:
    path = tmp_path / "references.bib"
    path.write_text(BIB, encoding="utf-8")
    return path


def test_every_entry_key_with_its_line(bib):
    assert bib_keys(bib) == {
        "sigel2012": 6,
        "smith2020": 11,  # indented, the type in capitals, spaces around the key
        "garcia2001": 16,
        "doe2019": 18,
        "fda2016": 19,
        "inst2010": 20,
        "press2018": 21,
        "anon2005": 22,
        "untitled": 23,
        "titleonly": 24,
    }  # @Comment, @string and @preamble are not entries; "bare" has no fields, so no comma


def test_entries_missing_an_author_title_or_year_are_named_at_their_line(bib):
    assert missing_fields(bib) == [
        ("anon2005", 22, "entry 'anon2005' has no author (or editor, organization)"),
        ("untitled", 23, "entry 'untitled' has no title"),
        ("titleonly", 24, "entry 'titleonly' has no author (or editor, organization), no year"),
        # an entry the key scan cannot place is reported at the top of the file
        ("bare", 1, "entry 'bare' has no author (or editor, organization), no title, no year"),
    ]


def test_source_labels_are_author_year(bib):
    labels = source_labels(bib)
    assert labels["sigel2012"] == "Sigel & Steinmann 2012"
    assert labels["smith2020"] == "Smith et al. 2020"
    assert labels["garcia2001"] == "Garcia Marquez 2001"
    assert labels["doe2019"] == "Doe 2019"  # the editor when there is no author
    assert labels["fda2016"] == "FDA 2016"  # the organisation, its braces dropped
    assert labels["press2018"] == "University Press 2018"
    assert labels["anon2005"] == "Nobody wrote this 2005"  # no one named: the title
    assert labels["titleonly"] == "Only a title"  # and no year: no trailing space
    assert labels["bare"] == "bare"  # nothing at all: the key


def test_no_bibliography_no_labels(tmp_path):
    assert source_labels(tmp_path / "missing.bib") == {}


def test_an_organisation_comes_before_a_publisher(tmp_path):
    path = tmp_path / "references.bib"
    path.write_text(
        "@misc{both, organization = {AASM}, publisher = {A Publisher}, title = {T}, year = {2017}}"
    )
    assert source_labels(path) == {"both": "AASM 2017"}
    assert missing_fields(path) == []


# the label shapes a reader meets in the book: lists cut short, particles, organisations, ranges
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


@pytest.mark.parametrize("key", EXPECTED)
def test_each_shape_of_entry_gets_the_author_year_label(tmp_path, key):
    path = tmp_path / "references.bib"
    path.write_text(ENTRIES, encoding="utf-8")
    assert source_labels(path)[key] == EXPECTED[key]


def test_no_label_in_the_book_names_others_as_an_author():
    labels = source_labels(BOOK_BIB)
    assert labels, "the book's references.bib gave no labels"
    for key, label in labels.items():
        assert "others" not in label and "{" not in label and "--" not in label, (key, label)
