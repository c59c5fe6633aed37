"""`borgmesterbot check`: what an operator runs after set-up or when something is wrong. Each check
gives one line, ✓ with what it found or ✗ with what to do; the Slack checks live with the Slack
adapter (bot.slack.doctor), the rest here."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.exc import SQLAlchemyError

from bot.catalogue.loader import CatalogueError, load_catalogue
from bot.config import Settings
from bot.storage.db import Database
from bot.storage.migrate import current, head_revisions


@dataclass(frozen=True)
class Finding:
    ok: bool
    what: str
    detail: str
    """What was found (✓), or what is wrong and how to fix it (✗)."""

    def line(self) -> str:
        return f"{'✓' if self.ok else '✗'} {self.what}: {self.detail}"


def check_database(settings: Settings) -> Finding:
    db = Database(settings.database_url)
    try:
        heads = current(db.engine)
    except SQLAlchemyError as error:
        reason = str(getattr(error, "orig", None) or error).strip().splitlines()[0]
        return Finding(False, "Database", f"svarer ikke ({reason}): tjek DATABASE_URL, og at serveren kører og lukker botten ind.")
    finally:
        db.dispose()
    newest = head_revisions()
    if heads == newest:
        return Finding(True, "Database", f"svarer, og skemaet er nyeste version ({', '.join(sorted(newest))}).")
    found = ", ".join(sorted(heads)) or "intet skema"
    return Finding(False, "Database", f"skemaet er {found}, nyeste er {', '.join(sorted(newest))}: kør 'borgmesterbot db upgrade'.")


def check_catalogue(settings: Settings) -> Finding:
    try:
        catalogue = load_catalogue(settings.offers_path)
    except CatalogueError as error:
        return Finding(False, "Katalog", str(error))
    return Finding(True, "Katalog", f"{len(catalogue.offers)} tilbud i {settings.offers_path}.")
