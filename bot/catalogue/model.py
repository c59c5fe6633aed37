"""The catalogue as the rest of the bot sees it: one whole, immutable version.

``offers`` are the offers in use; a retired offer is left out of them (so no answer, list or new
enrolment can show it as current) but ``known`` still finds it, so the enrolments, sessions and
meetings made before it was retired keep their title.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from bot.catalogue.schema import CatalogueFile, Contact, Group, GroupId, Hotline, Offer, Source


@dataclass(frozen=True)
class Catalogue:
    document: CatalogueFile = field(repr=False)
    offers: tuple[Offer, ...]
    retired: tuple[Offer, ...]
    groups: tuple[Group, ...]
    sources: dict[str, Source]
    contact: Contact
    hotline: Hotline
    _active: dict[str, Offer] = field(repr=False, default_factory=dict)
    _known: dict[str, Offer] = field(repr=False, default_factory=dict)

    @classmethod
    def from_document(cls, parsed: CatalogueFile) -> "Catalogue":
        active = tuple(o for o in parsed.offers if not o.retired)
        return cls(
            document=parsed,
            offers=active,
            retired=tuple(o for o in parsed.offers if o.retired),
            groups=tuple(parsed.groups),
            sources={s.id: s for s in parsed.sources},
            contact=parsed.contact,
            hotline=parsed.hotline,
            _active={o.id: o for o in active},
            _known={o.id: o for o in parsed.offers},
        )

    def get(self, offer_id: str) -> Offer | None:
        """An offer in use; None for an unknown or retired one."""
        return self._active.get(offer_id)

    def known(self, offer_id: str) -> Offer | None:
        """Any offer of this version, retired or not: for the title of what was made before."""
        return self._known.get(offer_id)

    def group(self, group_id: GroupId | str) -> Group:
        return next(g for g in self.groups if g.id == group_id)

    def in_group(self, group_id: GroupId | str) -> list[Offer]:
        return [o for o in self.offers if o.group == group_id]

    def source_title(self, offer: Offer) -> str:
        source = self.sources[offer.source.document]
        return f"{source.publisher}: {source.title}"
