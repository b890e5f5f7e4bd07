"""Atom feeds, sitemap.xml and robots.txt: the files machines read."""
from __future__ import annotations

from typing import Callable, Iterator, Sequence
from xml.sax.saxutils import escape, quoteattr

from ..archive import Archive
from ..archive.groups import Entry
from ..model import Issue
from . import urls
from .pages import as_whole

FEED_SIZE = 50


def feeds(archive: Archive, site_title: str, site_urls: urls.SiteUrls,
          whole: Callable[[Issue], Issue] = as_whole) -> Iterator[tuple[str, bytes]]:
    """The site's feeds as (path, bytes): every article, then each district's.

    whole: an issue with its text (site.pages.Plan.whole), for the summaries."""
    yield urls.FEED, atom_feed(site_title, urls.HOME, urls.FEED, archive.entries, site_urls, site_title, whole)
    for name, es in archive.by_district.items():
        yield site_urls.district_feed_path(name), atom_feed(f"{site_title}：{name}", site_urls.district_path(name),
                                                            site_urls.district_feed_path(name), es, site_urls,
                                                            site_title, whole)


def atom_feed(title: str, path: str, feed_path: str, es: Sequence[Entry], site_urls: urls.SiteUrls,
              author: str, whole: Callable[[Issue], Issue] = as_whole) -> bytes:
    """The newest articles of a listing as an Atom feed; `updated` is the newest issue's date, never the build time.

    author: the site's title (the archive speaks for the papers it holds)."""
    newest = [e for e in es if e.issue.date][:FEED_SIZE]
    updated = newest[0].issue.date.isoformat() if newest else "1970-01-01"
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN">',
        f"<title>{escape(title)}</title>",
        f"<id>{escape(site_urls.absolute(feed_path))}</id>",
        f"<link rel=\"self\" href={quoteattr(site_urls.absolute(feed_path))}/>",
        f"<link rel=\"alternate\" type=\"text/html\" href={quoteattr(site_urls.absolute(path))}/>",
        f"<updated>{updated}T00:00:00Z</updated>",
        f"<author><name>{escape(author)}</name></author>",
    ]
    for e in newest:
        a = whole(e.issue).articles[e.number - 1]
        link = site_urls.absolute(urls.article_path(a))
        summary = next((b.text for b in a.blocks if b.kind == "p"), "")[:200]
        lines += [
            "<entry>",
            f"<title>{escape(a.headline)}</title>",
            f"<id>{escape(link)}</id>",
            f"<link rel=\"alternate\" type=\"text/html\" href={quoteattr(link)}/>",
            f"<updated>{e.issue.date.isoformat()}T00:00:00Z</updated>",
            f"<published>{e.issue.date.isoformat()}T00:00:00Z</published>",
            f"<summary>{escape(summary)}</summary>",
            *[f"<category term={quoteattr(t)}/>" for t in a.topics],
            "</entry>",
        ]
    lines.append("</feed>")
    return ("\n".join(lines) + "\n").encode("utf-8")


def sitemap(paths: Sequence[str], site_urls: urls.SiteUrls) -> bytes:
    """Every HTML page's URL."""
    body = "".join(f"<url><loc>{escape(site_urls.absolute(p))}</loc></url>\n" for p in paths)
    return ('<?xml version="1.0" encoding="utf-8"?>\n'
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' + body + "</urlset>\n").encode("utf-8")


def robots(site_urls: urls.SiteUrls) -> bytes:
    """Every page allowed; the sitemap named where the site's address is known (the line wants an absolute URL)."""
    sitemap_line = f"Sitemap: {site_urls.absolute(urls.SITEMAP)}\n" if site_urls.site_url else ""
    return f"User-agent: *\nAllow: /\n{sitemap_line}".encode("utf-8")
