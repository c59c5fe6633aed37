"""The App Home tab, built from a list of section builders.

A section builder takes the services and the Slack user id and returns its blocks (empty when
it has nothing to show). Features add theirs to ``SECTIONS`` (e.g. "Mine tilmeldinger",
"Næste møder" before the catalogue). Past Slack's 100 blocks the tab is split into pages with
Forrige/Næste buttons.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ContextBlock,
    DividerBlock,
    HeaderBlock,
    MarkdownTextObject,
)
from slack_sdk.models.views import View

from bot.clock import utcnow
from bot.services import Services
from bot.slack.blocks.catalogue import catalogue_blocks, staff_catalogue_blocks
from bot.slack.blocks.enrolment import mine_section
from bot.slack.blocks.layout import section
from bot.slack.blocks.pages import VIEW_BLOCKS, paginate
from bot.slack.blocks.reminders import upcoming_section
from bot.slack.blocks.staff_home import staff_section

HomeSection = Callable[[Services, str], Sequence[Block]]
PAGE_ACTION = "home_page"

WELCOME = (
    "Spørg mig om KL's og Komponents tilbud til borgmestre – skriv under fanen *Beskeder*, eller nævn "
    "mig i en kanal. Skriv »hjælp« for at se, hvad jeg kan. /hotline giver KL's hotline om chikane og trusler."
)


def welcome_section(_services: Services, _user_id: str) -> list[Block]:
    return [HeaderBlock(text="Borgmesterbot"), section(WELCOME, markup=True)]


def catalogue_section(services: Services, user_id: str) -> list[Block]:
    """For staff, the catalogue as their worklist (Ret, Bekræft uændret, Nyt tilbud)."""
    snapshot = services.catalogue.snapshot
    catalogue = snapshot.catalogue
    if services.staff.is_staff(user_id):
        months = services.settings.catalogue_confirm_months
        return [DividerBlock(), HeaderBlock(text="Kataloget (for KL)"), *staff_catalogue_blocks(snapshot, utcnow(), months)]
    return [
        DividerBlock(),
        HeaderBlock(text="Katalogets tilbud"),
        ContextBlock(elements=[MarkdownTextObject(text=f"{len(catalogue.offers)} tilbud fra KL og Komponent.")]),
        *catalogue_blocks(catalogue),
    ]


SECTIONS: list[HomeSection] = [welcome_section, staff_section, mine_section, upcoming_section, catalogue_section]


def _navigation(page: int, pages: int) -> ActionsBlock:
    buttons = []
    if page > 0:
        buttons.append(ButtonElement(text="◀ Forrige", action_id=PAGE_ACTION, value=str(page - 1)))
    if page < pages - 1:
        buttons.append(ButtonElement(text="Næste ▶", action_id=PAGE_ACTION, value=str(page + 1)))
    return ActionsBlock(block_id="home-pages", elements=buttons)


def home_view(services: Services, user_id: str, page: int = 0, sections: Sequence[HomeSection] | None = None) -> View:
    blocks = [block for section in (SECTIONS if sections is None else sections) for block in section(services, user_id)]
    if len(blocks) <= VIEW_BLOCKS:
        return View(type="home", blocks=blocks)
    pages = paginate(blocks, VIEW_BLOCKS - 2)
    page = min(max(page, 0), len(pages) - 1)
    heading = ContextBlock(elements=[MarkdownTextObject(text=f"Side {page + 1} af {len(pages)}")])
    return View(type="home", blocks=[heading, *pages[page], _navigation(page, len(pages))])
