"""Follow-ups that a pronoun or a detail alone does not settle: a comparison of the last two
offers, a definite noun ("sessionen") that points at the conversation's offer of that kind, a new
noun split off in front ("og pjecen, …") that moves on, and a near-domain question about the
topic, which is a new question to decline."""
from __future__ import annotations

import pytest

from bot.answers import Answer, Answerer
from bot.answers.conversation import Topic, is_definite, ordinal
from bot.answers.intent import Intent


def _conversation(answerer: Answerer, *messages: str) -> list[Answer]:
    topic: Topic | None = None
    answers = []
    for message in messages:
        answer = answerer.answer(message, topic)
        topic = answer.topic or topic
        answers.append(answer)
    return answers


def _first(answer: Answer) -> str | None:
    return answer.offers[0].id if answer.offers else None


def test_the_difference_between_the_two_sets_the_last_two_offers_side_by_side(answerer: Answerer) -> None:
    *_, compared = _conversation(answerer, "mentorordning", "og ledelsessparring?", "hvad er forskellen på de to?")
    assert [o.id for o in compared.offers] == ["ledelsessparring", "mentorordning"]
    assert compared.text.startswith("De to tilbud side om side:")
    assert compared.offers[0].summary.split()[0] in compared.text and compared.offers[1].title in compared.text


def test_the_difference_in_english_is_framed_in_english(answerer: Answerer) -> None:
    *_, compared = _conversation(answerer, "mentorordning", "og ledelsessparring?", "what's the difference between them?")
    assert compared.text.startswith("The two offers side by side")
    assert {o.id for o in compared.offers} == {"ledelsessparring", "mentorordning"}


@pytest.mark.parametrize(
    "asked",
    [
        # A definite noun returns to the earlier offer of that kind.
        "hvornår er sessionen?",
        # A kind of offer asks for the conversation's offer of that kind.
        "ok, men er der en session hvor man er flere sammen?",
    ],
)
def test_the_kind_of_offer_named_returns_to_the_conversations_offer_of_that_kind(answerer: Answerer, asked: str) -> None:
    *_, back = _conversation(
        answerer, "er der en temasession om mødeledelse?", "findes der også et værktøj om arbejdspræferencer?", asked,
    )
    assert _first(back) == "modeledelse"


def test_a_definite_noun_alone_stays_with_the_topic(answerer: Answerer) -> None:
    *_, same = _conversation(answerer, "kursus i forhandlingsteknik", "hvem står bag forløbet?")
    assert _first(same) == "forhandlingsteknik"


def test_a_new_noun_in_front_of_the_pronoun_moves_on(answerer: Answerer) -> None:
    *_, moved = _conversation(answerer, "mentorordning", "og pjecen, hvor finder jeg den?")
    assert _first(moved) == "pjece-politisk-arbejde"


def test_a_pronoun_means_the_latest_offer_not_an_earlier_one(answerer: Answerer) -> None:
    *_, latest = _conversation(answerer, "makkerskab", "mediehåndtering", "hvem udbyder det?")
    assert _first(latest) == "mediehaandtering"


def test_a_detail_the_topic_fits_does_not_move_on(answerer: Answerer) -> None:
    *_, same = _conversation(answerer, "sparring med ledelsesrådgiver", "kan min kommunaldirektør også være med?")
    assert _first(same) == "ledelsessparring"


def test_who_sits_in_it_after_a_topic_is_near_domain_and_declined(answerer: Answerer) -> None:
    *_, declined = _conversation(answerer, "jeg skal sidde i sundhedsrådet", "og hvem sidder i det for Region Syddanmark?")
    assert declined.abstained and declined.offers == ()


def test_a_pronoun_the_question_is_about_keeps_the_topic_whatever_else_it_names(answerer: Answerer) -> None:
    for question in ("foregår det i en lille gruppe?", "er det i en lille gruppe eller et stort hold?"):
        *_, same = _conversation(answerer, "jeg er udbrændt og kalenderen er fuld, har I noget?", question)
        assert _first(same) == "politisk-arbejdsmiljo", question


def test_a_pronoun_that_is_not_the_subject_lets_a_new_offer_in(answerer: Answerer) -> None:
    *_, moved = _conversation(answerer, "har i noget om at skrive bøger om borgmestre", "og kan jeg besøge en af dem?")
    assert _first(moved) == "borgmesterpraktik"


def test_a_pronoun_after_what_the_message_names_points_at_that(answerer: Answerer) -> None:
    *_, moved = _conversation(answerer, "mødeledelse", "and negotiation? anything on that?")
    assert _first(moved) == "forhandlingsteknik"


def test_it_after_returning_to_nothing_is_the_latest_offer_not_an_earlier_one(answerer: Answerer) -> None:
    *_, latest = _conversation(
        answerer, "er der en samling for nye borgmestre?", 'og forløbet "borgmester i en ny tid", hvad går det ud på?',
        "hvornår starter det?",
    )
    assert _first(latest) == "borgmesterforlob"


def test_also_a_kind_of_offer_on_another_subject_moves_on(answerer: Answerer) -> None:
    *_, moved = _conversation(answerer, "kursus i forhandlingsteknik", "er der også et kursus i at holde taler?")
    assert _first(moved) == "staerk-taler"


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("jeg skal sidde i et af de nye sundhedsråd, er der noget for mig?", "hvem bliver næstformand i sundhedsrådet for Syddanmark?"),
        ("er der en session om borgmesterens juridiske ansvar?", "og hvad siger styrelseslovens § 9 så?"),
    ],
)
def test_a_near_domain_subject_after_a_topic_is_a_new_question_to_decline(
    answerer: Answerer, first: str, second: str
) -> None:
    opening, declined = _conversation(answerer, first, second)
    assert opening.offers and declined.abstained and declined.offers == ()


def test_both_means_the_last_two_offers(answerer: Answerer) -> None:
    *_, both = _conversation(answerer, "mødeledelse", "og noget om forhandling?", "kan jeg tage dem begge to?")
    assert {o.id for o in both.offers[:2]} == {"modeledelse", "forhandlingsteknik"}


@pytest.mark.parametrize("second", ["how long does it last?", "is it online?", "hvor lang tid tager det?"])
def test_a_short_question_about_it_stays_on_the_topic_whatever_the_classifier_thinks(
    answerer: Answerer, second: str
) -> None:
    *_, followed = _conversation(answerer, "kan jeg besøge en anden borgmester og se hvordan hun arbejder?", second)
    assert _first(followed) == "borgmesterpraktik"


def test_the_difference_between_the_two_in_english_compares_the_last_two(answerer: Answerer) -> None:
    *_, compared = _conversation(answerer, "mentorordning", "og ledelsessparring?", "what's the difference between the two?")
    assert {o.id for o in compared.offers} == {"ledelsessparring", "mentorordning"}


@pytest.mark.parametrize("second", ["Hvad koster deltagelse?", "Hvornår afholdes kurset?", "sign me up"])
def test_a_detail_asked_in_a_few_words_is_the_topics(answerer: Answerer, second: str) -> None:
    *_, followed = _conversation(answerer, "jeg skal holde tale til byens jubilæum og vil gerne øve mig", second)
    assert _first(followed) == "staerk-taler"


