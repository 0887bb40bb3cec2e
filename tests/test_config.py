"""luutru.yaml: every setting checked, every problem reported at once."""

from pathlib import Path

import pytest

from luutru.config import Config, parse_config
from luutru.errors import ConfigError, ManyErrors

ROOT = Path("/tmp/site")


def test_defaults_when_nothing_is_set():
    config = parse_config("", ROOT)
    assert config == Config(root=ROOT)
    assert config.language == "vi" and config.page_size == 20


def test_settings_are_read():
    config = parse_config("title: Kho tin\nlanguage: en\npage_size: 5\nbase_url: https://a.vn/kho\n", ROOT)
    assert (config.title, config.language, config.page_size) == ("Kho tin", "en", 5)
    assert config.base_url == "https://a.vn/kho/"


def test_an_unknown_setting_names_its_line_and_a_likely_fix():
    with pytest.raises(ConfigError) as e:
        parse_config("title: A\npage_sise: 10\n", ROOT, ROOT / "luutru.yaml")
    assert str(e.value).startswith("/tmp/site/luutru.yaml:2: unknown setting 'page_sise'")
    assert "page_size" in str(e.value)


def test_all_problems_are_reported_together():
    with pytest.raises(ManyErrors) as e:
        parse_config("language: fr\npage_size: 0\nbase_url: example.org\n", ROOT)
    lines = [err.line for err in e.value.errors]
    assert lines == [1, 2, 3]
    assert "must be one of vi, en" in str(e.value)


def test_broken_yaml_is_a_config_error_with_a_line():
    with pytest.raises(ConfigError) as e:
        parse_config("title: A\n  bad: [\n", ROOT)
    assert e.value.line is not None


def test_loader_rules_are_checked_with_the_settings():
    with pytest.raises(ConfigError) as e:
        parse_config("loader:\n  furniture_line: [Quảng cáo]\n", ROOT)
    assert "furniture_line" in str(e.value)
    config = parse_config("loader:\n  furniture_lines: [Quảng cáo]\n", ROOT)
    assert config.loader == {"furniture_lines": ["Quảng cáo"]}
