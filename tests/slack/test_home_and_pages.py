"""The Home tab (views.publish on app_home_opened) and Slack's block limits: a catalogue longer
than a message or a Home tab allows is paginated, never rejected."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.resources import packaged_path
from tests.slack_harness.fake_slack import ApiCall, FakeSlack
from tests.slack_harness.fixtures import RunningSlackApp
from tests.slack_harness.signed_requests import SlackRequests


def _listed(blocks: list[dict[str, Any]]) -> list[str]:
    return [b["block_id"].split(":", 1)[1] for b in blocks if b.get("block_id", "").startswith("offer-line:")]


def _published(call: ApiCall) -> list[dict[str, Any]]:
    return call.args["view"]["blocks"]


def test_home_shows_the_catalogue_by_group(slack: SlackRequests, fake_slack: FakeSlack, slack_app: RunningSlackApp) -> None:
    assert slack.app_home_opened(user="U0ANNA").status == 200
    [published] = fake_slack.wait_for("views.publish")
    catalogue = slack_app.services.catalogue.current
    assert published.args["user_id"] == "U0ANNA" and published.args["view"]["type"] == "home"
    blocks = _published(published)
    assert len(blocks) <= 100
    assert _listed(blocks) == [o.id for g in catalogue.groups for o in catalogue.in_group(g.id)]
    headers = [b["text"]["text"] for b in blocks if b["type"] == "header"]
    for group in catalogue.groups:
        assert any(h.startswith(group.title) for h in headers), group.title


def test_the_messages_tab_publishes_nothing(slack: SlackRequests, fake_slack: FakeSlack) -> None:
    slack.app_home_opened(tab="messages")
    fake_slack.assert_no_call("views.publish", within=0.4)


class TestALongCatalogue:
    """Four times the catalogue: 104 offers, more than one message or Home tab can hold."""

    @pytest.fixture
    def slack_offers_path(self, tmp_path: Path) -> Path:
        data = yaml.safe_load((packaged_path("offers.yaml")).read_text(encoding="utf-8"))
        originals = data["offers"]
        data["offers"] = [{**o, "id": f"{o['id']}-{n}" if n else o["id"]} for o in originals for n in range(4)]
        path = tmp_path / "offers-long.yaml"
        path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        return path

    def test_tilbud_is_split_into_messages_within_the_limit(self, slack: SlackRequests, fake_slack: FakeSlack, slack_app: RunningSlackApp) -> None:
        slack.command("/tilbud")
        catalogue = slack_app.services.catalogue.current
        expected = [o.id for g in catalogue.groups for o in catalogue.in_group(g.id)]
        replies = fake_slack.wait_for("response_url", count=3)
        assert all(len(r.blocks) <= 50 and r.ok for r in replies)
        assert [o for r in replies for o in _listed(r.blocks)] == expected
        assert "fortsat, 2/" in replies[1].args["text"]

    def test_home_pages_through_the_catalogue(self, slack: SlackRequests, fake_slack: FakeSlack, slack_app: RunningSlackApp) -> None:
        catalogue = slack_app.services.catalogue.current
        expected = [o.id for g in catalogue.groups for o in catalogue.in_group(g.id)]
        slack.app_home_opened()
        [first] = fake_slack.wait_for("views.publish")
        seen, call = [], first
        for page in range(1, 10):
            blocks = _published(call)
            assert len(blocks) <= 100
            seen += _listed(blocks)
            following = [e for b in blocks for e in b.get("elements", []) if e.get("type") == "button" and e["text"]["text"] == "Næste ▶"]
            if not following:
                break
            slack.block_action("home_page", following[0]["value"], channel=None, view={"type": "home"})
            call = fake_slack.wait_for("views.publish", count=page + 1)[-1]
        assert seen == expected
        assert len(fake_slack.calls("views.publish")) >= 2