def test_the_first_one_after_a_list_is_the_first_offer_listed(answerer: Answerer) -> None:
    listed, picked = _conversation(answerer, "hvilke temasessioner er der?", "tilmeld mig den første")
    assert len(listed.offers) > 2
    assert [o.id for o in picked.offers] == [listed.offers[0].id]
    second = answerer.answer("and the second one?", listed.topic)
    assert [o.id for o in second.offers] == [listed.offers[1].id]


def test_the_first_meeting_is_a_meeting_not_an_offer_picked_by_its_place() -> None:
    assert ordinal("hvornår er det første møde?") is None
    assert ordinal("ok, meld mig til den første") == 0
    assert ordinal("og den anden?") == ordinal("and the other one?") == 1
    assert ordinal("det sidste, hvad koster det?") == ordinal("the last one") == -1


def test_two_offers_the_question_compares_are_answered_side_by_side_in_the_order_named(answerer: Answerer) -> None:
    compared = answerer.answer("hvad er forskellen på mødeledelse og forhandlingsteknik?")
    assert [o.id for o in compared.offers[:2]] == ["modeledelse", "forhandlingsteknik"]
    assert compared.text.startswith("De to tilbud side om side:")
    backwards = answerer.answer("hvad er forskellen på forhandlingsteknik og mødeledelse?")
    assert [o.id for o in backwards.offers[:2]] == ["forhandlingsteknik", "modeledelse"]


def test_the_second_one_still_picks_from_the_two_after_an_answer_about_the_first(answerer: Answerer) -> None:
    _, first, second, last = _conversation(
        answerer, "hvad er forskellen på mødeledelse og forhandlingsteknik?", "den første, hvornår er den?",
        "og den anden?", "det første, hvem står for det",
    )
    assert [o.id for o in first.offers] == ["modeledelse"]
    assert [o.id for o in second.offers] == ["forhandlingsteknik"]
    assert [o.id for o in last.offers] == ["modeledelse"]


def test_the_last_one_is_the_last_offer_shown(answerer: Answerer) -> None:
    shown, last = _conversation(answerer, "forskellen på forhandlingsteknik og mødeledelse?", "det sidste, hvem underviser?")
    assert _first(last) == shown.offers[-1].id != shown.offers[0].id


@pytest.mark.parametrize(
    "detail",
    ["kan min viceborgmester også komme med?", "can my chief of staff attend instead?", "send mig linket", "hvor lang tid varer det"],
)
def test_who_else_may_come_and_the_link_are_details_of_the_topic(answerer: Answerer, detail: str) -> None:
    *_, same = _conversation(answerer, "hvad er temasessionen om mødeledelse?", detail)
    assert _first(same) == "modeledelse" and not same.abstained


def test_a_detail_naming_an_offer_of_the_conversation_is_about_that_one(answerer: Answerer) -> None:
    *_, named = _conversation(answerer, "mentor eller praktik hos en anden borgmester, hvad passer mig?", "praktikken, hvor lang tid varer den?")
    assert _first(named) == "borgmesterpraktik"
    assert is_definite("praktikken", "praktik") and not is_definite("praktikant", "praktik")


def test_is_there_also_asks_for_another_offer_than_the_one_just_answered(answerer: Answerer) -> None:
    first, other = _conversation(answerer, "hvad er temasessionen om kommunaløkonomi?", "er der også noget om økonomi?")
    assert _first(first) == "kommunalokonomi"
    assert _first(other) == "vidensbank-okonomi"
    assert _first(answerer.answer("er der noget om økonomi?")) == "kommunalokonomi"


@pytest.mark.parametrize("second", ["does it cover harassment and trolls?", "er den også om chikane?"])
def test_a_threat_word_in_a_question_about_the_topic_keeps_the_topic_first_with_the_hotline(
    answerer: Answerer, second: str
) -> None:
    *_, asked = _conversation(answerer, "hvad er temasessionen om sociale medier?", second)
    assert [o.id for o in asked.offers[:2]] == ["sociale-medier", "chikane-og-trusler"]
    assert "112" in asked.text


@pytest.mark.parametrize("second", ["hvem ringer jeg til nu?", "hvad kan jeg selv gøre", "kan I også holde et oplæg om det for byrådet?"])
def test_after_a_threat_a_follow_up_stays_with_the_threat_offer_and_its_hotline(answerer: Answerer, second: str) -> None:
    *_, after = _conversation(answerer, "nogen har ridset truende ord ind i lakken på min bil i nat", second)
    assert _first(after) == "chikane-og-trusler" and "112" in after.text


def test_after_a_threat_an_offer_called_by_its_name_or_a_question_beyond_the_catalogue_moves_on(answerer: Answerer) -> None:
    threat = "nogen har ridset truende ord ind i lakken på min bil i nat"
    *_, named = _conversation(answerer, threat, "og hvornår er næste borgmestersamling?")
    assert _first(named) == "borgmestersamlinger"
    *_, beyond = _conversation(answerer, threat, "hvem vinder landskampen i aften tror du")
    assert beyond.abstained


def test_the_other_one_after_an_answer_about_the_second_is_the_first(answerer: Answerer) -> None:
    _, second, other, english = _conversation(
        answerer, "hvad er forskellen på mødeledelse og forhandlingsteknik?", "den om forhandling, hvad går den ud på?",
        "og den anden?", "and who runs the other one?",
    )
    assert _first(second) == "forhandlingsteknik"
    assert _first(other) == "modeledelse"
    assert _first(english) == "forhandlingsteknik"


def test_a_comparison_names_its_two_by_description_in_the_order_said(answerer: Answerer) -> None:
    compared, first = _conversation(
        answerer, "hvad er forskellen på kurset om at holde taler og det om at håndtere medierne?", "jeg tager den første"
    )
    assert [o.id for o in compared.offers[:2]] == ["staerk-taler", "mediehaandtering"]
    assert _first(first) == "staerk-taler"


def test_tell_me_about_names_no_handbook(answerer: Answerer) -> None:
    assert "borgmesterfortaellinger" not in {o.id for o in answerer.answer("fortæl mig om mødeledelse").offers}


def test_the_one_about_picks_an_offer_of_the_conversation_by_what_it_is_about(answerer: Answerer) -> None:
    *_, picked = _conversation(answerer, "hvad er forskellen på mødeledelse og forhandlingsteknik?", "den om forhandling, hvad går den ud på?")
    assert _first(picked) == "forhandlingsteknik"
    *_, english = _conversation(
        answerer, "What is the difference between the partnership programme and the dialogue tool?", "the questionnaire one – how does it work?"
    )
    assert _first(english) == "dialogvaerktoj"


def test_offers_named_side_by_side_are_shown_in_that_order_and_picked_by_place(answerer: Answerer) -> None:
    listed, middle, last = _conversation(
        answerer, "jeg har hørt om mentorordningen, besøg hos en anden borgmester og netværkene. kan du give et overblik?",
        "den i midten, hvor lang tid varer den?", "and the last one?",
    )
    assert [o.id for o in listed.offers] == ["mentorordning", "borgmesterpraktik", "borgmesternetvaerk"]
    assert _first(middle) == "borgmesterpraktik"
    assert _first(last) == "borgmesternetvaerk"


