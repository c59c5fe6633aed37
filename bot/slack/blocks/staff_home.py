"""The App Home tab for KL's staff: what waits for them, in the same tab mayors use for their own
overview. Upcoming dates with seats taken / capacity and the waitlist, the open work items (requests,
unanswered questions, failed deliveries) with their age, the people waiting for approval with
theirs (from the directory, so someone approved by the import is gone at once), and the
scheduled and recent broadcasts with their figures."""
from __future__ import annotations

from datetime import datetime

from slack_sdk.models.blocks import Block, ContextBlock, DividerBlock, HeaderBlock, MarkdownTextObject

from bot.broadcast.report import summary_line
from bot.clock import utcnow
from bot.danish import age_text, count
from bot.services import Services
from bot.slack.blocks.layout import section
from bot.slack.blocks.staffdesk import KIND_NAMES
from bot.slack.blocks.text import escape
from bot.storage.models.staff import ItemKind

SESSIONS_SHOWN = 15
ITEMS_SHOWN = 25
PENDING_SHOWN = 25
BROADCASTS_SHOWN = 8


def _age(since: datetime, now: datetime) -> str:
    waited = now - since
    return age_text(waited.days, waited.seconds // 3600)


def _sessions(services: Services) -> list[Block]:
    every = services.sessions.list()
    blocks: list[Block] = [HeaderBlock(text="Kommende datoer")]
    if not every:
        return [*blocks, section("Ingen kommende datoer. Opret en med /deltagere og tilbuddets navn.")]
    lines = [
        f"• *{escape(s.name)}* {escape(s.when)}: {s.taken} af {count(s.capacity, 'plads', 'pladser')} taget"
        + (f", {s.waitlisted} på venteliste" if s.waitlisted else "")
        for s in every[:SESSIONS_SHOWN]
    ]
    blocks.append(section("\n".join(lines), markup=True))
    if len(every) > SESSIONS_SHOWN:
        rest = f"Viser de {SESSIONS_SHOWN} første af {count(len(every), 'dato', 'datoer')}; alle står i /deltagere og tilbuddets navn eller i borgmesterbot sessions list."
        blocks.append(ContextBlock(elements=[MarkdownTextObject(text=rest)]))
    return blocks


def _items(services: Services, now: datetime) -> list[Block]:
    items = [item for item in services.desk.open_items() if item.kind is not ItemKind.PERSON]
    blocks: list[Block] = [HeaderBlock(text="Åbne sager")]
    if not items:
        return [*blocks, section("Ingen åbne sager.")]
    lines = []
    for item in items[:ITEMS_SHOWN]:
        who = f", hos {escape(item.assignee_name)}" if item.assignee_name else ", ingen har taget den"
        lines.append(f"• {KIND_NAMES[item.kind]}: *{escape(item.title)}* (venter {_age(item.created_at, now)}{who})")
    blocks.append(section("\n".join(lines), markup=True))
    if len(items) > ITEMS_SHOWN:
        blocks.append(ContextBlock(elements=[MarkdownTextObject(text=f"Viser de {ITEMS_SHOWN} ældste af {len(items)}; resten står i kanalen for medarbejdere (eller jeres DM fra botten).")]))
    return blocks


def _pending(services: Services, now: datetime) -> list[Block]:
    claims = services.approvals.pending()
    blocks: list[Block] = [HeaderBlock(text="Afventer godkendelse")]
    if not claims:
        return [*blocks, section("Ingen venter på godkendelse.")]
    lines = []
    for claim in claims[:PENDING_SHOWN]:
        member = claim.member
        role = f"{member.role_name} i {member.municipality}" if member.municipality else member.role_name
        sitting = f"; {member.municipality} har allerede {claim.sitting_mayor}" if claim.sitting_mayor else ""
        lines.append(f"• *{escape(member.name)}*, {escape(role)} (venter {_age(claim.since, now)}{escape(sitting)})")
    blocks.append(section("\n".join(lines), markup=True))
    notes = ["Godkend eller afvis med knapperne på sagen i kanalen for medarbejdere (eller i jeres DM fra botten, når der ingen kanal er)."]
    if len(claims) > PENDING_SHOWN:
        notes.insert(0, f"Viser de {PENDING_SHOWN} ældste af {len(claims)}; alle står i borgmesterbot members pending.")
    blocks.append(ContextBlock(elements=[MarkdownTextObject(text=note) for note in notes]))
    return blocks


def _broadcasts(services: Services) -> list[Block]:
    rows = services.broadcasts.all_figures(limit=BROADCASTS_SHOWN)
    blocks: list[Block] = [HeaderBlock(text="Udsendelser")]
    if not rows:
        return [*blocks, section("Ingen udsendelser endnu. Lav en med /udsend.")]
    return [*blocks, section("\n".join(f"• {escape(summary_line(f))}" for f in rows), markup=True)]


def staff_section(services: Services, user_id: str) -> list[Block]:
    """Empty for anyone who is not staff: mayors keep their own Home."""
    if not services.staff.is_staff(user_id):
        return []
    now = utcnow()
    return [
        DividerBlock(), *_items(services, now), DividerBlock(), *_pending(services, now), DividerBlock(), *_sessions(services),
        DividerBlock(), *_broadcasts(services),
    ]
