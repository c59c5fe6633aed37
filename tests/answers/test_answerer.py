"""The answering core on the bundled catalogue: what mayors type, and what they must get back."""
from __future__ import annotations

import dataclasses

import pytest

from bot.answers import Answer, Answerer, Intent
from bot.catalogue.model import Catalogue
from bot.catalogue.schema import GroupId


def top(answer: Answer) -> str | None:
    return answer.offers[0].id if answer.offers else None


@pytest.mark.parametrize(
    ("question", "offer_id"),
    [
        ("netværksmøder", "borgmesternetvaerk"),
        ("borgmesternetværket", "borgmesternetvaerk"),
        ("modeledelse", "modeledelse"),
        ("kommunalokonomi", "kommunalokonomi"),
        ("forhandligsteknik", "forhandlingsteknik"),
        ("Hvordan forhandler jeg?", "forhandlingsteknik"),
        ("haandtering af medier", "mediehaandtering"),
        ("B98", "b98"),
        ("Is there a mentoring scheme?", "mentorordning"),
    ],
)
def test_what_mayors_type_finds_the_offer(answerer: Answerer, question: str, offer_id: str) -> None:
    answer = answerer.answer(question)
    assert not answer.abstained
    assert top(answer) == offer_id


@pytest.mark.parametrize(
    "question",
    ["hvordan bliver vejret?", "hvem er statsminister?", "asdf", "Hvem er borgmester i Odense?", "hvad er 2+2"],
)
def test_out_of_scope_questions_get_i_dont_know_kls_contact_and_suggestions(
    answerer: Answerer, catalogue: Catalogue, question: str
) -> None:
    answer = answerer.answer(question)
    assert answer.abstained
    assert answer.offers == ()
    assert answer.text.startswith("Det ved jeg ikke")
    assert catalogue.contact.phone in answer.text and catalogue.contact.email in answer.text
    suggested = [o.title for o in catalogue.offers if f"»{o.title}«" in answer.text]
    assert 2 <= len(suggested) <= 3


def test_an_english_question_out_of_scope_is_answered_in_english(answerer: Answerer) -> None:
    answer = answerer.answer("How do I reset my password?")
    assert answer.abstained and answer.language == "en"
    assert answer.text.startswith("I don't know")


@pytest.mark.parametrize(
    ("question", "intent", "reply"),
    [
        ("Hej!", Intent.GREETING, "Hej!"),
        ("godmorgen", Intent.GREETING, "Hej!"),
        ("mange tak :)", Intent.THANKS, "Selv tak"),
        ("Thanks!", Intent.THANKS, "You're welcome"),
    ],
)
def test_greetings_and_thanks_get_a_short_friendly_reply(
    answerer: Answerer, question: str, intent: Intent, reply: str
) -> None:
    answer = answerer.answer(question)
    assert answer.intent is intent
    assert answer.text.startswith(reply)
    assert answer.offers == () and len(answer.text) < 200


def test_a_greeting_with_a_question_answers_the_question(answerer: Answerer) -> None:
    answer = answerer.answer("Hej, hvad er mentorordningen?")
    assert answer.intent is Intent.WHAT and top(answer) == "mentorordning"


def test_a_what_answer_quotes_the_catalogue_and_names_provider_and_source(
    answerer: Answerer, catalogue: Catalogue
) -> None:
    answer = answerer.answer("Hvad er makkerskab?")
    offer = catalogue.get("makkerskab")
    assert answer.intent is Intent.WHAT and answer.language == "da"
    assert offer.summary.split()[0] in answer.text and " ".join(offer.summary.split()) in answer.text
    assert offer.provider in answer.text
    assert catalogue.source_title(offer) in answer.text
    assert "<" not in answer.text and "*" not in answer.text


def test_a_when_question_answers_with_the_frequency(answerer: Answerer, catalogue: Catalogue) -> None:
    answer = answerer.answer("Hvor ofte mødes borgmesternetværkene?")
    assert answer.intent is Intent.WHEN and top(answer) == "borgmesternetvaerk"
    assert catalogue.get("borgmesternetvaerk").frequency in answer.text