def test_who_may_join_stays_with_the_topic_though_its_words_fit_the_offer_beside_it(answerer: Answerer) -> None:
    *_, joining = _conversation(
        answerer, "Borgmester i en ny tid – hvad er det?", "hvornår starter det for os nye", "kan de mere erfarne borgmestre også være med?"
    )
    assert _first(joining) == "borgmesterforlob"


def test_a_longer_question_about_it_is_about_the_topic(answerer: Answerer) -> None:
    *_, asked = _conversation(
        answerer, "jeg er helt ny og vil gerne have en erfaren borgmester at ringe til",
        "er det en der stadig sidder, eller en som er stoppet igen?",
    )
    assert _first(asked) == "mentorordning"


def test_which_of_the_two_is_best_compares_the_conversations_last_two(answerer: Answerer) -> None:
    *_, best = _conversation(
        answerer, "vores borgmester savner en ekstern rådgiver at sparre med om ledelse",
        "og hvis hun og kommunaldirektøren vil have et fælles forløb om at styrke deres samarbejde?",
        "hvad er bedst for dem, det første eller det andet?",
    )
    assert {o.id for o in best.offers[:2]} == {"ledelsessparring", "makkerskab"}


def test_what_a_mayor_is_paid_after_a_question_to_kl_about_pay_is_declined(answerer: Answerer) -> None:
    contact, paid = _conversation(
        answerer, "hvem hos KL kan jeg spørge om mit vederlag", "og hvad er vederlaget for en borgmester i en kommune med 40.000 indbyggere?"
    )
    assert _first(contact) == "kontakt-kl"
    assert paid.abstained and not paid.offers


def test_a_short_overview_names_no_negotiation_course(answerer: Answerer) -> None:
    listed, last = _conversation(answerer, "kan jeg få et kort overblik over mentorordningen og netværkene?", "og det sidste?")
    assert [o.id for o in listed.offers] == ["mentorordning", "borgmesternetvaerk"]
    assert _first(last) == "borgmesternetvaerk"


def test_the_one_about_an_offer_beyond_those_shown_is_that_offer(answerer: Answerer) -> None:
    *_, picked = _conversation(answerer, "hvilke temasessioner har i?", "den om pension, hvad handler den om?")
    assert _first(picked) == "borgmesterpension"


def test_can_he_also_get_another_offer_is_a_question_about_that_offer(answerer: Answerer) -> None:
    *_, asked = _conversation(
        answerer, "min borgmester arbejder alt for meget og familien lider under det. er der noget for ham?",
        "kan han også få en personlig sparringspartner på ledelse?",
    )
    assert _first(asked) == "ledelsessparring"


def test_after_a_declined_question_an_elliptic_follow_up_goes_on_with_that_matter(answerer: Answerer) -> None:
    *_, declined, more = _conversation(
        answerer, "hvad er borgmesternetværkene?", "hvem vinder superligaen i år?", "og i første division?"
    )
    assert declined.abstained and declined.topic is not None and declined.topic.declined
    assert more.abstained and not more.offers


def test_after_a_declined_question_a_short_detail_or_a_kind_of_offer_returns_to_the_topic(answerer: Answerer) -> None:
    for back in ("og hvad koster det?", "ok, men netværket – hvem styrer det?"):
        *_, answer = _conversation(answerer, "hvad er borgmesternetværkene?", "hvem vinder superligaen i år?", back)
        assert _first(answer) == "borgmesternetvaerk", back


def test_the_last_one_after_a_long_list_is_the_last_offer_listed_not_the_last_shown(answerer: Answerer) -> None:
    listing, last = _conversation(answerer, "hvilke temasessioner er der?", "og den sidste, hvad handler den om?")
    assert listing.listed > len(listing.offers)
    assert listing.topic is not None and len(listing.topic.listed) == listing.listed
    assert _first(last) == listing.topic.listed[-1]


def test_a_list_question_with_a_time_of_its_own_still_lists(answerer: Answerer) -> None:
    answer = answerer.answer("hvilke temasessioner kan man komme på i den kommende valgperiode?")
    assert answer.intent == "list" and answer.listed > 5


def test_a_threat_told_in_a_follow_up_puts_the_threat_offer_first_though_it_names_the_topic(answerer: Answerer) -> None:
    *_, threat = _conversation(
        answerer, "har I et kursus i at bruge instagram?",
        "apropos instagram, i nat skrev en fremmed at han ved hvor jeg bor og vil smadre mine ruder",
    )
    assert _first(threat) == "chikane-og-trusler" and threat.about_threats


@pytest.mark.parametrize(
    ("first", "offer_id"),
    [
        ("hvad er vidensbanken om kommunaløkonomi?", "vidensbank-okonomi"),
        ("har I noget om politisk arbejdsmiljø?", "politisk-arbejdsmiljo"),
        ("hvornår er næste borgmestersamling?", "borgmestersamlinger"),
    ],
)
@pytest.mark.parametrize("detail", ["hvad er temaerne?", "send mig linket", "er det et stort hold?", "hvem er underviseren?"])
def test_what_every_offer_has_is_asked_of_the_topic_though_another_offer_has_the_word(
    answerer: Answerer, first: str, offer_id: str, detail: str
) -> None:
    *_, answer = _conversation(answerer, first, detail)
    assert _first(answer) == offer_id


def test_a_stranger_who_knows_where_the_children_are_is_a_threat_that_leads_a_follow_up(answerer: Answerer) -> None:
    *_, threat, number = _conversation(
        answerer, "vi vil gerne bruge facebook bedre. er der et kursus i det?",
        "apropos facebook.. jeg fik en besked fra en fremmed der skriver at han ved hvilken skole min søn går på. hvad gør jeg",
        "har I et nummer?",
    )
    assert _first(threat) == "chikane-og-trusler" and _first(number) == "chikane-og-trusler"
    assert number.about_threats and "112" in number.text


def test_the_last_one_after_a_question_naming_several_offers_is_the_last_named(answerer: Answerer) -> None:
    first, last = _conversation(
        answerer, "hvad er mest relevant for mig: mødeledelse, forhandlingsteknik eller borgmesterpension?",
        "ok, fortæl om den sidste",
    )
    assert first.topic is not None and first.topic.listed[-1] == "borgmesterpension"
    assert _first(last) == "borgmesterpension"


def test_weather_after_a_topic_is_still_declined(answerer: Answerer) -> None:
    *_, answer = _conversation(answerer, "hvad er mentorordningen?", "tak. hvordan bliver vejret i morgen?")
    assert answer.abstained and not answer.offers


def test_send_both_sends_the_last_two(answerer: Answerer) -> None:
    *_, both_sent = _conversation(
        answerer, "findes der en bog hvor andre borgmestre fortæller om deres erfaringer?",
        "og pjecen om det politiske arbejde i udvalgene?", "kan du sende begge to til vores kommunikationschef",
    )
    assert {o.id for o in both_sent.offers[:2]} == {"borgmesterfortaellinger", "pjece-politisk-arbejde"}


