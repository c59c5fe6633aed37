"""The App Home tab for KL's staff: what waits for them, in the same tab mayors use for their own
overview. Upcoming dates with seats taken / capacity and the waitlist, the open work items (requests,
unanswered questions, people waiting for approval, failed deliveries) with their age, and the
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
from bot.staffdesk import ItemView

SESSIONS_SHOWN = 15
ITEMS_SHOWN = 25
BROADCASTS_SHOWN = 8


def _age(item: ItemView, now: datetime) -> str:
    waited = now - item.created_at
    return age_text(waited.days, waited.seconds // 3600)


def _sessions(services: Services) -> list[Block]:
    sessions = services.sessions.list()[:SESSIONS_SHOWN]
    blocks: list[Block] = [HeaderBlock(text="Kommende datoer")]
    if not sessions:
        return [*blocks, section("Ingen kommende datoer. Opret en med /deltagere og tilbuddets navn.")]
    lines = [
        f"• *{escape(s.name)}* {escape(s.when)}: {s.taken} af {count(s.capacity, 'plads', 'pladser')} taget"
        + (f", {s.waitlisted} på venteliste" if s.waitlisted else "")
        for s in sessions
    ]
    return [*blocks, section("\n".join(lines), markup=True)]


def _items(services: Services, now: datetime) -> list[Block]:
    items = services.desk.open_items()
    blocks: list[Block] = [HeaderBlock(text="Åbne sager")]
    if not items:
        return [*blocks, section("Ingen åbne sager.")]
    lines = []
    for item in items[:ITEMS_SHOWN]:
        who = f", hos {escape(item.assignee_name)}" if item.assignee_name else ", ingen har taget den"
        lines.append(f"• {KIND_NAMES[item.kind]}: *{escape(item.title)}* (venter {_age(item, now)}{who})")
    blocks.append(section("\n".join(lines), markup=True))
    if len(items) > ITEMS_SHOWN:
        blocks.append(ContextBlock(elements=[MarkdownTextObject(text=f"Viser de {ITEMS_SHOWN} ældste af {len(items)}; resten står i kanalen for medarbejdere.")]))
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
    return [DividerBlock(), *_items(services, now), DividerBlock(), *_sessions(services), DividerBlock(), *_broadcasts(services)]
