"""CRM exports understood: formats, columns, values, dates and the import plan (pure)."""