def test_a_when_question_without_a_known_date_says_so(answerer: Answerer, catalogue: Catalogue) -> None:
    offer = catalogue.get("ledelsessparring")
    assert offer.frequency is None
    answer = answerer.answer("Hvornår kan jeg få sparring med en ledelsesrådgiver?")
    assert top(answer) == "ledelsessparring"
    assert "Kataloget siger ikke, hvornår" in answer.text and catalogue.contact.phone in answer.text


def test_a_price_question_quotes_the_fee(answerer: Answerer, catalogue: Catalogue) -> None:
    answer = answerer.answer("Hvad koster mentorordningen?")
    assert answer.intent is Intent.PRICE and top(answer) == "mentorordning"
    assert catalogue.get("mentorordning").fee in answer.text


def test_an_unknown_fee_is_unknown_never_zero(answerer: Answerer, catalogue: Catalogue) -> None:
    assert catalogue.get("borgmesterforlob").fee is None
    answer = answerer.answer("Hvad koster borgmesterforløbet?")
    assert answer.intent is Intent.PRICE and top(answer) == "borgmesterforlob"
    assert "Pris: ukendt" in answer.text
    assert "gratis" not in answer.text and " 0 kr" not in answer.text


def test_an_enrol_question_answers_how_to_enrol(answerer: Answerer, catalogue: Catalogue) -> None:
    answer = answerer.answer("Hvordan tilmelder jeg mig borgmesternetværket?")
    assert answer.intent is Intent.ENROL and top(answer) == "borgmesternetvaerk"
    assert " ".join(catalogue.get("borgmesternetvaerk").enrolment.how.split()) in answer.text


def test_a_provider_question_names_the_provider(answerer: Answerer) -> None:
    answer = answerer.answer("Hvem står bag sparring med ledelsesrådgiver?")
    assert answer.intent is Intent.PROVIDER and top(answer) == "ledelsessparring"
    assert "udbydes af Komponent" in answer.text


def test_a_list_question_about_a_sub_group_lists_all_of_it(answerer: Answerer, catalogue: Catalogue) -> None:
    answer = answerer.answer("hvilke temasessioner er der?")
    sessions = [o for o in catalogue.offers if o.subgroup == "Temasessioner for borgmestre"]
    assert answer.intent is Intent.LIST and answer.group is GroupId.VIDEN
    assert answer.offers == tuple(sessions[:5]) and not answer.abstained
    assert all(o.title in answer.text for o in sessions)


def test_a_list_question_about_a_provider_lists_its_offers(answerer: Answerer, catalogue: Catalogue) -> None:
    answer = answerer.answer("Hvad tilbyder Komponent?")
    komponent = [o for o in catalogue.offers if "Komponent" in o.provider]
    assert answer.intent is Intent.LIST and answer.group is None
    assert {o.id for o in answer.offers} == {o.id for o in komponent}
    assert all(o.title in answer.text for o in komponent)


def test_a_list_question_about_everything_lists_every_group(answerer: Answerer, catalogue: Catalogue) -> None:
    answer = answerer.answer("Hvilke tilbud er der?")
    assert answer.intent is Intent.LIST and len(answer.offers) == 5
    assert all(g.title in answer.text for g in catalogue.groups)
    assert all(o.title in answer.text for o in catalogue.offers)


def test_what_a_list_question_is_about_names_no_topic(answerer: Answerer) -> None:
    answer = answerer.answer("hvilke af jeres tilbud handler om det personlige lederskab?")
    assert answer.intent is Intent.LIST and answer.group is GroupId.LEDERSKAB


def test_a_list_question_with_a_topic_ranks_instead_of_listing_the_group(answerer: Answerer) -> None:
    answer = answerer.answer("Hvilke temasessioner er der om økonomi?")
    assert answer.group is None and top(answer) == "kommunalokonomi"


@pytest.mark.parametrize(
    "question", ["Hvad gør jeg hvis jeg bliver truet?", "hærværk mod mit hus", "Jeg er blevet overfaldet", "KL's hotline"]
)
def test_answers_about_threats_give_the_hotline_and_112_and_114(
    answerer: Answerer, catalogue: Catalogue, question: str
) -> None:
    answer = answerer.answer(question)
    assert answer.about_threats and top(answer) == "chikane-og-trusler"
    assert "112" in answer.text and "114" in answer.text
    assert catalogue.hotline.phone is None
    assert "ikke offentliggjort" in answer.text and catalogue.contact.phone in answer.text


