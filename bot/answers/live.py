"""The lines an answer adds from live facts (bot/answers/facts.py): the next sessions with seats
or waitlist, price and deadline; the dates set for a forum; the asker's own network meeting.
They say they come from KL's current plans, so they are never mistaken for the seeds' wording."""
from __future__ import annotations

from datetime import datetime

from bot.answers.facts import Facts, MeetingFact, NetworkFact, SessionFact
from bot.answers.intent import Intent
from bot.catalogue.schema import EnrolmentKind, Offer
from bot.clock import clock_text, day_text, local, moment_text

NETWORK_OFFER = "borgmesternetvaerk"
_MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
              "November", "December")
_WEEKDAYS_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _day(moment: datetime, language: str) -> str:
    if language != "en":
        return day_text(moment)
    at = local(moment)
    return f"{_WEEKDAYS_EN[at.weekday()]} {at.day} {_MONTHS_EN[at.month - 1]} {at.year}"


def _moment(moment: datetime, language: str) -> str:
    return f"{_day(moment, language)}, {clock_text(moment)}" if language == "en" else moment_text(moment)


def _session(fact: SessionFact, language: str) -> str:
    en = language == "en"
    when = f"{_moment(fact.starts_at, language)}–{clock_text(fact.ends_at)}"
    where = fact.where or "online"
    if fact.seats_left:
        seats = (f"{fact.seats_left} seat{'s' if fact.seats_left != 1 else ''} left" if en
                 else f"{fact.seats_left} ledig{'e' if fact.seats_left != 1 else ''} plads{'er' if fact.seats_left != 1 else ''}")
    else:
        seats = (f"full, {fact.waitlisted} on the waiting list" if en
                 else f"fuldt, {fact.waitlisted} på venteliste")
    extra = []
    if fact.fee:
        extra.append(f"{'price' if en else 'pris'} {fact.fee}")
    if fact.deadline:
        extra.append(f"{'deadline' if en else 'tilmeldingsfrist'} {_day(fact.deadline, language)}")
    return f"• {when}, {where}: {seats}" + (f" ({'; '.join(extra)})" if extra else "")


def _sessions_lines(sessions: list[SessionFact], language: str) -> list[str]:
    head = "Next dates (KL's current plan):" if language == "en" else "Næste datoer (KL's aktuelle plan):"
    tail = "Press Tilmeld to sign up." if language == "en" else "Tryk Tilmeld for at tilmelde dig."
    return [head, *(_session(s, language) for s in sessions), tail]


def _meeting(fact: MeetingFact, language: str) -> str:
    return f"{_moment(fact.starts_at, language)}, {fact.place}"


def _forum_lines(meetings: list[MeetingFact], language: str) -> list[str]:
    head = "Next meetings set by KL:" if language == "en" else "Næste møder, som KL har fastsat:"
    return [head, *(f"• {_meeting(m, language)}" for m in meetings)]


def _network_lines(networks: list[NetworkFact], language: str) -> list[str]:
    en = language == "en"
    if not networks:
        return ["You are not in a mayors' network yet." if en else "Du er ikke med i et borgmesternetværk endnu."]
    lines = []
    for network in networks:
        if network.next_meeting is None:
            lines.append(f"Your network »{network.name}« has no next meeting set yet." if en
                         else f"Dit netværk »{network.name}« har ikke fået fastsat sit næste møde endnu.")
        else:
            meeting = _meeting(network.next_meeting, language)
            lines.append(f"Your network »{network.name}« meets next on {meeting}." if en
                         else f"Dit netværk »{network.name}« mødes næste gang {meeting}.")
    return lines


def live_lines(offer: Offer, intent: Intent, facts: Facts | None, language: str) -> list[str]:
    """What the database adds to an answer about `offer` (nothing without facts)."""
    if facts is None:
        return []
    if offer.id == NETWORK_OFFER:
        networks = facts.own_networks()
        return _network_lines(networks, language) if networks is not None else []
    if offer.enrolment.kind is EnrolmentKind.SESSION:
        sessions = facts.sessions(offer.id)
        if sessions:
            return _sessions_lines(sessions, language)
    meetings = facts.forum_meetings(offer.id)
    if meetings and intent in (Intent.WHEN, Intent.WHAT):
        return _forum_lines(meetings, language)
    return []
