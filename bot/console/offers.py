"""/tilbud and /hotline in the console: the catalogue and the hotline as plain text."""
from __future__ import annotations

from bot.answers.hotline import hotline_text
from bot.console.command import ChatContext, Command


def _offers(context: ChatContext, argument: str) -> str:
    """Without a search word the whole catalogue by group; with one, the offers it matches.
    /tilmeld and /afmeld take the titles as shown (bot.catalogue.names), so no id is shown."""
    answerer = context.services.answerer
    catalogue = answerer.catalogue
    if not argument:
        lines = []
        for group in catalogue.groups:
            lines.append(f"{group.title}:")
            lines.extend(f"  • {o.title} ({o.provider})" for o in catalogue.in_group(group.id))
        return "\n".join(lines)
    found = answerer.match_offers(argument)
    if not found:
        return f"Ingen tilbud passer på »{argument}«. Skriv /tilbud uden søgeord for at se alle tilbud."
    return "\n".join(f"• {o.title} ({o.provider}): {o.summary}" for o in found)


def _hotline(context: ChatContext, _argument: str) -> str:
    return hotline_text(context.services.answerer.hotline)


COMMANDS = (
    Command("tilbud", "/tilbud [søgeord]", "vis alle tilbud, eller dem der passer på et søgeord", _offers),
    Command("hotline", "/hotline", "KL's hotline ved chikane og trusler, og nødnumrene", _hotline),
)
