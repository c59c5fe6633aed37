"""Every table of the bot; importing this package registers them all on Base.metadata."""
from bot.storage.models.broadcast import Acknowledgement, Broadcast, BroadcastAudit, OutboxMessage
from bot.storage.models.enrolment import Enrolment, OfferRequest, OfferSession
from bot.storage.models.feedback import QuestionLog
from bot.storage.models.inbound import HandledEvent
from bot.storage.models.members import Member, Network, NetworkMember, Role

__all__ = [
    "Acknowledgement",
    "Broadcast",
    "BroadcastAudit",
    "Enrolment",
    "HandledEvent",
    "Member",
    "Network",
    "NetworkMember",
    "OutboxMessage",
    "OfferRequest",
    "OfferSession",
    "QuestionLog",
    "Role",
]
