"""Dataclasses and pure rules. No I/O, no Qt."""
