"""The console chat, driven through StringIO exactly as a terminal would drive it."""
from __future__ import annotations

import io

from bot.console.chat import PROMPT, WELCOME, run_chat
from bot.console.commands import COMMANDS
from bot.console.enrolment import CONSOLE_USER
from bot.services import Services


def chat(services: Services, *lines: str) -> list[str]:
    """The replies, one per prompt, after the welcome."""
    output = io.StringIO()
    assert run_chat(services, input=io.StringIO("".join(f"{line}\n" for line in lines)), output=output) == 0
    text = output.getvalue()
    assert text.startswith(WELCOME)
    return [reply.strip() for reply in text.removeprefix(WELCOME + "\n").split(PROMPT)][1:]


def test_a_question_gets_the_same_answer_as_the_core(services: Services) -> None:
    replies = chat(services, "Hvor ofte mødes borgmesternetværkene?")
    facts = services.live_facts(CONSOLE_USER)
    assert replies[0] == services.answerer.answer("Hvor ofte mødes borgmesternetværkene?", facts=facts).text
    assert "kvartalet" in replies[0] and "Du er ikke med i et borgmesternetværk endnu." in replies[0]


def test_the_chat_remembers_what_it_was_about(services: Services) -> None:
    replies = chat(services, "Hvad er mentorordningen?", "hvad koster det?", "og hvem udbyder den?")
    assert replies[1].startswith("Mentorordning (udbydes af KL/Komponent)\nPris:")
    assert replies[2].startswith("Mentorordning (udbydes af KL/Komponent)\nTilbuddet udbydes af KL/Komponent.")


def test_help_with_or_without_slash_lists_every_command(services: Services) -> None:
    for reply in chat(services, "/hjælp", "hjælp", "Hjælp?", "/help")[:4]:
        assert all(command.usage in reply for command in COMMANDS)


def test_tilbud_lists_every_offer_by_the_name_tilmeld_takes(services: Services) -> None:
    reply = chat(services, "/tilbud")[0]
    for offer in services.answerer.catalogue.offers:
        assert f"• {offer.title} ({offer.provider})" in reply and f"[{offer.id}]" not in reply
        assert services.enrolment.find_offers(offer.title) == [offer], "the title as listed is enough"
    assert all(group.title in reply for group in services.answerer.catalogue.groups)


def test_tilbud_with_a_search_word_shows_the_matching_offers(services: Services) -> None:
    replies = chat(services, "/tilbud forhandligsteknik", "/tilbud zzzz")
    assert replies[0].startswith("• Forhandlingsteknik (KL): ")
    assert replies[1] == "Ingen tilbud passer på »zzzz«. Skriv /tilbud uden søgeord for at se alle tilbud."


def test_hotline_gives_kls_contact_until_a_number_is_filled_in_and_112_114(services: Services) -> None:
    reply = chat(services, "/hotline")[0]
    contact = services.answerer.catalogue.contact
    assert contact.phone in reply and "112" in reply and "114" in reply


def test_an_unknown_command_says_what_to_do(services: Services) -> None:
    assert chat(services, "/tilmeldd b98")[0] == "Kommandoen /tilmeldd kender jeg ikke. Skriv /hjælp for at se kommandoerne."


def test_afslut_ends_the_chat_and_later_lines_are_not_read(services: Services) -> None:
    replies = chat(services, "/afslut", "Hvad er B98?")
    assert replies == ["Farvel!"]


def test_blank_lines_are_skipped_and_end_of_input_ends_the_chat(services: Services) -> None:
    replies = chat(services, "", "   ", "B98")
    assert replies[:3] == ["", "", services.answerer.answer("B98").text]
    assert replies[3] == ""
