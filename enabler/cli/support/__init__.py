"""Shared pieces of the command line: options, messages, output helpers."""
