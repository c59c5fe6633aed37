"""How current each offer is: when someone at KL last vouched for its text, and which offers
have gone unconfirmed for longer than KL wants (CATALOGUE_CONFIRM_MONTHS, six by default)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.catalogue.schema import Offer
from bot.catalogue.store import Confirmation, Snapshot
from bot.clock import date_text


def confirmed_line(confirmation: Confirmation | None, organisation: str) -> str | None:
    """'Sidst bekræftet 12.11.2026 af KL' as mayors see it (the organisation vouches, not a name)."""
    if confirmation is None:
        return None
    return f"Sidst bekræftet {date_text(confirmation.at)} af {organisation}"


def months_before(moment: datetime, months: int) -> datetime:
    """The same day ``months`` earlier (the last day of a shorter month: 31.8 → 28.2)."""
    total = moment.year * 12 + moment.month - 1 - months
    year, month = divmod(total, 12)
    month += 1
    for day in range(moment.day, 27, -1):
        try:
            return moment.replace(year=year, month=month, day=day)
        except ValueError:
            continue
    return moment.replace(year=year, month=month, day=min(moment.day, 28))


@dataclass(frozen=True)
class StaleOffer:
    offer: Offer
    confirmation: Confirmation


def stale_offers(snapshot: Snapshot, now: datetime, months: int) -> list[StaleOffer]:
    """Offers in use whose last confirmation is older than ``months``, oldest first."""
    limit = months_before(now, months)
    found = [
        StaleOffer(offer, confirmation)
        for offer in snapshot.catalogue.offers
        if (confirmation := snapshot.confirmations.get(offer.id)) is not None and confirmation.at < limit
    ]
    return sorted(found, key=lambda s: (s.confirmation.at, s.offer.title))


def confirmed_lines(snapshot: Snapshot) -> dict[str, str]:
    """Each offer's 'Sidst bekræftet …' line, by offer id, for the cards of one answer."""
    organisation = snapshot.catalogue.contact.organisation
    return {
        offer_id: line
        for offer_id, confirmation in snapshot.confirmations.items()
        if (line := confirmed_line(confirmation, organisation)) is not None
    }
