"""/netvaerk and /paamindelser in the console: the same networks, meetings and hotline setting
as in Slack, for the console's user (registered with /jeg)."""
from __future__ import annotations

from bot.console.command import ChatContext, Command
from bot.console.enrolment import CONSOLE_USER
from bot.reminders.notices import rhythm
from bot.reminders.text import meeting_lines

NOT_REGISTERED = "Du er ikke i medlemslisten endnu. Skriv /jeg og din kommune først, fx /jeg Aarhus."


def _networks(context: ChatContext, _argument: str) -> str:
    services = context.services
    meetings = services.meetings.upcoming_for(CONSOLE_USER)
    networks = services.networks.of_member(CONSOLE_USER)
    lines = ["Dine næste møder:"] + ([line for m in meetings for line in meeting_lines(m)] or ["  Ingen planlagte møder."])
    if networks:
        lines += [f"Dit netværk {n.name}: {', '.join(p.label for p in n.members)}" for n in networks]
    else:
        lines.append("Du er ikke med i et borgmesternetværk endnu. Spørg om »borgmesternetværk« for at høre mere.")
    return "\n".join(lines)


def _hotline_setting(context: ChatContext, argument: str) -> str:
    services = context.services
    wanted = {"hotline fra": True, "hotline til": False}.get(" ".join(argument.lower().split()))
    if wanted is None and argument:
        return "Skriv /paamindelser hotline fra eller /paamindelser hotline til."
    known = services.hotline_opt_outs.set_opted_out(CONSOLE_USER, wanted) if wanted is not None else services.directory.get(CONSOLE_USER)
    if not known:
        return NOT_REGISTERED
    if services.hotline_opt_outs.is_opted_out(CONSOLE_USER):
        return "Du får ikke den faste påmindelse om KL's hotline. /hotline viser den altid."
    return f"Du får en påmindelse om KL's hotline {rhythm(services.reminder_policy.get().hotline_every_months)}."


COMMANDS: tuple[Command, ...] = (
    Command("netvaerk", "/netvaerk", "dine næste møder og dit borgmesternetværk", _networks, aliases=("netværk",)),
    Command("paamindelser", "/paamindelser [hotline fra|til]", "slå påmindelsen om hotlinen fra eller til", _hotline_setting,
            aliases=("påmindelser",)),
)
