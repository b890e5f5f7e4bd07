"""Any folder is an archive: `sitegen new`, settings that name folders, a project's own templates and
static files over the built-in theme, and what sitegen says where there is no archive.

The installed wheel itself (no repository around it) is tried in tests/test_install.py.
"""
from __future__ import annotations

import contextlib
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from sitegen import __version__
from sitegen.cli import main

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "002_17d5a1e15a32e4e6.txt"


def run(capfd, *args: str, cwd: Path) -> tuple[int, str, str]:
    """`sitegen ARGS` run from cwd in this process: (exit status, stdout, stderr)."""
    capfd.readouterr()
    with contextlib.chdir(cwd):
        try:
            code = main(list(args))
        except SystemExit as e:  # argparse's own exits (--version, a bad flag)
            code = e.code
    return code, *capfd.readouterr()


def text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def test_version_is_printed_by_the_command_and_by_python_m(capfd, tmp_path):
    assert run(capfd, "--version", cwd=tmp_path)[:2] == (0, f"sitegen {__version__}\n")
    done = subprocess.run([sys.executable, "-m", "sitegen", "--version"], capture_output=True, text=True,
                          cwd=tmp_path, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    assert (done.returncode, done.stdout) == (0, f"sitegen {__version__}\n")


@pytest.mark.parametrize("command", ["build", "check", "serve"])
def test_outside_an_archive_sitegen_says_what_is_missing_and_how_to_start(capfd, tmp_path, command):
    code, out, err = run(capfd, command, cwd=tmp_path)
    assert code == 2
    assert "seeds: no such folder and no sitegen.toml" in err and "sitegen new DIR" in err
    assert "Traceback" not in err and not (tmp_path / "site").exists()


def test_usage_errors_exit_2_and_build_errors_exit_1(capfd, tmp_path):
    assert run(capfd, "build", "--no-such-flag", cwd=tmp_path)[0] == 2
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "empty.txt").write_text("", encoding="utf-8")
    code, _, err = run(capfd, "build", cwd=tmp_path)
    assert code == 1 and "seeds/empty.txt" in err


def test_new_makes_a_project_that_builds_at_once_and_says_it_is_empty(capfd, tmp_path):
    code, out, err = run(capfd, "new", "archive", cwd=tmp_path)
    assert code == 0, err
    project = tmp_path / "archive"
    made = sorted(p.relative_to(project).as_posix() for p in project.rglob("*") if p.is_file())
    assert made == [".github/workflows/pages.yml", ".gitignore", "README.md", "seeds/README.md", "sitegen.toml"]
    # The settings file is valid, and sets nothing a keeper has not read about in its comments.
    assert tomllib.loads(text(project / "sitegen.toml")) == {"title": "北京区报档案"}
    assert "/site/" in text(project / ".gitignore") and ".sitegen-cache/" in text(project / ".gitignore")
    workflow = text(project / ".github/workflows/pages.yml")
    assert 'SITEGEN: "sitegen' in workflow and "@SITEGEN@" not in workflow
    assert "actions/cache" in workflow and "actions/deploy-pages" in workflow and "sitegen build" in workflow

    code, out, err = run(capfd, "build", cwd=project)
    assert code == 0, err
    assert "Built 0 issues" in out and "no issues yet" in err
    assert "本档案还没有收录任何一期报刊" in text(project / "site" / "index.html")

    shutil.copy(SEED, project / "seeds")
    code, out, err = run(capfd, "build", cwd=project)
    assert code == 0, err
    assert "Built 1 issues" in out and "no issues yet" not in err
    assert "本档案还没有收录任何一期报刊" not in text(project / "site" / "index.html")


def test_new_refuses_a_folder_in_use(capfd, tmp_path):
    (tmp_path / "used").mkdir()
    (tmp_path / "used" / "notes.txt").write_text("mine", encoding="utf-8")
    code, _, err = run(capfd, "new", "used", cwd=tmp_path)
    assert code == 2 and "used: is a folder with files in it" in err
    assert [p.name for p in (tmp_path / "used").iterdir()] == ["notes.txt"]


@pytest.fixture
def project(tmp_path) -> Path:
    """An archive project with one issue and its own theme folders, named in sitegen.toml."""
    (tmp_path / "issues").mkdir()
    shutil.copy(SEED, tmp_path / "issues")
    (tmp_path / "sitegen.toml").write_text(
        'seeds = "issues"\nout = "public"\ntemplates = "theme/templates"\nstatic = "theme/static"\n', encoding="utf-8")
    return tmp_path


def build(capfd, project: Path) -> None:
    code, _, err = run(capfd, "build", "-q", cwd=project)
    assert code == 0, err


