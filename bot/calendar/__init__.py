"""Calendar files for meetings and sessions."""
