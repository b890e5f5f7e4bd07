"""The benchmark's synthetic archive: deterministic, growing by one file per issue, in every raw style of the seeds."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from sitegen.engine.load import load_archive

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
import generate  # noqa: E402

ISSUES = 64


def files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


@pytest.fixture(scope="module")
def archive_dir(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("archive")
    generate.generate(ISSUES, out)
    return out


@pytest.fixture(scope="module")
def archive(archive_dir):
    return load_archive(archive_dir)


def test_the_same_arguments_give_the_same_files(archive_dir, tmp_path):
    generate.generate(ISSUES, tmp_path)
    assert files(tmp_path) == files(archive_dir)


def test_a_bigger_archive_is_the_smaller_one_plus_new_files(archive_dir, tmp_path):
    generate.generate(ISSUES + 1, tmp_path)
    bigger = files(tmp_path)
    added = set(bigger) - set(files(archive_dir))
    assert {name.split(".")[0] for name in added} == {f"{ISSUES:05d}"}
    assert {k: v for k, v in bigger.items() if k not in added} == files(archive_dir)


def test_another_seed_gives_another_archive(archive_dir, tmp_path):
    generate.generate(ISSUES, tmp_path, seed=2)
    assert files(tmp_path) != files(archive_dir)


def test_sitegen_reads_every_file_without_an_error(archive):
    assert archive.errors == []
    assert len(archive.placed) >= ISSUES * 0.95  # a few masthead-less issues may be inferred to the same day


def test_every_kind_of_masthead_is_there(archive):
    papers = {i.publication for _, i in archive.placed if i.masthead}
    assert {"石景山报", "新东城报", "首都精神文明建设情况简报"} <= papers
    assert len(papers) >= 10  # the other districts' papers, known by name only from their mastheads
    headless = [i for _, i in archive.placed if not i.masthead]
    assert any(i.date_inferred for i in headless)  # dated from the text
    assert any(not i.date_inferred and i.date for i in headless)  # dated by a sidecar file


def test_headlines_come_with_kickers_and_decks(archive):
    articles = [a for _, i in archive.placed for a in i.articles]
    assert any(a.kicker for a in articles)
    assert any(a.deck for a in articles)
    assert any(a.section for a in articles)  # the bulletin's 【】 sections
    assert any(a.byline for a in articles)
    assert len(articles) > ISSUES * 3


def test_continuations_and_colophons_are_there(archive):
    articles = [a for _, i in archive.placed for a in i.articles]
    assert any(a.continued_on for a in articles)
    assert any(a.continued_from for a in articles)
    assert any(i.colophon for _, i in archive.placed)



def test_every_benchmark_script_compiles():
    """The benchmarks are run by hand, not by the suite: a script broken by a change to the package's
    names would otherwise be found only by the next person who measures."""
    for script in sorted((Path(__file__).resolve().parent.parent / "benchmarks").glob("*.py")):
        compile(script.read_text(encoding="utf-8"), str(script), "exec")
