"""Borgmesterbot: KL's and Komponent's offers to Danish mayors, where mayors already talk."""
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