def test_a_long_request_for_it_in_english_is_the_topic_in_english(answerer: Answerer) -> None:
    *_, english = _conversation(
        answerer, "hvad er sundhedsrådenes arbejde for en temasession?",
        "could you write that in English? I want to pass it on to our new chief of staff",
    )
    assert _first(english) == "sundhedsraad" and english.language == "en"


def test_an_elliptic_follow_up_to_a_declined_question_is_declined_too(answerer: Answerer) -> None:
    *_, declined, more = _conversation(answerer, "hvornår er næste B98-møde?", "send mig referatet fra sidste møde", "og for KKR?")
    assert declined.abstained and more.abstained and not more.offers


def test_whether_the_topic_covers_a_threat_keeps_the_topic_first_with_the_hotline(answerer: Answerer) -> None:
    *_, answer = _conversation(
        answerer, "har I et kursus i at bruge facebook og instagram?", "kommer de også ind på chikane i kommentarfeltet"
    )
    assert _first(answer) == "sociale-medier" and "112" in answer.text


def test_writing_the_speech_itself_is_a_task_no_offer_answers(answerer: Answerer) -> None:
    *_, task = _conversation(answerer, "har I et kursus i at holde taler?", "kan du skrive min velkomsttale til det nye byråd?")
    assert task.abstained and not task.offers


def test_a_session_on_another_subject_after_a_declined_question_is_that_session(answerer: Answerer) -> None:
    *_, answer = _conversation(
        answerer, "er der et kursus for dem der sidder i sundhedsrådene?", "hvem er sundhedsminister nu?",
        "er der så en session om kommunernes økonomi?",
    )
    assert _first(answer) == "kommunalokonomi"


@pytest.mark.parametrize(
    ("first", "then", "offer_id"),
    [
        pytest.param("just elected, is there an event where the new mayors meet?", "where is the gathering held?", "samling-nye-borgmestre", id="kind of offer 1"),
        pytest.param("I sit on one of the new health councils, anything for that?", "what do you learn in the course?", "sundhedsraad", id="kind of offer 2"),
        pytest.param("er der noget om sundhedsrådenes arbejde?", "hvad lærer man på kurset?", "sundhedsraad", id="kind of offer 3"),
        pytest.param("er der et kursus i forhandlingsteknik?", "er det over flere dage eller bare et enkelt møde", "forhandlingsteknik", id="declined alone, points back 1"),
        pytest.param("har I noget om mødeledelse?", "kommer de ind på hvordan man træffer hurtige beslutninger undervejs", "modeledelse", id="what the topic covers 1"),
        pytest.param("can I visit another mayor to see how she works?",
            "could he also discuss how they cooperate with their administration?", "borgmesterpraktik", id="what the topic covers 2"),
        pytest.param("har I noget om politisk arbejdsmiljø?", "og handler det kun om mig eller også om tonen i byrådet", "politisk-arbejdsmiljo", id="what the topic covers 3"),
        pytest.param("Any training on chairing meetings?", "does it go into what to do when someone walks out in anger", "modeledelse", id="english, of the topic 1"),
        pytest.param("Does Komponent offer one-to-one leadership sparring?", "could the CEO join some of the sessions", "ledelsessparring", id="english, of the topic 2"),
        pytest.param("kan jeg komme i praktik hos en anden borgmester?", "kan jeg også sidde med ved et udvalgsmøde hos hende?", "borgmesterpraktik", id="attending, covering, what about 1"),
        pytest.param("har I noget om mødeledelse?", "kommer der også noget om reglerne for lukkede møder?", "modeledelse", id="attending, covering, what about 2"),
        pytest.param("hvad er borgmestersamlingerne?", "hvad så med B98, er det noget andet?", "b98", id="attending, covering, what about 3"),
        pytest.param("hvornår er samlingen for nye borgmestre?", "og lederforløbet for alle borgmestre, hvornår starter det?", "borgmesterforlob", id="a kind of offer put in front moves on"),
        pytest.param("borgmesteren vil gerne blive bedre til at holde taler, har I noget?", "kan hun tage sin pressechef med på det?", "staerk-taler", id="bringing her adviser is a detail"),
        pytest.param("hvornår er samlingen for nye borgmestre?", "og det der borgmester i en ny tid, er det det samme?", "borgmesterforlob", id="a title written out names its offer"),
        pytest.param("findes der en håndbog i at være borgmester?", "hvad står der i den?", "borgmesterfortaellinger", id="what the handbook says"),
    ],
)
def test_a_follow_up_means_the_offer_its_cue_points_to(answerer: Answerer, first: str, then: str, offer_id: str) -> None:
    """A kind of offer named ("the gathering", "kurset") or put in front, a title written out, a
    message declined on its own that points back, whether the topic covers something, English
    questions of the topic, attending a meeting or bringing an adviser, what the handbook says,
    "hvad så med B98?"."""
    *_, answer = _conversation(answerer, first, then)
    assert _first(answer) == offer_id


def test_which_of_the_two_fits_picks_the_one_its_words_fit(answerer: Answerer) -> None:
    *_, best = _conversation(
        answerer, "we have a media storm over a school closure, anything on handling the press?",
        "and social media, is that a separate session?", "which of the two fits a crisis like ours best?",
    )
    assert _first(best) == "mediehaandtering"


@pytest.mark.parametrize(
    "second",
    ["hvad gar det ud på helt konkret?", "can we use it halfway through the term, or only at the start?"],
)
def test_a_pronoun_after_any_verb_of_a_question_is_the_topic(answerer: Answerer, second: str) -> None:
    first, then = _conversation(answerer, "er der et værktøj til at tale med min direktør om hvordan vi arbejder?", second)
    assert _first(then) == _first(first) == "dialogvaerktoj"


@pytest.mark.parametrize(
    "second", ["could I sit in on one of their council meetings during the visit?", "what is the point of it really, what would I get out of it?"]
)
def test_attending_and_what_one_gets_out_of_it_are_asked_of_the_topic(answerer: Answerer, second: str) -> None:
    *_, then = _conversation(answerer, "could I visit another mayor and see how they run things?", second)
    assert _first(then) == "borgmesterpraktik"


def test_signing_her_up_for_the_meeting_one_enrols_in_the_offer_described(answerer: Answerer) -> None:
    *_, enrol = _conversation(
        answerer, "The mayor wants to get better at chairing the council and at negotiating. What are her options?",
        "is there also something on the legal side of her role?", "please sign her up for the meeting one",
    )
    assert _first(enrol) == "modeledelse"
    assert enrol.intent is Intent.ENROL


def test_fear_told_after_a_course_shown_beside_the_hotline_returns_to_the_threat_offer(answerer: Answerer) -> None:
    *_, fear = _conversation(
        answerer, "der er nogen der har kastet maling på mit hus i nat",
        "det startede på facebook hvor de svinede mig til. har I noget om at håndtere det derinde?",
        "min mand er også helt utryg nu, kan han få hjælp?",
    )
    assert _first(fear) == "chikane-og-trusler"
    assert "112" in fear.text


def test_what_a_mayor_earns_after_a_question_to_kl_is_declined(answerer: Answerer) -> None:
    *_, paid = _conversation(
        answerer, "hvem hos KL kan jeg ringe til om mine pensionsforhold?", "og hvor meget får en borgmester egentlig i løn?"
    )
    assert paid.abstained and not paid.offers


