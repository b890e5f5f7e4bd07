import codecs

import pytest

from sitegen.errors import SitegenError
from sitegen.issue.read import ReadError, decode, find_sources, read_source

TEXT = "石景山报\n\n2020年4月16日 星期四\n本报讯(记者 乔斐)5月20日,会议召开。\n"


@pytest.mark.parametrize("raw, encoding", [
    (TEXT.encode("utf-8"), "utf-8"),
    (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig"),
    (TEXT.encode("gb18030"), "gb18030"),
    (TEXT.encode("gbk"), "gb18030"),
    (TEXT.encode("utf-16"), "utf-16-le"),
    (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16-be"),
    (TEXT.encode("utf-16-le"), "utf-16-le"),
    (TEXT.encode("utf-16-be"), "utf-16-be"),
    (TEXT.encode("utf-32"), "utf-32-le"),
    (TEXT.replace("\n", "\r\n").encode("utf-8"), "utf-8"),
    (TEXT.replace("\n", "\r").encode("utf-8"), "utf-8"),
    (TEXT.replace("\n", "\r\n").encode("gb18030"), "gb18030"),
])
def test_decode_gives_the_same_text_whatever_the_encoding(raw, encoding):
    text, used = decode(raw, "seeds/x.txt")
    assert text == TEXT
    assert used == encoding


def test_empty_file_is_refused_with_its_name():
    with pytest.raises(SitegenError, match=r"seeds/empty.txt: the file is empty"):
        decode(b"  \n\n", "seeds/empty.txt")


@pytest.mark.parametrize("raw", [codecs.BOM_UTF8, "\u3000\u3000\n\t\n".encode(), codecs.BOM_UTF16_LE + " \n".encode("utf-16-le")])
def test_file_of_spaces_is_refused(raw):
    with pytest.raises(ReadError, match=r"^seeds/x.txt: the file has no text, only spaces"):
        decode(raw, "seeds/x.txt")


def test_binary_file_is_refused_with_its_name():
    with pytest.raises(SitegenError, match=r"seeds/scan.txt: this is a PNG image, not the plain text of an issue"):
        decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 50, "seeds/scan.txt")
    with pytest.raises(SitegenError, match=r"seeds/data.txt: looks like a binary file"):
        decode(bytes(range(1, 32)) * 20, "seeds/data.txt")


@pytest.mark.parametrize("magic, kind", [
    (b"PK\x03\x04", "a ZIP archive"), (b"%PDF-1.4\n", "a PDF"), (b"{\\rtf1\\ansi ", "an RTF document"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "a Word .doc or Excel file"),
])
def test_documents_saved_as_txt_are_named(magic, kind):
    with pytest.raises(ReadError, match=f"seeds/x.txt: this is {kind}"):
        decode(magic + TEXT.encode() * 3, "seeds/x.txt")


def test_undecodable_file_is_refused_with_its_name_and_line():
    with pytest.raises(SitegenError, match=r"seeds/odd.txt:1: neither UTF-8 nor GB18030 text"):
        decode(bytes(range(128, 256)) * 20, "seeds/odd.txt")


def test_a_bad_byte_in_utf8_is_located():
    raw = TEXT.encode() + b"\xff" + "会议。\n".encode() + TEXT.encode() * 3
    with pytest.raises(ReadError, match=r"^seeds/x.txt:5: UTF-8 text but for a bad byte on this line") as e:
        decode(raw, "seeds/x.txt")
    assert (e.value.path, e.value.line) == ("seeds/x.txt", 5)


def test_a_file_cut_mid_character_is_said_to_be_cut_short():
    with pytest.raises(ReadError, match=r"^seeds/x.txt:12: the file ends in the middle of a character"):
        decode((TEXT * 3).rstrip().encode()[:-1], "seeds/x.txt")


def test_big5_is_not_taken_for_gb18030():
    traditional = "石景山報\n\n本報訊(記者 喬斐)區委常委會召開會議,聽取了區人大常委會黨組工作要點的彙報。" * 3
    with pytest.raises(ReadError, match=r"read as GB18030 it is nonsense .*\(Big5, traditional Chinese\?\)"):
        decode(traditional.encode("big5"), "seeds/x.txt")


def test_gbk_with_traditional_characters_is_read():
    text = "石景山報\n\n本報訊(記者 喬斐)區委常委會召開會議。\n"
    assert decode(text.encode("gb18030"), "seeds/x.txt") == (text, "gb18030")


def test_korean_read_as_gb18030_is_refused_although_every_character_is_common():
    korean = "서울신문 2020년 회의를 개최했습니다. 대한민국의 수도 서울에서 새로운 정책이 발표되었습니다.\n" * 8
    with pytest.raises(ReadError, match=r"only \d+% common characters"):
        decode(korean.encode("euc-kr"), "seeds/x.txt")


@pytest.mark.parametrize("wrong", ["latin-1", "cp1252"])
@pytest.mark.parametrize("right", ["utf-8", "gb18030"])
def test_mojibake_saved_again_as_utf8_is_refused(wrong, right):
    garbled = TEXT.encode(right).decode(wrong, "replace").encode("utf-8")
    with pytest.raises(ReadError, match=r"the text is mojibake: "):
        decode(garbled, "seeds/x.txt")


def test_bytes_that_are_utf8_without_chinese_and_chinese_in_gb18030_are_refused():
    with pytest.raises(ReadError, match=r"reads both as UTF-8 \('һҪΪ\\n'.*and as GB18030 \('一要为\\n'\)"):
        decode("一要为\n".encode("gbk"), "seeds/x.txt")


def test_utf16_without_bom_that_is_also_utf8_is_refused():
    with pytest.raises(ReadError, match=r"reads both as UTF-16 with no byte-order mark \('三三\\n'\)"):
        decode("三三\n".encode("utf-16-le"), "seeds/x.txt")


def test_nul_bytes_and_stray_control_characters_are_dropped():
    assert decode("会议\x00召开。\n".encode(), "seeds/x.txt")[0] == "会议召开。\n"
    padded = b"\x00" * 100 + TEXT.encode() + b"\x00" * 5000
    assert decode(padded, "seeds/x.txt")[0] == TEXT
    assert decode(TEXT.encode() + b"\x1a", "seeds/x.txt")[0] == TEXT  # DOS end-of-file mark
    assert decode(TEXT.replace("\n", "\n\x00").encode(), "seeds/x.txt")[0] == TEXT


def test_page_breaks_and_byte_order_marks_inside_are_line_ends_and_nothing():
    raw = ("石景山报\f\ufeff2020年4月16日 星期四\u2028本报讯(记者 乔斐)5月20日,\ufffe会议召开。\n").encode()
    assert decode(raw, "seeds/x.txt")[0] == TEXT.replace("\n\n", "\n")


def test_full_width_spaces_are_kept():
    text = "\u3000\u3000本报讯(记者 乔斐)会议召开。\u3000\n"
    assert decode(text.encode("gb18030"), "seeds/x.txt")[0] == text


def test_read_source_keeps_the_path_as_given_and_reads_the_sidecar(tmp_path):
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "a.toml").write_text('date = "2020-04-24"\npublication = "石景山报"\n', encoding="utf-8")
    source = read_source(tmp_path / "a.txt", "seeds/a.txt")
    assert source.path == "seeds/a.txt"
    assert source.text == TEXT
    assert dict(source.overrides) == {"date": "2020-04-24", "publication": "石景山报"}
    assert len(source.sha256) == 64