def test_an_english_threat_question_gets_english_emergency_lines(answerer: Answerer) -> None:
    answer = answerer.answer("What do I do if I am threatened?")
    assert answer.language == "en" and answer.about_threats
    assert "call 112" in answer.text and "114" in answer.text


def test_questions_about_other_things_do_not_mention_the_hotline(answerer: Answerer) -> None:
    answer = answerer.answer("forhandlingsteknik")
    assert not answer.about_threats and "112" not in answer.text


@pytest.mark.parametrize("question", ["", "   ", "?!", "<!channel>", "<!here> <@U123ABC>"])
def test_empty_or_markup_only_input_asks_for_a_question(answerer: Answerer, question: str) -> None:
    answer = answerer.answer(question)
    assert answer.abstained and answer.question == question
    assert answer.text.startswith("Skriv et spørgsmål")


def test_broadcast_markup_is_ignored_around_a_real_question(answerer: Answerer) -> None:
    answer = answerer.answer("<!channel> hvornår mødes B98?")
    assert top(answer) == "b98" and "<!channel>" not in answer.text


def test_a_huge_message_is_answered_quickly_and_completely(answerer: Answerer) -> None:
    question = "mentorordning " + "bla " * 50_000
    answer = answerer.answer(question)
    assert answer.question == question
    assert answer.text


def test_help_without_a_topic_explains_what_the_bot_does(answerer: Answerer) -> None:
    answer = answerer.answer("hjælp")
    assert answer.intent is Intent.HELP and answer.abstained
    assert "Jeg svarer på spørgsmål" in answer.text


def test_help_with_a_topic_answers_the_topic(answerer: Answerer) -> None:
    answer = answerer.answer("Jeg har brug for hjælp til forhandlingsteknik")
    assert answer.intent is Intent.WHAT and top(answer) == "forhandlingsteknik"


def test_at_most_five_offers_best_first_and_none_when_abstaining(answerer: Answerer) -> None:
    for question in ("borgmester kommune valgperioden sparring", "qwerty"):
        answer = answerer.answer(question)
        assert len(answer.offers) <= 5
        assert answer.abstained == (answer.offers == ())


def test_answer_is_frozen(answerer: Answerer) -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        answerer.answer("B98").text = "x"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("typed", "offer_id"),
    [("b98", "b98"), ("Mødeledelse", "modeledelse"), ("modeledelse", "modeledelse"), ("netværk", "borgmesternetvaerk"),
     ("forhandligsteknik", "forhandlingsteknik")],
)
def test_match_offers_finds_what_enrolment_commands_name(answerer: Answerer, typed: str, offer_id: str) -> None:
    assert answerer.match_offers(typed)[0].id == offer_id


def test_match_offers_gives_the_exact_match_alone_and_nothing_for_nonsense(answerer: Answerer) -> None:
    assert [o.id for o in answerer.match_offers("Borgmesterpraktik")] == ["borgmesterpraktik"]
    assert answerer.match_offers("zzzz") == []
    assert answerer.match_offers("") == []
    assert len(answerer.match_offers("borgmester", limit=3)) <= 3


@pytest.mark.parametrize(
    ("question", "first", "count"),
    [
        ("which theme sessions are there?", "kommunalokonomi", 9), ("what tools do you have?", "vidensbank-okonomi", 2),
        # "what" before the name of a list, with words the catalogue does not know beside it.
        ("what theme sessions are on offer this term?", "kommunalokonomi", 9),
    ],
)
def test_english_list_questions_list_like_danish_ones(answerer: Answerer, question: str, first: str, count: int) -> None:
    answer = answerer.answer(question)
    assert answer.intent is Intent.LIST and answer.language == "en"
    assert answer.offers[0].id == first and f"({count}):" in answer.text.splitlines()[0]


def test_a_described_threat_gets_the_hotline_and_the_emergency_numbers(answerer: Answerer) -> None:
    for question in ("nogen har kastet en sten gennem mit køkkenvindue", "en mand følger efter mig fra rådhuset",
                     "de skriver grimme ting om min datter på nettet", "I'm being stalked after the school closure vote"):
        answer = answerer.answer(question)
        assert answer.about_threats and "112" in answer.text and "114" in answer.text, question
        assert answer.offers[0].id == "chikane-og-trusler", question


