"""The console chat: the same answering core and commands as Slack, in a terminal. It is the
default of `make run` without Slack tokens, and what `borgmesterbot chat` opens."""
from __future__ import annotations

import sys
from typing import TextIO

from bot.answers.normalise import fold
from bot.console.command import ChatContext
from bot.console.commands import HELP, dispatch
from bot.console.enrolment import CONSOLE_USER
from bot.services import Services

WELCOME = (
    "Borgmesterbot – spørg om KL's og Komponents tilbud til borgmestre.\n"
    "Skriv /hjælp for kommandoerne og /afslut for at stoppe."
)
PROMPT = "> "


def respond(context: ChatContext, line: str) -> str:
    """A /-command, or "hjælp" on its own, goes to the commands; anything else is a question."""
    if line.startswith("/"):
        return dispatch(context, line)
    if fold(line).strip(" ?!.") in (fold(HELP.name), *HELP.aliases):
        return HELP.handler(context, "")
    return context.services.asking.ask(line, context.conversation, CONSOLE_USER).text


def run_chat(services: Services, input: TextIO = sys.stdin, output: TextIO = sys.stdout) -> int:  # noqa: A002 (reads as the call site says)
    """Read lines until /afslut or end of input; return the exit code."""
    context = ChatContext(services)
    output.write(WELCOME + "\n")
    while context.running:
        output.write(PROMPT)
        output.flush()
        line = input.readline()
        if not line:
            output.write("\n")
            break
        line = line.strip()
        if line:
            output.write(respond(context, line) + "\n")
    return 0
