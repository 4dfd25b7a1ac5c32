"""Keywords that recommendations match pains and insights on."""

from __future__ import annotations

from enabler.domain.recommend.keywords import keywords
from enabler.domain.recommend.signals import Clue


class DescribeKeywords:
    def it_matches_word_forms_and_british_spellings(self):
        assert keywords("Prior authorisation requests") == keywords("prior authorization request")
        assert "claim" in keywords("Claims")

    def it_drops_stop_words_numbers_and_short_words(self):
        assert keywords("We need to cut 35% of the time it takes") == {"cut"}

    def it_names_the_shared_words_once_each_in_order(self):
        stems = keywords("fewer claims, intake of claims")
        clue = Clue.of("a pain", "Claim denials from intake; claims")
        assert clue.shared_words(stems) == ["claim", "intake"]
