"""The Prospects page: records, committee, insights."""
