"""sitegen as a keeper installs it, away from this repository: the wheel into a fresh virtual
environment, `sitegen new`, the seeds copied in, a build whose every link resolves, and one template of
the project's own used over the built-in theme; and `pip install .` from a copy of the repository,
which stays an archive project itself.

pip takes sitegen's dependencies from its cache, where ./bin/test's own install has put them (from
PyPI on a machine that has none yet).
"""
from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from sitegen import __version__
from sitegen.config import Config
from sitegen.engine.build import build
from test_standards import unreachable_and_broken

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.skipif(not (ROOT / ".git").exists(), reason="needs the repository's own files (git ls-files)")


def sh(*args: str | Path, cwd: Path, env: dict[str, str] | None = None) -> str:
    done = subprocess.run([str(a) for a in args], cwd=cwd, capture_output=True, text=True, env=env, timeout=900)
    assert done.returncode == 0, f"{' '.join(map(str, args))}\n{done.stdout}\n{done.stderr}"
    return done.stdout + done.stderr


def clean_env() -> dict[str, str]:
    """The environment of a keeper's shell: nothing that points Python at this repository."""
    return {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))}


def copy_of_repository(dest: Path) -> Path:
    """The repository's files as a fresh clone of this work tree has them (links kept as links)."""
    names = sh("git", "ls-files", "-z", "--cached", "--others", "--exclude-standard", cwd=ROOT).split("\0")
    for name in filter(None, names):
        source, target = ROOT / name, dest / name
        if not source.exists() and not source.is_symlink():  # deleted in the work tree, not yet in git
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.is_symlink():
            target.symlink_to(os.readlink(source))
        else:
            shutil.copy2(source, target)
    return dest


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def fresh_venv(folder: Path) -> Path:
    sh(sys.executable, "-m", "venv", folder, cwd=folder.parent, env=clean_env())
    return folder / "bin"


@pytest.fixture(scope="module")
def clone(tmp_path_factory) -> Path:
    return copy_of_repository(tmp_path_factory.mktemp("clone") / "sitegen")


def test_the_wheel_in_a_fresh_venv_makes_builds_and_overrides_a_project(clone, tmp_path):
    wheels = tmp_path / "wheels"
    sh(sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", wheels, ".", cwd=clone, env=clean_env())
    [wheel] = wheels.glob("sitegen-*.whl")
    bin_dir = fresh_venv(tmp_path / "venv")
    sh(bin_dir / "pip", "install", "--quiet", wheel, cwd=tmp_path, env=clean_env())
    env = clean_env()
    sitegen = bin_dir / "sitegen"
    assert sh(sitegen, "--version", cwd=tmp_path, env=env).strip() == f"sitegen {__version__}"

    sh(sitegen, "new", "archive", cwd=tmp_path, env=env)
    project = tmp_path / "archive"
    for issue in sorted((ROOT / "seeds").glob("*.txt")):
        shutil.copy(issue, project / "seeds")
    sh(sitegen, "build", "-q", "--base-url", "/sub/", cwd=project, env=env)
    site = project / "site"
    n_issues = len(list((ROOT / "seeds").glob("*.txt")))
    assert n_issues and len(list(site.glob("*/????-??-??/index.html"))) == n_issues
    assert (site / "pagefind" / "pagefind.js").is_file() and (site / "static" / "search-core.js").is_file()
    assert unreachable_and_broken(site) == (set(), [])
    # The same bytes as this checkout's own build of the seeds: the wheel carries the whole theme.
    with contextlib.chdir(ROOT):
        build(Config(seeds_dir=Path("seeds"), out_dir=tmp_path / "here", base_url="/sub/", cache_dir=None))
    assert tree(site) == tree(tmp_path / "here")

    # One template of the project's own, extending the built-in one it replaces.
    (project / "templates").mkdir()
    (project / "templates" / "home.html").write_text(
        '{% extends "sitegen/home.html" %}{% block content %}<p class="notice">本馆通告</p>{{ super() }}{% endblock %}',
        encoding="utf-8")
    sh(sitegen, "build", "-q", "--base-url", "/sub/", cwd=project, env=env)
    home = (site / "index.html").read_text(encoding="utf-8")
    assert '<p class="notice">本馆通告</p>' in home and "最新各期" in home


def test_pip_install_dot_in_a_clone_builds_the_repository_as_an_archive(clone, tmp_path):
    bin_dir = fresh_venv(tmp_path / "venv")
    sh(bin_dir / "pip", "install", "--quiet", ".", cwd=clone, env=clean_env())
    out = tmp_path / "site"
    sh(bin_dir / "sitegen", "build", "-q", "--out", out, cwd=clone, env=clean_env())
    assert len(list(out.glob("*/????-??-??/index.html"))) == len(list((ROOT / "seeds").glob("*.txt")))
    assert (out / "about" / "index.html").is_file() and (out / "static" / "style.css").is_file()
    # Installed, not linked: the package runs from the venv, not from the clone.
    where = sh(bin_dir / "python", "-c", "import sitegen; print(sitegen.__file__)", cwd=tmp_path, env=clean_env())
    assert str(tmp_path / "venv") in where
