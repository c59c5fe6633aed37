"""Function words that say nothing about which offer is meant, in Danish and English, folded
like everything else. Snowball's Danish stop list plus the question words mayors start with.

Kept here as data rather than from a package: the lists are short, and they double as the
evidence for telling a Danish question from an English one (bot/answers/language.py).
"""
from __future__ import annotations

from bot.answers.normalise import fold_word

_DANISH = """
og i jeg det at en den til er som på de med han af for ikke der var mig sig men et har om vi min
havde ham hun nu over da fra du ud sin dem os op man hans hvor eller hvad skal selv her alle vil
blev kunne ind når være dog noget ville jo deres efter ned skulle denne end dette mit også under
have dig anden hende mine alt meget sit sine vor mod disse hvis din nogle hos blive mange ad bliver
hendes været thi jer sådan hvordan hvornår hvem hvilke hvilken hvilket hvorfor hvorhenne kan får få
gør gøre gjort findes fås mon lige bare godt gerne nogen noget både begge enten sig ens jeres vores dine
dit ja nej ok okay så ting gang gange næste sidste altid aldrig tit ofte fx bla mere mest helst
rigtig virkelig egentlig dag dagen idag andre andet mellem gennem omkring blandt
uden inden via ved kommer komme bedre foran bagved imod hen henne inde ude oppe nede fortæl fortælle
handler går konkret konkrete består bestå
"""

# Words that name any offer (or the council every mayor works with) rather than one: "kursus om
# medier?" asks about media, not about the one offer whose text happens to say "kursus".
_GENERIC = """
kursus kurser kurset kurserne kursusforløb workshop workshops byråd byrådet byrådets
course courses
"""

# "i", "to", "at", "is", "man", "over", "under", "for", "de" are Danish words too; they are not
# counted as English evidence (see ENGLISH_ONLY below) but are still dropped as function words.
_ENGLISH = """
the a an is are was were be been am do does did i me my we our you your he she it its they them
their this that these those how what when where who whom which why can could would should will
shall may might must there here to of for in on at with about and or if as by from into than then
any have has had get got just also please tell know want need like both one only through
"""

_NOT_ENGLISH_EVIDENCE = {"i", "to", "at", "is", "man", "over", "under", "for", "de", "in", "from", "her", "a"}

DANISH: frozenset[str] = frozenset(fold_word(w) for w in _DANISH.split())
ENGLISH: frozenset[str] = frozenset(fold_word(w) for w in _ENGLISH.split())
ENGLISH_ONLY: frozenset[str] = ENGLISH - DANISH - _NOT_ENGLISH_EVIDENCE
DANISH_ONLY: frozenset[str] = DANISH - ENGLISH
GENERIC: frozenset[str] = frozenset(fold_word(w) for w in _GENERIC.split())
ALL: frozenset[str] = DANISH | ENGLISH | GENERIC