@pytest.mark.parametrize(
    ("question", "first"),
    [
        ("der lå en haglpatron i min postkasse i morges", "chikane-og-trusler"),
        ("han sagde at han ville gøre mig fortræd", "chikane-og-trusler"),
        ("they threw stones at our house", "chikane-og-trusler"),
        ("he said he would hurt my family", "chikane-og-trusler"),
        ("der er hældt maling ud over min indkørsel. send mig lige referatet fra udvalgsmødet", "chikane-og-trusler"),
        ("nogen har skrevet skældsord på vores garage, og hvem er formand for KL nu?", "chikane-og-trusler"),
        ("der ligger ulækre opslag om min datter på facebook", None),
        # A threat in one sentence is not outweighed by a near-domain errand in the next.
        ("de skriver at de ved hvilken skole min søn går på. kan du booke et mødelokale til i morgen?", None),
        ("en mand råbte efter mine børn ved skolen og sagde de skulle passe på. send mig dagsordenen", None),
        # A death wished in a quote; a colon introduces the quote, not another errand.
        ('besked på messenger: "du skal dø". hvad gør jeg nu?', "chikane-og-trusler"),
        ("someone is posting pictures of our house online with the kids' names under them", "chikane-og-trusler"),
        ("vi bliver fulgt af den samme bil hver aften", "chikane-og-trusler"),
        ("de ringer til min far og skælder ham ud over min politik", "chikane-og-trusler"),
        ("hun får sms'er med truende indhold fra den samme borger hver uge", "chikane-og-trusler"),
        ("borgmesteren blev antastet af en tilhører efter mødet", "chikane-og-trusler"),
        # Calling the police beside a threat is about the threat, not a call to KL.
        ("han skrev at han ved hvor jeg bor. skal jeg ringe til politiet?", "chikane-og-trusler"),
        # A weaker threat told, not asked: the calls are the threat, not a question for KL's phone.
        ("en vælger ringer til min mobil hver aften og siger at jeg skal passe på", "chikane-og-trusler"),
        # Lying in wait for the mayor.
        ("en borger har to gange stået og ventet på mig udenfor rådhuset efter møderne", "chikane-og-trusler"),
        ("he told me he'd be waiting for me after the council meeting", "chikane-og-trusler"),
        # Knowing where the children are, from a stranger, is a threat however politely put.
        ("en ukendt profil skriver at han ved hvilken børnehave min datter går i", "chikane-og-trusler"),
        ("some guy messaged me that he knows where my kids go to school", "chikane-og-trusler"),
        # "banging" is no ban a law puts on something (a near-domain phrase matched on its prefix).
        ("two guys were banging on my car windows after the council meeting", "chikane-og-trusler"),
        # Taking, finding, getting or making the mayor pay, said or written, in any tense.
        ('en borger råbte i forvaltningen at han ville "tage" borgmesteren. hvad gør vi?', "chikane-og-trusler"),
        ('en fyr siger i en video at han vil "finde" borgmesteren', "chikane-og-trusler"),
        ("a man keeps turning up at my office saying he'll make me pay for the cuts", "chikane-og-trusler"),
        ("en borger har skrevet at han nok skal finde mig hvis projektet bliver vedtaget", "chikane-og-trusler"),
        ('a man at the meeting said he would "get me" afterwards. should I report it?', "chikane-og-trusler"),
        ("der har været en i telefonen der sagde han nok skulle finde mig", "chikane-og-trusler"),
    ],
)
def test_a_threat_told_by_what_happened_gets_the_hotline(answerer: Answerer, question: str, first: str | None) -> None:
    answer = answerer.answer(question)
    assert answer.about_threats and "112" in answer.text, question
    if first is not None:
        assert answer.offers[0].id == first, question


def test_a_need_in_own_words_finds_its_offer(answerer: Answerer) -> None:
    for question, offer_id in (("jeg sover dårligt, kalenderen æder mig", "politisk-arbejdsmiljo"),
                               ("vi har en mediestorm lige nu", "mediehaandtering"),
                               ("jeg gruer for nytårstalen", "staerk-taler"),
                               ("my calendar is crazy and I hardly see my children, any help?", "politisk-arbejdsmiljo"),
                               ("course for the new health councils", "sundhedsraad"),
                               ("tool for talking about how we each like to work", "dialogvaerktoj")):
        assert top(answerer.answer(question)) == offer_id, question