def test_sounds_good_how_do_i_sign_up_enrols_in_the_topic(answerer: Answerer) -> None:
    *_, enrol = _conversation(answerer, "jeg skal holde tale til byfesten og hader det. er der hjælp?", "sounds good, how do I sign up?")
    assert _first(enrol) == "staerk-taler"


def test_the_longer_programme_is_the_conversations_programme(answerer: Answerer) -> None:
    *_, then = _conversation(
        answerer, "min nye kommunaldirektør og jeg skal finde hinanden, hvad findes der?",
        "det med spørgsmålene man udfylder hver for sig, hvordan virker det?", "and the longer programme with exercises?",
    )
    assert _first(then) == "makkerskab"


@pytest.mark.parametrize(
    "detail",
    ["er det online eller skal man møde op et sted?", "kommer der også nogle af de garvede borgmestre og fortæller?", "hvem er tovholder?"],
)
def test_whether_it_is_online_who_comes_and_who_leads_are_asked_of_the_topic(answerer: Answerer, detail: str) -> None:
    first, then = _conversation(answerer, "jeg er lige blevet valgt som borgmester for første gang, er der en samling for os nye?", detail)
    assert _first(then) == _first(first) == "samling-nye-borgmestre"


def test_what_the_site_is_called_is_asked_of_the_knowledge_bank(answerer: Answerer) -> None:
    *_, then = _conversation(answerer, "kan jeg læse op på kommunaløkonomi selv om aftenen?", "hvad hedder siden?")
    assert _first(then) == "vidensbank-okonomi"


def test_the_second_one_you_mentioned_is_picked_by_its_place(answerer: Answerer) -> None:
    listed, then = _conversation(answerer, "hvilke temasessioner er der?", "det andet du nævnte, hvornår er det?")
    assert _first(then) == listed.offers[1].id


def test_an_adjective_in_front_picks_the_offer_it_fits(answerer: Answerer) -> None:
    then = answerer.answer("det digitale, hvad hedder det?", Topic(("kommunalokonomi", "vidensbank-okonomi")))
    assert _first(then) == "vidensbank-okonomi"


def test_the_session_after_the_knowledge_bank_is_the_session_on_its_subject(answerer: Answerer) -> None:
    *_, then = _conversation(
        answerer, "findes der noget om kommunaløkonomi jeg kan slå op i selv?", "og sessionen, er det KL der holder den?"
    )
    assert _first(then) == "kommunalokonomi"


def test_a_figure_for_ones_own_council_after_a_topic_is_declined(answerer: Answerer) -> None:
    *_, then = _conversation(
        answerer, "jeg skal sidde i sundhedsrådet fra januar, hvad skal jeg vide?",
        "hvor stort bliver budgettet for vores sundhedsråd næste år?",
    )
    assert then.abstained and not then.offers


def test_what_it_is_asked_after_an_offer_picked_from_a_list_stays_with_that_offer(answerer: Answerer) -> None:
    *_, then = _conversation(
        answerer, "Hvad tilbyder Komponent egentlig borgmestrene?", "den sidste, hvad går den ud på?", "hvor lang tid tager det?"
    )
    assert _first(then) == "makkerskab"


def test_a_person_who_may_come_names_no_offer_listed_before(answerer: Answerer) -> None:
    topic = Topic(("forhandlingsteknik",), earlier=("kommunalokonomi",), listed=("kommunalokonomi", "forhandlingsteknik"))
    assert _first(answerer.answer("kan min økonomidirektør komme med?", topic)) == "forhandlingsteknik"


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("hvad er B98?", "er man forpligtet til at være med i den?"),
        ("har I noget om mødeledelse?", "er der også noget jura i det?"),
    ],
)
def test_whether_one_must_and_what_it_covers_are_asked_of_the_topic(
    answerer: Answerer, first: str, second: str
) -> None:
    asked, then = _conversation(answerer, first, second)
    assert _first(then) == _first(asked)


def test_a_kind_of_offer_asked_for_outweighs_a_definite_noun_of_the_subject(answerer: Answerer) -> None:
    topic = Topic(("vidensbank-okonomi",), earlier=("dialogvaerktoj",))
    then = answerer.answer("og er der en session hvor vi faktisk diskuterer økonomien med andre borgmestre?", topic)
    assert _first(then) == "kommunalokonomi"


def test_a_kd_is_the_municipal_director(answerer: Answerer) -> None:
    assert _first(answerer.answer("Min KD og jeg har svært ved at finde en fælles rytme. Hvad kan vi bruge?")) == "makkerskab"


def test_a_determiner_before_another_offers_name_is_no_pronoun(answerer: Answerer) -> None:
    topic = Topic(("makkerskab", "dialogvaerktoj"), listed=("makkerskab", "dialogvaerktoj"))
    assert _first(answerer.answer("hvad er det dialogværktøj for noget", topic)) == "dialogvaerktoj"


@pytest.mark.parametrize(
    ("question", "listed"),
    [
        ("hvilke faellesskaber og netvaerk har KL for borgmestre?", {"samling-nye-borgmestre", "borgmesternetvaerk"}),
        ("what tools (not courses) does KL have for mayors?", {"vidensbank-okonomi", "dialogvaerktoj"}),
    ],
)
def test_kl_beside_what_a_list_question_asks_for_lists_it(answerer: Answerer, question: str, listed: set[str]) -> None:
    answer = answerer.answer(question)
    assert answer.intent is Intent.LIST and listed <= {o.id for o in answer.offers}


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("min direktør og jeg skal lære at arbejde sammen, hvad har I?", "hvordan fyrer man egentlig en kommunaldirektør?"),
        ("har I noget om kommunens økonomi?", "hvad forventer KL at renten bliver næste år?"),
    ],
)
def test_firing_a_director_and_the_interest_rate_after_a_topic_are_near_domain(
    answerer: Answerer, first: str, second: str
) -> None:
    *_, answer = _conversation(answerer, first, second)
    assert answer.abstained and not answer.offers


def test_a_title_written_out_beside_a_threat_is_the_request_answered_first(answerer: Answerer) -> None:
    answer = answerer.answer(
        "Jeg har fået flere trusler efter sagen om skolelukningen. Og så et andet spørgsmål: hvornår starter Borgmester i en ny tid?"
    )
    assert [o.id for o in answer.offers[:2]] == ["borgmesterforlob", "chikane-og-trusler"]
    assert "112" in answer.text


@pytest.mark.parametrize(
    ("first", "second", "meant"),
    [
        ("Jeg er lige blevet borgmester, hvad sker der af arrangementer for os nye?",
         "og de samlinger for alle borgmestre, hvor tit er de?", "borgmestersamlinger"),
        ("hvilke temasessioner er der?", "tilmeld mig den om forhandling", "forhandlingsteknik"),
        ("hvad er borgmestersamlingerne?", "kan viceborgmesteren tage med hvis hun er forhindret?", "borgmestersamlinger"),
        ("she wants to get a grip on municipal finances, is there a session?", "can I come along as her advisor?",
         "kommunalokonomi"),
    ],
)
def test_a_kind_with_its_subject_a_description_at_the_end_and_who_may_come(
    answerer: Answerer, first: str, second: str, meant: str
) -> None:
    *_, then = _conversation(answerer, first, second)
    assert _first(then) == meant


