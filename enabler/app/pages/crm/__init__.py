"""The CRM import wizard."""
