"""SQLite store: schema, migrations and repositories (sqlite-utils)."""