def test_near_domain_questions_name_no_offer(answerer: Answerer, catalogue: Catalogue) -> None:
    for question in ("hvem er indenrigsminister?", "send mig referatet fra økonomiudvalget"):
        answer = answerer.answer(question)
        assert answer.abstained and answer.offers == (), question
        assert catalogue.contact.phone in answer.text


def test_an_unsure_question_asks_which_offer_is_meant(answerer: Answerer) -> None:
    answer = answerer.answer("noget om samarbejde med direktøren")
    assert answer.clarify and not answer.abstained and 2 <= len(answer.offers) <= 3
    assert answer.text.startswith("Jeg er ikke sikker på, hvilket tilbud du mener. Mente du »")


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("mentorordning", "hvordan laver man frikadeller?"),
        ("B98", "hvad bliver vejret i Aarhus den dag?"),
        ("mentorordning", "hvor parkerer jeg cyklen i Odense?"),
    ],
)
def test_a_short_out_of_scope_message_after_a_topic_is_declined_not_a_follow_up(
    answerer: Answerer, first: str, second: str
) -> None:
    topic = answerer.answer(first).topic
    assert topic is not None
    assert answerer.answer(second, topic).offers == ()


@pytest.mark.parametrize("second", ["hvad koster det?", "tilmeld mig", "hvem underviser", "gælder det også min familie?"])
def test_a_bare_or_pronoun_follow_up_stays_on_the_topic(answerer: Answerer, second: str) -> None:
    topic = answerer.answer("mentorordning").topic
    assert topic is not None
    assert top(answerer.answer(second, topic)) == "mentorordning"


@pytest.mark.parametrize(
    ("question", "asked_for"),
    [
        ("Nogen har smadret ruderne i mit sommerhus i nat. Noget andet: hvordan får jeg en mentor?", "mentorordning"),
        ("En mand truede mig på gaden, og nu ringer pressen. Hvordan håndterer jeg medierne?", "mediehaandtering"),
        ("My car got vandalised outside the town hall. Also, how do I join a mayors' network?", "borgmesternetvaerk"),
        # A plain errand beside the threat, which the threat's words drown in the whole message.
        ("vores carport blev smadret efter byrådsmødet i går. i øvrigt, hvornår er næste borgmestersamling?",
         "borgmestersamlinger"),
        # A request for a course that names its subject by pointing at the threat.
        ("Der kommer hadefulde kommentarer på min side hver dag, vil gerne lære at håndtere det, er der et kursus?",
         "sociale-medier"),
        ("Det startede på Facebook med en masse hadefulde kommentarer. Er der et kursus i at håndtere den slags?",
         "sociale-medier"),
    ],
)
def test_a_threat_beside_another_request_answers_the_request_and_gives_the_hotline(
    answerer: Answerer, question: str, asked_for: str
) -> None:
    answer = answerer.answer(question)
    assert answer.offers[0].id == asked_for
    assert "chikane-og-trusler" in [o.id for o in answer.offers]
    assert answer.about_threats and "112" in answer.text


@pytest.mark.parametrize(
    "question",
    [
        "Jeg er blevet truet på mail. Hvad gør jeg?",
        # Told, not asked: what happened at the mayor's events is part of the threat.
        "En mand følger efter mig. Han står ved alle mine arrangementer og skriver til min privatadresse.",
    ],
)
def test_a_request_that_leans_on_the_threat_keeps_the_threat_offer_first(answerer: Answerer, question: str) -> None:
    answer = answerer.answer(question)
    assert answer.offers[0].id == "chikane-og-trusler"
    assert "112" in answer.text


def test_a_threat_in_one_numbered_point_gets_the_hotline_beside_the_errand_in_the_next(answerer: Answerer) -> None:
    answer = answerer.answer("to spørgsmål: 1) de har skrevet at de vil sætte ild til vores hus 2) hvad er borgmesterpension")
    assert answer.about_threats and "112" in answer.text
    assert answer.offers[0].id == "borgmesterpension"


def test_two_situation_phrases_keep_the_ranking_first_over_a_classifier_not_sure(answerer: Answerer) -> None:
    answer = answerer.answer("Hej, jeg er sekretær for borgmesteren. Hun vil gerne på det der kursus i at lede møder, hvordan tilmelder jeg hende?")
    assert answer.offers[0].id == "modeledelse"


