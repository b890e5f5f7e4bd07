import codecs

import pytest

from sitegen.model import SitegenError
from sitegen.read import decode, find_sources, read_source

TEXT = "石景山报\n\n2020年4月16日 星期四\n本报讯(记者 乔斐)5月20日,会议召开。\n"


@pytest.mark.parametrize("raw, encoding", [
    (TEXT.encode("utf-8"), "utf-8-sig"),
    (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig"),
    (TEXT.encode("gb18030"), "gb18030"),
    (TEXT.encode("utf-16"), "utf-16"),
    (TEXT.replace("\n", "\r\n").encode("utf-8"), "utf-8-sig"),
    (TEXT.replace("\n", "\r").encode("utf-8"), "utf-8-sig"),
])
def test_decode_gives_the_same_text_whatever_the_encoding(raw, encoding):
    text, used = decode(raw, "seeds/x.txt")
    assert text == TEXT
    assert used == encoding


def test_empty_file_is_refused_with_its_name():
    with pytest.raises(SitegenError, match=r"seeds/empty.txt: the file is empty"):
        decode(b"  \n\n", "seeds/empty.txt")


def test_binary_file_is_refused_with_its_name():
    with pytest.raises(SitegenError, match=r"seeds/scan.txt: looks like a binary file"):
        decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 50, "seeds/scan.txt")


def test_undecodable_file_is_refused_with_its_name():
    with pytest.raises(SitegenError, match=r"seeds/odd.txt: not UTF-8 or GB18030 text"):
        decode(bytes(range(256)) * 20, "seeds/odd.txt")


def test_a_stray_nul_byte_is_dropped():
    assert decode("会议\x00召开。\n".encode(), "seeds/x.txt")[0] == "会议召开。\n"


def test_read_source_keeps_the_path_as_given_and_reads_the_sidecar(tmp_path):
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "a.toml").write_text('date = "2020-04-24"\npublication = "石景山报"\n', encoding="utf-8")
    source = read_source(tmp_path / "a.txt", "seeds/a.txt")
    assert source.path == "seeds/a.txt"
    assert source.text == TEXT
    assert dict(source.overrides) == {"date": "2020-04-24", "publication": "石景山报"}
    assert len(source.sha256) == 64


def test_sidecar_with_an_unknown_key_is_refused(tmp_path):
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "a.toml").write_text('dat = "2020-04-24"\n', encoding="utf-8")
    with pytest.raises(SitegenError, match=r"seeds/a.toml: unknown keys dat"):
        read_source(tmp_path / "a.txt", "seeds/a.txt")


def test_find_sources_lists_txt_files_in_order(tmp_path):
    for name in ["b.txt", "a.txt", "notes.md", "a.toml"]:
        (tmp_path / name).write_text("x", encoding="utf-8")
    assert [p.name for p in find_sources(tmp_path)] == ["a.txt", "b.txt"]


def test_missing_seeds_folder_is_a_clear_error(tmp_path):
    with pytest.raises(SitegenError, match="no such folder"):
        find_sources(tmp_path / "nope")
