import pytest

from sitegen.config import Settings, load_settings
from sitegen.model import SitegenError


def test_missing_file_gives_defaults(tmp_path):
    assert load_settings(tmp_path / "sitegen.toml") == Settings()


def test_settings_are_read(tmp_path):
    path = tmp_path / "sitegen.toml"
    path.write_text('base_url = "/repo/"\nsite_url = "https://x.github.io/repo"\n', encoding="utf-8")
    assert load_settings(path) == Settings(base_url="/repo/", site_url="https://x.github.io/repo")


def test_unknown_setting_is_an_error_naming_the_file(tmp_path):
    path = tmp_path / "sitegen.toml"
    path.write_text('baseurl = "/repo/"\n', encoding="utf-8")
    with pytest.raises(SitegenError, match=r"sitegen.toml: unknown setting 'baseurl'"):
        load_settings(path)
