"""Storage: SQLAlchemy 2.x models, engine/session set-up and Alembic migrations."""
