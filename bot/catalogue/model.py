"""The loaded catalogue as the rest of the bot sees it, and a holder that reloads it safely."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from bot.catalogue.schema import CatalogueFile, Contact, Group, GroupId, Hotline, Offer, Source


@dataclass(frozen=True)
class Catalogue:
    path: Path
    offers: tuple[Offer, ...]
    groups: tuple[Group, ...]
    sources: dict[str, Source]
    contact: Contact
    hotline: Hotline
    _by_id: dict[str, Offer] = field(repr=False, default_factory=dict)

    @classmethod
    def from_file(cls, parsed: CatalogueFile, path: Path) -> "Catalogue":
        return cls(
            path=path,
            offers=tuple(parsed.offers),
            groups=tuple(parsed.groups),
            sources={s.id: s for s in parsed.sources},
            contact=parsed.contact,
            hotline=parsed.hotline,
            _by_id={o.id: o for o in parsed.offers},
        )

    def get(self, offer_id: str) -> Offer | None:
        return self._by_id.get(offer_id)

    def group(self, group_id: GroupId | str) -> Group:
        return next(g for g in self.groups if g.id == group_id)

    def in_group(self, group_id: GroupId | str) -> list[Offer]:
        return [o for o in self.offers if o.group == group_id]

    def source_title(self, offer: Offer) -> str:
        source = self.sources[offer.source.document]
        return f"{source.publisher}: {source.title}"
