"""Text as Slack will show it: escaped so echoed input cannot mention anyone, and cut to
Slack's length limits instead of being rejected by them."""
from __future__ import annotations

SECTION_TEXT = 3000
FIELD_TEXT = 2000
HEADER_TEXT = 150
BUTTON_TEXT = 75
BUTTON_VALUE = 2000
CONTEXT_TEXT = 3000
MODAL_TITLE = 24
MESSAGE_TEXT = 4000
FIELDS_PER_SECTION = 10

_ELLIPSIS = "…"


def escape(text: str) -> str:
    """Slack's three control characters, so ``<!channel>`` typed by a user stays text."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def clip(text: str, limit: int) -> str:
    """Cut to ``limit`` characters, ending with an ellipsis when something was cut."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if "&" in cut[-5:]:
        cut = cut[: cut.rfind("&")]
    return cut.rstrip() + _ELLIPSIS


def split(text: str, limit: int = SECTION_TEXT) -> list[str]:
    """Split a long text into pieces within ``limit``, at paragraph or line breaks where possible."""
    pieces: list[str] = []
    rest = text.strip()
    while len(rest) > limit:
        cut = max(rest.rfind("\n\n", 0, limit), rest.rfind("\n", 0, limit), rest.rfind(" ", 0, limit))
        if cut <= 0:
            cut = limit
        pieces.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip()
    if rest:
        pieces.append(rest)
    return pieces
