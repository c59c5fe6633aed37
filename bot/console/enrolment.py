"""/tilmeld, /afmeld, /mine and /jeg in the console: the same enrolment rules as in Slack.

The console has no modal, so confirming is a second command: "/tilmeld mødeledelse" shows the
dates (nothing is stored), "/tilmeld mødeledelse 2" takes date no. 2. Private messages the rules
send (confirmations, calendar files, seat offers) are printed under the reply.
"""
from __future__ import annotations

import threading

from bot.catalogue.schema import EnrolmentKind, Offer
from bot.clock import day_text
from bot.console.command import ChatContext, Command
from bot.enrolment.errors import EnrolmentError, NotRegistered
from bot.enrolment.results import EnrolmentPlan, Overview, SessionView
from bot.members.directory import DirectoryError
from bot.notify import DeliveryResult, DeliveryStatus, Notice, plain

CONSOLE_USER = "UCONSOLE"
CONFIRM_WORDS = ("ja", "bekræft")


class PrintedNotices:
    """The console's NoticeSender: keeps each private message until the reply is printed."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._pending: list[tuple[str, Notice]] = []

    def send(self, user_id: str, notice: Notice) -> DeliveryResult:
        with self._lock:
            self._pending.append((user_id, notice))
        return DeliveryResult(DeliveryStatus.DELIVERED)

    def update(self, channel: str, ts: str, notice: Notice) -> DeliveryResult:
        return DeliveryResult(DeliveryStatus.DELIVERED, channel=channel, ts=ts)

    def drain(self) -> str:
        with self._lock:
            pending, self._pending = self._pending, []
        lines = []
        for user_id, notice in pending:
            whom = "Privat besked til dig" if user_id == CONSOLE_USER else f"Privat besked til {user_id}"
            lines.append(f"\n[{whom}] {notice.title + ': ' if notice.title else ''}{plain(notice.text)}")
            lines.extend(f"    {label}: {value}" for label, value in notice.facts)
            if notice.file:
                lines.append(f"    (vedhæftet: {notice.file.filename})")
        return "\n".join(lines)


_printed = PrintedNotices()


def _with_notices(reply: str) -> str:
    return reply + _printed.drain()


def _attach(context: ChatContext) -> None:
    if not context.services.postman.ready:
        context.services.postman.use(_printed)


def _split(argument: str) -> tuple[str, str]:
    """'mødeledelse 2' → ('mødeledelse', '2'); a trailing number or 'ja' is the choice."""
    text, _, last = argument.rpartition(" ")
    if text and (last.isdigit() or last.casefold() in CONFIRM_WORDS):
        return text, last.casefold()
    return argument, ""


def _one_offer(context: ChatContext, text: str, command: str) -> Offer | str:
    enrolment = context.services.enrolment
    found = enrolment.find_offers_to_withdraw(CONSOLE_USER, text) if command == "afmeld" else enrolment.find_offers(text)
    if len(found) == 1:
        return found[0]
    lines = [f"{len(found)} tilbud passer på »{text}«. Skriv /{command} og navnet på det, du mener:"]
    lines.extend(f"  • {o.title}" for o in found)
    return "\n".join(lines)


def _session_lines(number: int, view: SessionView, note: str | None = None) -> list[str]:
    lines = [f"  {number}. {view.name}{f' ({note})' if note else ''}"]
    lines.extend(f"       {label}: {value}" for label, value in view.facts())
    return lines


def _show_plan(plan: EnrolmentPlan) -> str:
    offer = plan.offer
    whom = f" for {plan.participant.name}" if plan.on_behalf else ""
    if plan.kind is not EnrolmentKind.SESSION:
        if plan.request:
            return f"Der er allerede sendt en anmodning om {offer.title}{whom}. Træk den tilbage med /afmeld {offer.title}."
        return f"{offer.title}: {offer.enrolment.how}\nSkriv /tilmeld {offer.title} ja for at sende en anmodning{whom} til KL."
    lines = [f"Datoer for {offer.title}{whom}:"]
    for number, choice in enumerate(plan.sessions, start=1):
        note = choice.closed
        if choice.status is not None:
            note = "du er tilmeldt" if choice.position is None else f"nr. {choice.position} på ventelisten"
        lines.extend(_session_lines(number, choice.session, note))
    if plan.open_sessions:
        lines.append(f"Skriv /tilmeld {offer.title} NR for at tilmelde dig, fx /tilmeld {offer.title} 1.")
    return "\n".join(lines)


def _tilmeld(context: ChatContext, argument: str) -> str:
    _attach(context)
    enrolment = context.services.enrolment
    text, choice = _split(argument)
    try:
        offer = _one_offer(context, text, "tilmeld")
        if isinstance(offer, str):
            return offer
        plan = enrolment.plan(CONSOLE_USER, offer.id)
        if not choice:
            return _show_plan(plan)
        if plan.kind is not EnrolmentKind.SESSION:
            return _with_notices(enrolment.request(CONSOLE_USER, offer.id).message)
        if not choice.isdigit() or not 1 <= int(choice) <= len(plan.sessions):
            return f"Vælg et nummer mellem 1 og {len(plan.sessions)}. Skriv /tilmeld {offer.title} for at se datoerne."
        session = plan.sessions[int(choice) - 1].session
        return _with_notices(enrolment.enrol(CONSOLE_USER, session.id).message)
    except NotRegistered as error:
        return f"{error}\nSkriv /jeg og din kommune, fx /jeg Aarhus (eller /jeg Aarhus nyvalgt)."
    except EnrolmentError as error:
        return str(error)


def _afmeld(context: ChatContext, argument: str) -> str:
    _attach(context)
    enrolment = context.services.enrolment
    text, choice = _split(argument)
    try:
        offer = _one_offer(context, text, "afmeld")
        if isinstance(offer, str):
            return offer
        outcome = enrolment.withdraw(CONSOLE_USER, offer.id, ask_about_fee=choice not in CONFIRM_WORDS)
        if outcome.to_confirm:
            return f"{outcome.message} Skriv /afmeld {offer.title} ja for at afmelde alligevel."
        if outcome.choices and choice.isdigit() and 1 <= int(choice) <= len(outcome.choices):
            outcome = enrolment.withdraw(CONSOLE_USER, offer.id, outcome.choices[int(choice) - 1].id)
        elif outcome.choices:
            lines = [outcome.message]
            for number, view in enumerate(outcome.choices, start=1):
                lines.extend(_session_lines(number, view))
            lines.append(f"Skriv /afmeld {offer.title} NR, fx /afmeld {offer.title} 1.")
            return "\n".join(lines)
        return _with_notices(outcome.message)
    except EnrolmentError as error:
        return str(error)


def overview_text(overview: Overview) -> str:
    if overview.participant is None or overview.empty:
        return "Du har ingen kommende tilmeldinger eller åbne anmodninger. Tilmeld dig med /tilmeld og tilbuddets navn."
    whose = f"{overview.participant.name}s" if overview.on_behalf else "Dine"
    lines = [f"{whose} tilmeldinger:"] if overview.enrolments else []
    lines.extend(f"  • {item.text}" for item in overview.enrolments)
    if overview.requests:
        lines.append("Åbne anmodninger:")
        lines.extend(f"  • {request.offer_title} (sendt {day_text(request.created_at)})" for request in overview.requests)
    return "\n".join(lines)


def _mine(context: ChatContext, _argument: str) -> str:
    return overview_text(context.services.enrolment.mine(CONSOLE_USER))


def _jeg(context: ChatContext, argument: str) -> str:
    text, _, last = argument.rpartition(" ")
    first_term = last.casefold() == "nyvalgt"
    municipality = text if first_term else argument
    try:
        member = context.services.directory.register(CONSOLE_USER, "Konsolbruger", municipality, first_term=first_term, approved=True)
    except DirectoryError as error:
        return str(error)
    return f"Tak! Du står som borgmester i {member.municipality}{' (nyvalgt)' if member.first_term else ''}. Nu kan du bruge /tilmeld."


COMMANDS = (
    Command("tilmeld", "/tilmeld tilbud [nr|ja]", "se datoerne for et tilbud, og tilmeld dig", _tilmeld),
    Command("afmeld", "/afmeld tilbud [nr]", "afmeld en dato eller træk en anmodning tilbage", _afmeld),
    Command("mine", "/mine", "dine tilmeldinger, ventelistepladser og anmodninger", _mine),
    Command("jeg", "/jeg kommune [nyvalgt]", "fortæl, hvem du er, før du tilmelder dig", _jeg),
)
