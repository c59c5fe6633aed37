"""The console's /-commands, one registry: each feature module contributes its COMMANDS tuple
here (add yours to COMMANDS), and /hjælp lists whatever is registered."""
from __future__ import annotations

from bot.answers.normalise import fold
from bot.console import enrolment, offers, reminders
from bot.console.command import ChatContext, Command


def _help(_context: ChatContext, _argument: str) -> str:
    width = max(len(c.usage) for c in COMMANDS)
    lines = ["Skriv et spørgsmål om KL's og Komponents tilbud til borgmestre, eller en kommando:"]
    lines.extend(f"  {c.usage.ljust(width)}  {c.summary}" for c in COMMANDS)
    return "\n".join(lines)


def _quit(context: ChatContext, _argument: str) -> str:
    context.running = False
    return "Farvel!"


HELP = Command("hjælp", "/hjælp", "vis denne oversigt", _help, aliases=("help",))

COMMANDS: tuple[Command, ...] = (
    *offers.COMMANDS,
    *enrolment.COMMANDS,
    *reminders.COMMANDS,
    HELP,
    Command("afslut", "/afslut", "afslut chatten", _quit, aliases=("quit", "exit", "farvel")),
)
_BY_NAME = {fold(name): c for c in COMMANDS for name in (c.name, *c.aliases)}


def dispatch(context: ChatContext, line: str) -> str:
    """Run '/name argument'; an unknown name gets a Danish hint instead of an error."""
    name, _, argument = line.lstrip("/").partition(" ")
    command = _BY_NAME.get(fold(name))
    if command is None:
        return f"Kommandoen /{name} kender jeg ikke. Skriv /hjælp for at se kommandoerne."
    return command.handler(context, argument.strip())