def test_number_four_is_the_fourth_offer_listed(answerer: Answerer) -> None:
    listed, then = _conversation(answerer, "hvilke temasessioner er der?", "nr 4 lyder spændende, fortæl mere")
    assert _first(then) == listed.offers[3].id


def test_what_is_in_a_part_of_the_catalogue_lists_it_in_english(answerer: Answerer) -> None:
    answer = answerer.answer('What\'s in the "community and networks" part of the catalogue?')
    assert answer.intent is Intent.LIST and "borgmesternetvaerk" in {o.id for o in answer.offers}


def test_what_a_reform_means_for_ones_own_care_homes_is_near_domain(answerer: Answerer) -> None:
    *_, then = _conversation(
        answerer, "Jeg er udpeget til det nye sundhedsråd. Er der et kursus?",
        "hvad kommer sundhedsreformen konkret til at betyde for vores plejehjem?",
    )
    assert then.abstained and not then.offers


def test_the_course_on_media_after_a_threat_is_the_media_course_of_the_conversation(answerer: Answerer) -> None:
    *_, then = _conversation(
        answerer, "Vi står midt i en mediestorm om en skolesag, hvad har I?",
        'nu er der også begyndt at komme trusler på min telefon, en skriver at jeg "skal passe på"',
        "okay. og kurset om medier, hvordan tilmelder jeg mig?",
    )
    assert _first(then) == "mediehaandtering"


@pytest.mark.parametrize(
    ("first", "second", "meant"),
    [
        ("Vi har lige fået ny kommunaldirektør. Har I noget vi kan bruge til at lære hinandens måde at arbejde på at kende?",
         "kan vi bruge det midt i perioden eller kun i starten?", "dialogvaerktoj"),
        ("I was just elected mayor for the first time. Is there an event for new mayors?",
         "will there be experienced mayors there too?", "samling-nye-borgmestre"),
        ("Hej, jeg er sekretær for borgmesteren. Han vil gerne blive bedre til at håndtere pressen. Har I noget?",
         "kan jeg tilmelde ham direkte eller skal han selv gøre det?", "mediehaandtering"),
        ("hvad er borgmestersamlingerne?", "ok, og kan min viceborgmester tage med til samlingen?", "borgmestersamlinger"),
        ("Is there somewhere I can look up municipal finance terms, like the balance principle?",
         "and is there a session on it with other mayors?", "kommunalokonomi"),
        ("Hej, jeg er borgmesterens sekretær. Han har et spørgsmål om sit vederlag, hvem hos KL kan vi kontakte?",
         "han vil også gerne vide hvordan hans pension bliver beregnet, er der noget om det?", "borgmesterpension"),
        ("Jeg er udpeget til sundhedsrådet. Findes der et kursus?", "kan borgmesteren også komme med på det?", "sundhedsraad"),
    ],
)
def test_using_it_who_comes_enrolling_someone_and_a_session_on_its_subject(
    answerer: Answerer, first: str, second: str, meant: str
) -> None:
    *_, then = _conversation(answerer, first, second)
    assert _first(then) == meant


def test_back_to_the_session_after_a_threat_is_the_session(answerer: Answerer) -> None:
    *_, then = _conversation(
        answerer, "Our mayor wants to use Instagram and Facebook better to talk with citizens. Is there a session on that?",
        "actually there's a man who keeps posting her home address and pictures of her kids on facebook",
        "back to the session, is it run by KL?",
    )
    assert _first(then) == "sociale-medier"


def test_the_tool_after_a_list_of_two_is_the_tool_not_the_list(answerer: Answerer) -> None:
    then = answerer.answer("hvem har lavet værktøjet?", Topic(("dialogvaerktoj", "makkerskab"), earlier=("makkerskab",)))
    assert then.intent is not Intent.LIST and _first(then) == "dialogvaerktoj"


@pytest.mark.parametrize(
    "messages",
    [
        ("just got elected mayor – is there some kind of mentor scheme?",
         "thx. unrelated, do you know a good danish teacher for my husband?"),
        ("Hvem kan jeg kontakte i KL om mit vederlag?", "hvornår er der kommunalvalg næste gang?"),
        ("Jeg er udpeget til sundhedsraadet i vores omraade, er der et kursus?", "hvem er formand for sundhedsrådet på Sjælland?",
         "og hvornår holder de deres første møde?"),
    ],
)
def test_an_unrelated_question_an_election_and_going_on_after_a_declined_one_are_declined(
    answerer: Answerer, messages: tuple[str, ...]
) -> None:
    *_, then = _conversation(answerer, *messages)
    assert then.abstained and not then.offers


def test_something_individual_instead_asks_for_another_offer(answerer: Answerer) -> None:
    *_, then = _conversation(answerer, "jeg er ny borgmester, er der en samling for os nye?", "kan jeg få noget individuelt i stedet?")
    assert _first(then) == "ledelsessparring"


@pytest.mark.parametrize(
    ("messages", "meant"),
    [
        (("Jeg har vaeret borgmester i 12 aar og kunne godt bruge 1:1 sparring om nogle ledelsesudfordringer. Noget?",
          "hvem står bag, er det KL?"), "ledelsessparring"),
        (("Hvad er jeg egentlig juridisk ansvarlig for som borgmester?", "er det en temasession?"), "juridiske-principper"),
        (("Vi vil gerne lave procedurer i kommunen for hvordan vi håndterer trusler mod vores politikere. Kan KL hjælpe?",
          "kommer I ud til os eller skal vi ind til KL?"), "chikane-og-trusler"),
        (("Hvad har I til nyvalgte borgmestre der gerne vil have personlig sparring?", "hvem er mentoren typisk?",
          "and the other one, with a professional adviser – what does it cost?"), "ledelsessparring"),
        (("Are there any small networks of mayors I can join?", "who sets the agenda?"), "borgmesternetvaerk"),
        (("Vi vil gerne bruge Facebook og Insta bedre til at fortælle om byrådets beslutninger. Findes der noget?",
          "der er en der har skrevet under mit opslag at han ved hvilken skole mine børn går på. hvad gør jeg",
          "tilbage til kurset om sociale medier – hvem holder det?"), "sociale-medier"),
    ],
)
def test_no_list_for_a_question_about_it_the_other_one_the_agenda_and_back_by_name(
    answerer: Answerer, messages: tuple[str, ...], meant: str
) -> None:
    *_, then = _conversation(answerer, *messages)
    assert then.intent is not Intent.LIST and _first(then) == meant


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("jeg er udpeget til det nye sundhedsraad. hvordan bliver vi klaedt paa til det?",
         "hvor lang er ventelisten til knaeoperationer i regionen lige nu?"),
        ("Vi har faaet ny kommunaldirektoer. Har Komponent noget til os to sammen?",
         "og hvad synes du generelt, aktier eller obligationer til min private opsparing?"),
    ],
)
def test_a_regions_waiting_list_and_the_bots_opinion_are_declined(answerer: Answerer, first: str, second: str) -> None:
    *_, then = _conversation(answerer, first, second)
    assert then.abstained and not then.offers


