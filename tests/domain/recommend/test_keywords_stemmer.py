"""Keywords are stemmed by the C Snowball library when it is installed, with the same stems."""

from __future__ import annotations

import re
from pathlib import Path

from snowballstemmer.english_stemmer import EnglishStemmer

from enabler.domain.recommend import keywords

ROOT = Path(__file__).resolve().parents[3]


class DescribeStemmer:
    def it_uses_the_c_stemmer(self):
        assert type(keywords._STEMMER).__module__ == "Stemmer"

    def it_gives_the_pure_python_snowball_stems(self):
        pure = EnglishStemmer()
        text = " ".join(p.read_text(encoding="utf-8") for p in (ROOT / "enabler").rglob("*.py"))
        words = sorted(set(re.findall(r"[^\W\d_]+", text.casefold())))
        assert len(words) > 2000
        for word in words:
            assert keywords.stem(word) == pure.stemWord(keywords._BRITISH.sub(r"iz\1", word)), word
