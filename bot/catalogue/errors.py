"""What staff are told when a change to the catalogue cannot be made, in Danish, per field."""
from __future__ import annotations

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from bot.catalogue.loader import CatalogueError

# pydantic's own messages are English; these are the ones a form or a file can provoke.
_MESSAGES = {
    "missing": "skal udfyldes",
    "string_type": "skal være tekst",
    "string_pattern_mismatch": "må kun have små bogstaver a–z, tal og bindestreger",
    "enum": "er ikke et af de mulige valg",
    "literal_error": "er ikke et af de mulige valg",
    "extra_forbidden": "er ikke et felt i kataloget",
    "list_type": "skal være en liste",
    "bool_type": "skal være ja eller nej",
    "bool_parsing": "skal være ja eller nej",
}


def danish(error: ErrorDetails) -> str:
    """Our own validators already speak Danish (pydantic prefixes them 'Value error, ')."""
    if error["type"] == "value_error":
        return str((error.get("ctx") or {}).get("error", error["msg"]))
    return _MESSAGES.get(error["type"], error["msg"])


class InvalidOffer(CatalogueError):
    """An edit that the catalogue's schema refuses: each message under the offer field it concerns
    ('' for none in particular). Nothing has been stored."""

    def __init__(self, fields: dict[str, str]) -> None:
        super().__init__(" ".join(f"{name}: {text}" if name else text for name, text in fields.items()))
        self._fields = dict(fields)

    @property
    def fields(self) -> dict[str, str]:
        return dict(self._fields)


def offer_field_errors(exc: ValidationError, position: int) -> InvalidOffer:
    """The schema's errors for the offer at ``position``, by field ('enrolment.how'; a list's
    item counts as the list, 'keywords'); errors elsewhere in the catalogue (which an offer edit
    cannot cause) go under ''."""
    fields: dict[str, str] = {}
    for error in exc.errors():
        loc = tuple(error["loc"])
        name = ".".join(p for p in loc[2:] if isinstance(p, str)) if loc[:2] == ("offers", position) else ""
        message = danish(error)
        fields[name] = f"{fields[name]} {message}" if name in fields else message
    return InvalidOffer(fields)


class UnknownVersion(CatalogueError):
    def __init__(self, number: int) -> None:
        super().__init__(f"Kataloget har ingen version {number}. Se versionerne med `borgmesterbot catalogue history`.")


class UnknownOffer(CatalogueError):
    def __init__(self, offer_id: str) -> None:
        super().__init__(f"Tilbuddet '{offer_id[:60]}' findes ikke i kataloget.")


class EditConflict(CatalogueError):
    def __init__(self, title: str) -> None:
        super().__init__(
            f"{title} er blevet ændret af en anden, siden du åbnede det. Luk vinduet og tryk Ret igen for at se den nye tekst."
        )


class NotStored(CatalogueError):
    """A store with no database (the seed file alone) cannot keep changes."""

    def __init__(self) -> None:
        super().__init__("Kataloget kan kun ændres, når botten har en database.")
