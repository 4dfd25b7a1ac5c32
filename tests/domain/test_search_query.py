"""The search box language and its safe translation to FTS5."""

from __future__ import annotations

import sqlite3

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from enabler.domain.search_query import parse
from enabler.errors import InvalidInput


class DescribeParse:
    @pytest.mark.parametrize(
        ("text", "fts"),
        [
            ("claims", '("claims")'),
            ("prior auth", '("prior" AND "auth")'),
            ('"prior auth" denials', '("prior auth" AND "denials")'),
            ("automat*", '("automat"*)'),
            ('"prior au"*', '("prior au"*)'),
            ("claims OR kyc", '("claims") OR ("kyc")'),
            ("claims -healthcare", '(("claims")) NOT ("healthcare")'),
            ("claims NOT healthcare AND fax", '(("claims" AND "fax")) NOT ("healthcare")'),
            ("title:x NEAR(a b) ^y", '("title:x" AND "NEAR(a" AND "b)" AND "^y")'),
            ('say ""hi', '("say" AND "hi")'),
        ],
    )
    def it_quotes_every_word(self, text, fts):
        assert parse(text).fts() == fts

    def it_returns_none_when_there_is_nothing_to_look_for(self):
        assert parse("") is None
        assert parse("   ") is None

    @pytest.mark.parametrize(
        ("text", "message"),
        [
            ('"unclosed', "closing one"),
            ("-claims", "besides the ones you exclude"),
            ("OR claims", "OR needs a word"),
            ("claims OR", "OR needs a word"),
            ("claims NOT", "put the word to exclude"),
            ("*", "must follow a word"),
            ("x" * 600, "too long"),
            (" ".join(["w"] * 40), "too many words"),
        ],
    )
    def it_explains_mistakes(self, text, message):
        with pytest.raises(InvalidInput, match=message):
            parse(text)

    @settings(max_examples=300, deadline=None)
    @given(st.text(alphabet=st.sampled_from(list('ab é"*-():^+ORNTAD')), max_size=30))
    def it_gives_valid_fts5_or_a_friendly_message(self, text):
        conn = sqlite3.connect(":memory:")
        conn.execute("CREATE VIRTUAL TABLE t USING fts5(a)")
        conn.execute("INSERT INTO t VALUES ('some text')")
        try:
            parsed = parse(text)
        except InvalidInput:
            return
        if parsed is not None:
            conn.execute("SELECT * FROM t WHERE t MATCH ?", [parsed.fts()]).fetchall()
