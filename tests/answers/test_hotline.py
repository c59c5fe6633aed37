from __future__ import annotations

import dataclasses

from bot.answers.hotline import hotline_details, hotline_text, is_about_threats
from bot.catalogue.model import Catalogue


def test_without_a_number_the_hotline_text_gives_kls_contact_and_the_emergency_numbers(catalogue: Catalogue) -> None:
    details = hotline_details(catalogue)
    assert details.phone is None
    text = hotline_text(details)
    assert "ikke offentliggjort" in text and catalogue.contact.phone in text and catalogue.contact.email in text
    assert "ring 112" in text and "servicenummer er 114" in text


def test_once_kl_fills_in_the_number_it_is_given(catalogue: Catalogue) -> None:
    details = dataclasses.replace(hotline_details(catalogue), phone="33 70 00 00")
    for language in ("da", "en"):
        text = hotline_text(details, language)
        assert "33 70 00 00" in text and "112" in text and "114" in text
        assert catalogue.contact.phone not in text


def test_threat_words_are_recognised_in_their_forms_and_compounds() -> None:
    for text in ("dødstrusler", "Jeg bliver chikaneret", "haervaerk", "vold", "I was threatened", "harassment"):
        assert is_about_threats(text), text
    for text in ("forhandlingsteknik", "B98", "pension"):
        assert not is_about_threats(text), text
