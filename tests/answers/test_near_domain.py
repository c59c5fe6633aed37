"""Near-domain questions the catalogue does not answer: what an act or one of its sections says,
figures, other organisations, other people's contact details. They are declined, while a question
that asks for an offer about the same subject still gets it."""
from __future__ import annotations

import pytest

from bot.answers import Answerer
from bot.answers.concepts import Phrases, words


@pytest.mark.parametrize(
    "question",
    [
        "Hvad står der i planlovens § 35?",
        "hvad siger §17 stk. 4 om borgerrepræsentanter?",
        "hvor meget skal vi skære ifølge økonomiaftalen for 2027?",
        "giv mig en liste med mobilnumre på alle udvalgsformænd",
        "Hvilke kurser holder Danske Regioner for regionsrådsmedlemmer?",
        "har Danske Handicaporganisationer et oplæg for lokalpolitikere?",
        "har FOA et arrangement for borgmestre?",
        "what does a kommunaldirektør earn?",
        "hvornår starter valgkampen officielt?",
        "hvad er reglerne for orlov for byrådsmedlemmer?",
        # What the law says of a case, though the legal session's own words cover the case.
        "hvad siger loven om inhabilitet, når jeg er formand for en idrætsforening?",
        "What does the Planning Act say about local plans?",
        "hvornår er KL's kommunalpolitiske topmøde?",
        "hvem er boligminister efter valget?",
        "hvor stort blev serviceloftet i den seneste økonomiaftale?",
        "kan du ikke bare skrive talen til nytårskuren for mig?",
        "holder Djøf et kursus i forhandling for kommunalpolitikere?",
        "kan KL hjælpe med en personalesag om en afskedigelse?",
        # One word shared with an offer: citizens' pension, the town hall's network, a law in force.
        "hvornår kan min mor gå på folkepension?",
        "wifi-netværket på rådhuset er nede, hvem ringer jeg til?",
        "hvornår træder forbuddet mod sociale medier for unge i kraft?",
        "hvor meget tjener en kommunaldirektør?",
        "which parties sit on the council in Odense?",
        # A number alone names no offer (17 is the number of health councils).
        "hvad er 17 gange 3",
        # What a named act says, what is lawful, who leads another body, a council's procedure.
        "må jeg som borgmester slette kommentarer på kommunens facebookside efter loven?",
        "skal der være høring inden vi lukker skolen?",
        # A legal assessment of one's own case, and one municipality's own figure.
        "jeg er formand for en boligforening, er jeg så inhabil i sager om den?",
        "hvor stor er servicerammen for vores kommune i år?",
        # One's own tax return, the election's seat count.
        "skal jeg skrive mit vederlag på selvangivelsen selv?",
        "hvordan regner man mandater ud med d'Hondt?",
        # Who heads KL: a person, not the partnership course for a mayor and her director.
        "hvem er direktør i KL i dag?",
        # The municipalities' history.
        "which municipalities were merged in the 2007 reform?",
        # Two acts named, another authority's ruling.
        "hvad er forskellen på kommunestyrelsesloven og forvaltningsloven?",
        "hvad blev Ankestyrelsens afgørelse i sagen om borgmesterens habilitet i Vejle?",
    ],
)
def test_near_domain_questions_are_declined(answerer: Answerer, question: str) -> None:
    answer = answerer.answer(question)
    assert answer.abstained and answer.offers == (), [o.id for o in answer.offers]


@pytest.mark.parametrize(
    "question",
    [
        "er der et kursus om forvaltningsloven for borgmestre?",
        "jeg vil gerne forstå kommunestyrelsesloven bedre, har I en temasession?",
    ],
)
def test_asking_for_an_offer_about_an_act_gets_the_legal_session(answerer: Answerer, question: str) -> None:
    assert [o.id for o in answerer.answer(question).offers][:1] == ["juridiske-principper"]


@pytest.mark.parametrize(
    ("question", "offer"),
    [
        ("er der en temasession om reglerne for borgmesterpension?", "borgmesterpension"),
        # The rules of something are a way of asking: its subject says whether an offer answers it.
        ("I want to get my head around the rules for mayors' pensions", "borgmesterpension"),
        ("hvordan får jeg nyhedsbrevet fra KL's bestyrelse?", "nyhedsbreve"),
        ("har I den pjece om udvalgsarbejde som blev lavet sammen med ministeriet?", "pjece-politisk-arbejde"),
        # How often an offer meets is a detail it states, not a count ("hvor mange") of something else.
        ("how many times a year do the mayors networks meet?", "borgmesternetvaerk"),
        # The mayor's own top managers are the leadership sparring's subject, not other staff's business.
        ("jeg vil gerne have sparring om hvordan jeg leder cheferne i direktionen", "ledelsessparring"),
    ],
)
def test_a_near_domain_phrase_the_offers_own_text_has_names_that_offer(
    answerer: Answerer, question: str, offer: str
) -> None:
    assert [o.id for o in answerer.answer(question).offers][:1] == [offer]


def test_a_word_ending_matches_only_that_ending() -> None:
    phrases = Phrases(["*minister="])
    assert phrases.any(words("hvem er boligminister?"))
    assert not phrases.any(words("pjecen fra ministeriet"))


def test_a_phrase_inside_a_longer_one_counts_once() -> None:
    phrases = Phrases(["hvem er", "hvem er borgmester", "send mig"])
    assert len(phrases.held(words("hvem er borgmester i Odense?"))) == 1
    assert len(phrases.held(words("hvem er borgmester? send mig svaret"))) == 2


def test_two_phrases_that_read_the_same_words_count_once() -> None:
    phrases = Phrases(["regler for", "reglerne for", "hvem er"])
    assert len(phrases.held(words("hvad er reglerne for inhabilitet?"))) == 1


def test_the_rules_on_disqualification_are_asked_of_the_legal_session_not_declined(answerer: Answerer) -> None:
    answer = answerer.answer("hvad er reglerne for inhabilitet som borgmester, er der en session om det?")
    assert not answer.abstained and "juridiske-principper" in [o.id for o in answer.offers]


@pytest.mark.parametrize(
    ("question", "offer"),
    [
        ("hvornår mødes borgmesterkredsen første gang efter valget?", "b98"),
        ("hvad hedder KL's pjece om udvalgsarbejde?", "pjece-politisk-arbejde"),
    ],
)
def test_one_way_of_asking_gives_way_when_words_and_classifier_agree(answerer: Answerer, question: str, offer: str) -> None:
    assert [o.id for o in answerer.answer(question).offers][:1] == [offer]


@pytest.mark.parametrize("question", ["hvem vandt valget i Aarhus?", "hvor mange borgmestre er der i Danmark?"])
def test_a_way_of_asking_with_nothing_an_offer_states_is_still_declined(answerer: Answerer, question: str) -> None:
    assert answerer.answer(question).offers == ()
