"""The package's imports go one way: issue file -> archive -> search -> site -> engine -> command line.

Each module may import modules of its own layer and of the layers below it, never above; within the
package there is no circle of imports, and no page is rendered with jieba loaded.
"""
from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "sitegen"

LAYERS = [
    {"errors", "model", "lexicon", "files", "config", "punctuation"},  # plain data and tables every stage reads
    {"issue"},  # one issue file, on its own
    {"archive"},  # every issue together, once
    {"search"},  # the search index, from the archive's articles
    {"site"},  # the pages, feeds and catalog, from the archive
    {"engine"},  # how the stages are run: processes, caches, the order of the build
    {"cli", "serve", "project", "__main__", "__init__"},  # what a keeper runs
]
LAYER_OF = {name: n for n, names in enumerate(LAYERS) for name in names}


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path) -> set[str]:
    """The sitegen modules a file imports, as dotted names (sitegen.issue.parse)."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("sitegen")}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target.startswith("sitegen"):
                found.add(target)
                # `from . import urls` imports a module, not a name
                found |= {f"{target}.{a.name}" for a in node.names
                          if (PACKAGE.parent / f"{target}.{a.name}".replace(".", "/")).with_suffix(".py").exists()
                          or (PACKAGE.parent / f"{target}.{a.name}".replace(".", "/") / "__init__.py").exists()}
    return found


def layer(module: str) -> int:
    top = module.split(".")[1] if "." in module else "__init__"
    return LAYER_OF[top]


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in PACKAGE.rglob("*.py")}


def test_every_module_has_a_layer():
    assert [m for m in modules() if m.count(".") and m.split(".")[1] not in LAYER_OF] == []


def test_no_module_imports_from_a_layer_above_its_own():
    upward = [f"{m} imports {t}" for m, path in sorted(modules().items()) for t in sorted(imports_of(path))
              if layer(t) > layer(m)]
    assert upward == []


def test_no_circle_of_imports():
    graph = {m: {t for t in imports_of(p) if t in modules() and t != m} for m, p in modules().items()}
    circles, state = [], {}

    def visit(m: str, trail: list[str]) -> None:
        state[m] = "open"
        for t in sorted(graph[m]):
            if state.get(t) == "open":
                circles.append(" -> ".join(trail[trail.index(t):] + [t]))
            elif t not in state:
                visit(t, trail + [t])
        state[m] = "done"

    for m in sorted(graph):
        if m not in state:
            visit(m, [m])
    assert circles == []


def test_the_search_process_starts_small():
    """The process that builds the search index imports sitegen.search alone: no jieba, no pinyin tables."""
    code = "import sys, sitegen.search; print(sorted(m for m in ('jieba', 'pypinyin') if m in sys.modules))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                          cwd=PACKAGE.parent)
    assert done.stdout.strip() == "[]"


def test_rendering_and_the_archive_stage_load_no_jieba():
    code = ("import sys, sitegen.site.render, sitegen.site.plan, sitegen.site.catalog, sitegen.site.feeds, "
            "sitegen.archive.finish, sitegen.archive.people, sitegen.archive.related, sitegen.search; "
            "print('jieba' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                          cwd=PACKAGE.parent)
    assert done.stdout.strip() == "False"
