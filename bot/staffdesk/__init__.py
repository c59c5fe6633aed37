"""KL's staff desk: the audit log of staff actions and the work queue (requests, unanswered
questions, people waiting for approval, failed deliveries) that staff take, answer and close.
No Slack here: the adapter attaches a StaffBoard that shows the items."""
from bot.staffdesk.audit import Action, AuditLog, AuditRow
from bot.staffdesk.board import StaffBoard, StaffMessage
from bot.staffdesk.desk import ItemDraft, ItemView, StaffDesk, Staffer

__all__ = [
    "Action",
    "AuditLog",
    "AuditRow",
    "ItemDraft",
    "ItemView",
    "StaffBoard",
    "StaffDesk",
    "StaffMessage",
    "Staffer",
]
