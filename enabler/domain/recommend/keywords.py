"""Keywords of a text, for matching pains and insights against module text (pure).

Words are lower-cased, stop words and numbers dropped, British -isation spellings folded into
-ization, and each word reduced to its Snowball (Porter 2) stem, so "claim denials" matches
"Fewer denied claims" through "claim" and "denial"/"deni"… as far as stems agree.
"""

from __future__ import annotations

import functools
import re

import snowballstemmer

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_BRITISH = re.compile(r"is(ation|ations|ing|ed|es)$")

# Common English words plus words so frequent in sales copy that they match everything.
_STOP_TEXT = """
    a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing down during each few for from
    further had has have having he her here hers him his how i if in into is it its itself just
    me more most my no nor not now of off on once only or other our ours out over own same she
    should so some such than that the their theirs them then there these they this those
    through to too under until up very was we were what when where which while who whom why will
    with would you your yours via per vs across within without us get gets got make makes made
    new one two three many much every still yet ever
    data team teams work year years month months day days week weeks time times today people
    company companies business customer customers need needs want wants way ways use used using
    help helps thing things lot lots part parts
    first second third fourth fifth four five six seven eight nine ten hundred thousand million
    half offer offered offers ask asked asks take takes taking took like liked likes add added
    adds high higher low lower average averaging run ran runs say said says tell told show showed
    shows see saw seen look looked give gave goes went come came call called keep kept put set
    sets let lets try tried start started end ended well good better best great big small large
    long short next last near back even really already around able
    """
STOP_WORDS = frozenset(_STOP_TEXT.split())

_STEMMER = snowballstemmer.stemmer("english")


@functools.lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The stem of one lower-case word."""
    return _STEMMER.stemWord(_BRITISH.sub(r"iz\1", word))


def words(text: str) -> list[str]:
    """The significant lower-case words of `text`, in order (before stemming)."""
    return [w for w in _WORD.findall(text.casefold()) if len(w) > 2 and w not in STOP_WORDS]


def keywords(text: str) -> frozenset[str]:
    """The set of stems of the significant words in `text`."""
    return frozenset(stem(w) for w in words(text))