@pytest.mark.parametrize(
    ("messages", "meant"),
    [
        (("Er der en samling for nye borgmestre min borgmester skal med til?", "hvordan melder jeg hende til?"),
         "samling-nye-borgmestre"),
        (("Hvilket forløb tilbyder KL alle borgmestre i den her valgperiode?", "hvad hedder det nu igen?"), "borgmesterforlob"),
        (("Is there any guidance material on how the political work in the council and the committees is organised?",
          "who wrote it?",
          "lad os tage det paa dansk – findes der ogsaa noget mere personligt, historier fra andre borgmestre om hvordan de "
          "har grebet tingene an?"), "borgmesterfortaellinger"),
        (("what do you have on communication?",
          "the social media one — does it cover how to deal with harassment and nasty comments?"), "sociale-medier"),
        (("Jeg er stabschef for borgmesteren. Hun og vores nye kommunaldirektør skal lære at lede kommunen sammen – har I et "
          "forløb til det?", "hvad består forløbet konkret af?"), "makkerskab"),
        (("I'm terrified of public speaking. Anything for me?", "what about dealing with journalists?",
          "and the social media one – sign me up for that"), "sociale-medier"),
        (("Jeg er viceborgmester og holder mange taler. Er der noget om at tale mere overbevisende?", "hvad gennemgaar de?"),
         "staerk-taler"),
        (("Kalenderen er totalt proppet og familien ser mig næsten aldrig. Har KL noget om balance i arbejdslivet?",
          "er der en fagperson med?"), "politisk-arbejdsmiljo"),
        (("hvad er B98 og skal jeg melde mig ind?", "hvor kan jeg se de kommende moeder?"), "b98"),
        (("Is there anything that explains the mayor's legal responsibilities, rights and duties?",
          "does it also go through the rules for decision-making in the municipality?"), "juridiske-principper"),
        (("hvilke værktøjer har I til borgmestre?", "den sidste af de to – hvem står bag?"), "dialogvaerktoj"),
        (("Hvordan bliver jeg bedre til at bruge Facebook som borgmester",
          "der er en der skriver at han ved hvor jeg bor og poster billeder af mit hus. kommer sessionen ind på sådan noget?",
          "har KL i øvrigt selv en LinkedIn-profil jeg kan følge?"), "nyhedsbreve"),
        (("She would like one-to-one sparring on leadership with a professional adviser rather than another politician.",
          "could the chief executive (kommunaldirektør) join those sessions with her?"), "ledelsessparring"),
        (("hvor tit er der borgmestersamlinger for alle borgmestre?", "og for nye?"), "samling-nye-borgmestre"),
        (("Hvor tit samles alle landets borgmestre i KL-regi, udover B98?", "og en særskilt for nye?"), "samling-nye-borgmestre"),
        (("I've just been appointed to one of the new health councils. Is there anything to prepare me for it?",
          "my deputy mayor sits on it too, can she come?"), "sundhedsraad"),
        (("hvad må jeg egentlig som borgmester, og hvad kan jeg blive holdt ansvarlig for juridisk?",
          "and in English please? my chief of staff doesn't read Danish"), "juridiske-principper"),
        (("Kalenderen er fuld og familien ser mig aldrig. Har I noget om balance?",
          "kan det foregå online? jeg har svaert ved at komme til kbh"), "politisk-arbejdsmiljo"),
        (("Jeg skal holde mange taler og vil gerne være mere overbevisende. Har I noget?",
          "er det mest om at skrive dem eller ogsaa om at staa og sige dem?"), "staerk-taler"),
        (("KL's welcome letter mentioned a leadership programme for all mayors, Borgmester i en ny tid. What is it?",
          "and how many events a year after that?"), "borgmesterforlob"),
    ],
)
def test_a_conversation_ends_on_the_offer_meant(answerer: Answerer, messages: tuple[str, ...], meant: str) -> None:
    """Enrolling her, its name, another in Danish; the one described in several words and what it
    consists of; what they go through, where to see it, the last of two, by the way; for others,
    a long language switch."""
    *_, then = _conversation(answerer, *messages)
    assert _first(then) == meant


@pytest.mark.parametrize(
    ("messages", "meant"),
    [
        (("Our mayor struggles with work-life balance. Is there anything for that?",
          "part of the stress is that someone has followed her car home from city hall several times this month",
          "hvem skal hun kontakte?"), "chikane-og-trusler"),
        (("vil gerne vaere bedre til tiktok og facebook som borgmester",
          'jeg har faktisk lige faaet en kommentar om at nogen vil "finde mig" efter moedet i aften'), "chikane-og-trusler"),
        (("Stemningen i byrådet er elendig. Hvad kan jeg som borgmester gøre ved det?",
          'et af byrådsmedlemmerne sagde i øvrigt til mig i går at jeg "skal passe på når jeg går hjem om aftenen". Det ryster mig'),
         "chikane-og-trusler"),
    ],
)
def test_a_threat_told_in_a_conversation_and_whom_to_call_get_the_hotline(
    answerer: Answerer, messages: tuple[str, ...], meant: str
) -> None:
    *_, then = _conversation(answerer, *messages)
    assert _first(then) == meant
    assert "112" in then.text


