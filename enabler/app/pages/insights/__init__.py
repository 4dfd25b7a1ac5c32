"""The Insights page: usage, win rates, team figures and research."""
