"""How text is folded before words are matched: the one place to change it.

Inference rules and the navigator's keyword tables match on folded text, so サロン, ｻﾛﾝ and
さろん, or ＬＩＮＥ and line, are the same word — folded by the search normaliser
(``tsunagari.search.normalise``), so a word means the same in search, inference and the
navigator."""

from __future__ import annotations

from tsunagari.search.normalise import fold_letters


def fold(text: str) -> str:
    """NFKC (full/half width), lower case, katakana as hiragana — the search normaliser's
    letter folding. Synonyms and separators are left alone: the rule tables are written
    with the words and punctuation residents and publishers use."""
    return fold_letters(text)