def test_sidecar_saved_by_notepad_is_read(tmp_path):
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "a.toml").write_bytes('publication = "石景山报"\r\nissue_no = 31\r\n'.encode("utf-16"))
    assert read_source(tmp_path / "a.txt", "seeds/a.txt").overrides == (("publication", "石景山报"), ("issue_no", "31"))
    (tmp_path / "a.toml").write_bytes(codecs.BOM_UTF8)
    assert read_source(tmp_path / "a.txt", "seeds/a.txt").overrides == ()


def test_sidecar_with_an_unknown_key_is_refused(tmp_path):
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "a.toml").write_text('dat = "2020-04-24"\n', encoding="utf-8")
    with pytest.raises(SitegenError, match=r"^seeds/a.txt: sidecar seeds/a.toml: unknown keys dat"):
        read_source(tmp_path / "a.txt", "seeds/a.txt")


@pytest.mark.parametrize("line", ['publication = "../../etc"', 'publication = "/etc/passwd"', 'district = "..\\\\x"',
                                  'publication = "C:\\\\Windows"', 'publication = "~/x"',
                                  'publication = "石景山报\\u0000"', f'publication = "{"报" * 41}"'])
def test_sidecar_names_that_are_paths_or_too_long_are_refused(tmp_path, line):
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "a.toml").write_text(line + "\n", encoding="utf-8")
    with pytest.raises(ReadError, match=r"^seeds/a.txt: sidecar seeds/a.toml: (publication|district) = .*write the "
                                        r"name as printed"):
        read_source(tmp_path / "a.txt", "seeds/a.txt")


def test_sidecar_name_with_markup_is_kept_as_written(tmp_path):
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "a.toml").write_text('publication = "<script>alert(1)</script>报"\n', encoding="utf-8")
    assert read_source(tmp_path / "a.txt", "seeds/a.txt").overrides == (("publication", "<script>alert(1)</script>报"),)


def test_too_large_file_is_refused_naming_the_flag(tmp_path):
    (tmp_path / "a.txt").write_text(TEXT * 100, encoding="utf-8")
    with pytest.raises(ReadError, match=r"^seeds/a.txt: 9,100 bytes is more than the limit of 1,000 .*--max-file-mb 1$"):
        read_source(tmp_path / "a.txt", "seeds/a.txt", max_bytes=1000)
    assert read_source(tmp_path / "a.txt", "seeds/a.txt", max_bytes=9100).text == TEXT * 100


def test_find_sources_lists_txt_files_in_order(tmp_path):
    for name in ["b.txt", "a.txt", "notes.md", "a.toml", "C.TXT", ".hidden.txt", "._a.txt"]:
        (tmp_path / name).write_text("x", encoding="utf-8")
    (tmp_path / "folder.txt").mkdir()
    (tmp_path / "gone.txt").symlink_to(tmp_path / "nowhere")
    assert [p.name for p in find_sources(tmp_path)] == ["C.TXT", "a.txt", "b.txt", "gone.txt"]


def test_missing_seeds_folder_is_a_clear_error(tmp_path):
    with pytest.raises(SitegenError, match="no such folder"):
        find_sources(tmp_path / "nope")
