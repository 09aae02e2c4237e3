"""The Dutch catalogue is complete, and the committed .mo matches the .po."""

import re
from pathlib import Path

from django.utils import translation

import polib
import pytest

import doorbraak

PO_PATH = Path(doorbraak.__file__).resolve().parent / "locale" / "nl" / "LC_MESSAGES" / "django.po"
PLACEHOLDER = re.compile(r"%\(\w+\)[-+ #0]*\d*(?:\.\d+)?[a-z]")


@pytest.fixture(scope="module")
def catalogue():
    assert PO_PATH.exists(), f"{PO_PATH} is missing; run makemessages -l nl"
    return polib.pofile(str(PO_PATH))


def test_catalogue_has_entries(catalogue):
    assert len(catalogue) > 0


def test_every_entry_is_translated(catalogue):
    untranslated = [entry.msgid for entry in catalogue.untranslated_entries()]
    assert untranslated == []


def test_no_entry_is_fuzzy(catalogue):
    assert catalogue.fuzzy_entries() == []
    assert not catalogue.metadata_is_fuzzy


def test_placeholders_are_kept(catalogue):
    for entry in catalogue:
        if entry.msgid_plural:
            expected = sorted(PLACEHOLDER.findall(entry.msgid_plural))
            translations = entry.msgstr_plural.values()
        else:
            expected = sorted(PLACEHOLDER.findall(entry.msgid))
            translations = [entry.msgstr]
        for msgstr in translations:
            assert sorted(PLACEHOLDER.findall(msgstr)) == expected, entry.msgid


def test_compiled_catalogue_matches_po(catalogue):
    singular = [entry for entry in catalogue if not entry.msgid_plural and not entry.msgctxt]
    assert singular
    with translation.override("nl"):
        for entry in singular:
            assert translation.gettext(entry.msgid) == entry.msgstr, entry.msgid


def test_compiled_plurals_match_po(catalogue):
    plural = [entry for entry in catalogue if entry.msgid_plural and not entry.msgctxt]
    with translation.override("nl"):
        for entry in plural:
            one = translation.ngettext(entry.msgid, entry.msgid_plural, 1)
            two = translation.ngettext(entry.msgid, entry.msgid_plural, 2)
            assert (one, two) == (entry.msgstr_plural[0], entry.msgstr_plural[1]), entry.msgid