@pytest.mark.parametrize(
    ("messages", "meant"),
    [
        # Someone going instead, its purpose, choosing oneself, sitting in, signing up for "it".
        (("Har I et kursus i forhandling?", "kan min viceborgmester gå med i stedet for mig?"), "forhandlingsteknik"),
        (("Har I et kursus i forhandling?", "kan min 1. viceborgmester tage den i stedet for mig?"), "forhandlingsteknik"),
        (("hvor tit er der borgmestersamlinger?", "kan viceborgmesteren tage min plads hvis jeg ikke kan?"), "borgmestersamlinger"),
        (("Har I et kursus i forhandling?", "kan min 1. viceborgmester komme med?"), "forhandlingsteknik"),
        (("jeg kunne godt tænke mig at se hvordan en anden borgmester kører butikken", "kan jeg være med til et af deres byrådsmøder?"),
         "borgmesterpraktik"),
        (("Hvad er borgmesterpraktik?", "hvad er formålet udover at kigge med?"), "borgmesterpraktik"),
        (("Jeg vil gerne have en mentor", "kan jeg selv bestemme hvem?"), "mentorordning"),
        (("Can a new mayor visit us for a day to see how we work?", "could they sit in on a committee meeting?"),
         "borgmesterpraktik"),
        (("Jeg har brug for en erfaren borgmester at spejle mig i", "can my secretary sign me up for it, or must I do it?"),
         "mentorordning"),
        # What "it" is asked ("er det i grupper?": a pronoun before a preposition), by the latest offer.
        (("Har I noget om balance mellem job og familie?", "er det i grupper eller alene?"), "politisk-arbejdsmiljo"),
        (("Jeg vil gerne have sparring 1 til 1 med en professionel", "og noget om balance mellem job og familie?",
          "er det en til en eller i gruppe?"), "politisk-arbejdsmiljo"),
        (("What is KL's leadership programme for all mayors called?", "when did it start for new mayors?"), "borgmesterforlob"),
        (("hvad er forløbet borgmester i en ny tid?", "hvor mange gange om året mødes man så bagefter?"), "borgmesterforlob"),
        # Writing a mail, who delivers it, who runs it.
        (("hvem kan jeg kontakte i KL om mit vederlag?", "kan jeg også bare skrive en mail?"), "kontakt-kl"),
        (("Jeg vil gerne have sparring 1 til 1 med en professionel", "hvem er det der leverer det, er det KL?"),
         "ledelsessparring"),
        (("jeg kunne godt tænke mig en lille fast gruppe af kolleger at snakke åbent med", "hvem styrer det, er der en fra KL med?"),
         "borgmesternetvaerk"),
        # A place that sounds best, an adjective, a pick from the whole list, a thing.
        (("forskellen på kurset i mødeledelse og det i forhandling?", "den anden lyder bedst, hvornår er den?"),
         "forhandlingsteknik"),
        (("hvilke temasessioner er der?", "og den juridiske?"), "juridiske-principper"),
        (("hvilke temasessioner er der?", "og den om at lede møder? jeg er formand for økonomiudvalget"), "modeledelse"),
        (("har I værktøjer jeg kan bruge selv uden at tage på kursus?", "og økonomi-tingen, er den gratis?"), "vidensbank-okonomi"),
        (("hvilke temasessioner er der?", "og samlingen for nye borgmestre?", "og mødeledelse?", "den for nye, er jeg for sent på den?"),
         "samling-nye-borgmestre"),
        # Another offer: to talk with (not a speech), a course it names, the session on the subject,
        # KL itself, rather, the same as another, the one described as covering it, one's own pension.
        (("Har I noget om balance i hverdagen?", "kan jeg også få en at tale med helt alene?"), "ledelsessparring"),
        (("hvad har I for helt nye borgmestre?", "er der erfarne med?", "og det forløb der starter i januar, hvad er det?"),
         "borgmesterforlob"),
        (("Is there somewhere online to read about the balance principle?", "and if I want the session with other mayors?"),
         "kommunalokonomi"),
        (("Har I noget om sociale medier?", "har KL selv en linkedin jeg kan følge?"), "nyhedsbreve"),
        (("I'm exhausted and barely see my family. Anything for that?", "and if I'd rather talk one-on-one with someone?"),
         "ledelsessparring"),
        (("hvad er B98?", "er det det samme som borgmestersamlingerne?"), "borgmestersamlinger"),
        (("hvor ofte er der samlinger for alle borgmestre?", "og er det det samme som B98?"), "b98"),
        (("I'm exhausted and barely see my family. Anything for that?", "do the mayor networks talk about work-life balance too?"),
         "borgmesternetvaerk"),
        (("hvordan beregnes min borgmesterpension?", "kan jeg ringe til nogen i KL om mine egne pensionsforhold?"), "kontakt-kl"),
        (("en mand har truet mig på facebook", "hvem i KL kan jeg ellers ringe til om noget personligt?"), "kontakt-kl"),
        # Situations in mayors' own words, and the name of an offer before a phrase of another.
        (("hvor mødes alle os nye?",), "samling-nye-borgmestre"),
        (("er der noget mindre, hvor det går på omgang?",), "borgmesternetvaerk"),
        (("jeg har aldrig fri og min familie brokker sig",), "politisk-arbejdsmiljo"),
        (("hvordan kommer jeg til at kende de andre borgmestre bedre?",), "borgmesternetvaerk"),
        (("jeg drukner i kalenderen og ser næsten aldrig mine børn. har KL noget om det?",), "politisk-arbejdsmiljo"),
        (("Jeg sidder i borgmestersekretariatet. Min borgmester vil gerne blive bedre til at lede byrådsmøderne. Har I noget?",),
         "modeledelse"),
        (("hvilke temadage har I for borgmestre?",), "kommunalokonomi"),
        (("borgmesteren vil gerne være mere aktiv på SoMe, er der et tilbud til hende?",), "sociale-medier"),
        (("could I become a mentor for one of the newly elected mayors?",), "mentorordning"),
        (("har lige overtaget posten efter valget, er der et fælles træf for nye?",), "samling-nye-borgmestre"),
        (("I'm new and municipal budgets are a mystery to me. Any session on local government finances?",), "kommunalokonomi"),
    ],
)
def test_a_message_in_mayors_own_words_is_about_the_offer_meant(
    answerer: Answerer, messages: tuple[str, ...], meant: str
) -> None:
    *_, then = _conversation(answerer, *messages)
    assert _first(then) == meant


@pytest.mark.parametrize(
    "messages",
    [
        ("Har I et kursus i forhandling?", "hvornår ligger budgetforhandlingerne i vores egen kommune i år?"),
        ("budget talks are coming up, anything on negotiating?", "what is the deadline for the municipal budget this year?"),
        ("hvad er den bedste måde at koge æg på?",),
        ("Har I noget om kommunaløkonomi?", "og hvad blev økonomiaftalen med staten i år?"),
        ("nogen har smadret ruden i min bil i nat", "tak, og kan du give mig en opskrift på æblekage til personalemødet?"),
    ],
)
def test_a_matter_beyond_the_catalogue_is_declined_in_a_conversation_too(answerer: Answerer, messages: tuple[str, ...]) -> None:
    """One's own municipality's budget calendar, an agreement's outcome, eggs, thanks and a recipe."""
    *_, then = _conversation(answerer, *messages)
    assert then.abstained and not then.offers


@pytest.mark.parametrize(
    "messages",
    [
        ("hvilke temasessioner er der?", "og den om pressen?", "does the social media one cover trolls too?"),
        ("Har I noget om sociale medier?", "også om chikane og trusler der?"),
    ],
)
def test_whether_an_offer_covers_threats_answers_that_offer_first_with_the_hotline(
    answerer: Answerer, messages: tuple[str, ...]
) -> None:
    *_, then = _conversation(answerer, *messages)
    assert _first(then) == "sociale-medier"
    assert "112" in then.text


def test_the_same_as_another_compares_the_two(answerer: Answerer) -> None:
    *_, then = _conversation(answerer, "hvad er B98?", "er det det samme som borgmestersamlingerne?")
    assert [o.id for o in then.offers][:2] == ["borgmestersamlinger", "b98"]
    assert then.text.startswith("De to tilbud side om side:")


@pytest.mark.parametrize(
    ("messages", "meant"),
    [
        (("Har I noget til en ny borgmester, en erfaren at ringe til?", "er det gratis?",
          "og hvis jeg hellere vil tale med en professionel rådgiver i stedet for en politiker?",
          "tilbage til den første du nævnte, hvordan tilmelder jeg mig?"), "mentorordning"),
        (("jeg har en svær personalesag i direktionen og vil gerne tale den igennem med en fortrolig ekstern",),
         "ledelsessparring"),
        (("jeg er ved at køre tør, kalenderen er sprængt og familien ser mig aldrig",), "politisk-arbejdsmiljo"),
    ],
)
def test_the_first_mentioned_an_outside_adviser_and_a_calendar_blown_apart(
    answerer: Answerer, messages: tuple[str, ...], meant: str
) -> None:
    *_, then = _conversation(answerer, *messages)
    assert _first(then) == meant
    assert "112" not in then.text
