"""An offer as people write its name: the id (`modeledelse`), the id with Danish letters
(`mødeledelse`, `mediehåndtering`) or the title (`Håndtering af medier`), in any case. Used
wherever a name is typed: CLI options, /tilmeld and /afmeld, the console."""
from __future__ import annotations

from bot.answers.normalise import fold
from bot.catalogue.model import Catalogue
from bot.catalogue.schema import Offer


def _key(text: str) -> str:
    return " ".join(fold(text).replace("-", " ").split())


def offer_named(catalogue: Catalogue, text: str) -> Offer | None:
    """The one offer whose id or title this is; None when it is none (or a mere part of one)."""
    wanted = _key(text)
    if not wanted:
        return None
    return next((o for o in catalogue.offers if wanted in (_key(o.id), _key(o.title))), None)
