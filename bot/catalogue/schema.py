"""The shape of offers.yaml, validated at load so a broken file never reaches a mayor.

Unknown facts stay unknown: a fee or a frequency the seeds do not state is ``None``, never a
made-up value, and the hotline number is ``None`` until KL fills it in.
"""
from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator
from pydantic_core import InitErrorDetails, PydanticCustomError


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class GroupId(StrEnum):
    LEDERSKAB = "lederskab"
    VIDEN = "viden"
    FAELLESSKAB = "faellesskab"
    FRA_KL = "fra-kl"


class OfferKind(StrEnum):
    OFFER = "offer"
    INFORMATION = "information"


class EnrolmentKind(StrEnum):
    """How one takes part: a seat in a dated session, a request staff follow up, membership of a
    circle, or nothing to enrol in (information, or membership by office such as B98)."""

    SESSION = "session"
    REQUEST = "request"
    MEMBERSHIP = "membership"
    NONE = "none"


class Source(Strict):
    id: str
    title: str
    publisher: str
    date: str | None = None
    note: str | None = None


class Group(Strict):
    id: GroupId
    title: str
    intro: str


class Contact(Strict):
    organisation: str
    name: str
    role: str
    phone: str
    email: str
    address: str
    web: str
    note: str | None = None


class Hotline(Strict):
    name: str
    description: str
    phone: str | None = Field(
        default=None, description="KL's hotline number; None until KL fills it in (never invented)."
    )
    emergency: str = "112"
    police: str = "114"


class Enrolment(Strict):
    kind: EnrolmentKind
    how: str


class OfferSource(Strict):
    document: str
    section: str


class Offer(Strict):
    id: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")
    title: str
    group: GroupId
    subgroup: str | None = None
    provider: str
    kind: OfferKind
    summary: str
    description: str
    audience: str
    frequency: str | None = None
    fee: str | None = None
    enrolment: Enrolment
    source: OfferSource
    keywords: list[str] = Field(default_factory=list)
    english: list[str] = Field(default_factory=list)
    retired: bool = Field(
        default=False,
        description="Taken out of the catalogue: never in answers or lists, kept so enrolments and history still name it.",
    )

    @field_validator("title", "summary", "description", "audience", "provider")
    @classmethod
    def not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("må ikke være tom")
        return value.strip()


class CatalogueFile(Strict):
    version: int = 1
    sources: list[Source]
    groups: list[Group]
    contact: Contact
    hotline: Hotline
    offers: list[Offer]

    @model_validator(mode="after")
    def consistent(self) -> "CatalogueFile":
        """Cross-entry rules, reported at the entry that breaks them so the loader can name its line."""
        problems: list[InitErrorDetails] = []
        seen: set[str] = set()
        source_ids = {s.id for s in self.sources}
        for position, offer in enumerate(self.offers):
            if offer.id in seen:
                problems.append(_problem("duplicate_id", "id '{id}' står der mere end én gang", offer.id, ("offers", position, "id")))
            seen.add(offer.id)
            if offer.source.document not in source_ids:
                problems.append(_problem("unknown_source", "ukendt kilde '{id}'", offer.source.document, ("offers", position, "source", "document")))
        missing_groups = {g for g in GroupId} - {g.id for g in self.groups}
        if missing_groups:
            problems.append(_problem("missing_groups", "mangler grupper: {id}", ", ".join(sorted(missing_groups)), ("groups",)))
        if problems:
            raise ValidationError.from_exception_data(type(self).__name__, problems)
        return self


def _problem(kind: str, message: str, value: str, loc: tuple[str | int, ...]) -> InitErrorDetails:
    return InitErrorDetails(type=PydanticCustomError(kind, message, {"id": value}), loc=loc, input=value)
