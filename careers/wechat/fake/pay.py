"""See server.py."""
