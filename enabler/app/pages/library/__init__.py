"""Marketing's Library page: browse, detail, review, history, glossary."""
