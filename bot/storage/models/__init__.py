"""Every table of the bot; importing this package registers them all on Base.metadata."""
from bot.storage.models.broadcast import Acknowledgement, Broadcast, BroadcastAudit, OutboxMessage
from bot.storage.models.catalogue import CatalogueVersion, OfferConfirmation, StaleOfferNotice
from bot.storage.models.conversations import ConversationTopic
from bot.storage.models.enrolment import Enrolment, OfferRequest, OfferSession
from bot.storage.models.feedback import QuestionLog
from bot.storage.models.inbound import HandledEvent
from bot.storage.models.members import Member, Network, NetworkMember, Role
from bot.storage.models.praktik import PraktikOptIn, PraktikPair, PraktikRound
from bot.storage.models.reminders import HotlineOptOut, Meeting, ReminderDelivery, ReminderSettings
from bot.storage.models.rhythm import HostTurn
from bot.storage.models.staff import AuditEntry, WorkItem, WorkItemMessage

__all__ = [
    "Acknowledgement",
    "AuditEntry",
    "Broadcast",
    "BroadcastAudit",
    "CatalogueVersion",
    "ConversationTopic",
    "Enrolment",
    "HandledEvent",
    "HostTurn",
    "HotlineOptOut",
    "Meeting",
    "Member",
    "Network",
    "NetworkMember",
    "OfferConfirmation",
    "OutboxMessage",
    "OfferRequest",
    "OfferSession",
    "PraktikOptIn",
    "PraktikPair",
    "PraktikRound",
    "QuestionLog",
    "ReminderDelivery",
    "ReminderSettings",
    "Role",
    "StaleOfferNotice",
    "WorkItem",
    "WorkItemMessage",
]
