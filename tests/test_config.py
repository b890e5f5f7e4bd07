import contextlib
import shutil
from pathlib import Path

import pytest

from conftest import ROOT, SEEDS
from sitegen.cli import main
from sitegen.config import THEME_STATIC, THEME_TEMPLATES, Config, load_config
from sitegen.errors import SitegenError


def test_missing_file_gives_defaults(tmp_path):
    assert load_config(tmp_path / "sitegen.toml") == Config()


def test_settings_are_read(tmp_path):
    path = tmp_path / "sitegen.toml"
    path.write_text('base_url = "/repo/"\nsite_url = "https://x.github.io/repo"\n', encoding="utf-8")
    assert load_config(path) == Config(base_url="/repo/", site_url="https://x.github.io/repo")


def test_unknown_setting_is_an_error_naming_the_file(tmp_path):
    path = tmp_path / "sitegen.toml"
    path.write_text('baseurl = "/repo/"\n', encoding="utf-8")
    with pytest.raises(SitegenError, match=r"sitegen.toml: unknown setting 'baseurl'"):
        load_config(path)


def test_settings_saved_with_a_byte_order_mark_are_read(tmp_path):
    path = tmp_path / "sitegen.toml"
    path.write_bytes(b"\xef\xbb\xbf" + 'title = "石景山区报刊档案"\n'.encode())
    assert load_config(path) == Config(title="石景山区报刊档案")


@pytest.mark.parametrize("content, message", [
    ('title = "北京区报档案'.encode("gb18030") + b'"\n',
     r"sitegen.toml:1: the settings file is not UTF-8 \(TOML files must be\); save it as UTF-8 and rebuild"),
    (b'title = "unclosed\n',
     r"sitegen.toml: cannot read the settings \(Illegal character '\\n' \(at line 1, column 18\)\); fix its TOML "
     r"syntax, e.g. title = \"北京区报档案\""),
    (b"base_url = 3\n", r"sitegen.toml: base_url must be text in quotes, e.g. base_url = \"/repo-name/\""),
], ids=["GB18030", "bad TOML", "wrong type"])
def test_bad_settings_file_is_an_error_naming_the_file(tmp_path, content, message):
    path = tmp_path / "sitegen.toml"
    path.write_bytes(content)
    with pytest.raises(SitegenError, match=message):
        load_config(path)


def test_bad_settings_file_stops_the_command_without_a_traceback(tmp_path, capfd):
    (tmp_path / "seeds").mkdir()
    shutil.copy(SEEDS / "002_17d5a1e15a32e4e6.txt", tmp_path / "seeds")
    (tmp_path / "sitegen.toml").write_bytes('title = "北京区报档案"\n'.encode("gb18030"))
    with contextlib.chdir(tmp_path):
        assert main(["build"]) == 1
    assert capfd.readouterr().err == ("error: sitegen.toml:1: the settings file is not UTF-8 (TOML files must be); "
                                      "save it as UTF-8 and rebuild\n")
    assert not (tmp_path / "site").exists()


def test_every_bad_setting_is_reported_at_once(tmp_path):
    path = tmp_path / "sitegen.toml"
    path.write_text('baseurl = "/repo/"\ntitle = 3\nsite_url = "https://x.github.io/repo"\n', encoding="utf-8")
    with pytest.raises(SitegenError) as raised:
        load_config(path)
    assert str(raised.value) == (
        f"{path}: 2 bad settings:\n"
        "  unknown setting 'baseurl'; known are base_url, site_url, title, seeds, out, templates, static, data\n"
        '  title must be text in quotes, e.g. title = "北京区报档案"')


def test_flags_win_over_the_settings_file(tmp_path):
    path = tmp_path / "sitegen.toml"
    path.write_text('base_url = "/repo/"\ntitle = "石景山区报刊档案"\n', encoding="utf-8")
    config = load_config(path, base_url="/other/", strict=True)
    assert (config.base_url, config.title, config.strict) == ("/other/", "石景山区报刊档案", True)


def test_folders_are_named_relative_to_the_settings_file_and_flags_win(tmp_path):
    path = tmp_path / "archive" / "sitegen.toml"
    path.parent.mkdir()
    path.write_text('seeds = "issues"\nout = "/srv/www"\ntemplates = "theme/templates"\nstatic = "theme/static"\n',
                    encoding="utf-8")
    config = load_config(path)
    assert (config.seeds_dir, config.out_dir) == (tmp_path / "archive" / "issues", Path("/srv/www"))
    assert (config.templates_dir, config.static_dir) == (tmp_path / "archive/theme/templates",
                                                         tmp_path / "archive/theme/static")
    assert load_config(path, seeds_dir=Path("elsewhere")).seeds_dir == Path("elsewhere")


def test_the_theme_is_the_built_in_one_unless_the_project_has_its_own_folders(tmp_path):
    config = Config(templates_dir=tmp_path / "templates", static_dir=tmp_path / "static")
    assert config.template_dirs == (THEME_TEMPLATES,) and config.static_dirs == (THEME_STATIC,)
    assert (THEME_TEMPLATES / "base.html").is_file() and (THEME_STATIC / "style.css").is_file()
    (tmp_path / "templates").mkdir()
    assert config.template_dirs == (tmp_path / "templates", THEME_TEMPLATES)
    # This repository's own templates/ are the theme's source: one layer, not the same files twice.
    assert Config(templates_dir=ROOT / "templates").template_dirs == (THEME_TEMPLATES,)
