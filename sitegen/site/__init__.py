"""The archive as files: every page planned as a typed context (plan.py), rendered with Jinja
(render.py), and the catalog, feeds and sitemap, staged and swapped in whole (write.py). urls.py is
the one place that knows URLs and output paths."""
