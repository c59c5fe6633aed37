"""Question in, answer out: the answering core every adapter (Slack, console, `ask`) shares."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace

from rapidfuzz import fuzz, process

from bot.answers import replies, stopwords
from bot.answers.choice import (
    CLARIFY_AT_MOST,
    LEARNED_ANSWER,
    LEARNED_CLARIFY,
    NEAR_DOMAIN_COVERAGE,
    NEAR_DOMAIN_HITS,
    Choice,
    by_classifier,
    by_concepts,
    by_partial_match,
    by_ranking,
    declined,
    doubts,
    near_domain,
    overridden,
    related,
    sure_of,
    threat_level,
)
from bot.answers.classifier import OUT, SMALLTALK, Guess, load_classifier
from bot.answers.concepts import SOFT, TASK, Phrases, ThreatLevel, load_concepts
from bot.answers.concepts import words as concept_words
from bot.answers.conversation import (
    CONCEPT_SCORE,
    DETAIL_INTENTS,
    KIND_NOUNS,
    PRONOUNS,
    SUBJECT_WORDS,
    Cues,
    Topic,
    about_it,
    adjective_front,
    asks_another,
    asks_covers,
    asks_detail,
    asks_property,
    both,
    by_the_way,
    choosing,
    comparing,
    contrasting,
    covered_subject,
    detail_words,
    follow_up,
    for_others,
    is_definite,
    language_switch,
    mentioned,
    ordinal,
    picking,
    returning,
    same_as,
    shifting,
    someone_else,
    the_other,
    unrelated,
    whom_asked,
    whom_to_call,
)
from bot.answers.facts import Facts
from bot.answers.hotline import HotlineDetails, hotline_details, is_about_threats
from bot.answers.index import Match, OfferIndex, Term
from bot.answers.intent import Intent, detect_intent, intent_words, small_talk, without_when
from bot.answers.language import DANISH, ENGLISH, detect_language
from bot.answers.listing import ListTargets, asks_for_a_list, in_danish
from bot.answers.live import live_lines
from bot.answers.normalise import fold, tokens
from bot.answers.ranking import LIMIT, Ranking, rank
from bot.answers.stemming import stem_da
from bot.catalogue.model import Catalogue
from bot.catalogue.schema import GroupId, Offer

# Longer messages are read up to here: no real question is longer, and a pasted document must
# not cost the bot seconds.
MAX_QUESTION = 1000
_TITLE_MATCH = 80
# A quoted text is an offer's title when this much of it stands in the title ("det der forløb
# "borgmester i en ny tid", hvad er det?"); shorter quotes are too short to tell titles apart.
_QUOTED = re.compile(r'["»“„]([^"»«“”„]{8,})["«”“]')
_QUOTE_MATCH = 90
# A title's head this many words long is a name when written out without quotes; shorter heads
# ("Mødeledelse", "Sociale medier") are common words, matched as title words instead.
_HEAD_WORDS = 3
# A word only this many offers use names a topic of its own (a follow-up with it moves on).
SPECIFIC_DF = 2
# A concept phrase counts as much as a strong BM25 score when ranking a follow-up's candidates.
_HIT_SCORE = CONCEPT_SCORE
# Where a message's clauses part ("og spørgeskemaet, er det gratis?").
_CLAUSE = re.compile(r"[,?.!;:–]+")
# Where a message moves from one matter to the next, for the safety net: a sentence, a clause, a new
# line, a numbered point ("1) … 2) …"), or words that announce another matter ("noget andet",
# "also", "btw"), but not a colon: it
# introduces what follows ('dm på instagram: "du skal dø"'). Follow-ups keep the narrower split:
# there "også" asks for another offer of the same errand, not another errand.
_MATTERS = re.compile(r"[.,;!?\n]+|\b(?:\d|[a-c])\)|\b(?:noget andet|og så|desuden|også|also|btw|by the way)\b", re.IGNORECASE)
# "apropos instagram, …", "speaking of the press, …": a clause that brings up a subject asks for nothing.
_ASIDE = re.compile(r"\s*(?:apropos|speaking of|talking of|nu (?:vi )?(?:taler|snakker) om)\b")
# "Hej, jeg er sekretær for borgmesteren.", "Jeg sidder i borgmestersekretariatet.", "chief of
# staff here:": who writes, before what they ask.
_INTRODUCTION = re.compile(
    r"^\W*(?:(?:hej|hi|hello|goddag|hejsa)\W+)?(?:"
    r"(?:jeg er|i am|i'm|im) (?:\w+ ){0,2}(?:sekretaer|sekretariatschef|secretary|chief of staff|stabschef|assistent)\w*"
    r"(?: (?:for|hos|to|i|at) (?:\w+ ){0,2}\w+)?"
    r"|(?:jeg|vi) sidder i (?:\w+ )?\w*sekretariat\w*|(?:\w+ )?sekretariat\w* her|sekretaer her|(?:the )?(?:mayor's )?secretary here"
    r"|chief of staff here|(?:jeg )?skriver (?:pa vegne af|for) (?:\w+ ){0,2}\w+|writing on behalf of (?:\w+ ){0,2}\w+"
    r")\W+"
)
# "tak! hvordan bliver vejret grundlovsdag?": thanks, then a matter of its own when the classifier
# finds it out of scope (not near-domain: "tak, og hvem sidder i det?" may still be about it).
_THANKED = re.compile(r"^\W*(?:tak|mange tak|tusind tak|thanks|thank you|super)\b")
# "SoMe", as Danes write social media; written so, never the English "some".
_SOME = re.compile(r"\bSoMe\b")
# "btw", "og forresten", "also": a second matter beside the first.
_BESIDES = re.compile(r"\b(?:btw|by the way|also|og sa|forresten|i ovrigt|desuden|og hvad|og hvem|og kan du)\b")
# A clause this long can tell a threat on its own ("de truede mig"); shorter ones are asides.
_CLAUSE_WORDS = 3
# "hvem er kommunaldirektør i Herning?": a question whose answer is a person, never an offer.
_WHO_IS = re.compile(r"^\W*(?:hvem er|who is|who's)\b")
# In a conversation, a message this long that names a kind of offer or a provider without a list
# phrase asks about the conversation's offer, not for the list.
_NAME_WORDS = 4
# What every offer has (see conversation._PROPERTY) asked in up to this many words outweighs a
# near-domain phrase in it.
_PROPERTY_WORDS = 5
# A way of asking ("hvad hedder") about "it" in up to this many words is about the topic.
_SHORT_WORDS = 6
# A detail of the topic asked in up to this many words outweighs a near-domain phrase in it.
_DETAIL_WORDS = 10
# The words of a detail (see conversation._DETAIL) that ask who may come along or instead: the
# rest of it names a person ("hans mail" names the contact's mail).
_COMING_ALONG = frozenset("med stedet attend join come bring instead place".split())
# "er der også en session?": another offer than the one just answered.
_ANOTHER = frozenset(fold(w) for w in "også ogsa anden andet another also".split())
# After these a "det"/"den" is the subject of a question ("er det store hold?"), not a determiner.
_ASKING_VERBS = frozenset(fold(w) for w in """
er var bliver blev kan skal vil må koster gælder foregår starter kommer handler dækker omfatter går tager varer
kræver indeholder fungerer betyder ligger giver hedder hed is was does did can will would could should are do
""".split())
_TITLE_WORD = 6
# The one-letter preposition a pronoun may stand before ("er det i grupper?").
_PREPOSITION = frozenset({"i"})
# Pronouns that never stand in front of a noun ("when does it start": "it" is no determiner).
_NEVER_DETERMINERS = frozenset({"it", "they", "them"})
# A section of an act ("§ 31", "§17 stk. 4") or what the law says ("hvad siger loven om …"): a
# question no offer answers, since the catalogue teaches principles and quotes no act; and a
# named act ("forvaltningsloven", "kommunestyrelseslovens"), a near-domain phrase.
_SECTION = re.compile(r"§\s*\d")
_LAW_SAYS = re.compile(r"\b(?:siger \w*(?:loven|lovgivningen)|(?:loven|lovgivningen) siger|(?:law|act) says?|says? the (?:law|act))\b")
_ACT = re.compile(r"\b[a-z]{3,}lov(?:en|ens)\b")
_ASKS_FOR_OFFER = re.compile(
    r"\b(?:er der|findes der|har i|har kl|tilbyder i|tilbyder kl|is there|are there|do you have|do you offer)\b"
    r"(?:\W+\w+){0,3}?\W+(?:\w*session\w*|kursus\w*|kurser|forlob\w*|tilbud\w*|noget|course\w*|training|anything)\b"
    r"|(?:^|[.!?]\s*)(?:men |og )?noget (?:om|til|for|med)\b"
)
# "kan jeg få en mentor?", "can she join?": asking to get or join what the message names.
_ASKS_TO_GET = re.compile(r"\b(?:kan|ma) (?:jeg|vi|hun|han) (?:ogsa |godt )?(?:fa|komme med|deltage|tilmelde)\b|\bcan (?:i|we|she|he) (?:get|have|join)\b")
# Two near-domain phrases decline a message, as two situation phrases name an offer.
_NEAR_DECLINES = 2
# A question word opening a clause ("…, hvem skal jeg ringe til"): the message asks.
_QUESTION = re.compile(r"(?:^|[.!,;:–-])\s*(?:og |and )?(?:hvad|hvem|hvor\w*|hvordan|hvilk\w*|what|who|where|how|which)\b")
# Bidding the bot itself: "kan du …", "gider du …", "can you …", or an order first ("skriv …").
_BIDDING = re.compile(r"\b(?:kan|vil|gider|kunne|ma) du\b|\b(?:can|could|will|would) you\b|^\W*(?:skriv|lav|find|bestil|reserver|send|write|draft|book)\b")
# "både X og Y", "taler, pressen og SoMe": the message names several offers side by side, by
# their descriptions too (see Answerer._named).
_ENUMERATING = re.compile(r"\b(?:baade|bade)\b|\w, (?:\w+ ){1,6}(?:og|and|samt) \w")
# "the course", "that programme": an English definite noun, as the Danish kind it names (the stem
# the offers' own titles and summaries use, see Answerer._is_a).
_ENGLISH_KINDS = {
    "course": "kurs", "session": "session", "theme session": "temasession", "programme": "forlob",
    "program": "forlob", "network": "netvaerk", "tool": "vaerktoj", "gathering": "samling", "pamphlet": "pjec",
    "booklet": "pjec", "newsletter": "nyhedsbrev", "scheme": "ordning", "internship": "praktik",
}
_ENGLISH_DEFINITE = re.compile(r"\b(?:the|that|this) (" + "|".join(sorted(_ENGLISH_KINDS, key=len, reverse=True)) + r")s?\b")
# A clause this short before the question is a noun put in front ("og forløbet, hvornår starter det?").
_FRONT_WORDS = 5
# The kinds mayors use for any course-like offer, whatever the catalogue calls it.
_COURSE_KINDS = frozenset({"kurs", "kursus", "session", "temasession", "forlob"})
# "X, Y eller Z", "X or Y", "både X og Y": the mayor names offers side by side, and "den sidste"
# next means the last of them.
_ALTERNATIVES = re.compile(_ENUMERATING.pattern + r"|\w (?:eller|or) \w")
# A message that goes on with the last one in a few words ("og for KKR?", "and the vice-chair?").
# Words are parted by \W+, so a long word cannot be split into many (no backtracking blow-up).
_ELLIPTIC = re.compile(r"^\W*(?:og|and|eller|or)\W+\w+(?:\W+\w+){0,3}\W*$")
# "og hvornår holder de deres første møde?": one that goes on about what the last one named.
_GOES_ON = re.compile(r"^\W*(?:og|and)\W+(?:\w+\W+){0,6}?(?:de|deres|dem|they|their|them)\b")
# Mentions and broadcast markers (<!channel>, <@U123>, <#C123|navn>) that chat adapters pass
# through with the text: they name people and channels, never what the question is about.
_MENTIONS = re.compile(r"<[!@#][^>]*>")


def _own_title_words(catalogue: Catalogue) -> dict[str, str]:
    """Title words only one offer's title has ("borgmesterpraktik", "mødeledelse"): a message
    with one of them calls that offer by its name."""
    owners: dict[str, set[str]] = {}
    for offer in catalogue.offers:
        for word in tokens(offer.title):
            if len(word) >= _TITLE_WORD and word not in stopwords.ALL:
                owners.setdefault(word, set()).add(offer.id)
    return {word: next(iter(ids)) for word, ids in owners.items() if len(ids) == 1}


def _without_introduction(text: str) -> str:
    """The message without a secretary's introduction of herself ("Hej, jeg er sekretær for
    borgmesteren. Hun vil gerne …"): the classifier's out-of-scope examples speak of
    secretariats too, and the introduction would outweigh what is asked."""
    folded = fold(text)
    found = _INTRODUCTION.match(folded)
    rest = folded[found.end():] if found else ""
    return rest if len(tokens(rest)) >= _CLAUSE_WORDS else text


def _pronoun(words: list[str], place: int, news: set[str]) -> bool:
    """Whether the word at `place` is a pronoun that points back, not a determiner in front of
    a noun: "den" in "den pjece" or "det" in "det politiske arbejde" points at what follows."""
    if words[place] not in PRONOUNS:
        return False
    following = words[place + 1 : place + 3]
    if words[place] == "one" and (following[:1] in (["on"], ["to"]) or words[max(place - 1, 0)] in ("on", "to")):
        # "one-on-one", "one to one": a way of meeting, no pronoun.
        return False
    if words[place] in ("det", "den") and following and stem_da(following[0]) in KIND_NOUNS:
        # "og det forløb der startede i januar": a kind of offer follows, the message names it
        # ("that session" is the one just answered).
        return False
    if following and following[0] in news and words[place] not in _NEVER_DETERMINERS:
        # "hvad er det dialogværktøj for noget?": a word of another offer follows.
        return False
    if place and words[place - 1] in _ASKING_VERBS or not following:
        return True
    adjective = following[0].endswith("e") and following[0] not in stopwords.ALL
    return not (adjective and len(following) == 2)


def _asks(text: str, intent: Intent) -> bool:
    """Whether a message asks rather than tells: a question mark, a question word opening a
    clause ("…, hvem skal jeg ringe til"), or a detail asked for ("… og hvad koster det")."""
    return "?" in text or bool(_QUESTION.search(fold(text))) or intent in DETAIL_INTENTS


def _besides(choice: Choice, offer_id: str) -> Choice:
    """The choice without the offer just answered, for "er der også …?", which asks for another
    one; unchanged when nothing else is left."""
    rest = tuple(o for o in choice.offers if o.id != offer_id)
    return replace(choice, offers=rest) if rest else choice


def _unique(offers: tuple[Offer, ...]) -> tuple[Offer, ...]:
    return tuple({o.id: o for o in reversed(offers)}[i] for i in dict.fromkeys(o.id for o in offers))


@dataclass(frozen=True)
class Answer:
    question: str
    intent: Intent
    offers: tuple[Offer, ...]
    abstained: bool
    text: str
    language: str
    about_threats: bool
    group: GroupId | None = None
    # Offers proposed because the bot is unsure which one is meant ("Mente du …?").
    clarify: bool = False
    # What a follow-up may refer to next; None leaves the conversation's topic as it was.
    topic: Topic | None = None
    # For a list answer: how many offers the list has (the cards show at most LIMIT of them).
    listed: int = 0


@dataclass(frozen=True)
class _NearDomain:
    """What in a message speaks of municipal business the catalogue does not answer: such a
    message names an offer only when its situation clearly points to one (see near_domain).

    `found` are the near-domain phrases it holds ("hvem sidder i", "formand for KL"); `cited`,
    a section of an act ("§ 31"), asks what the law says, which no offer states; each act it
    names ("forvaltningsloven") counts as one more phrase."""

    found: tuple[str, ...]
    cited: bool
    # "er der et kursus om forvaltningsloven?" asks for an offer about the act, not what it says:
    # its acts are not counted.
    acts: int
    # The message bids the bot do something ("kan du …", "can you …", "skriv …").
    bidden: bool = False

    @property
    def phrases(self) -> int:
        return len(self.found) + self.cited + self.acts

    @property
    def phrase(self) -> bool:
        """Any of them: offers the catalogue's words only partly support are held back, and a
        follow-up with words of its own that fit none of the conversation's offers is a new
        question (see Cues.astray)."""
        return self.phrases > 0

    @property
    def firm(self) -> bool:
        """More than a way of asking: a subject or a task no offer answers, an act or a section.
        A follow-up with one asks about that, not about the conversation's offer ("hvem bliver
        formand for sundhedsrådet i Nordjylland?" after the health councils' course), unless it
        asks for one of the offer's details (see Answerer._follow_up). A task is one only when
        the bot is bidden do it: "kan jeg også bare skrive en mail?" asks about the topic."""
        tasks = self.bidden and TASK in self.found
        return self.cited or bool(self.acts) or tasks or any(label not in (SOFT, TASK) for label in self.found)

    @property
    def soft(self) -> bool:
        """Only one soft way of asking ("efter valget", "hvem er vært"), which the catalogue's
        words and a sure classifier naming the same offer outweigh (see Answerer._choose)."""
        return self.phrases == 1 and self.found == (SOFT,)

    @property
    def beyond(self) -> bool:
        """Two near-domain phrases, a section of an act, or a task asked of the bot itself ("kan
        du ikke bare skrive talen for mig?"): no offer is what is asked for, and a list of offers
        is not either ("giv mig en liste med alle 98 borgmestres mobilnumre")."""
        return self.cited or self.phrases >= _NEAR_DECLINES or (self.bidden and TASK in self.found)


@dataclass(frozen=True)
class _Message:
    """What one message says, read once (Answerer._read), for every step of its answer to
    decide from."""

    # As asked (the answer repeats it), and as read: mentions out, no longer than MAX_QUESTION.
    question: str
    text: str
    words: list[str]
    # The language the message asks to be answered in ("in English please"), if it asks.
    switch: str | None
    language: str
    intent: Intent
    terms: list[Term]
    # The folded words the concept vocabularies match.
    flat: tuple[str, ...]
    signals: _NearDomain
    ranking: Ranking
    # How many of each offer's situation phrases the message holds.
    hits: dict[str, int]
    guess: Guess | None
    # The threat phrases' verdict alone, which is what holds back a list; `threat` is the
    # classifier's view added and, for a whole message, its clauses read one by one.
    phrased: ThreatLevel
    threat: ThreatLevel
    # No offer may be named: the classifier declines the message, or it asks beyond the catalogue.
    refused: bool
    # Offers the catalogue's words only partly support are held back (see near_domain).
    near: bool
    # The message has a word only one or two offers use.
    specific: bool
    # The offers it calls by name or situation words, in its order (see Answerer._named), those
    # whose titles it quotes, and those it calls by a word only their title has or a quote.
    named: tuple[str, ...]
    quoted: frozenset[str]
    titled: frozenset[str]


@dataclass(frozen=True)
class _FollowUp:
    """A message that refers back to the conversation: the offers it means, whether it compares
    the latest two, and the intent to answer."""

    choice: Choice
    compared: bool
    intent: Intent
    # It asks about the offer it points at ("er den også om chikane?", "the second one, does it
    # cover harassment?"): a threat word in it is the subject asked about.
    asks_about: bool = False


def _reply(
    said: _Message,
    topic: Topic | None,
    intent: Intent,
    body: str,
    offers: tuple[Offer, ...] = (),
    about_threats: bool = False,
    group: GroupId | None = None,
    clarify: bool = False,
    listed: tuple[Offer, ...] = (),
) -> Answer:
    """The Answer with the topic a follow-up may refer to next: the offers named, after the
    conversation's topic; no offers leave the topic as it was. A list's whole `listed`, of which
    the answer names the first few, is what a place ("den sidste") counts among."""
    ids = tuple(o.id for o in offers)
    remembered = None
    if offers:
        remembered = (topic or Topic(())).followed_by(ids, intent, said.language)
        if len(listed) > len(offers):
            remembered = replace(remembered, listed=tuple(o.id for o in listed))
    return Answer(
        said.question, intent, offers, not offers, body, said.language, about_threats, group, clarify, remembered, len(listed)
    )


def _canned(said: _Message, topic: Topic | None) -> Answer | None:
    """The fixed replies: to an empty message, a greeting, thanks, or a call for help that asks
    about nothing in particular."""
    if not said.words:
        return _reply(said, topic, Intent.UNKNOWN, replies.empty_reply(said.language))
    talk = small_talk(said.text)
    if talk is Intent.GREETING:
        return _reply(said, topic, talk, replies.greeting_reply(said.language))
    if talk is Intent.THANKS:
        return _reply(said, topic, talk, replies.thanks_reply(said.language))
    if said.intent is Intent.HELP and not said.terms:
        return _reply(said, topic, Intent.HELP, replies.help_reply(said.language))
    return None


class Answerer:
    """Built once per catalogue (building the index takes milliseconds; answering microseconds)."""

    def __init__(self, catalogue: Catalogue) -> None:
        self.catalogue = catalogue
        self._index = OfferIndex(catalogue.offers)
        self._lists = ListTargets(catalogue, self._index)
        self._hotline = hotline_details(catalogue)
        self._threat_offers = tuple(o for o in catalogue.offers if is_about_threats(o.title))
        self._threat_ids = frozenset(o.id for o in self._threat_offers)
        self._suggestions = tuple(catalogue.in_group(g.id)[0] for g in catalogue.groups[:3] if catalogue.in_group(g.id))
        self._titles = {o.id: fold(o.title) for o in catalogue.offers}
        # A title's head of a few words, written out without quotes ("det forløb borgmester i en
        # ny tid"), calls the offer by its name as a quote does.
        heads = {o.id: re.split(r"\s*[:–(]\s*", o.title)[0] for o in catalogue.offers}
        self._heads = {
            offer_id: re.compile(r"\b" + r"\W+".join(map(re.escape, concept_words(head))) + r"\b")
            for offer_id, head in heads.items() if len(concept_words(head)) >= _HEAD_WORDS
        }
        self._concepts = load_concepts()
        # The other names staff gave each offer, Danish and English ("spørgeskema", "partnership").
        self._keywords = Phrases(
            (keyword for o in catalogue.offers for keyword in (*o.keywords, *o.english)),
            (o.id for o in catalogue.offers for _ in (*o.keywords, *o.english)),
        )
        self._title_words = _own_title_words(catalogue)
        # The same by stem: "borgmestersamling" calls the "Borgmestersamlinger" by name too.
        # A stem that ends another offer's title word is no name either: "samlinger" may be the
        # "Borgmestersamlinger" as well as the "Samling for nye borgmestre".
        stems: dict[str, set[str]] = {}
        for word, offer_id in self._title_words.items():
            stems.setdefault(stem_da(word), set()).add(offer_id)
        heads = {stem: {i for other, ids in stems.items() if other.endswith(stem) for i in ids} for stem in stems}
        self._title_stems = {stem: next(iter(ids)) for stem, ids in heads.items() if len(ids) == 1}
        firsts = {o.id: stem_da(words[0]) for o in catalogue.offers if (words := [w for w in tokens(o.title) if w not in stopwords.ALL])}
        self._head_stems = {stem: offer_id for offer_id, stem in firsts.items() if self._title_stems.get(stem) == offer_id}
        self._classifier = load_classifier()
        self._positions = {offer.id: position for position, offer in enumerate(self._index.offers)}
        self._distinct_df = max(len(catalogue.offers) // 3, SPECIFIC_DF)
        self._kinds = {
            o.id: frozenset(stem_da(w) for w in tokens(" ".join(filter(None, (o.title, o.subgroup, o.summary)))))
            for o in catalogue.offers
        }
        self._near_own = {o.id: self._own_near_phrases(o) for o in catalogue.offers}
        self._titled_kinds = {
            o.id: frozenset(stem_da(w) for w in tokens(" ".join(filter(None, (o.title, o.subgroup))))) for o in catalogue.offers
        }
        # The stems of each offer's title words that at most two titles share and few offers'
        # texts use: what it is about ("kommunaløkonomi" in the knowledge bank and in the theme
        # session; not "borgmestre").
        title_stems = {o.id: {stem_da(w) for w in tokens(o.title) if w not in stopwords.ALL} for o in catalogue.offers}
        titles_with = Counter(stem for stems_of_one in title_stems.values() for stem in stems_of_one)
        texts_with = Counter(stem for stems_of_one in self._kinds.values() for stem in stems_of_one)
        self._subjects = {
            offer_id: frozenset(
                stem for stem in stems_of_one if titles_with[stem] <= SPECIFIC_DF and texts_with[stem] <= self._distinct_df
            )
            for offer_id, stems_of_one in title_stems.items()
        }

    def _own_near_phrases(self, offer: Offer) -> frozenset[int]:
        """The near-domain phrases the offer's own text holds: there they are the catalogue's
        words, not a sign of a question beyond it ("reglerne for borgmesterpension", "Nyt fra
        KL's bestyrelse", the pamphlet made with the ministry). Each piece of text on its own, so
        two keywords side by side make no phrase neither has. A task asked of the bot ("skriv
        talen") stays one, whatever the offer's text says."""
        near = self._concepts.near
        pieces = (offer.title, offer.provider, offer.summary, offer.description, *offer.keywords)
        held = (number for piece in pieces for number in near.held(concept_words(piece)))
        return frozenset(number for number in held if near.label(number) != TASK)

    @property
    def hotline(self) -> HotlineDetails:
        return self._hotline

    def _terms(self, text: str, words: list[str], language: str) -> list[Term]:
        skip = intent_words(text)
        # A number alone names no offer ("hvad er 17 gange 23" is not about the 17 health councils).
        content = dict.fromkeys(w for w in words if w not in stopwords.ALL and w not in skip and not w.isdigit())
        return [self._index.resolve(w, english=language == ENGLISH) for w in content]

    def _threat_in_a_clause(self, text: str) -> ThreatLevel:
        """The strongest threat reading of the message's clauses one by one: a threat told in one
        sentence is not to be outweighed by an errand in the next ("… maling ud over min
        indkørsel. Send mig referatet …" reads as a near-domain errand as a whole)."""
        clauses = [c for c in _MATTERS.split(text) if c and len(tokens(c)) >= _CLAUSE_WORDS]
        if len(clauses) < 2:
            return ThreatLevel.NONE
        return max(
            threat_level(self._concepts.threat_level(concept_words(c)), self._classifier.guess(c)) for c in clauses
        )

    def _errand(self, text: str) -> _Message | None:
        """The message's clauses that tell no threat and point at none, read as a message of
        their own; None when every clause or none tells of the threat."""
        matters = _MATTERS.split(text)
        rest = [
            c for c in matters
            if c and not is_about_threats(c) and not self._threat_words(concept_words(c)) and not _ASIDE.match(fold(c))
            and not whom_to_call(c)
        ]
        if not rest or len(rest) == len(matters):
            return None
        return self._read(". ".join(rest), nested=True)

    def _errand_beyond(self, said: _Message) -> bool:
        """Whether a threat comes with a second errand the catalogue does not answer ("… smadret
        min forrude i nat. btw kan du anbefale et godt værksted?"): said beside it ("btw", "og
        forresten", "also"), with words of its own that the classifier or a near-domain phrase
        puts beyond the catalogue, and no offer for them."""
        folded = fold(said.text)
        if (besides := _BESIDES.search(folded)) is None:
            return False
        after = folded[besides.end():]
        if is_about_threats(after) or self._threat_words(concept_words(after)) or whom_to_call(after):
            return False
        errand = self._read(after, nested=True)
        if errand.named or errand.hits or not any(t.match is Match.UNKNOWN for t in errand.terms):
            return False
        beyond = declined(errand.guess) or errand.refused or errand.signals.phrase
        return beyond and self._answer(errand, None, None, nested=True).abstained

    def _request_beside_threat(self, text: str, chosen: tuple[Offer, ...]) -> tuple[Offer, ...]:
        """The offer a threatened mayor also asks for ("… smadret ruderne. Noget andet: hvordan
        får jeg en mentor?"): the message's clauses without the threat, answered on their own.
        It counts when the whole message points to it too (`chosen`) or, asked as a question,
        the classifier is sure of it in those clauses alone, since a clause alone may lean on the
        threat ("vil gerne lære at håndtere det") while a plain errand ("hvornår er næste
        borgmestersamling?") is drowned by the threat's words in the whole; the hotline and the
        threat offer come with it whatever this finds."""
        errand = self._errand(text)
        if errand is None:
            return ()
        asked = self._answer(errand, None, None, nested=True)
        sure = not asked.abstained and sure_of(errand.guess, asked.offers[0].id)
        pointing = _ASKS_FOR_OFFER.search(fold(errand.text)) and any(w in PRONOUNS for w in errand.words)
        if chosen and chosen[0].id not in self._threat_ids and not sure and pointing:
            # "… hadefulde kommentarer på Facebook. Er der et kursus i at håndtere den slags?": a
            # request that names its subject by pointing at the threat asks for the whole
            # message's offer.
            return chosen[:1]
        if asked.abstained or asked.clarify or asked.about_threats:
            return ()
        offer = asked.offers[0]
        # Asked, not told: a question mark or a detail asked for ("… og hvornår er næste samling");
        # a question word alone is not enough here, "hvordan håndterer vi det" asks about the threat.
        asked_for = "?" in text or asked.intent in DETAIL_INTENTS
        return (offer,) if (sure and asked_for) or offer in chosen else ()

    def _threat_words(self, flat: tuple[str, ...]) -> bool:
        """Any word of the safety net, a weak one too: "skal jeg ringe til politiet?" beside a
        threat asks about the threat, not for KL's phone number."""
        return self._concepts.threat_strong.any(flat) or self._concepts.threat_weak.any(flat)

    def answer(
        self, question: str, topic: Topic | None = None, facts: Facts | None = None, nested: bool = False
    ) -> Answer:
        """The answer to one message; `topic` is what the conversation was last about, for
        follow-ups that name no offer of their own; `facts` are the database's live facts for
        the asker (sessions, network meetings, forum dates), None to answer from the catalogue;
        `nested` marks the answer to part of a message (the request beside a threat).

        The message is read once; then a fixed reply or a list may settle it, else the offers
        are chosen (a follow-up's from the conversation, a new question's from the catalogue),
        the safety net puts the threat offers in, and the reply is composed or the bot abstains."""
        return self._answer(self._read(question, nested), topic, facts, nested)

    def _answer(self, said: _Message, topic: Topic | None, facts: Facts | None, nested: bool) -> Answer:
        """The answer to a message already read (see answer): the request beside a threat reads
        its clauses once and keeps the classifier's view of them."""
        if (canned := _canned(said, topic)) is not None:
            return canned
        if (listing := self._listing(said, topic)) is not None:
            return listing
        followed = self._follow_up(said, topic)
        choice = followed.choice if followed else self._in_named_order(said, self._covered_first(said, self._titled_first(said, self._choose(said))))
        goes_on = _ELLIPTIC.match(fold(said.text)) or _GOES_ON.match(fold(said.text)) and not said.hits
        if followed is None and topic is not None and topic.declined and goes_on and not said.named and not said.titled:
            # "og for KKR?", "and for a deputy mayor?", "og hvornår holder de deres første møde?"
            # after a question the bot declined go on with that matter: declined too, whatever
            # offer a word of them fits.
            choice = None
        if followed is None and choice is None and topic is not None and self._points_back(said, topic):
            # A message the bot would decline on its own that points back ("kan min sekretær
            # også få adgang?", "er det over flere dage?"): about the topic.
            followed = self._kept(topic, said.intent)
            choice = followed.choice
        if followed is None and topic is not None and choice is not None and asks_another(said.text):
            choice = _besides(choice, topic.offer_ids[0])
        if said.threat is ThreatLevel.STRONG and not nested and followed is None and self._errand_beyond(said):
            return self._threat_beside_errand(said, topic)
        choice = self._with_threat(said, choice, nested, followed)
        intent = followed.intent if followed else said.intent
        if choice is None or not choice.offers:
            return self._abstain(said, topic, intent)
        compared = followed.compared if followed else comparing(said.text) and len(said.named) > 1
        answer = self._compose(said, topic, facts, choice, intent, compared=compared)
        if followed is None and len(said.named) > 1 and answer.topic is not None and _ALTERNATIVES.search(fold(said.text)):
            # "mødeledelse, forhandling eller taler – hvad passer til mig?": "den sidste" next is
            # the last the mayor named, whichever the answer put first or left out.
            answer = replace(answer, topic=replace(answer.topic, listed=said.named))
        return answer

    def _read(self, question: str, nested: bool) -> _Message:
        """What the message says, read once for every step; `nested` (part of a message) leaves
        out the reading of its clauses one by one for a threat."""
        text = _SOME.sub("sociale medier", _MENTIONS.sub(" ", question[:MAX_QUESTION]))
        words = tokens(text)
        switch = language_switch(text)
        language = switch or detect_language(text, words)
        terms = self._terms(text, words, language)
        flat = concept_words(text)
        phrased = self._concepts.threat_level(flat) if not is_about_threats(text) else ThreatLevel.STRONG
        ranking = rank(self._index, terms)
        guess = self._classifier.guess(_without_introduction(text))
        signals = self._near_domain(text, concept_words(without_when(text)), ranking, guess)
        threat = threat_level(phrased, guess)
        if threat is not ThreatLevel.STRONG and not nested:
            threat = max(threat, self._threat_in_a_clause(text))
        quoted = self._quoted(text, flat)
        specific = any(
            t.match in (Match.EXACT, Match.COMPOUND) and min(self._index.df(k) for k in t.keys) <= SPECIFIC_DF
            for t in terms
        )
        return _Message(
            question, text, words, switch, language, detect_intent(text), terms, flat, signals,
            ranking, self._concepts.offer_hits(flat), guess, phrased, threat,
            refused=declined(guess) or signals.beyond, near=near_domain(signals.phrase, guess), specific=specific,
            named=self._named(terms, flat, quoted, described=contrasting(text) or bool(_ENUMERATING.search(fold(text)))),
            quoted=frozenset(quoted),
            titled=frozenset(self._title_words[w] for w in words if w in self._title_words) | frozenset(quoted),
        )

    def _near_domain(self, text: str, flat: tuple[str, ...], ranking: Ranking, guess: Guess | None) -> _NearDomain:
        """The message's near-domain signals; a phrase the ranking's first offer, or the
        classifier's first when the ranking's first few hold it, has in its own text speaks of
        that offer, not of something beyond the catalogue ("efter KL's bestyrelsesmøder" is the
        newsletter "Nyt fra KL's bestyrelse")."""
        folded = fold(text)
        candidates = [o.id for o, _ in ranking.candidates[:CLARIFY_AT_MOST]]
        learned = [name for name, _ in guess.offers()[:1]] if guess is not None else []
        firsts = [o.id for o in ranking.offers[:1]] + [name for name in learned if name in candidates]
        own = frozenset().union(*(self._near_own.get(offer_id, frozenset()) for offer_id in firsts))
        near = self._concepts.near
        return _NearDomain(
            tuple(near.label(number) for number in near.held(flat) - own),
            cited=bool(_SECTION.search(text) or _LAW_SAYS.search(folded)),
            acts=0 if _ASKS_FOR_OFFER.search(folded) else len(set(_ACT.findall(folded))),
            bidden=bool(_BIDDING.search(folded)),
        )

    def _listing(self, said: _Message, topic: Topic | None) -> Answer | None:
        """The list of offers the message asks for ("hvilke kurser er der?"), unless its phrases
        tell of a threat, it asks beyond the catalogue (see _NearDomain.beyond), or in a
        conversation it points back without a list phrase."""
        listed, asked = said.terms, said.intent is Intent.LIST
        if said.language == ENGLISH:
            danish = in_danish(said.text)
            listed, asked = self._terms(danish, tokens(danish), DANISH), asked or asks_for_a_list(danish)
        if topic is not None and not asked and (any(w in PRONOUNS for w in said.words) or len(said.words) > _NAME_WORDS):
            # "er det en temasession?", "kommer I ud til os, eller skal vi ind til KL?": a question
            # about what the conversation is about, not for a list, though it names a kind or a
            # provider; "og temasessionerne?" asks for the list.
            return None
        target = self._lists.find(listed, asked_for_list=asked)
        if target is None or said.phrased or said.signals.beyond:
            return None
        body = replies.list_reply(self.catalogue, target, said.language)
        return _reply(said, topic, Intent.LIST, body, target.offers[:LIMIT], group=target.group, listed=target.offers)

    def _follow_up(self, said: _Message, topic: Topic | None) -> _FollowUp | None:
        """The conversation's offers the message refers back to ("hvad koster det?"), or None
        for a new question (see conversation.follow_up)."""
        # "send mig linket" asks for the topic's link, not a task beyond the catalogue.
        spoken = detail_words(said.text)
        detail = bool(spoken) and len(said.words) <= _DETAIL_WORDS
        # "who sets the agenda?": what every offer has, asked in a few words, is the topic's too.
        detail = detail or asks_property(said.text) and len(said.words) <= _PROPERTY_WORDS
        # A date, a price or the provider asked with a near-domain subject is the topic's only
        # when it points back ("hvad koster det for en viceborgmester?", not "hvornår er der
        # kommunalvalg næste gang?").
        asks_its_detail = said.intent in DETAIL_INTENTS and any(w in PRONOUNS for w in said.words)
        if topic is None or (said.signals.beyond or said.signals.firm and not asks_its_detail) and not detail:
            return None
        ranking, hits, naming = said.ranking, said.hits, said.named
        unspoken = [t for t in said.terms if fold(t.word) not in spoken]
        if len(unspoken) < len(said.terms):
            # Who may come along names a person, whatever offer the word also fits; and it fits
            # no offer by that word either ("kan min viceborgmester tage afsted i stedet for mig?").
            naming = self._named(unspoken, said.flat, {}, described=False)
            if spoken & _COMING_ALONG:
                ranking = rank(self._index, unspoken)
                hits = self._concepts.offer_hits(tuple(w for w in said.flat if w not in spoken))
        scores = {offer.id: score for offer, score in ranking.candidates}
        for offer_id, count in hits.items():
            scores[offer_id] = scores.get(offer_id, 0.0) + count * _HIT_SCORE
        foreign = declined(said.guess) and any(t.match is Match.UNKNOWN for t in said.terms)
        named = tuple(o.id for o in ranking.offers)
        cues = self._cues(said.text, said.words, said.terms, said.flat, topic, said.guess, named, scores, naming)
        if covered := self._covered(said.text):
            cues = replace(cues, covered=covered)
        shown_threat = next((i for i in topic.offer_ids if i in self._threat_ids), None)
        if topic.offer_ids[0] in self._threat_ids or said.threat:
            cues = replace(cues, threatened=shown_threat, whom=whom_asked(said.text), someone_else=someone_else(said.text))
        # "hvad står der i den?", "hvad hedder det nu igen?": a near-domain way of asking about
        # what a pronoun points back at.
        short = len(said.words) <= _SHORT_WORDS
        near_phrase = said.signals.phrase and not cues.about_it and not (said.signals.soft and cues.subject and short)
        cues = replace(
            cues, near_phrase=near_phrase, astray=(near_phrase or said.refused) and cues.astray, detail=bool(spoken)
        )
        referred = follow_up(
            topic, said.words, said.intent, said.switch, scores, said.specific, named, said.titled, foreign, cues
        )
        if referred is None:
            return None
        # The topic with the rest of its offers beside it; one picked by its place alone.
        rest = referred == topic.offer_ids[0] and cues.ordinal is None
        ids = (referred, *(i for i in topic.offer_ids if i != referred)) if rest else (referred,)
        compared = cues.comparing and referred == topic.offer_ids[0]
        if compared and len(ids) < 2 and topic.earlier:
            ids = (referred, topic.earlier[0])
        if cues.same_as and referred != topic.offer_ids[0]:
            compared, ids = True, (referred, topic.offer_ids[0])
        # "in English please" asks the last question again, in the other language.
        intent = topic.intent if said.switch and said.intent in (Intent.WHAT, Intent.HELP) else said.intent
        asks_about = cues.covers or "?" in said.text and (cues.subject or cues.ordinal is not None)
        return _FollowUp(Choice(self._offers(ids)), compared, intent, asks_about)

    def _kept(self, topic: Topic, intent: Intent) -> _FollowUp:
        """The follow-up that stays with the topic's offers, as they were shown."""
        return _FollowUp(Choice(self._offers(topic.offer_ids)), False, intent)

    def _offers(self, ids: tuple[str, ...]) -> tuple[Offer, ...]:
        """The catalogue's offers by id, in order; an id no longer in the catalogue is left out."""
        return tuple(o for o in map(self.catalogue.get, ids) if o is not None)

    def _points_back(self, said: _Message, topic: Topic) -> bool:
        """Whether a message that names nothing the catalogue answers is still about the topic: a
        pronoun, a detail or something every offer has asked of it, in a question no near-domain
        phrase marks as beyond the catalogue and not after a question the bot declined."""
        if (
            topic.declined or said.signals.phrase or said.signals.beyond or len(said.words) > SUBJECT_WORDS
            or declined(said.guess) or unrelated(said.text)
        ):
            return False
        return (
            any(w in PRONOUNS for w in said.words) or said.intent in DETAIL_INTENTS
            or asks_property(said.text) or asks_detail(said.text)
        )

    def _choose(self, said: _Message) -> Choice | None:
        """The offers a new question is about: the ranking's, when the message is not near-domain
        or the catalogue's words cover nearly all of it; else what a sure classifier or the
        concept vocabularies find; else a less sure classifier's question back or a partial
        match's, except for a strong threat (the threat step answers that with the threat offers
        and what the surer readings found). None for a message the classifier declines or that
        asks beyond the catalogue, unless it asks for one offer by its name; one soft way of
        asking yields to the ranking's likeliest when a sure classifier and a situation phrase
        agree on it."""
        choice = self._chosen(said)
        if choice is None and (by_name := self._asked_by_name(said)):
            # "Jeg er viceborgmester … mens borgmesteren er på barsel. Har I noget om mødeledelse?":
            # an offer asked for by its name outweighs what the message tells.
            return Choice(self._offers(by_name))
        return choice

    def _asked_by_name(self, said: _Message) -> tuple[str, ...]:
        """The one offer the message asks for by its name: a quoted title, or the stem of a
        title's first word or the start of one ("sundhedsrådet" is the "Sundhedsrådenes arbejde",
        "forhandling" the "Forhandlingsteknik", "mentor" the "Mentorordning"; "kommunalbestyrelsen",
        "borgmesterposten" further in a title are no names), asked for ("har I noget om …", "kan
        jeg få …"); none when it cites an act, or when the classifier declines it and a near-domain
        phrase is in it too."""
        by_name = said.quoted | {offer_id for w in said.words if (offer_id := self._by_head(stem_da(w)))}
        folded = fold(said.text)
        asked = bool(said.quoted or _ASKS_FOR_OFFER.search(folded) or _ASKS_TO_GET.search(folded))
        if len(by_name) != 1 or not asked or (declined(said.guess) and said.signals.phrases) or said.signals.cited:
            return ()
        return tuple(by_name)

    def _chosen(self, said: _Message) -> Choice | None:
        """The offers a new question is about by its words, the classifier and the concept
        vocabularies (see _choose)."""
        ranking, guess, near = said.ranking, said.guess, said.near
        if said.refused:
            # "Jeg sidder i borgmestersekretariatet. Min borgmester vil gerne blive bedre til at
            # lede byrådsmøderne. Har I noget?": the catalogue's words, two situation phrases of
            # the same offer and a request for an offer outweigh a classifier that declines.
            return Choice(ranking.offers) if self._asked_for_despite(said) else None
        # One near-domain way of asking ("efter valget", "hvem er vært") is outweighed when the
        # catalogue's words and a sure classifier name the same offer: two readings against one.
        agreed = said.signals.soft and bool(ranking.offers) and sure_of(guess, ranking.offers[0].id)
        if ranking.offers and (not near or ranking.coverage >= NEAR_DOMAIN_COVERAGE or agreed):
            return self._phrased_first(said, overridden(self.catalogue, by_ranking(ranking, guess), guess, said.hits))
        likeliest = ranking.candidates[0][0].id if ranking.candidates else None
        seconded = (
            said.signals.soft and not _WHO_IS.match(fold(said.text)) and likeliest is not None
            and sure_of(guess, likeliest) and said.hits.get(likeliest, 0) > 0
        )
        if seconded:
            # "Jeg booker kurser for borgmesteren. Er der noget om forhandlinger?": the ranking's
            # likeliest, the classifier sure of it and a situation phrase of it outweigh one
            # soft way of asking, though the catalogue's words cover too little to be confident.
            return by_classifier(self.catalogue, guess, near=False)
        choice = by_classifier(self.catalogue, guess, near, sure=True) or by_concepts(self.catalogue, ranking, said.hits, near)
        if choice is None and said.threat is not ThreatLevel.STRONG:
            choice = by_classifier(self.catalogue, guess, near) or by_partial_match(ranking, near, said.specific)
        return choice

    def _asked_for_despite(self, said: _Message) -> bool:
        """Whether a message only the classifier declines asks for the ranking's confident first,
        which two situation phrases in it name too; no near-domain phrase in it."""
        first = said.ranking.offers[0].id if said.ranking.offers else None
        return (
            first is not None and said.signals.phrases == 0 and said.hits.get(first, 0) >= NEAR_DOMAIN_HITS
            and bool(_ASKS_FOR_OFFER.search(fold(said.text)))
        )

    def _quoted(self, text: str, flat: tuple[str, ...]) -> dict[str, str]:
        """The offers whose titles the message quotes, or whose title's head it writes out, by
        their first quoted word."""
        quoted: dict[str, str] = {}
        folded = " ".join(flat)
        for offer_id, head in self._heads.items():
            if written := head.search(folded):
                quoted[offer_id] = written.group(0).split()[0]
        for quote in _QUOTED.findall(text):
            found = process.extractOne(fold(quote), self._titles, scorer=fuzz.partial_ratio, score_cutoff=_QUOTE_MATCH)
            if found is not None and (first := concept_words(quote)):
                quoted.setdefault(found[2], first[0])
        return quoted

    def _named(self, terms: list[Term], flat: tuple[str, ...], quoted: dict[str, str], described: bool) -> tuple[str, ...]:
        """The offers the message calls by a word that points to that offer alone (a word of its
        title, one of its situation words, or a definite noun only it is a kind of; a word its
        text alone happens to use, "fungerer", names nothing; a title it quotes), in the order
        it names them. A comparison or an enumeration (`described`) names its offers by
        description too, a situation phrase or keyword of one offer in the message ("forskellen
        på kurset om at holde taler og det om medierne", "the difference between the
        partnership programme and the dialogue tool", "kommunikationen: taler, pressen og
        SoMe"); elsewhere such a phrase is a sign of the offer, not its name ("hvor tit er der
        samlinger for alle borgmestre" names one offer, not also the gathering for new mayors)."""
        place = {word: n for n, word in reversed(list(enumerate(flat)))}
        named = {offer_id: place.get(word, 0) for offer_id, word in quoted.items()}
        at = 0
        for term in terms:
            if asks_property(term.word):
                # "fortroligt?", "send link": what every offer has names none of them.
                continue
            titled = self._title_words.get(term.word) or self._title_stems.get(stem_da(term.word))
            owners = [titled] if titled else list(self._concepts.offer_hits(concept_words(term.word)))
            if not owners and is_definite(term.word, stem := stem_da(term.word)):
                # "praktikken": a definite noun only one offer is a kind of.
                owners = [offer_id for offer_id in self._kinds if self._is_a(offer_id, stem)]
            # A word the folding rewrote ("FB" read as "facebook") stands where the one before it did.
            at = place.get(fold(term.word), at)
            if len(owners) == 1:
                named.setdefault(owners[0], at)
        if described:
            places = self._concepts.offers.first_places(flat, shortest=2)
            for start, labels in self._keywords.first_places(flat).items():
                places.setdefault(start, set()).update(labels)
            for start, labels in places.items():
                if len(labels) == 1:
                    named.setdefault(next(iter(labels)), start)
        return tuple(sorted(named, key=named.__getitem__))

    def _by_head(self, stem: str) -> str | None:
        """The offer whose title's first word has this stem, or begins with it (six letters or
        more, and one title only)."""
        if stem in self._head_stems:
            return self._head_stems[stem]
        starting = {offer_id for head, offer_id in self._head_stems.items() if len(stem) >= _TITLE_WORD and head.startswith(stem)}
        return next(iter(starting)) if len(starting) == 1 else None

    def _phrased_first(self, said: _Message, choice: Choice) -> Choice:
        """The offer with the most situation phrases in the message, two or more than the
        confident first holds ("kan jeg ringe til nogen i KL om mine egne pensionsforhold?": KL's
        contact, not the pension session), though a rare word of the question it lacks kept it below
        the coverage the confident ones need ("den næste store samling for alle borgmestre": the
        gatherings for all, not the 98 mayors' circle), unless the classifier is sure of the
        first; the ranking breaks a tie."""
        if choice.clarify or not said.hits:
            return choice
        order = {offer.id: n for n, (offer, _) in enumerate(said.ranking.candidates)}
        best_id = min(said.hits, key=lambda offer_id: (-said.hits[offer_id], order.get(offer_id, len(order))))
        best = self.catalogue.get(best_id)
        held = said.hits.get(choice.offers[0].id, 0)
        if (
            best is None or sure_of(said.guess, choice.offers[0].id) or said.hits[best_id] < held + NEAR_DOMAIN_HITS
            or held and any(self._by_head(stem_da(w)) == choice.offers[0].id for w in said.words)
        ):
            # Nor before a first the message calls by its name ("could I become a mentor for one of
            # the newly elected mayors?").
            return choice
        return Choice(_unique((best,) + choice.offers)[:LIMIT])

    def _titled_first(self, said: _Message, choice: Choice | None) -> Choice | None:
        """A new question that calls one offer by its title, quoted or its head written out
        ("hvornår starter Borgmester i en ny tid?"), is about that offer first, whatever other
        offers its words rank higher; a question back stays as it is."""
        if choice is None or choice.clarify or len(said.quoted) != 1:
            return choice
        titled = self._offers(tuple(said.quoted))
        return Choice(_unique(titled + choice.offers)[:LIMIT]) if titled and choice.offers[0] != titled[0] else choice

    def _covered_first(self, said: _Message, choice: Choice | None) -> Choice | None:
        """A new question whether an offer it describes covers something ("do the mayor networks
        talk about work-life balance too?") is about that offer first, whatever offer the
        something fits; a question back stays as it is."""
        if choice is None or choice.clarify or not (covered := self._covered(said.text)):
            return choice
        offer = self.catalogue.get(covered)
        return Choice(_unique((offer,) + choice.offers)[:LIMIT]) if offer is not None else choice

    def _covered(self, text: str) -> str | None:
        """The offer the words fit best that describe what a covers question asks about (see
        conversation.covered_subject)."""
        if not (subject := covered_subject(text)):
            return None
        fit = rank(self._index, self._terms(subject, tokens(subject), ENGLISH)).candidates
        return fit[0][0].id if fit else None

    def _in_named_order(self, said: _Message, choice: Choice | None) -> Choice | None:
        """A new question that names two offers or more (see _named) is answered about them in
        the order it named them, so "den første" and "den anden" mean what the mayor said first
        and second; a comparison ("hvad er forskellen på X og Y?") about both, even when one of
        them ranked low. A question back stays as it is."""
        if choice is None or choice.clarify:
            return choice
        named = said.named
        chosen = {offer.id for offer in choice.offers}
        if len(named) < 2 or not (comparing(said.text) or set(named) <= chosen):
            return choice
        offers = self._offers(named)
        return Choice(_unique(offers + choice.offers)[: max(LIMIT, len(offers))])

    def _with_threat(self, said: _Message, choice: Choice | None, nested: bool, followed: _FollowUp | None) -> Choice | None:
        """The safety net: a strong threat is answered with the threat offers first (after the
        request beside the threat, see _request_beside_threat; after the offer a follow-up asks
        about, see _FollowUp.asks_about), then the chosen ones; a weaker threat gets the threat
        offers when no offer is chosen, or first when it tells of something instead of asking
        for the chosen offer, unless it is near-domain."""
        asked_about = followed.asks_about if followed is not None else asks_covers(said.text)
        if said.threat is ThreatLevel.STRONG and choice is not None and asked_about and choice.offers[0] not in self._threat_offers:
            # "does the social media one cover trolls as well?": the offer asked about first, the
            # threat offers and their hotline beside it.
            return Choice(_unique(choice.offers[:1] + self._threat_offers + choice.offers)[:LIMIT])
        if said.threat is ThreatLevel.STRONG:
            first = choice.offers if choice else ()
            # The conversation's offer in a follow-up is not asked for by naming it again ("apropos
            # facebook … en besked om at jeg skal passe på"): only a request of its own counts.
            asked = first if followed is None else ()
            request = self._request_beside_threat(said.text, asked) if not nested else ()
            return Choice(_unique(request + self._threat_offers + first)[:LIMIT])
        if said.threat and choice is None and not said.near and not self._doubted_threat(said):
            return Choice(self._threat_offers)
        if said.threat and choice is not None and not said.near and followed is None and not self._asked_for(said, choice):
            # A weaker threat told, not asked about ("en borger ringer og siger, jeg skal passe
            # på"): the offer a word of it fits comes after the threat offers. A follow-up's
            # offer is the conversation's, asked for by the conversation.
            return Choice(_unique(self._threat_offers + choice.offers)[:LIMIT])
        return choice

    def _doubted_threat(self, said: _Message) -> bool:
        """A threat only the classifier reads, which also gives its out-of-scope examples a fair
        share ("Hvordan klager en borger over afslag på hjemmehjælp?"): the hotline, no offer."""
        return not said.phrased and doubts(said.guess)

    def _asked_for(self, said: _Message, choice: Choice) -> bool:
        """Whether the message asks for the chosen offer: a question, or a detail asked for, or
        the classifier sure of that offer."""
        return sure_of(said.guess, choice.offers[0].id) or _asks(said.text, said.intent)

    def _threat_beside_errand(self, said: _Message, topic: Topic | None) -> Answer:
        """The hotline first, then an honest "ved ikke" for the errand beside the threat."""
        body = replies.threat_beside_errand_reply(self.catalogue, self._hotline, said.language)
        answer = _reply(said, topic, Intent.UNKNOWN, body, about_threats=True)
        return replace(answer, topic=replace(topic, declined=True)) if topic is not None else answer

    def _abstain(self, said: _Message, topic: Topic | None, intent: Intent) -> Answer:
        """An honest "ved ikke", with the offers the message came nearest (and the hotline for a threat)."""
        suggestions = related(self.catalogue, said.ranking, said.hits, self._suggestions)
        hotline = self._hotline if said.threat else None
        body = replies.abstain_reply(self.catalogue, suggestions, said.language, hotline=hotline)
        unknown = Intent.UNKNOWN if intent in (Intent.WHAT, Intent.LIST, Intent.HELP) else intent
        answer = _reply(said, topic, unknown, body, about_threats=bool(said.threat))
        return replace(answer, topic=replace(topic, declined=True)) if topic is not None else answer

    def _compose(
        self, said: _Message, topic: Topic | None, facts: Facts | None, choice: Choice, intent: Intent, compared: bool
    ) -> Answer:
        """The reply about the chosen offers: a question back between them, the two compared, or
        the first one's details with its live facts; with the hotline whenever the message or the
        first offer is about threats."""
        offers = choice.offers
        if intent is Intent.HELP:
            intent = Intent.WHAT
        threats = bool(said.threat) or is_about_threats(offers[0].title)
        hotline = self._hotline if threats else None
        if choice.clarify:
            body = replies.clarify_reply(offers, said.language, hotline=hotline)
        elif compared and len(offers) > 1:
            body = replies.compare_reply(self.catalogue, offers[:2], said.language, hotline=hotline)
        else:
            live = live_lines(offers[0], intent, facts, said.language)
            body = replies.offer_reply(self.catalogue, intent, offers, said.language, hotline=hotline, live=live)
        return _reply(said, topic, intent, body, offers, about_threats=threats, clarify=choice.clarify)

    def _cues(
        self, text: str, words: list[str], terms: list[Term], flat: tuple[str, ...], topic: Topic,
        guess: Guess | None, named: tuple[str, ...], scores: dict[str, float], naming: tuple[str, ...],
    ) -> Cues:
        """What the message says about which of the conversation's offers it means (see Cues)."""
        recent = tuple(dict.fromkeys(topic.offer_ids[:1] + topic.earlier))
        best = max(scores, key=scores.__getitem__, default=None)
        other = best if best is not None and best not in recent else None
        # A word only one or two offers use, which the conversation's offers lack and the
        # message's best offer has: it names something new ("spørgeskemaet").
        news = {
            t.word for t in terms
            if other is not None and t.match in (Match.EXACT, Match.COMPOUND)
            and min(self._index.df(k) for k in t.keys) <= SPECIFIC_DF
            and self._holds(other, t) and not any(self._holds(offer_id, t) for offer_id in recent)
            and not asks_property(t.word)
        }
        elsewhere = bool(news)
        # A pronoun points back, unless a word of substance stands in a clause before it ("og
        # spørgeskemaet, er det gratis?", "and negotiations? something for that too?": the
        # pronoun is what was just named); one that points back keeps the topic ("er det i en
        # lille gruppe?", whatever the classifier makes of "gruppe").
        # "i" kept: in "er det i grupper?" a preposition follows the pronoun, no noun it determines.
        clauses = [tokens(clause, keep=_PREPOSITION) for clause in _CLAUSE.split(text)]
        pronoun_at = next(
            (n for n, clause in enumerate(clauses) if any(_pronoun(clause, place, news) for place in range(len(clause)))), None
        )
        fronted = {w for clause in clauses[:pronoun_at] for w in clause} if pronoun_at else set()
        pointing = pronoun_at is not None and not {t.word for t in terms} & fronted
        # "er det …?", "koster den …?": the pronoun is what the question is about.
        subject = pointing and any(
            w in PRONOUNS and (not place or words[place - 1] in _ASKING_VERBS) for place, w in enumerate(words)
        )
        nouns = {stem for word in words if is_definite(word, stem := stem_da(word))}
        nouns |= {_ENGLISH_KINDS[m.group(1)] for m in _ENGLISH_DEFINITE.finditer(fold(text))}
        definite_kinds = nouns & KIND_NOUNS
        if other is not None and elsewhere:
            # "og samlingen for nye …": the noun's modifiers pick another offer of that kind.
            nouns = {noun for noun in nouns if not self._is_a(other, noun)}
        described = tuple(offer_id for offer_id in recent if any(self._is_a(offer_id, noun) for noun in nouns))
        kinds = {stem for word in words if (stem := stem_da(word)) in KIND_NOUNS}
        if kinds:
            # "er der en session hvor vi diskuterer økonomien?": a kind of offer asked for outweighs
            # a definite noun of the subject ("økonomien" is not the knowledge bank then).
            described = tuple(offer_id for offer_id in described if any(self._is_a(offer_id, kind) for kind in kinds))
        # "er der en session om kommunernes økonomi?" names a session beyond the conversation by
        # its subject (the kind noun itself, "værktøjer", names nothing here).
        subjects = (
            self._named([t for t in terms if stem_da(t.word) not in KIND_NOUNS], flat, {}, described=False)
            if kinds else ()
        )
        # "og de samlinger for alle borgmestre?" names it by a situation phrase.
        subjects += tuple(o for o, score in scores.items() if score >= CONCEPT_SCORE) if kinds else ()
        beyond_kind = any(o not in recent and any(self._is_a(o, kind) for kind in kinds) for o in subjects)
        if not described and kinds and not beyond_kind:
            # "ok, men er der en session sammen med andre?" after a tool and a theme session: a
            # kind of offer asks for the conversation's latest of that kind ("også": another one;
            # a word of another offer that the classifier backs moves on first, see switch_to).
            candidates = recent[1:] if _ANOTHER & set(words) else recent
            described = tuple(offer_id for offer_id in candidates if any(self._is_a(offer_id, kind) for kind in kinds))
        # "og forløbet, hvornår starter det?" after a gathering: a definite noun put in front, of a
        # kind ("lederforløbet": a forløb) no offer of the conversation is but another offer is,
        # brings that one up.
        said_clauses = [clause for clause in clauses if clause]
        front = said_clauses[0] if len(said_clauses) > 1 and len(said_clauses[0]) <= _FRONT_WORDS else []
        front_nouns = {
            kind for word in front if is_definite(word, stem := stem_da(word))
            for kind in KIND_NOUNS if stem.endswith(kind)
        }
        other_kinds = {
            noun for noun in front_nouns
            if not any(self._is_a(offer_id, noun) for offer_id in recent) and any(self._is_a(o, noun) for o in self._kinds)
        }
        other_kind = bool(other_kinds)
        # "og sessionen, er det KL der holder den?" after the knowledge bank on municipal economy,
        # or "is there a session on it too?": the one offer of that kind whose title shares a
        # subject with the topic's.
        # "ok and if I did want to do the session with other mayors after all?": a definite kind
        # noun asks for the one of that kind too.
        asked = (kinds if pointing else set()) | definite_kinds
        asked_kinds = {k for k in asked if not any(self._is_a(offer_id, k) for offer_id in recent)}
        kin = [
            o for o in self._kinds
            if o not in recent and any(self._is_a(o, noun) for noun in other_kinds | asked_kinds)
            and self._subjects.get(o, frozenset()) & self._subjects.get(recent[0], frozenset())
        ]
        if not described and nouns & _COURSE_KINDS and not elsewhere and not other_kind:
            # "kurset", "the course" of a theme session or a programme: mayors call any of them a
            # course, so the noun means the topic when no offer of the conversation is called so,
            # nor the best offer beyond it ("og forløbet, hvornår starter det?" after a gathering).
            described = recent[:1]
        # A definite noun no offer of the conversation is, but the message's best offer is:
        # "og samlingerne for alle borgmestre?" after a course names the gatherings.
        # The noun alone ("hvem står bag forløbet?") still means the topic: only with words of
        # its own that fit the other offer does it name that one.
        renamed = other is not None and any(
            self._is_a(other, noun) and not any(self._is_a(offer_id, noun) for offer_id in recent) for noun in nouns
        ) and any(stem_da(t.word) not in nouns and self._holds(other, t) for t in terms)
        learned = guess.offers()[:1] if guess is not None else []
        # "… om det?" keeps the topic, unless a word only another offer has says otherwise and
        # the classifier does not find the topic either.
        about = about_it(text) and not (elsewhere and not (learned and learned[0][0] in recent)) and pointing
        first = learned[0] if learned and learned[0][0] == other else None
        unfitting = not any(scores.get(offer_id, 0.0) for offer_id in recent)
        switch_to = None
        # A definite noun and nothing else ("hvem står bag forløbet?") speaks of the topic,
        # unless the noun is one only the other offer has ("og spørgeskemaet, er det gratis?").
        if nouns and not news and all(stem_da(t.word) in nouns for t in terms):
            first = None
        if first is not None and first[1] >= LEARNED_ANSWER and (unfitting and not pointing or renamed):
            switch_to = other
        elif first is not None and first[1] >= LEARNED_CLARIFY and elsewhere and not pointing:
            switch_to = other
        # Words of its own that none of the conversation's offers use (words most offers use,
        # like "KL" or "borgmester", say nothing either way).
        own = [t for t in terms if t.match is Match.UNKNOWN or min(self._index.df(k) for k in t.keys) <= self._distinct_df]
        content = bool(own) and not any(self._holds(offer_id, t) for t in own for offer_id in recent)
        # Of several of that kind, the one its words fit best ("samlingerne for alle" after the
        # gathering for new mayors and the gatherings for all), then one its title or group calls
        # so ("selve sessionen": a theme session, not the threat offer, whose text mentions
        # sessions), else the latest.
        kinds_named = nouns | kinds
        described = tuple(sorted(described, key=lambda offer_id: (
            -scores.get(offer_id, 0.0), not any(w.endswith(k) for w in self._titled_kinds[offer_id] for k in kinds_named)
        )))
        return Cues(
            described, comparing(text), returning(text), about, switch_to, elsewhere, shifting(text), pointing, subject,
            astray=content, both=both(text), ordinal=ordinal(text), other=the_other(text), picking=picking(text),
            naming=naming, another=asks_another(text),
            property=asks_property(text), covers=asks_covers(text), fronted=other_kind, choosing=choosing(text), kin=kin[0] if len(kin) == 1 else None, asks_kind=bool(asked_kinds),
            adjective=adjective_front(text), for_others=for_others(text), same_as=same_as(text), mentioned=mentioned(text),
            unrelated=unrelated(text) or bool(_THANKED.match(fold(text))) and guess is not None and guess.ranked[0][0] in (OUT, SMALLTALK),
            aside=by_the_way(text) and bool(learned) and learned[0][0] not in topic.all_offer_ids and learned[0][1] >= LEARNED_ANSWER,
        )

    def _holds(self, offer_id: str, term: Term) -> bool:
        position = self._positions.get(offer_id)
        return position is not None and any(self._index.has(position, k) for k in term.keys)

    def _is_a(self, offer_id: str, noun: str) -> bool:
        """Whether the offer's title or summary calls it by the noun's stem, or by a compound
        with it as its head (the last part names the thing: a "temasession" is a session)."""
        return any(word.endswith(noun) for word in self._kinds.get(offer_id, ()))

    def about(self, offer_id: str, intent: Intent = Intent.WHAT, language: str = "da", facts: Facts | None = None) -> Answer | None:
        """The answer about one offer a person picked ("Mente du …?"), as if asked about it."""
        offer = self.catalogue.get(offer_id)
        if offer is None:
            return None
        threats = is_about_threats(offer.title)
        body = replies.offer_reply(
            self.catalogue, intent, (offer,), language, hotline=self._hotline if threats else None,
            live=live_lines(offer, intent, facts, language),
        )
        return Answer(offer.title, intent, (offer,), False, body, language, threats, topic=Topic((offer.id,), intent, language))

    def match_offers(self, text: str, limit: int = LIMIT) -> list[Offer]:
        """Offers a mayor names in /tilmeld or /afmeld: an exact id or title first, then titles
        close to what was typed, then what the question ranking finds."""
        wanted = fold(text).strip()
        if not wanted:
            return []
        exact = self.catalogue.get(wanted) or next(
            (o for o in self.catalogue.offers if self._titles[o.id] == wanted), None
        )
        if exact is not None:
            return [exact]
        close = process.extract(wanted, self._titles, scorer=fuzz.WRatio, score_cutoff=_TITLE_MATCH, limit=limit)
        found = [self.catalogue.get(key) for _, _, key in close]
        found += list(rank(self._index, self._terms(text, tokens(text), detect_language(text, tokens(text))), limit).offers)
        unique: dict[str, Offer] = {}
        for offer in found:
            if offer is not None:
                unique.setdefault(offer.id, offer)
        return list(unique.values())[:limit]
