"""Render planned pages to HTML with the one Jinja environment (autoescaped, strict)."""
from __future__ import annotations

import json
import logging
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import jinja2
import jinja2.bccache
import markdown

from ..files import current_code_version, remove_other_folders, room_for
from ..errors import SitegenError
from . import urls
from .pages import Page

log = logging.getLogger(__name__)


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


TEMPLATES_CACHE = "templates"


class CompiledTemplates(jinja2.FileSystemBytecodeCache):
    """Jinja's cache of compiled templates, one file a template; like every cache of sitegen's it only
    ever saves time: an entry that cannot be read or written is compiled anew."""

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except Exception:  # noqa: BLE001 - a damaged entry of any kind is a miss
            log.info("compiled template %s is damaged; compiled again", bucket.key, exc_info=True)
            bucket.reset()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if not room_for(Path(self.directory), 0):  # the site needs the room (a template is a few KB)
            return
        try:
            super().dump_bytecode(bucket)
        except OSError as e:
            log.info("cannot keep a compiled template in %s (%s)", self.directory, e)


THEME_PREFIX = "sitegen"
"""A template named sitegen/NAME is always the built-in NAME: a project's own base.html can extend it."""


def environment(template_dirs: Sequence[Path], cache_dir: Path | None = None) -> jinja2.Environment:
    """The Jinja environment: input text is never trusted, so escaping is always on.

    template_dirs: where templates are looked up, first match wins; the last is the built-in theme.

    cache_dir: where compiled templates are kept between builds (Jinja checks each against its source),
    so that a rebuild after one issue does not compile them all again.
    """
    bytecode_cache = None
    if cache_dir:
        # Per code version: Jinja checks an entry against the template's source, not against the options
        # below, which change what a template compiles to.
        folder = cache_dir / TEMPLATES_CACHE / current_code_version()[:24]
        try:
            folder.mkdir(parents=True, exist_ok=True)
            remove_other_folders(folder)
            bytecode_cache = CompiledTemplates(str(folder))
        except OSError as e:
            log.info("cannot keep compiled templates in %s (%s)", folder, e)
    env = DataEnvironment(
        loader=jinja2.ChoiceLoader([
            jinja2.FileSystemLoader([str(d) for d in template_dirs]),
            jinja2.PrefixLoader({THEME_PREFIX: jinja2.FileSystemLoader(str(template_dirs[-1]))}),
        ]),
        bytecode_cache=bytecode_cache,
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.policies["json.dumps_function"] = json_for_html
    env.policies["json.dumps_kwargs"] = {"sort_keys": True, "ensure_ascii": False, "separators": (",", ":")}
    env.filters["url"] = url_filter
    env.globals["paths"] = urls.PATHS
    return env


NOT_IN_HTML = re.compile("[\x7f-\x9f\ufdd0-\ufdef\ufffe\uffff]")
"""Characters HTML forbids that JSON leaves as they are once it writes Chinese unescaped (the C0 controls
it escapes itself)."""


def json_for_html(value: Any, **kwargs: Any) -> str:
    """JSON as `|tojson` writes it into a page: Chinese as itself, what HTML forbids as \\u escapes."""
    return NOT_IN_HTML.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(value, **kwargs))


@jinja2.pass_context
def url_filter(context: jinja2.runtime.Context, path: str) -> str:
    """`{{ paths.cite|url }}`: the URL of a site-relative path under the page's base URL (site.base_url)."""
    return urls.url(context["site"]["base_url"], path)


INDENT = re.compile(r"\n[ \t]+(?=<)")
"""A line's indentation before a tag, left out of every page. Only templates write a `<` (text from input
is escaped, in <pre> too), none indents one inside <pre> or <textarea>, and the line break stays: a
browser shows the page as it would with the indentation."""


def render_page(env: jinja2.Environment, page: Page) -> bytes:
    """Render one page, its template's indentation left out; a template error names the template and page."""
    try:
        return INDENT.sub("\n", env.get_template(page.template).render(page.context)).encode("utf-8")
    except jinja2.TemplateError as e:
        where = getattr(e, "filename", None) or page.template
        line = getattr(e, "lineno", None)
        raise SitegenError(f"{where}{':' + str(line) if line else ''}: {e.message} (rendering /{page.path})") from None


def editorial_pages(template_dirs: Sequence[Path]) -> list[tuple[str, str, str]]:
    """The Markdown pages in pages/ of the template folders (关于本站, 如何引用): (slug, title, html), title
    from the first heading; a page of a project's own templates replaces the built-in page of its name."""
    files: dict[str, Path] = {}
    for folder in reversed(template_dirs):
        files.update((f.name, f) for f in (folder / "pages").glob("*.md"))
    out = []
    for _, md_file in sorted(files.items()):
        text = md_file.read_text(encoding="utf-8")
        title = next((ln.lstrip("# ").strip() for ln in text.splitlines() if ln.startswith("# ")), md_file.stem)
        body = markdown.markdown(text, extensions=["extra"], output_format="html")
        out.append((md_file.stem, title, body))
    return out
