"""What a conversation was last about, and telling a follow-up ("hvad koster det?", "hvem
udbyder den?", "tilmeld mig", "and in English?") from a question that stands on its own.

A follow-up names no offer of its own: it asks for a detail (when, price, provider, enrolment),
points back with a pronoun, or asks for the last answer in another language. A question that
names an offer the ranking is sure of starts a new topic instead, so "og hvad med sociale
medier?" moves on. The topic itself is kept by the caller (bot/conversations stores it in the
database, shared by every replica, for a while); the answering core only reads and returns it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from bot.answers.intent import Intent
from bot.answers.language import DANISH, ENGLISH
from bot.answers.normalise import fold


@dataclass(frozen=True)
class Topic:
    """The offers the last answer was about (best first), what it asked and in which language."""

    offer_ids: tuple[str, ...]
    intent: Intent = Intent.WHAT
    language: str = DANISH
    # The offers of earlier topics, latest first: "tilbage til talekurset" may return to one.
    earlier: tuple[str, ...] = ()
    # The offers of the latest answer that showed several, in the order shown: "den første" and
    # "den anden" pick from them, also after an answer about one of them ("den første, hvornår
    # er den?" and then "og den anden?").
    listed: tuple[str, ...] = ()
    # The latest message was declined, out of scope: "og på dr2?" after "hvad er der i tv i
    # aften?" goes on with that matter, not with the offer before it.
    declined: bool = False

    def followed_by(self, offer_ids: tuple[str, ...], intent: Intent, language: str) -> "Topic":
        """The topic after an answer about `offer_ids`: this one's first offer joins the earlier
        ones; an answer about one of the listed offers keeps the list. `Topic(())`, no topic
        yet, is followed by the first."""
        earlier = tuple(i for i in dict.fromkeys(self.offer_ids[:1] + self.earlier) if i not in offer_ids[:1])
        listed = offer_ids if len(offer_ids) > 1 else (self.listed if offer_ids[0] in self.listed else ())
        return Topic(offer_ids, intent, language, earlier[:EARLIER_KEPT], listed)

    @property
    def shown(self) -> tuple[str, ...]:
        """The offers a place ("den første", "det sidste") counts among."""
        return self.listed or self.offer_ids

    @property
    def all_offer_ids(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(self.offer_ids[:1] + self.earlier + self.offer_ids[1:]))


EARLIER_KEPT = 3
# Words that point back to what was just said.
_ANAPHORA = frozenset(fold(w) for w in """
det den dem denne dette disse der deri dertil derfor sådan samme næste første bagefter
it its that this those them they there one same next
""".split())
_IN_ENGLISH = re.compile(r"\b(?:in english|på engelsk|paa engelsk|pa engelsk|english please|english\?)")
_IN_DANISH = re.compile(r"\b(?:in danish|på dansk|paa dansk|pa dansk)")
# What a follow-up asks of an offer: its dates, its price, its provider, to be enrolled.
DETAIL_INTENTS = frozenset({Intent.WHEN, Intent.PRICE, Intent.PROVIDER, Intent.ENROL})
# "den første", "the second one", "nummer to", "nr 4", "det sidste", "den anden lyder bedst": one
# of the last answer's offers, by its place; the groups are the first, second, "other", third, last and fourth place,
# the middle ("den i midten", "the middle one": the second of three), then the places by number,
# which may go on with anything ("nr 4 lyder spændende").
_ORDINAL = re.compile(
    r"\b(?:(?:the|den|det) (?:(first|forste|1st)|(second|2nd)|(anden|andet|other)|(third|tredje|3rd)|(last|latter|sidste)|"
    r"(fourth|fjerde|4th))|(?:den|det) (?:i )?(midten|midterste)|the (middle))(?: one)?"
    r"(?: af (?:de|dem) (?:to|tre)| of the (?:two|three))?(?: (?:du|i) (?:naevnte|skrev|foreslog)| you mentioned)?"
    r"(?=\s*(?:[?.!,;:–-]|$|(?:lyder|virker|passer|sounds|looks|seems)\b))"
    r"|\b(?:nummer|number|nr\.?|no\.) (?:(en|et|one|1)|(to|two|2)|(tre|three|3)|(fire|four|4))\b"
)
_PLACES = (0, 1, 1, 2, -1, 3, 1, 1, 0, 1, 2, 3)
_MENTIONED = re.compile(r"\b(?:du|i) (?:naevnte|foreslog|skrev om)\b|\byou (?:mentioned|suggested)\b")
# The group of "den anden", "the other one": the second, or after an answer about the second,
# the first shown beside it.
_OTHER = 2
# Words a comparison points back with ("forskellen på de to", "between them", "begge").
_THE_TWO = _ANAPHORA | {"to", "two", "begge", "both"}
# Longer than this a message is a question of its own even with a pronoun in it.
_FOLLOW_UP_WORDS = 9
# A question about "it" or a comparison this long is still about the conversation when nothing
# in it fits another offer ("hvem står for det, og er det i en stor gruppe?", "hvad er bedst for
# dem, det første eller det andet?").
SUBJECT_WORDS = 12
# This short with a pronoun, a message is about the topic whatever else it says ("gælder det
# også min familie?", "hvornår starter det for os nye?").
_PRONOUN_WORDS = 6
# This short without anything the ranking finds, a message can only be about the topic ("hvem underviser").
_BARE_WORDS = 4
# "bagefter" points back at what was just said as a pronoun does ("hvor mange gange om året mødes
# man så bagefter?").
PRONOUNS = frozenset(fold(w) for w in "det den dem denne dette disse it its they them their this that those one bagefter".split())


# Nouns (folded stems) that name the kind of thing an offer is.
KIND_NOUNS = frozenset("session temasession kursus kurs forlob netvaerk vaerktoj samling pjec nyhedsbrev ordning".split())
# A Danish noun with the definite ending ("forløbet", "sessionen", "samlingerne") speaks of a
# thing already known to both: when the topic is such a thing, the noun is the topic.
_DEFINITE_ENDINGS = ("en", "et", "ene", "erne", "n", "t", "ne")
# A message that compares, or asks about both ("kan vi bruge begge dele?"), is about the last two
# things the conversation named.
_BOTH = re.compile(r"\b(?:begge|both)\b")
# "den om pension", "det med medierne", "the questionnaire one", "økonomi-tingen": the message
# picks one of the conversation's offers by what it is about, at its start ("og kurset om
# medier, …"), or at its end ("tilmeld mig den om forhandling", "sign her up for the meeting one").
_PICKING = re.compile(
    r"^\W*(?:(?:og|ok|okay|men|and|so)\W+)*(?:(?:den|det|dem)(?: der)? (?:om|med|hvor|for)\b|the (?:\w+ ){0,3}one\b|that one\b|the one where)"
    r"|\bthe \w+ one\W*$|\b(?:den|det) (?:om|med) (?:\w+ ){0,2}\w+\W*$"
    r"|^\W*(?:(?:og|ok|okay|men|and|so)\W+)*(?:kurs|session|temasession|forlob|netvaerk|vaerktoj|pjece|course)\w* (?:om|med|about|on)\b"
    r"|^\W*(?:(?:og|ok|okay|men)\W+)*\w+-?tingen\b"
)
# "det digitale, hvad hedder det?", "den fysiske – hvor er den?", "og den juridiske?": an
# adjective put in front picks the conversation's offer it fits.
_ADJECTIVE_FRONT = re.compile(r"^\W*(?:(?:og|ok|okay|men)\W+)?(?:den|det) \w+e\s*(?:[,:–-]|\?\s*$)")
# A comparison proper ("forskellen på X og Y") names the two it compares.
_CONTRASTING = re.compile(
    r"\b(?:forskel(?:len|le|lene)?\b|sammenlign\w*|differen\w*|compare\w*|which (?:one|of them|of the two)|"
    r"hvilk\w* af (?:dem|de to)|(?:den|det) ene af de to|hvad er bedst)"
)
_COMPARING = re.compile(_CONTRASTING.pattern + "|" + _BOTH.pattern)
# "which of the two fits a crisis like ours best?", "hvilken af dem passer bedst til …": a
# comparison that asks for one of the two.
_CHOOSING = re.compile(r"\b(?:which (?:one|of them|of the two)|hvilk\w* af (?:dem|de to)|hvad er bedst|bedst|best)\b")
# "unrelated, …", "noget helt andet: …", "btw …": the message says it leaves the conversation's matter.
_UNRELATED = re.compile(r"\b(?:unrelated|off topic|noget helt andet|et helt andet|et andet sporgsmal|andet emne|btw|by the way)\b")
# "Skal jeg ringe til nogen?", "who do I contact?": beside a threat, whom to call about it (the
# hotline), not KL's contact details; in a conversation about a threat, asked with "hvem"/"who"
# ("hvem skal hun kontakte?").
_CALLING = r"ringe|ringer|ring|kontakte|henvende|call|contact|talk to"
_WHOM_TO_CALL = re.compile(r"\b(?:" + _CALLING + r"|reach)\b")
_WHOM_ASKED = re.compile(r"\b(?:hvem|who)\W+(?:\w+\W+){0,4}?(?:" + _CALLING + r")\b")
# "hvem i KL kan jeg ellers ringe til?", "who else at KL can I talk to?": someone besides the
# hotline just given.
_SOMEONE_ELSE = re.compile(r"\b(?:hvem (?:\w+ ){0,5}ellers|who else)\b")
# "i øvrigt", "forresten": by the way, and "har KL selv …": about KL itself; with another offer's
# words, a question about that one.
_BY_THE_WAY = re.compile(r"\b(?:i ovrigt|forresten|incidentally|kl selv|kl itself)\b")
# "og for nye?", "og den for nye?", "and for new mayors?": the same asked for other people, who may
# have an offer of their own.
_FOR_OTHERS = re.compile(
    r"^\W*(?:og|and|men|but) (?:hvad med |what about )?(?:(?:den|det|dem|en|et|the one) (?:saerskilt |separate )?)?"
    r"for (?:\w+ ){0,2}\w+\W*$"
)
# "er det (ikke bare) det samme som B98?", "is that the same as …": the thing it names, compared
# with the topic.
_SAME_AS = re.compile(
    r"\b(?:er|is) (?:det|den|de|it|that|this|they) (?:ikke )?(?:bare |just |egentlig |really )?"
    r"(?:det samme|den samme|de samme|the same)(?: thing)? (?:som|as)\b"
)
# "tilbage til", "back to": the message returns to an earlier topic, not the current one.
_RETURNING = re.compile(r"\b(?:tilbage til|back to|go back)\b")
# "og hvad med X?", "what about X?" bring up X: with a word specific to another offer, a new topic.
_SHIFTING = re.compile(r"^\W*(?:og |and )?(?:hvad|hva|what|how) (?:sa )?(?:med|about)\b")
# A detail of the offer just answered that no question about a new offer asks: who else may come
# ("kan min viceborgmester tage med?", "can my secretary attend?", "kan hun tage sin pressechef
# med?", "kommer der også nogle af de garvede?", "kan min viceborgmester tage afsted i stedet for
# mig?"), sending it ("send begge to"), the link or the website, a phone number, choosing for
# oneself ("kan jeg selv vælge hvilken kommune?"), how long, where, whether it is online ("er det
# online?": "er der noget online?" asks for the knowledge bank instead), whom it is for.
_DETAIL = re.compile(
    r"\b(?:kan (?:min|mit|mine|vores) \w+\.?(?: \w+)? (?:ogsa |godt )?(?:deltage(?= ?med|\s*[?.!,]|$)|komme|tage|vaere|sidde) ?med|"
    r"kan (?:min|mit|mine|vores) \w+\.?(?: \w+)? (?:ogsa |godt )?deltage(?=\s*(?:[?.!,]|$))|"
    r"(?:kan|ma) (?:jeg|vi|hun|han|de) (?:ogsa |godt )?(?:tage|have) (?:min|mit|mine|vores|sin|sit|sine|hendes|hans) \w+(?: \w+)? med|"
    r"(?:kan|ma) (?:\w+ ){1,4}(?:sa |ogsa |godt |stadig )*(?:deltage|vaere|sidde) med(?: (?:til|i|pa|ved) (?:\w+ ){0,3}\w+)?|"
    r"(?:kan|ma) (?:hun|han|de|min \w+|vores \w+) (?:ogsa |godt |stadig )+(?:fa|bruge|benytte)(?: en| et| den| det)?(?=\s*(?:[?.!,]|$))|"
    r"(?:can|could|may) (?:my|our|his|her|their|the)\W+\w+(?:\W+\w+){0,2}\W+(?:also )?(?:attend|come|join|take part|go)|"
    r"(?:can|could|may) (?:i|we) (?:bring|sit in|attend|join|take part|come)|"
    r"(?:can|could|may) (?:she|he|they) (?:also )?(?:come|join|attend|take part|sit in)|"
    r"(?:kan|ma|skal|far) (?:jeg|vi|man|hun|han|de) (?:sa )?selv (?:vaelge|bestemme|finde)|(?:can|could|do) (?:i|we|she|he|they) (?:get to )?(?:choose|pick)|"
    r"(?:kan|ma|skal) (?:[\w.]+ ){1,3}(?:tage (?:den |det )?|ga |deltage |komme )?(?:afsted |med )?i stedet for (?:mig|hende|ham|borgmesteren)|"
    r"(?:kan|ma|skal) (?:\w+ ){1,3}(?:tage|overtage|fa) (?:min|hans|hendes) plads|"
    r"(?:can|could|may) (?:\w+ ){1,3}(?:go|come|attend|join) (?:in my place|instead of (?:me|her|him))|"
    r"kan \w+(?:en|et) (?:ogsa |godt )?(?:deltage|komme|tage|vaere|sidde) ?med|"
    r"(?:kan|ma) (?:vi|jeg|man|de|hun|han) (?:ogsa |godt )?bruge (?:det|den|dem)\b|(?:can|could) (?:we|i|she|he) use it|"
    r"(?:kan|skal|ma) (?:jeg|vi|du|i) (?:\w+ )?(?:tilmelde|melde) (?:ham|hende|dem|borgmesteren)|will there be|"
    r"(?:send|sende|mail|maile|forward) (?:mig |os |hende |ham |me |us )?(?:det|den|dem|begge|it|them|both)\b|"
    r"linket|linken|the link|a link|nummeret|adressen|the address|(?:hans|hendes|jeres) (?:nummer|mail|telefon)|"
    r"hjemmesiden|websitet|hvad hedder siden|the website|kommer der (?:ogsa )?(?:nogen|nogle)|will (?:\w+ ){1,2}be there|"
    r"hvor kan (?:jeg|man|vi) (?:se|finde|lase)|where can i (?:see|find)|"
    r"(?:er|foregar|holdes|is|kan|can) (?:det|den|de|it|they) (?:\w+ ){0,2}(?:online|digital\w*|virtuel\w*|fysisk\w*|on zoom|on teams|remote)|"
    r"how many (?:\w+ ){0,2}(?:a|per|each) year|"
    r"hvor lang tid|hvor laenge|how long|hvor foregar|hvor holdes|hvor ligger|where is it|where are the|"
    r"hvor mange (?:deltager|er vi|er med)|how many (?:people|participants)|"
    r"(?:gaelder|er) (?:det|den|de) (?:ogsa |kun )?for(?! noget| en | et )|is (?:it|that) (?:also |only )?for)\b"
)
# What every offer has and a question may ask of the one just answered in words its own text
# lacks: who teaches it, what one learns, its purpose, the link, the programme, whether it is
# confidential, how big the group is, whether one must take part, whether someone may come instead ("hvem er
# underviser", "send link", "fortroligt?"). Not whether it is online: that tells the knowledge
# bank from a session (see _DETAIL for "er det online?"). On folded text.
_PROPERTY = re.compile(
    r"\b(?:undervis\w*|instrukt\w*|oplaegsholder\w*|facilit\w*|tovholder\w*|konsulent\w*|link\w*|program(?:met|mer)?|dagsorden\w*|"
    r"tema(?:er|erne|et)?|emner(?:ne)?|indhold\w*|formal(?:et)?|purpose|materiale\w*|slides|fortrolig\w*|tavshedspligt|anonym\w*|fagperson\w*|"
    r"hold(?:et|ene)?|gruppe(?:n|rne)?|deltager\w*|pladser\w*|venteliste\w*|"
    r"stedfortraeder\w*|i mit sted|i stedet for mig|forplejning|overnatning|parkering|forbered\w*|"
    r"laer(?:er|e)?|learn\w*|afmeld\w*|frameld\w*|meld\w* (?:mig|os|hende|ham) (?:fra|af|ud)|tr(?:ae|a)k\w* (?:mig|os) (?:ud|fra|igen)|book\w*|"
    r"teacher|trainer|speaker|agenda|topics|content|materials|confidential|in person|group size|participants|"
    r"seats|waiting list|waitlist|substitute|instead of me|cancel\w*|preparation|"
    r"forpligt\w*|obligatorisk\w*|mandatory|compulsory|obliged)\b"
)
# "er der også …?", "is there also …?", "noget andet", "noget individuelt i stedet", "hvis jeg
# hellere vil …", "if I'd rather …": the message asks for another offer than the one just answered.
_ANOTHER_OFFER = re.compile(
    r"\b(?:(?:er|findes) der (?:ogsa|ellers)|har (?:i|kl) (?:ogsa|ellers)|(?:is|are) there also|"
    r"do you also have|noget andet|andre tilbud|something else|anything else|noget (?:\w+ ){0,4}i stedet(?! for)|"
    r"hellere (?:vil|ville)|would rather|d rather)\b"
)
# A pronoun after "om"/"about" names the topic as the question's subject, however long the
# message ("kan I også komme ud og holde oplæg for byrådet om det?", "what would I get out of it?").
_ABOUT_IT = re.compile(
    r"\b(?:om det(?: her)?|om den(?: her)?|om dem|omkring det|til det|i den|i det|i dem|ud af (?:det|den|dem)|about it|about this|about that|about them|"
    r"on it|on that|for that|for it|in it|of it|out of it)(?=\s*(?:[?.!,]|$))"
)
# "kommer de også ind på chikane?", "handler det kun om mig?", "er der også noget jura i det?",
# "does it go into dilemmas, like …", "does the social media one cover trolls?", "også om chikane
# der?": whether the offer just answered covers something, asked at the message's start, whatever
# other offer the something belongs to. On folded text, where "does" is "dos".
_COVERS = re.compile(
    r"^\W*(?:(?:og|ok|men|and|but|so)\W+)?(?:hvad |what )?(?:"
    r"(?:kommer|gar) (?:de|den|det|i|man|hun|han) (?:\w+ )?ind pa|kommer der (?:ogsa )?noget om|"
    r"(?:handler|drejer) (?:den|det|de) (?:sig )?(?:ogsa |kun |mest )?om|"
    r"(?:tager|tar) (?:den|det|de|i) (?:ogsa )?\w+ op|gennemgar (?:de|den|det|i)|"
    r"(?:er|gaelder) (?:den|det) (?:ogsa |kun |mest )?om|(?:daekker|omfatter|rummer) (?:den|det)|"
    r"(?:does|dos|do|will|would|could) (?:it|that|this|they|you|he|she|(?P<subject>the (?:\w+ ){1,3}one|the (?:\w+ ){1,2}(?:network|course|session|programme|tool|gathering)s?)) (?:\w+ )?"
    r"(?:cover|go into|go through|explain|deal with|include|touch on|address|talk about|discuss|get into)|"
    r"is (?:it|that) (?:also |only )?about|"
    r"(?:er|kommer) der (?:ogsa )?(?:noget )?(?:\w+ ){1,3}(?:med )?(?:i|ind i) (?:det|den|dem)(?=\s*(?:[?.!,]|$))|"
    r"is there (?:also |any )?(?:\w+ ){1,3}in it(?=\s*(?:[?.!,]|$))|"
    r"ogsa om (?:\w+ ){1,3}(?:der|i den|i det)(?=\s*(?:[?.!,]|$)))\b"
)
# A word's score at least this high is one of an offer's situation phrases (see answerer).
CONCEPT_SCORE = 10.0


def is_definite(word: str, stem: str) -> bool:
    """Whether a folded word is its stem with a definite noun ending, after a doubled last
    consonant too ("praktikken")."""
    if len(stem) < 4 or not word.startswith(stem):
        return False
    ending = word[len(stem):]
    return ending in _DEFINITE_ENDINGS or (ending[:1] == stem[-1] not in "aeiouy" and ending[1:] in _DEFINITE_ENDINGS)


def ordinal(text: str) -> int | None:
    """The place (0 for the first, -1 for the last) of the offer "den første", "the other one",
    "det sidste" picks from the last answer's offers, as they were listed; None when the message
    picks none ("det første møde" is a meeting, not an offer)."""
    found = _ORDINAL.search(fold(text))
    return None if found is None else next(_PLACES[group] for group, word in enumerate(found.groups()) if word)


def mentioned(text: str) -> bool:
    """"den første du nævnte", "the one you mentioned first": counted in the order the
    conversation brought the offers up."""
    return bool(_MENTIONED.search(fold(text)))


def the_other(text: str) -> bool:
    """"den anden", "the other one": after an answer about the second, the first shown beside it."""
    found = _ORDINAL.search(fold(text))
    return found is not None and bool(found.group(_OTHER + 1))


def comparing(text: str) -> bool:
    return bool(_COMPARING.search(fold(text)))


def choosing(text: str) -> bool:
    return bool(_CHOOSING.search(fold(text)))


def picking(text: str) -> bool:
    return bool(_PICKING.search(fold(text)))


def adjective_front(text: str) -> bool:
    return bool(_ADJECTIVE_FRONT.search(fold(text)))


def contrasting(text: str) -> bool:
    return bool(_CONTRASTING.search(fold(text)))


def both(text: str) -> bool:
    return bool(_BOTH.search(fold(text)))


def unrelated(text: str) -> bool:
    return bool(_UNRELATED.search(fold(text)))


def whom_to_call(text: str) -> bool:
    return bool(_WHOM_TO_CALL.search(fold(text)))


def whom_asked(text: str) -> bool:
    return bool(_WHOM_ASKED.search(fold(text)))


def someone_else(text: str) -> bool:
    return bool(_SOMEONE_ELSE.search(fold(text)))


def by_the_way(text: str) -> bool:
    return bool(_BY_THE_WAY.search(fold(text)))


def for_others(text: str) -> bool:
    return bool(_FOR_OTHERS.search(fold(text)))


def same_as(text: str) -> bool:
    return bool(_SAME_AS.search(fold(text)))


def returning(text: str) -> bool:
    return bool(_RETURNING.search(fold(text)))


def shifting(text: str) -> bool:
    return bool(_SHIFTING.search(fold(text)))


def asks_detail(text: str) -> bool:
    return bool(_DETAIL.search(fold(text)))


def detail_words(text: str) -> frozenset[str]:
    """The folded words of the detail the message asks: "kan hun tage sin pressechef med" names
    a person, not the press course."""
    found = _DETAIL.search(fold(text))
    return frozenset(re.findall(r"\w+", found.group(0))) if found else frozenset()


def asks_property(text: str) -> bool:
    """Whether the message asks about something every offer has (see _PROPERTY)."""
    return bool(_PROPERTY.search(fold(text)))


def asks_another(text: str) -> bool:
    return bool(_ANOTHER_OFFER.search(fold(text)))


def about_it(text: str) -> bool:
    return bool(_ABOUT_IT.search(fold(text)))


def asks_covers(text: str) -> bool:
    """Whether the message asks if the offer it points at covers something (see _COVERS)."""
    return bool(_COVERS.search(fold(text)))


def covered_subject(text: str) -> str:
    """The words that describe the offer asked whether it covers something ("the social media
    one", "the mayor networks"), or "" when it is asked of "it"."""
    found = _COVERS.search(fold(text))
    return (found.group("subject") or "") if found else ""


def language_switch(text: str) -> str | None:
    """ENGLISH or DANISH when the message asks for the answer in that language."""
    folded = fold(text)
    if _IN_ENGLISH.search(folded):
        return ENGLISH
    if _IN_DANISH.search(folded):
        return DANISH
    return None


def refers_back(words: list[str], intent: Intent) -> bool:
    """A short message that asks for a detail or points back with a pronoun."""
    if len(words) > _FOLLOW_UP_WORDS:
        return False
    return intent in DETAIL_INTENTS or any(w in _ANAPHORA for w in words)


@dataclass(frozen=True)
class Cues:
    """What a message says about which of the conversation's offers it means, beyond its words'
    scores (see follow_up)."""

    # The conversation's offers (latest first) that its definite nouns ("sessionen",
    # "forløbet") point at.
    described: tuple[str, ...] = ()
    comparing: bool = False
    returning: bool = False
    about_it: bool = False
    # An offer outside the conversation that the scores and the classifier both put first,
    # when the message's words fit none of the conversation's own: it has moved on ("og
    # spørgeskemaet, er det gratis?" after makkerskab).
    switch_to: str | None = None
    # The message's best offer (by the ranking's and the concepts' scores) is outside the
    # conversation and has a word only one or two offers use that the conversation's lack.
    elsewhere: bool = False
    # "og hvad med …?", "what about …?": the message brings up something else.
    shifting: bool = False
    # A pronoun that points back: nothing the message names stands before it; `subject`, it is
    # what the question asks about ("er det i en lille gruppe?"), so a word of another offer in
    # the question is a property asked about, not a new topic ("kan jeg besøge en af dem?" is).
    pointing: bool = False
    subject: bool = False
    # A near-domain phrase is in the message ("hvem sidder i", "formand for KL").
    near_phrase: bool = False
    # The message has a near-domain phrase or the classifier declines it, and it has words of
    # its own that fit none of the conversation's offers ("og hvem bliver næste formand for KL").
    astray: bool = False
    # It asks about something every offer has (see _PROPERTY).
    property: bool = False
    # It asks whether the offer covers something (see _COVERS); `covered`, the offer its words
    # describe as the one asked ("does the social media one cover trolls?").
    covers: bool = False
    covered: str | None = None
    # A definite noun put in front of the question names a kind of offer the conversation's are
    # not ("og forløbet, hvornår starter det?" after a gathering).
    fronted: bool = False
    # "begge", "both": about the last two, not a comparison only (see _COMPARING).
    both: bool = False
    # "den første", "the second one": the last answer's offer in that place (see ordinal);
    # `other`, the place was "den anden", "the other one" (see the_other).
    ordinal: int | None = None
    other: bool = False
    # The place is counted in the order the conversation brought its offers up (see mentioned).
    mentioned: bool = False
    # A detail of an offer already answered (who else may come, the link, how long; see
    # _DETAIL), and the offers the message calls by their names or situation words, in its
    # order ("kan min direktør også komme med på makkerskabsforløbet?").
    detail: bool = False
    naming: tuple[str, ...] = ()
    # "den om pension", "the questionnaire one": one of the conversation's offers, picked by
    # what it is about (see _PICKING).
    picking: bool = False
    # "er der også …?": another offer than the one just answered (see _ANOTHER_OFFER).
    another: bool = False
    # The threat offer the conversation is about: its latest offer, or one of the latest
    # answer's offers when the message tells of fear or threats too ("min kone er også helt
    # utryg nu" after the hotline beside a course on social media).
    threatened: str | None = None
    # The comparison asks which of the two (see _CHOOSING).
    choosing: bool = False
    # An adjective put in front picks an offer (see _ADJECTIVE_FRONT).
    adjective: bool = False
    # With `fronted` or `asks_kind` (a kind of offer none of the conversation's is, asked of
    # "it"): the one offer of that kind whose title shares a subject with the topic's.
    kin: str | None = None
    asks_kind: bool = False
    # "og for nye?" (see _FOR_OTHERS).
    for_others: bool = False
    # With `threatened`: whom to call about it (see _WHOM_ASKED), or someone besides (see
    # _SOMEONE_ELSE).
    whom: bool = False
    someone_else: bool = False
    # "er det det samme som B98?" (see _SAME_AS).
    same_as: bool = False
    # It says it leaves the conversation's matter (see _UNRELATED), or asks by the way (see
    # _BY_THE_WAY) about an offer the classifier puts first beyond the conversation.
    unrelated: bool = False
    aside: bool = False


def follow_up(
    topic: Topic | None, words: list[str], intent: Intent, switch: str | None, scores: dict[str, float],
    specific: bool, named: tuple[str, ...] = (), titled: frozenset[str] = frozenset(), foreign: bool = False,
    cues: Cues = Cues(),
) -> str | None:
    """The offer a follow-up is about, or None when the message starts a new topic.

    `scores` are how well each offer matches the message on its own (the ranking's and the
    concept vocabularies'), `named` the offers the ranking is confident of, best first, and
    `titled` the offers the message calls by their own name ("og borgmesterpraktik, er det noget
    lignende?" moves on even with its pronoun), and
    `specific` whether the message names something only one or two offers have. Such a word
    starts a new topic, unless it names the topic or an earlier one ("hvem udbyder forløbet?"
    after a word about makkerskab; "tilbage til talekurset"), or a pronoun in a short message
    points back. Otherwise the topic's or an earlier offer the words fit best is meant, the
    current topic by default; an earlier one only for a word specific to it, since a pronoun
    points at what was said last.

    `foreign` says the message has words of its own the catalogue does not know and the
    classifier finds it out of scope: "hvordan bager man rugbrød?" or "hvad bliver vejret i Kbh
    den dag?" after a topic is a new question to decline, however short, pronoun or not, unless
    its known words fit an offer of the conversation.

    A near-domain phrase in a message the classifier declines, or either of them in a message
    whose words fit none of the conversation's offers, is a new question however it points back
    ("og hvem sidder i det for region Nordjylland?").

    `cues` (Cues) come before the words' scores: a comparison ("hvad er forskellen på de to?")
    is about the topic and the one before it; an offer both the ranking and the classifier put
    that the conversation's words do not fit at all moves on; a definite noun picks the
    conversation's latest offer that has it ("hvor lang tid tager forløbet?"), an earlier one
    after "tilbage til"; "om det" keeps the topic whatever the message's length. Before the
    classifier's view come a place ("den første" after a list, counted among the offers last
    shown side by side), a detail only an offer already answered has ("kan min viceborgmester
    tage med?", "send mig linket"), a request for another offer ("er der også …?", a new
    question), a comparison that points back ("between the two") and a short question about
    "it": the classifier has no examples of follow-ups, so it calls them out of scope.

    Before those come a request in another language (any length, with a pronoun, not asking for
    another offer), a message that says it leaves the conversation ("unrelated", "btw") or asks
    by the way about an offer beyond it, a return to an earlier offer by its name, and after a
    declined question, a message of its own (it goes on with that matter) unless it calls one of
    the conversation's offers by kind, place or a detail. An adjective put in front ("det
    digitale, …") picks the offer it fits; a kind of offer none of the conversation's is ("og
    sessionen?") is the one of that kind on the topic's subject (`cues.kin`). Whether the topic
    covers something ("kommer de ind på …", `cues.covers`) and what every offer has ("hvem er
    underviser", `cues.property`) are asked of the topic, whatever offer the words also fit.
    """
    if topic is None:
        return None
    known = topic.all_offer_ids
    current = topic.offer_ids[0]
    # The answers' first offers, not their runners-up: "hvornår starter det?" is about the
    # offer just answered even when a "see also" offer has the word "start".
    fitting = max(topic.offer_ids[:1] + topic.earlier, key=lambda offer_id: scores.get(offer_id, 0.0))
    if not (specific or cues.returning or scores.get(fitting, 0.0) >= CONCEPT_SCORE):
        fitting = current
    fits = scores.get(fitting, 0.0) > 0
    if switch is not None and (len(words) <= SUBJECT_WORDS or any(w in PRONOUNS for w in words)) and not cues.another:
        # "and in English?", "can you give me that in English? I'm forwarding it"; not "lad os
        # tage det på dansk – findes der også noget mere personligt?", which asks for another.
        return current
    if cues.unrelated and not (set(cues.naming) | titled) & set(known):
        # "thx. unrelated, do you know a good Danish teacher?": a question of its own.
        return None
    if cues.aside:
        # "har KL i øvrigt selv en LinkedIn-profil?": by the way, another offer.
        return None
    kept = cues.described or cues.returning or cues.ordinal is not None or cues.picking or cues.detail
    if topic.declined and not kept and not (intent in DETAIL_INTENTS and len(words) <= _BARE_WORDS):
        # After a question the bot declined, a message goes on with that matter ("og for KKR?",
        # "and the vice-chair?", "er det skattefrit?") unless it calls one of the conversation's
        # offers by its kind or place ("ok, men sessionen – hvornår er den?"), asks a detail only
        # an offer has ("kan jeg tage min viceborgmester med?"), or asks for a date, a price or
        # the provider in a few words ("og hvad koster den?"): it is answered as a question of
        # its own.
        return None
    if cues.same_as and (called := [o for o in (*cues.naming, *titled) if o != current]):
        # "er det det samme som borgmestersamlingerne?": the one it names (compared with the
        # topic), the one its words fit best of several.
        return max(called, key=lambda offer_id: scores.get(offer_id, 0.0))
    if cues.returning and titled & set(known):
        # "tilbage til kurset om sociale medier": the earlier offer it calls by its name.
        return next(offer_id for offer_id in known if offer_id in titled)
    if cues.for_others and (best := max(scores, key=scores.__getitem__, default=None)) is not None and best not in known:
        # "og for nye?", "og en særskilt for nye?" after the gatherings for all: the offer its
        # words fit best, when that is not one of the conversation's.
        return best
    # "tilbage til den første du nævnte" after one offer at a time: the first brought up.
    shown = tuple(reversed(topic.earlier)) + (current,) if cues.mentioned and len(topic.shown) < 2 else topic.shown
    if cues.ordinal is not None and -len(shown) <= cues.ordinal < len(shown):
        picked = shown[cues.ordinal]
        if cues.other and picked == current:
            # "and the other one" after an answer about the second: the first shown beside it.
            return next(offer_id for offer_id in shown if offer_id != current)
        return picked
    if cues.adjective:
        # "det digitale, …": the conversation's offer it fits, else a new question.
        closest = max(known, key=lambda offer_id: scores.get(offer_id, 0.0))
        return closest if scores.get(closest, 0.0) > 0 else None
    if cues.fronted and not cues.described:
        # "og forløbet, hvornår starter det?" after a gathering brings up the offer of that kind;
        # "og sessionen?" after the knowledge bank on economy, the session on economy, unless the
        # noun is an offer's name ("og borgmestersamlingerne, hvad er de?").
        return None if titled or cues.naming else cues.kin
    if cues.asks_kind and cues.kin is not None and not titled and not cues.naming:
        # "and is there a session on it with other mayors?" after the knowledge bank on economy.
        return cues.kin
    if cues.picking and cues.ordinal is None:
        # "den om forhandling, hvad går den ud på?": the offer of the conversation it names, else
        # the one of the conversation its words fit best; when they fit none of them and it names
        # other offers, it is a new question about those ("og den om SoMe?" after the press course).
        # A list's offers beyond the few it named count ("og den om at lede møder?" after nine).
        among = tuple(dict.fromkeys(known + topic.listed))
        called = [offer_id for offer_id in cues.naming if offer_id in among]
        closest = max(among, key=lambda offer_id: scores.get(offer_id, 0.0))
        best = max(scores, key=scores.__getitem__, default=None)
        outside = best not in among and best in named[:1]
        if (not called and (cues.naming and scores.get(closest, 0.0) <= 0 or outside)) or (outside and best in cues.naming):
            # "and the one where you visit other mayors?", "and the social media one" after the
            # press course: the description fits an offer beyond the conversation better than any
            # of its own.
            return None
        if called or scores.get(closest, 0.0) > 0:
            # The one its situation phrases fit, before one a word further on names ("og den om at
            # lede møder? jeg er formand for økonomiudvalget").
            return closest if scores.get(closest, 0.0) >= CONCEPT_SCORE or not called else called[0]
    if cues.covers and not cues.returning:
        # "kommer de også ind på chikane på nettet?": what the topic covers, whatever offer the
        # subject asked about belongs to; "does the social media one …?": the offer it describes,
        # or a new question about it when that is not the conversation's.
        if cues.covered is not None:
            return cues.covered if cues.covered in known or cues.covered in topic.shown else None
        return fitting if fits else current
    if (
        cues.threatened is not None and not cues.returning and not cues.someone_else
        and (cues.whom or not set(cues.naming) - {current, cues.threatened})
        and not cues.near_phrase and not (foreign and not fits) and cues.described[:1] in ((), (cues.threatened,))
    ):
        # After a threat, "hvem kan jeg ringe til?", "hvad kan jeg selv gøre?" and "kan I også
        # holde oplæg om det?" are about the threat offer (and its hotline), whatever a word of
        # them fits; an offer called by its name, situation words or kind moves on ("og selve
        # sessionen?"), and so does a question beyond the catalogue ("hvem vinder landskampen i
        # aften?").
        return cues.threatened
    if cues.detail and set(cues.naming) <= set(known):
        # "praktikken, hvor lang tid er man afsted?": the conversation's offer it names, else the
        # topic, or when no word fits the topic the offer its words fit ("hvad er hans mail?"
        # after a contact beside the topic); "kan de erfarne også være med?" after a course
        # is about that course, though "erfarne borgmestre" fits the gathering shown beside it.
        # Not when "it" is what it asks about ("hvor lang tid tager det?"), and only among the
        # offers shown beside the topic unless it goes back to an earlier one: "kan min
        # økonomidirektør komme med?" after the negotiation course names a person, not the
        # economy session listed before it.
        beside = known if cues.returning else topic.offer_ids if not cues.subject else topic.offer_ids[:1]
        closest = max(beside, key=lambda offer_id: scores.get(offer_id, 0.0))
        return next(iter(cues.described + cues.naming), closest if scores.get(current, 0.0) <= 0 < scores.get(closest, 0.0) else current)
    # What "it" is asked of ("er det en til en eller i gruppe?") is the latest offer, whatever an
    # earlier one's word fits.
    of_it = current if cues.subject and not cues.returning and not titled else (fitting if fits else current)
    beyond = set(cues.naming) - set(known) or titled - set(known)
    if (
        cues.property and len(words) <= _FOLLOW_UP_WORDS and not beyond
        and not (cues.elsewhere or cues.shifting or cues.another)
    ):
        # "hvem er underviser", "send link", "fortroligt?": what every offer has, asked of the
        # one just answered, in words its own text may lack, though "hvem er …" may ask beyond
        # the catalogue elsewhere.
        return of_it
    if cues.another and intent not in DETAIL_INTENTS:
        return None
    # "what's the difference between the two?" and "how long does it last?" point at the
    # conversation however unlike an offer the classifier finds their words (its out-of-scope
    # examples compare things and ask how long things last too).
    if cues.comparing and len(words) <= SUBJECT_WORDS and _THE_TWO & set(words) and not set(cues.naming) - set(known):
        # "which of the two fits a crisis like ours best?": the one of the two its words fit
        # better, else both, the latest first.
        two = (topic.offer_ids[:2] if len(topic.offer_ids) > 1 else topic.offer_ids[:1] + topic.earlier[:1])
        best = max(two, key=lambda offer_id: scores.get(offer_id, 0.0))
        return best if cues.choosing and scores.get(best, 0.0) > min(scores.get(o, 0.0) for o in two) else current
    if cues.subject and len(words) <= _PRONOUN_WORDS and not cues.near_phrase:
        # "er den også om chikane?": another offer's word in it is what "it" is asked about.
        return current
    if foreign and (not fits or cues.near_phrase or not refers_back(words, intent) or not set(words) & PRONOUNS):
        return None
    if cues.astray:
        return None
    if titled and not titled & set(known):
        return None
    if cues.comparing and len(words) <= SUBJECT_WORDS:
        # "hvad er forskellen på det og borgmestersamlingerne?" compares the topic with a new one.
        # "kan man tage dem begge to?" asks about the two, whatever its other words fit.
        return None if specific and not cues.both and named and named[0] not in known else current
    if cues.described and (cues.returning or cues.switch_to is None):
        # "back to the session, is it run by KL?": the conversation's offer of that kind, an
        # earlier one after "tilbage til", whatever another offer the words fit.
        earlier = [offer_id for offer_id in cues.described if offer_id != current]
        return earlier[0] if cues.returning and earlier else cues.described[0]
    if cues.switch_to is not None:
        return None
    if intent in DETAIL_INTENTS and len(words) <= _BARE_WORDS and not cues.returning:
        # "Hvad koster deltagelse?", "Hvornår afholdes kurset?", "sign me up": a detail asked in a
        # few words is the topic's, whatever offer a common word of it happens to fit best.
        return current
    if cues.about_it:
        return fitting if fits else current
    if len(words) <= _PRONOUN_WORDS and any(w in PRONOUNS for w in words):
        # A pronoun the question is about is the latest offer, a word of an earlier one aside.
        return current if cues.subject and not cues.returning else (fitting if fits else current)
    if cues.pointing and len(words) <= _FOLLOW_UP_WORDS and (cues.subject or not cues.elsewhere):
        return of_it
    if cues.subject and not cues.elsewhere and set(cues.naming) <= {current} and len(words) <= SUBJECT_WORDS:
        return fitting if fits else current
    if not refers_back(words, intent):
        if len(words) <= _BARE_WORDS and cues.switch_to is None and not (cues.shifting and cues.elsewhere):
            close = [offer_id for offer_id in named[:3] if offer_id in known]
            return close[0] if close else current
        close = [offer_id for offer_id in named[:3] if offer_id in known]
        return close[0] if close and len(words) <= _FOLLOW_UP_WORDS else None
    if specific:
        best = max(scores, key=scores.__getitem__, default=None)
        if fits and best in known:
            return fitting
        # A specific word the conversation's offers share with the ranking's first is no new topic.
        return fitting if fits and named and not cues.elsewhere else None
    return fitting if fits else current
