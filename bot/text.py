"""Text from outside made storable: what a person typed, pasted or imported can carry NUL bytes
and lone UTF-16 surrogates (JSON's ``"\\ud800"`` decodes to one). PostgreSQL refuses both (a
NUL in a text value, a surrogate it cannot encode), so a DM or a name once failed with HTTP 500
there while SQLite stored it. Input is cleaned where it enters: the Slack middleware for every
request body, the CSV import for every cell."""
from __future__ import annotations

import re
from typing import Any

# C0 controls other than tab, newline and carriage return, and DEL: never meant in a message.
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SURROGATES = re.compile(r"[\ud800-\udfff]")
REPLACEMENT = "\ufffd"


def clean(text: str) -> str:
    """Control characters dropped, each lone surrogate shown as the replacement character."""
    return _SURROGATES.sub(REPLACEMENT, _CONTROLS.sub("", text))


def clean_all(value: Any) -> Any:
    """Every string in a parsed JSON or form body, cleaned in place (dicts and lists)."""
    if isinstance(value, dict):
        for key, item in value.items():
            value[key] = clean_all(item)
        return value
    if isinstance(value, list):
        value[:] = [clean_all(item) for item in value]
        return value
    return clean(value) if isinstance(value, str) else value
