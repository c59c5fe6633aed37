"""Loading offers.yaml: every error names the entry, the field and the line, so the KL staff
member who edited the file can fix it without reading a traceback."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError
from pydantic_core import ErrorDetails

from bot.catalogue.model import Catalogue
from bot.catalogue.schema import CatalogueFile
from bot.errors import UserError

# libyaml's loader reads offers.yaml some ten times faster than the pure-Python one, which is
# most of `ask`'s start-up on a machine without a database; both give the same marks (lines).
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class CatalogueError(UserError):
    """offers.yaml cannot be used; the message is Danish and says where and what to fix."""


def _line_index(node: yaml.Node, path: tuple[Any, ...] = ()) -> dict[tuple[Any, ...], int]:
    lines = {path: node.start_mark.line + 1}
    if isinstance(node, yaml.MappingNode):
        for key, child in node.value:
            lines.update(_line_index(child, (*path, key.value)))
            lines[(*path, key.value)] = key.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for index, child in enumerate(node.value):
            lines.update(_line_index(child, (*path, index)))
    return lines


def _describe(error: ErrorDetails, raw: Any, lines: dict[tuple[Any, ...], int], path: Path) -> str:
    loc = tuple(error["loc"])
    line = None
    for cut in range(len(loc), -1, -1):
        if loc[:cut] in lines:
            line = lines[loc[:cut]]
            break
    entry = ""
    if len(loc) >= 2 and loc[0] == "offers" and isinstance(loc[1], int):
        offers = raw.get("offers") if isinstance(raw, dict) else None
        offer = offers[loc[1]] if isinstance(offers, list) and loc[1] < len(offers) else None
        offer_id = offer.get("id") if isinstance(offer, dict) else None
        entry = f"tilbud '{offer_id}'" if offer_id else f"tilbud nr. {loc[1] + 1}"
        field = ".".join(str(part) for part in loc[2:]) or "(hele tilbuddet)"
    else:
        field = ".".join(str(part) for part in loc) or "(hele filen)"
    where = f"{path.name}, linje {line}" if line else path.name
    subject = f"{entry}, felt '{field}'" if entry else f"felt '{field}'"
    return f"{where}: {subject}: {error['msg']}"


# The catalogue is a list of offers with a few nested fields; a document nested deeper than this
# is not one, and PyYAML's pure-Python scanner takes time quadratic in the depth.
MAX_DEPTH = 20
# How many values the document may stand for once its aliases are expanded: the catalogue has a
# few thousand; a few hundred bytes of nested aliases can stand for billions.
MAX_EXPANDED = 200_000


def _refuse_hostile(text: str, path: Path) -> None:
    """One fast pass over the parser's events before anything is built. An alias (``*name``)
    makes one node stand in many places, which ``yaml.safe_dump`` writes for repeated values and
    is fine; but nested aliases multiply (the validator and the line lookup would visit every
    copy), and an alias inside its own anchor is a cycle. So each anchor's expanded size is
    counted once and the whole may not pass ``MAX_EXPANDED``; a cycle and deep nesting are
    refused too. A plain syntax error is left to the full load below, which reports it."""
    sizes: dict[str, int] = {}
    stack: list[tuple[str | None, int]] = []  # open collections: their anchor, values so far

    def add(count: int, line: int) -> None:
        if stack:
            anchor, size = stack[-1]
            stack[-1] = (anchor, size + count)
        if count > MAX_EXPANDED or (stack and stack[-1][1] > MAX_EXPANDED):
            limit = f"{MAX_EXPANDED:,}".replace(",", ".")
            raise CatalogueError(f"{path.name}, linje {line}: YAML-aliasserne gentager værdier over {limit} gange. Skriv værdierne ud i stedet.")

    try:
        for event in yaml.parse(text, Loader=_LOADER):
            line = event.start_mark.line + 1
            if isinstance(event, yaml.AliasEvent):
                if any(anchor == event.anchor for anchor, _ in stack):
                    raise CatalogueError(f"{path.name}, linje {line}: aliasset *{event.anchor} henviser til sig selv. Skriv værdien ud.")
                add(sizes.get(event.anchor, 0), line)  # an unknown alias is reported by the full load
            elif isinstance(event, yaml.ScalarEvent):
                if event.anchor:
                    sizes[event.anchor] = 1
                add(1, line)
            elif isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                stack.append((event.anchor, 1))
                if len(stack) > MAX_DEPTH:
                    raise _too_deep(path)
            elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                anchor, size = stack.pop()
                if anchor:
                    sizes[anchor] = size
                add(size, line)
    except yaml.YAMLError as exc:
        if "nesting depth" in str(exc):
            raise _too_deep(path) from None


def _too_deep(path: Path) -> CatalogueError:
    return CatalogueError(f"{path.name}: lister og kort er indlejret for dybt (over {MAX_DEPTH} niveauer). Ret filen og prøv igen.")


def load_catalogue(path: Path) -> Catalogue:
    """Read and validate the catalogue; raise CatalogueError with every problem found."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise CatalogueError(f"Kataloget findes ikke: {path}. Angiv stien med OFFERS_PATH.") from None
    except IsADirectoryError:
        raise CatalogueError(f"{path} er en mappe, ikke kataloget. Angiv stien til offers.yaml med OFFERS_PATH.") from None
    except UnicodeDecodeError as exc:
        raise CatalogueError(f"{path.name} er ikke gemt som UTF-8 (byte {exc.start}). Gem filen som UTF-8.") from None
    return _parsed(text, path)


@lru_cache(maxsize=4)
def _parsed(text: str, path: Path) -> Catalogue:
    """The catalogue of one file's text, kept for a few texts: parsing and validating the YAML
    takes tens of milliseconds and the result is immutable, so every store started on the same
    seed (each test's app, the CLI's commands in one process) shares one. A text that fails
    raises each time (lru_cache keeps only results)."""
    try:
        _refuse_hostile(text, path)
        node = yaml.compose(text, Loader=_LOADER)
        raw = yaml.load(text, Loader=_LOADER)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f", linje {mark.line + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise CatalogueError(f"{path.name}{line}: ugyldig YAML: {problem}. Ret filen og prøv igen.") from None
    if not isinstance(raw, dict):
        raise CatalogueError(f"{path.name}: filen skal indeholde et YAML-kort med 'offers', 'groups' osv.")
    try:
        parsed = CatalogueFile.model_validate(raw)
    except ValidationError as exc:
        lines = _line_index(node) if node is not None else {}
        problems = [_describe(err, raw, lines, path) for err in exc.errors()]
        raise CatalogueError("Kataloget kan ikke bruges:\n" + "\n".join(f"  - {p}" for p in problems)) from None
    return Catalogue.from_document(parsed)
