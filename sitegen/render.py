"""Render planned pages to HTML with the one Jinja environment (autoescaped, strict)."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import jinja2
import markdown

from .model import SitegenError
from .pages import Page


class DataEnvironment(jinja2.Environment):
    """Jinja for templates that get plain data: `page.title` looks in a dict first.

    Jinja's own lookup tries the attribute first and the key after an AttributeError, which for dict
    contexts costs an exception per lookup: a fifth of the render time of an archive.
    """

    def getattr(self, obj: Any, attribute: str) -> Any:
        if type(obj) is dict:
            try:
                return obj[attribute]
            except KeyError:
                pass
        return super().getattr(obj, attribute)


def environment(templates_dir: Path) -> jinja2.Environment:
    """The Jinja environment: input text is never trusted, so escaping is always on."""
    env = DataEnvironment(
        loader=jinja2.FileSystemLoader(str(templates_dir)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.policies["json.dumps_kwargs"] = {"sort_keys": True, "ensure_ascii": False}
    return env


def render_page(env: jinja2.Environment, page: Page) -> bytes:
    """Render one page; a template error names the template and page."""
    try:
        return env.get_template(page.template).render(page.context).encode("utf-8")
    except jinja2.TemplateError as e:
        where = getattr(e, "filename", None) or page.template
        line = getattr(e, "lineno", None)
        raise SitegenError(f"{where}{':' + str(line) if line else ''}: {e.message} (rendering /{page.path})") from None


def editorial_pages(pages_dir: Path) -> list[tuple[str, str, str]]:
    """Our own Markdown pages (关于本站, 如何引用): (slug, title, html), title from the first heading."""
    out = []
    for md_file in sorted(pages_dir.glob("*.md")):
        text = md_file.read_text(encoding="utf-8")
        title = next((ln.lstrip("# ").strip() for ln in text.splitlines() if ln.startswith("# ")), md_file.stem)
        body = markdown.markdown(text, extensions=["extra"], output_format="html")
        out.append((md_file.stem, title, body))
    return out
