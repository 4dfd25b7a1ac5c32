"""Marketing's library: views, governance, revisions, authoring, glossary."""