def test_a_near_domain_phrase_of_the_offers_own_title_names_that_offer(answerer: Answerer) -> None:
    assert answerer.answer("får jeg noget at vide efter KL's bestyrelsesmøder?").offers[0].id == "nyhedsbreve"


def test_an_offer_asked_for_by_name_outweighs_near_domain_words_of_the_situation(answerer: Answerer) -> None:
    answer = answerer.answer(
        "Jeg er 1. viceborgmester og skal lede byrådsmøderne mens borgmesteren er på barsel. Har I noget om mødeledelse?"
    )
    assert answer.offers[0].id == "modeledelse"


def test_seeing_how_another_municipality_does_it_is_the_mayors_internship(answerer: Answerer) -> None:
    assert answerer.answer("Kan jeg komme ud og se hvordan en anden kommune gør det?").offers[0].id == "borgmesterpraktik"


@pytest.mark.parametrize(
    "message",
    [
        'Der går en video rundt på TikTok hvor en fyr siger jeg skal "have en lærestreg". Hvad gør man?',
        "En mand har sendt mig over 200 beskeder på messenger den sidste uge, flere af dem seksuelle",
        'Efter debatten i går fik jeg en sms: "Vi ved hvor du bor". Skal jeg ringe til nogen?',
        "Hjælp. Der ligger en død rotte foran min hoveddør med et brev om lukningen af svømmehallen.",
        'Vi har fået et tip om at en gruppe vil møde op til byrådsmødet og har snakket om at "tage fat i borgmesteren". Hvad gør vi?',
        "vi har fået en mail hvor der står at rådhuset bliver brændt ned hvis ikke beslutningen om plejehjemmet bliver omgjort",
        "Vi havde en tilhører der blev så aggressiv under udvalgsmødet at vi måtte afbryde. Borgmesteren føler sig utryg.",
        "en tidligere medarbejder sender mig mails hele tiden og er nu også dukket op ved vores sommerhus",
        "folk har lavet en fb gruppe hvor de deler hvor jeg handler og hvornaar jeg gaar tur med hunden",
        'til sidste møde rejste en tilhører sig og sagde højt at han nok skulle "tage sig af mig" bagefter. hvad gør jeg?',
        'Min sekretær har fået en mail om at der "sker noget" til byrådsmødet på torsdag',
        "Min mand bliver råbt efter i Netto og på sit arbejde pga mig, det er blevet værre efter lukningen af plejehjemmet",
        "der ligger søm på min indkørsel hver morgen nu, 3. gang denne uge",
        'Fik en sms i går: "du slipper ikke så let næste gang". Ved ikke hvem den er fra.',
        'min datter på 14 fik en besked på insta: "vi ved hvor din far bor". hvad gør jeg',
        "Får hadbeskeder hver eneste dag efter en tv-debat og overvejer at stoppe. Er der nogen jeg kan tale med?",
        "truselsbrev modtaget. hvem ringer jeg til?",
        "A man keeps showing up at the mayor's office without an appointment, shouting and banging on the door. Staff are scared.",
        "en hater på tiktok laver videoer om mig og min familie, i den seneste kan man se vores hus. hvad gør jeg",
    ],
)
def test_threats_in_own_words_get_the_threat_offer_first(
    answerer: Answerer, message: str
) -> None:
    answer = answerer.answer(message)
    assert answer.offers[0].id == "chikane-og-trusler"
    assert "112" in answer.text


def test_a_council_named_by_the_stem_of_an_offers_title_is_asked_for_by_name(answerer: Answerer) -> None:
    answer = answerer.answer(
        "Jeg er 1. viceborgmester og formand for sundhedsudvalget, og er netop udpeget til sundhedsrådet. Findes der et kursus?"
    )
    assert answer.offers[0].id == "sundhedsraad"



@pytest.mark.parametrize(
    "question",
    ["Hvornår må valgplakaterne hænges op før et valg?", "Vil du tjekke hvornår vores kommunaldirektørs kontrakt udløber?"],
)
def test_election_posters_and_a_directors_contract_are_near_domain_and_no_threat(answerer: Answerer, question: str) -> None:
    answer = answerer.answer(question)
    assert answer.abstained and not answer.offers and not answer.about_threats


