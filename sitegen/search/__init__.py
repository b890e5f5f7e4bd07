"""Search: every article indexed by Pagefind as a stream of ASCII tokens that Pagefind cannot mis-split.

- records.py: the article as search sees it (SearchDoc), made from the archive;
- tokens.py: normalising and tokenising text (ideograph bigrams, ASCII words);
- shards.py: the articles cut into shards by period, so that no Pagefind run outgrows memory;
- pagefind.py: the shadow pages of tokens that the standard Pagefind binary indexes, and running it;
- pf_format.py: Pagefind's file format, rewritten in sorted order so builds are reproducible;
- bundle.py: each shard's bundle (cached by its articles' hash) and the shards joined into pagefind/;
- browser.py: the constants static/search-core.js gets from the page instead of copying them.

In the browser, static/search-core.js tokenises a query the same way, asks Pagefind for its tokens
in every shard, keeps pages where they sit in place, and checks the text as printed (sitegen-docs)
for the excerpt and a final substring match. static/search-page.js is the search page's UI.
"""
from __future__ import annotations

from .browser import first_files, highlight_data, search_data
from .bundle import (BUNDLE_DIR, RUNTIME, SHARDS_NAME, DocsWanted, Joined, articles_to_index,
                     build_search_index, hand_over, index_articles, index_handed_over, log_like_parent)
from .records import DocStub, SearchDoc, doc_digest, search_docs, stub_of

__all__ = ["BUNDLE_DIR", "RUNTIME", "SHARDS_NAME", "DocStub", "DocsWanted", "Joined", "SearchDoc", "articles_to_index",
           "build_search_index", "doc_digest", "first_files", "hand_over", "highlight_data", "index_articles",
           "index_handed_over",
           "log_like_parent", "search_data", "search_docs", "stub_of"]
