"""How text is folded before words are matched: the one place to change it.

Inference rules and the navigator's keyword tables match on folded text, so サロン, ｻﾛﾝ and
さろん, or ＬＩＮＥ and line, are the same word. When the search normaliser
(``tsunagari.search.normalise``) lands, ``fold`` should call it so that a word means the
same in search, inference and the navigator."""

from __future__ import annotations

import unicodedata

import jaconv


def fold(text: str) -> str:
    """NFKC (full/half width), case-folded, katakana as hiragana."""
    return jaconv.kata2hira(unicodedata.normalize("NFKC", text).casefold())
