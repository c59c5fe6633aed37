"""What the bot can do ("hjælp" in a DM, /tilbud hjælp), in Danish. The commands are the
manifest's, so help and Slack's composer always list the same ones."""
from __future__ import annotations

from collections.abc import Sequence

from slack_sdk.models.blocks import Block, HeaderBlock

from bot.slack.blocks.layout import section
from bot.slack.blocks.text import escape
from bot.slack.manifest import SlashCommand

INTRO = (
    "Jeg svarer på spørgsmål om KL's og Komponents tilbud til borgmestre: hvad et tilbud er, hvornår "
    "det foregår, hvad det koster, hvordan man deltager, og hvem der står bag.\n"
    "• Skriv til mig her i en direkte besked, eller nævn mig i en kanal (så svarer jeg i en tråd).\n"
    "• Fanen *Hjem* viser hele kataloget.\n"
    "• Under hvert svar kan du trykke 👍 eller 👎, så KL kan gøre svarene bedre."
)
EXAMPLES = "Prøv fx: »Hvilke temasessioner er der?«, »Hvad koster mentorordningen?« eller »Hvornår mødes borgmesternetværket?«"


def _command_line(command: SlashCommand) -> str:
    usage = f" {command.usage_hint}" if command.usage_hint else ""
    return f"• `{command.command}{escape(usage)}` – {escape(command.description)}"


def help_blocks(commands: Sequence[SlashCommand]) -> list[Block]:
    lines = "\n".join(_command_line(c) for c in commands)
    return [
        HeaderBlock(text="Det kan Borgmesterbot"),
        section(INTRO, markup=True),
        section(f"*Kommandoer*\n{lines}", markup=True),
        section(EXAMPLES, markup=True),
    ]


HELP_FALLBACK = "Det kan Borgmesterbot: svar på spørgsmål om KL's og Komponents tilbud til borgmestre."
