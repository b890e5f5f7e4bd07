import json
import marshal
import tempfile

import pytest

from sitegen.engine.cache import SegmentCache
from sitegen.issue.enrich import words as segment
from sitegen.issue.enrich.snapshots import SNAPSHOT_PREFIX

ISSUE = [("本报讯 东城区防汛备战工作进入实质阶段,完善“接诉即办”机制。", "6000余人备战防汛")]


def cache_files(root):
    return sorted(p for p in root.rglob("*.json"))


def test_segmentation_uses_the_archive_dictionary():
    words = segment.segment("深化“吹哨报到”改革,完善“接诉即办”机制")
    assert "吹哨报到" in words and "接诉即办" in words


def test_second_run_reads_the_cache_and_gives_the_same_words(tmp_path):
    first = SegmentCache(tmp_path)(ISSUE)
    assert first == segment.segment_issue(ISSUE)  # what segmenting without a cache gives
    [path] = cache_files(tmp_path)
    assert SegmentCache(tmp_path)(ISSUE) == first
    assert cache_files(tmp_path) == [path]
    # Words doctored in the cache come back: the second run read them instead of segmenting again.
    path.write_text(json.dumps([[["来自", "缓存"], ["缓存"]]], ensure_ascii=False), encoding="utf-8")
    assert SegmentCache(tmp_path)(ISSUE) == [(("来自", "缓存"), ("缓存",))]


def test_changed_text_is_segmented_again(tmp_path):
    SegmentCache(tmp_path)(ISSUE)
    changed = [(ISSUE[0][0] + "新增一句。", ISSUE[0][1])]
    words = SegmentCache(tmp_path)(changed)
    assert "新增" in words[0][0]
    assert len(cache_files(tmp_path)) == 2


def test_a_damaged_cache_file_is_ignored(tmp_path):
    expected = SegmentCache(tmp_path)(ISSUE)
    [path] = cache_files(tmp_path)
    path.write_text("{not json", encoding="utf-8")
    assert SegmentCache(tmp_path)(ISSUE) == expected


def test_words_kept_under_another_fingerprint_are_removed(tmp_path):
    """Words segmented with another dictionary, as an older jieba or userdict.txt left them, are dropped."""
    words = SegmentCache(tmp_path)(ISSUE)
    [kept] = cache_files(tmp_path)
    stale = tmp_path / "segments" / "0123456789abcdef01234567" / kept.parent.name / kept.name
    stale.parent.mkdir(parents=True)
    stale.write_text("[]", encoding="utf-8")
    SegmentCache(tmp_path).remove_other_versions()
    assert cache_files(tmp_path) == [kept]
    assert SegmentCache(tmp_path)(ISSUE) == words


TEXT = "区委书记常卫主持召开会议,深化“吹哨报到”改革,完善“接诉即办”机制。石景山区6000余人备战防汛。"


def _loaded_afresh():
    """(words of TEXT, tagged words of TEXT, the tag table) from tokenizer and tagger loaded anew."""
    for cached in (segment.tokenizer, segment.word_tags, segment.tagger):
        cached.cache_clear()
    tags = segment.word_tags()
    return segment.segment(TEXT), [(p.word, p.flag) for p in segment.tagger().cut(TEXT)], tags


@pytest.fixture
def own_temp_dir(tmp_path, monkeypatch):
    """jieba's snapshots in a folder of the test's own; the process's tokenizer loaded again after it."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    yield tmp_path
    for cached in (segment.tokenizer, segment.word_tags, segment.tagger):
        cached.cache_clear()


def test_the_dictionary_loaded_from_its_snapshot_segments_and_tags_as_jieba_loaded_it(own_temp_dir):
    words, tagged, tags = _loaded_afresh()  # from jieba's dictionary: the snapshots are made
    assert sorted(p.name.split("-")[2] for p in own_temp_dir.glob(SNAPSHOT_PREFIX + "*")) == ["tags", "words"]
    assert "接诉即办" in words and ("常卫", "nr") in tagged and tags["常卫"] == "nr" and tags["改革"] == "vn"
    assert _loaded_afresh() == (words, tagged, tags)  # from the snapshots


def test_a_damaged_snapshot_is_loaded_from_jieba_again(own_temp_dir):
    expected = _loaded_afresh()
    for path in own_temp_dir.glob(SNAPSHOT_PREFIX + "*"):
        path.write_bytes(path.read_bytes()[:1000])
    assert _loaded_afresh() == expected
    assert all(len(p.read_bytes()) > 1_000_000 for p in own_temp_dir.glob(SNAPSHOT_PREFIX + "*"))


def test_a_snapshot_of_another_fingerprint_is_not_used_and_is_removed(own_temp_dir):
    """What a changed dictionary leaves: the previous dictionary's snapshot, under its own fingerprint, and none
    for the current one."""
    expected = _loaded_afresh()
    [current] = own_temp_dir.glob(SNAPSHOT_PREFIX + "words-*")
    snapshot = current.read_bytes()
    other = current.with_name(current.name.rsplit("-", 1)[0] + f"-{'f' * 24}.marshal")
    current.rename(other)
    other.write_bytes(marshal.dumps(({"假": 1}, 1, {})))  # what another dictionary would hold
    assert _loaded_afresh() == expected
    assert list(own_temp_dir.glob(SNAPSHOT_PREFIX + "words-*")) == [current]
    assert current.read_bytes() == snapshot


def test_a_snapshot_holding_something_else_is_loaded_from_jieba_again(own_temp_dir):
    expected = _loaded_afresh()
    for path in own_temp_dir.glob(SNAPSHOT_PREFIX + "*"):
        path.write_bytes(marshal.dumps(["not", "a", "dictionary"]))
    assert _loaded_afresh() == expected
