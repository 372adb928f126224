"""Keyword search over Chinese text on a stock PostgreSQL (no zhparser) and on SQLite: one rule for every search box
that matches a denormalised `search_text` column (公开职位搜索, 网站资讯, the site search).

pg_trgm takes CJK characters as word characters (C.UTF-8 ctype), but a two-character word — most Chinese search
words (会计, 销售, 武汉) — yields no trigram, so `search_key` puts a rare letter (SEP) between adjacent CJK
characters in the stored text AND in the keyword: "会计" becomes "会ǀ计", a whole trigram a GIN `gin_trgm_ops`
index can use for `LIKE '%会ǀ计%'`. Single characters still scan. SQLite runs the same LIKE without an index.
"""

import re

SEP = "\u01c0"  # ǀ: a letter to pg_trgm (so it stays inside the word), never typed in real text
MAX_WORDS = 5
_CJK = "\u3400-\u9fff\uf900-\ufaff"
_BETWEEN_CJK = re.compile(f"(?<=[{_CJK}])(?=[{_CJK}])")


def search_key(text):
    """Lower-cased text with SEP between adjacent CJK characters (stored and searched the same way)."""
    return _BETWEEN_CJK.sub(SEP, (text or "").lower().replace(SEP, ""))


def keyword_words(value):
    """The search keys of the first MAX_WORDS words of a search box."""
    return [search_key(w) for w in (value or "").split() if w][:MAX_WORDS]
