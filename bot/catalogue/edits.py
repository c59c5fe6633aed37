"""What staff may change about an offer, applied to the catalogue's document.

An edit is a change to one offer's entry in the document; the whole new document is then
validated by the same schema as offers.yaml, so a form can never store what the file could not.
A field left empty is left out of the entry (an unknown fee stays unknown, never ``null``).
"""
from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from bot.catalogue.errors import EditConflict, InvalidOffer, UnknownOffer
from bot.catalogue.schema import OfferKind

Data = dict[str, Any]

_ID_LENGTH = 60


@dataclass(frozen=True)
class OfferDraft:
    """The fields of the Ret form: title, summary, description, for whom, when, fee, how to
    take part, and the search words."""

    title: str
    summary: str
    description: str
    audience: str
    frequency: str | None
    fee: str | None
    enrolment_kind: str
    enrolment_how: str
    keywords: tuple[str, ...] = ()


@dataclass(frozen=True)
class NewOffer:
    """A new offer's form: the Ret fields and where it belongs and comes from."""

    draft: OfferDraft
    group: str
    provider: str
    source_document: str
    source_section: str
    kind: str = OfferKind.OFFER.value
    id: str | None = field(default=None)


def parse_keywords(text: str | None) -> tuple[str, ...]:
    """Search words as staff type them: separated by commas or new lines."""
    return tuple(dict.fromkeys(w.strip() for w in re.split(r"[,\n]", text or "") if w.strip()))


def fingerprint(entry: Data) -> str:
    """What the form was opened on, so an edit made meanwhile by someone else is not overwritten."""
    return hashlib.sha256(json.dumps(entry, sort_keys=True, ensure_ascii=False).encode()).hexdigest()[:16]


def _set(entry: Data, name: str, value: object) -> None:
    if value is None or value == "" or value == [] or value == ():
        entry.pop(name, None)
    else:
        entry[name] = list(value) if isinstance(value, tuple) else value


def _apply(entry: Data, draft: OfferDraft) -> Data:
    entry = dict(entry)
    for name in ("title", "summary", "description", "audience"):
        entry[name] = getattr(draft, name)
    _set(entry, "frequency", (draft.frequency or "").strip() or None)
    _set(entry, "fee", (draft.fee or "").strip() or None)
    entry["enrolment"] = {"kind": draft.enrolment_kind, "how": draft.enrolment_how}
    _set(entry, "keywords", draft.keywords)
    return entry


def position_of(data: Data, offer_id: str) -> int:
    for position, entry in enumerate(data["offers"]):
        if entry["id"] == offer_id:
            return position
    raise UnknownOffer(offer_id)


def edit(data: Data, offer_id: str, draft: OfferDraft, seen: str | None) -> tuple[Data, int]:
    """The document with the offer's fields replaced, and the offer's position in it."""
    position = position_of(data, offer_id)
    entry = data["offers"][position]
    if seen is not None and fingerprint(entry) != seen:
        raise EditConflict(str(entry.get("title", offer_id)))
    offers = list(data["offers"])
    offers[position] = _apply(entry, draft)
    return {**data, "offers": offers}, position


def new_id(data: Data, title: str) -> str:
    """A stable id from the title ('Medier og kommunikation' → 'medier-og-kommunikation'), made
    unique with a number; it never changes afterwards, whatever the title becomes."""
    spelled = title.casefold().replace("æ", "ae").replace("ø", "oe").replace("å", "aa")
    plain = "".join(c for c in unicodedata.normalize("NFKD", spelled) if not unicodedata.combining(c))
    base = re.sub(r"[^a-z0-9]+", "-", plain).strip("-")
    base = base[:_ID_LENGTH].strip("-") or "tilbud"
    taken = {entry["id"] for entry in data["offers"]}
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}-{number}", number + 1
    return candidate


def add(data: Data, offer: NewOffer) -> tuple[Data, int, str]:
    if not offer.draft.title.strip():
        raise InvalidOffer({"title": "må ikke være tom"})
    offer_id = offer.id or new_id(data, offer.draft.title)
    entry: Data = {
        "id": offer_id,
        "group": offer.group,
        "provider": offer.provider,
        "kind": offer.kind,
        "source": {"document": offer.source_document, "section": offer.source_section},
    }
    entry = _apply(entry, offer.draft)
    return {**data, "offers": [*data["offers"], entry]}, len(data["offers"]), offer_id


def retire(data: Data, offer_id: str) -> Data:
    position = position_of(data, offer_id)
    offers = list(data["offers"])
    offers[position] = {**offers[position], "retired": True}
    return {**data, "offers": offers}


def changed_offers(before: Data | None, after: Data) -> list[str]:
    """Ids of the offers that are new or whose entry differs: the ones a change vouches for."""
    old = {entry["id"]: entry for entry in (before or {}).get("offers", [])}
    return [entry["id"] for entry in after["offers"] if old.get(entry["id"]) != entry]