def test_following_what_kl_does_is_the_newsletters(answerer: Answerer) -> None:
    assert answerer.answer("Hvordan følger jeg bedst med i hvad KL laver?").offers[0].id == "nyhedsbreve"


def test_a_calendar_smashed_to_pieces_is_no_threat(answerer: Answerer) -> None:
    answer = answerer.answer("min kalender er fuldstændig smadret og jeg ser næsten ikke min familie mere. er der noget der kan hjælpe")
    assert answer.offers[0].id == "politisk-arbejdsmiljo" and not answer.about_threats


def test_a_speech_at_the_town_festival_is_the_speech_course(answerer: Answerer) -> None:
    assert answerer.answer("Jeg skal holde tale til byfesten og er elendig til det. Er der noget?").offers[0].id == "staerk-taler"


@pytest.mark.parametrize(
    "question",
    [
        "Hvordan klager en borger over afslag på hjemmehjælp?",
        "hvad er reglerne for kommunens overvågningskameraer på torvet?",
        "hvad er proceduren for at ekspropriere jord til en ny omfartsvej",
    ],
)
def test_a_complaint_cameras_and_expropriation_name_no_offer(answerer: Answerer, question: str) -> None:
    assert not answerer.answer(question).offers


@pytest.mark.parametrize(
    "question",
    ["Jeg booker kurser for borgmesteren. Er der noget om forhandlinger?",
     'Jeg er viceborgmester. Hvad gaar borgmesterforloebet "Borgmester i en ny tid" ud paa?',
     "Skal snart forhandle med nabokommunen om et fælles affaldsselskab. Har KL noget om forhandling?",
     "Jeg er viceborgmester, men overtager borgmesterposten til januar når den nuværende går af. Kan jeg få en mentor?"],
)
def test_one_way_of_asking_does_not_hide_an_offer_named_or_clearly_meant(answerer: Answerer, question: str) -> None:
    assert answerer.answer(question).offers[0].id in {"forhandlingsteknik", "borgmesterforlob", "mentorordning"}


def test_what_kls_board_decided_is_the_newsletters(answerer: Answerer) -> None:
    assert answerer.answer("Hvor kan jeg læse hvad KL's bestyrelse har besluttet på sine møder?").offers[0].id == "nyhedsbreve"


@pytest.mark.parametrize(
    ("question", "meant"),
    [
        ("Hvornår er den næste store samling for alle borgmestre?", "borgmestersamlinger"),
    ],
)
def test_two_situation_phrases_name_the_offer_first(answerer: Answerer, question: str, meant: str) -> None:
    assert answerer.answer(question).offers[0].id == meant


@pytest.mark.parametrize(
    "question",
    [
        "nogen har smadret ruden i min bil i nat. btw hvad bliver vejret i weekenden?",
        "got a threatening voicemail last night. also who won the match yesterday?",
    ],
)
def test_a_threat_beside_an_errand_beyond_the_catalogue_gives_the_hotline_first_and_declines_the_rest(
    answerer: Answerer, question: str
) -> None:
    answer = answerer.answer(question)
    assert answer.abstained and not answer.offers and answer.about_threats
    declined = "The other thing" if answer.language == "en" else "Det andet"
    assert answer.text.index("112") < answer.text.index(declined)


@pytest.mark.parametrize(
    ("question", "first"),
    [
        # The errand names an offer: the threat offer and that offer.
        ("min søn er blevet truet i skolen. Og kan I i øvrigt sende mig noget om mødeledelse?", "chikane-og-trusler"),
        # What follows "og så" is the threat going on.
        ('han sagde at jeg "ikke skal vise mig" igen, og så skubbede han til mig', "chikane-og-trusler"),
    ],
)
def test_a_threat_going_on_or_beside_an_offer_keeps_the_threat_offer(answerer: Answerer, question: str, first: str) -> None:
    answer = answerer.answer(question)
    assert first in [o.id for o in answer.offers] and "112" in answer.text


def test_a_secretarys_introduction_does_not_outweigh_what_she_asks(answerer: Answerer) -> None:
    answer = answerer.answer("hej, jeg er sekretær for borgmesteren. hun vil gerne blive bedre til at holde taler")
    assert answer.offers and answer.offers[0].id == "staerk-taler"

