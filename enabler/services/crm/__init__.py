"""CRM import use cases: read exports, map stages, plan and apply."""
