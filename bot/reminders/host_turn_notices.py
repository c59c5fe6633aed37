"""The DMs a host turn sends: the ask ("Du er vært for netværkets møde i 2. kvartal") with the
buttons to pick the date, pass the role on or ask KL, and the one reminder. They are reminders
in the delivery log (keys ``host_turn:<id>:<asked at>:ask|reminder``), so each goes out once,
never in the quiet hours, and not at all once the turn is answered."""
from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from bot.notify import Notice, NoticeButton
from bot.reminders.policy import ReminderPolicy
from bot.reminders.rhythm import TurnView, turn_view
from bot.storage.models.rhythm import HostTurn, TurnState

HOST_CHOOSE_ACTION = "host_turn_choose"
HOST_PASS_ACTION = "host_turn_pass"
HOST_KL_ACTION = "host_turn_kl"
ASK, REMINDER = "ask", "reminder"
LOOKBACK = timedelta(days=120)


def host_turn_key(turn_id: int, asked_at: datetime, stage: str) -> str:
    return f"host_turn:{turn_id}:{asked_at:%Y%m%dT%H%M%S}:{stage}"


def open_turns(session: Session, now: datetime) -> list[HostTurn]:
    return list(session.scalars(
        select(HostTurn).where(HostTurn.state == TurnState.ASKED, HostTurn.asked_at > now - LOOKBACK).options(joinedload(HostTurn.network))
    ))


def turn_stages(turn: HostTurn, policy: ReminderPolicy) -> Iterator[tuple[str, datetime, datetime]]:
    """(key, when it is due, until when it may go) for the ask and the reminder."""
    closes = turn_view(turn).period.ends_at
    yield host_turn_key(turn.id, turn.asked_at, ASK), policy.quiet.place(turn.asked_at, closes), closes
    yield host_turn_key(turn.id, turn.asked_at, REMINDER), policy.quiet.place(turn.asked_at + policy.host_reminder_after, closes), closes


def host_turn_notice(view: TurnView, stage: str) -> Notice:
    buttons = (
        NoticeButton("Vælg dato", HOST_CHOOSE_ACTION, value=str(view.id), primary=True),
        NoticeButton("Giv rollen videre", HOST_PASS_ACTION, value=str(view.id)),
        NoticeButton("Spørg KL", HOST_KL_ACTION, value=str(view.id)),
    )
    title = f"Du er vært for netværkets møde i {view.period.name}"
    text = (
        f"Det er din tur til at være vært for {view.network_name}s møde i {view.period.name} ({view.period.span_text}). "
        "Vælg dato, tid og sted, og skriv gerne en dagsorden; så får alle i netværket invitationen med en kalenderfil. "
        "Kan du ikke denne gang, så giv rollen videre til den næste i rækken, eller spørg KL."
    )
    if stage == REMINDER:
        title = f"Påmindelse: {title[0].lower()}{title[1:]}"
        text = f"Du har endnu ikke valgt en dato. {text}"
    return Notice(text=text, title=title, facts=(("Netværk", view.network_name), ("Periode", view.period.span_text)), buttons=buttons)


def turn_letter_notice(session: Session, turn_id: int, key: str) -> Notice | None:
    """What a due host-turn reminder says, or None once the turn is answered or replaced."""
    turn = session.get(HostTurn, turn_id)
    if turn is None or turn.state is not TurnState.ASKED or host_turn_key(turn.id, turn.asked_at, key.rsplit(":", 1)[-1]) != key:
        return None
    return host_turn_notice(turn_view(turn), key.rsplit(":", 1)[-1])
