"""The broadcast domain's fixtures (a seeded directory, the broadcast service), since the person
to export and forget is a mayor who received, read and wrote broadcasts."""
from tests.broadcast.conftest import broadcasts, catalogue, clock, make_broadcasts, seeded  # noqa: F401
