"""Every table of the bot; importing this package registers them all on Base.metadata."""
from bot.storage.models.enrolment import Enrolment, OfferRequest, OfferSession
from bot.storage.models.feedback import QuestionLog
from bot.storage.models.inbound import HandledEvent
from bot.storage.models.members import Member, Network, NetworkMember, Role

__all__ = [
    "Enrolment",
    "HandledEvent",
    "Member",
    "Network",
    "NetworkMember",
    "OfferRequest",
    "OfferSession",
    "QuestionLog",
    "Role",
]
