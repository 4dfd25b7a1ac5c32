"""The bundled demo library, loaded idempotently."""