def test_folders_named_in_the_settings_are_used(capfd, project):
    build(capfd, project)
    assert (project / "public" / "index.html").is_file() and not (project / "site").exists()
    assert "issues/002_17d5a1e15a32e4e6.txt" in text(project / "public" / "catalog.json")


def test_a_projects_templates_and_static_files_override_the_theme_file_by_file(capfd, project):
    theme = project / "theme"
    build(capfd, project)
    built_in = {p.relative_to(project / "public").as_posix(): p.read_bytes()
                for p in (project / "public").rglob("*") if p.is_file()}
    (theme / "templates" / "pages").mkdir(parents=True)
    (theme / "static").mkdir()
    # A base that extends the built-in one it replaces: it keeps working whatever the built-in base holds.
    (theme / "templates" / "base.html").write_text(
        '{% extends "sitegen/base.html" %}{% block extrahead %}<meta name="x-archive" content="本馆">'
        '{% endblock %}{% block footer %}{{ super() }}<p>本馆藏</p>{% endblock %}', encoding="utf-8")
    (theme / "templates" / "pages" / "about.md").write_text("# 关于本馆\n\n本馆自办的档案。\n", encoding="utf-8")
    (theme / "static" / "style.css").write_text("body { color: #123; }\n", encoding="utf-8")
    (theme / "static" / "logo.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>\n", encoding="utf-8")
    build(capfd, project)
    site = project / "public"
    pages = [p for p in site.rglob("index.html")]
    assert pages and all('<meta name="x-archive" content="本馆">' in text(p) for p in pages)
    assert all(re.search(r"如何引用</a></p>\s*<p>本馆藏</p>", text(p)) for p in pages)
    assert "本馆自办的档案" in text(site / "about" / "index.html")
    assert "如何引用" in text(site / "cite" / "index.html")  # the built-in page the project left alone
    assert text(site / "static" / "style.css") == "body { color: #123; }\n"
    assert (site / "static" / "logo.svg").is_file()
    assert (site / "static" / "search-core.js").read_bytes() == built_in["static/search-core.js"]

    # Taken away again, the theme is the built-in one, byte for byte.
    shutil.rmtree(theme)
    build(capfd, project)
    assert {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()} == built_in


def test_a_broken_override_is_named(capfd, project):
    (project / "theme" / "templates").mkdir(parents=True)
    (project / "theme" / "templates" / "article.html").write_text("{% if %}", encoding="utf-8")
    code, _, err = run(capfd, "build", "-q", cwd=project)
    assert code == 1 and "article.html" in err and "Traceback" not in err


def test_a_projects_own_tables_replace_sitegens_one_file_at_a_time(capfd, tmp_path):
    """An archive of a paper sitegen does not know: its own data/places.toml names the paper and its
    district, its own userdict.txt marks a name; the other tables stay sitegen's. A bad table of its own
    is refused, named."""
    from sitegen.lexicon import DATA_DIR

    (tmp_path / "seeds").mkdir()
    issue = SEED.read_text(encoding="utf-8").replace("石景山报", "永定河报", 1)
    (tmp_path / "seeds" / "yongding.txt").write_text(issue, encoding="utf-8")
    code, _, err = run(capfd, "build", "-q", cwd=tmp_path)
    assert code == 0, err
    assert not (tmp_path / "site" / "ydh-bao").exists()  # unknown: a slug from the name's pinyin

    (tmp_path / "data").mkdir()
    places = (DATA_DIR / "places.toml").read_text(encoding="utf-8")
    (tmp_path / "data" / "places.toml").write_text(
        places + '\n[[publication]]\nname = "永定河报"\nslug = "ydh-bao"\ndistrict = "门头沟区"\n', encoding="utf-8")
    code, _, err = run(capfd, "build", "-q", cwd=tmp_path)
    assert code == 0, err
    paper = tmp_path / "site" / "ydh-bao" / "index.html"
    assert paper.is_file() and "门头沟区" in text(paper)
    assert (tmp_path / "site" / "districts" / "mentougou" / "index.html").is_file()
    code, out, _ = run(capfd, "check", cwd=tmp_path)
    assert code == 0 and "yongding.txt: 永定河报" in out

    # A table of its own that cannot be read stops the build, naming it; the site stays as it was.
    before = text(paper)
    (tmp_path / "data" / "places.toml").write_text("[[publication]\n", encoding="utf-8")
    code, _, err = run(capfd, "build", "-q", cwd=tmp_path)
    assert code == 1 and "data/places.toml: cannot use this table" in err and "Traceback" not in err
    assert text(paper) == before
    (tmp_path / "data" / "places.toml").unlink()
    (tmp_path / "data" / "userdict.txt").write_text("常卫 five nr\n", encoding="utf-8")
    code, _, err = run(capfd, "build", "-q", cwd=tmp_path)
    assert code == 1 and "data/userdict.txt: cannot use this table (line 1:" in err
