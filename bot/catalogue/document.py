"""The catalogue as a document: the JSON a version is stored as, and the YAML it is exported as.

Both keep exactly the fields the catalogue was given (``exclude_unset``), so an import followed
by an export gives back the same offers with the same fields, and a field KL left out (an unknown
fee) stays out instead of coming back as ``null``.
"""
from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

import yaml
from pydantic import ValidationError

from bot.catalogue.loader import CatalogueError
from bot.catalogue.model import Catalogue
from bot.catalogue.schema import CatalogueFile

EXPORT_HEADER = """\
# offers.yaml: KL's og Komponents tilbud til borgmestre, som Borgmesterbot svarer ud fra.
# Eksporteret fra databasen ({label}). Ret filen og indlæs den med
# `borgmesterbot catalogue import FIL`; en fejl nævner tilbud, felt og linje. Et tilbuds id må ikke ændres.
"""


def as_data(catalogue: Catalogue) -> dict[str, Any]:
    return catalogue.document.model_dump(mode="json", exclude_unset=True)


def to_json(catalogue: Catalogue) -> str:
    return json.dumps(as_data(catalogue), ensure_ascii=False, separators=(",", ":"))


def validate(data: dict[str, Any]) -> Catalogue:
    """Raises pydantic's ValidationError; the callers turn it into a Danish message their way."""
    return Catalogue.from_document(CatalogueFile.model_validate(data))


def from_json(text: str, label: str) -> Catalogue:
    """A stored version; one that no longer validates (the schema changed under it) is refused
    by name rather than half used."""
    try:
        return _stored(text)
    except (ValueError, ValidationError) as exc:
        raise CatalogueError(f"Katalogets {label} i databasen kan ikke bruges: {exc}") from None


@lru_cache(maxsize=8)
def _stored(text: str) -> Catalogue:
    """One Catalogue per stored document text, kept for a few: a version read again (a refresh,
    another process's store, the next test's seeded database) is the same immutable object, so
    what is derived from it (the answer index, see Services.answerer) is built once, not per
    read. A document that fails raises each time."""
    return validate(json.loads(text))


class _Dumper(yaml.SafeDumper):
    """Text with line breaks (a description in paragraphs) as a literal block, as KL would type it."""


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _text)


def to_yaml(catalogue: Catalogue, label: str) -> str:
    body = yaml.dump(as_data(catalogue), Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)
    return EXPORT_HEADER.format(label=label) + body
