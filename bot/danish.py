"""Danish counted nouns: "1 plads", "2 pladser", "0 pladser". Every text that puts a number
before a noun goes through ``count``, so the noun agrees with the number."""
from __future__ import annotations


def count(number: int, singular: str, plural: str) -> str:
    return f"{number} {singular if number == 1 else plural}"


def age_text(days: int, hours: int) -> str:
    """How long something has waited, in the largest whole unit: "3 dage", "1 time", "under en time"."""
    if days:
        return count(days, "dag", "dage")
    if hours:
        return count(hours, "time", "timer")
    return "under en time"
