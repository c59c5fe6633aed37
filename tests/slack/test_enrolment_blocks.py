"""The enrolment Block Kit within Slack's limits, with what people typed kept as text."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from bot.catalogue.store import CatalogueStore
from bot.enrolment.results import OfferRoster, Participant, SessionRoster, SessionView
from bot.resources import packaged_path
from bot.slack.blocks.enrolment import roster_blocks, session_modal
from bot.storage.models.enrolment import Audience, EnrolmentStatus

CATALOGUE = CatalogueStore(packaged_path("offers.yaml")).current
START = datetime(2099, 3, 5, 9, tzinfo=timezone.utc)
VIEW = SessionView(
    id=7, offer_id="modeledelse", offer_title="Mødeledelse", title=None, starts_at=START, ends_at=START + timedelta(hours=2),
    place="<!channel> Rådhuset", online=False, capacity=120, fee=None, deadline=None, audience=Audience.ALL,
    cancelled=False, taken=120, waitlisted=0,
)


def test_a_long_roster_is_split_and_nobody_is_lost() -> None:
    people = tuple(
        Participant(name=f"Borgmester nr. {i} med et ret langt navn", slack_user_id=f"U{i:04d}", municipality="Lyngby-Taarbæk",
                    status=EnrolmentStatus.ENROLLED, position=None, since=START)
        for i in range(120)
    )
    blocks = [b.to_dict() for b in roster_blocks(OfferRoster(CATALOGUE.get("modeledelse"), (SessionRoster(VIEW, people),)))]
    texts = [b["text"]["text"] for b in blocks if b["type"] == "section" and "text" in b]
    assert all(len(t) <= 3000 for t in texts)
    joined = "\n".join(texts)
    assert all(f"Borgmester nr. {i} med" in joined for i in range(120))
    assert "<!channel>" not in joined and "&lt;!channel&gt; Rådhuset" in joined


def test_the_session_form_edits_what_is_there() -> None:
    view = session_modal(CATALOGUE, current=VIEW).to_dict()
    assert len(view["title"]["text"]) <= 24
    elements = {b["block_id"]: b["element"] for b in view["blocks"]}
    assert elements["date"]["initial_date"] == "2099-03-05" and elements["start"]["initial_time"] == "10:00"
    assert elements["offer_id"]["initial_option"]["value"] == "modeledelse"
    assert all(o["value"] in {x.id for x in CATALOGUE.offers if x.enrolment.kind == "session"} for o in elements["offer_id"]["options"])
    assert elements["capacity"]["initial_value"] == "120"
