import pytest
from django.core.exceptions import ImproperlyConfigured

from website.settings.env import cache_from_url, env_bool, env_int, env_list, env_origins


def test_cache_url_redis():
    cache = cache_from_url("redis://127.0.0.1:6379/1")
    assert cache["BACKEND"] == "core.cache.TolerantRedisCache"
    assert cache["LOCATION"] == "redis://127.0.0.1:6379/1"


def test_cache_url_locmem_is_the_default_kind():
    assert cache_from_url("locmem://")["BACKEND"].endswith("LocMemCache")


def test_unknown_cache_scheme_is_refused():
    with pytest.raises(ImproperlyConfigured):
        cache_from_url("memcache://127.0.0.1")


def test_env_readers(monkeypatch):
    monkeypatch.setenv("FLAG", "yes")
    monkeypatch.setenv("HOSTS", "a.nl, b.nl,")
    monkeypatch.setenv("NUMBER", "x")
    assert env_bool("FLAG") is True
    assert env_list("HOSTS") == ["a.nl", "b.nl"]
    with pytest.raises(ImproperlyConfigured):
        env_int("NUMBER", 1)


def test_origins_are_read_for_a_policy_header(monkeypatch):
    monkeypatch.setenv("ORIGINS", "https://www.noord-holland.nl/, https://*.example.nl:8443")
    assert env_origins("ORIGINS") == ["https://www.noord-holland.nl", "https://*.example.nl:8443"]
    for wrong in ("www.noord-holland.nl", "https://a.nl/pad", "https://a.nl; script-src *", "*"):
        monkeypatch.setenv("ORIGINS", wrong)
        with pytest.raises(ImproperlyConfigured):
            env_origins("ORIGINS")
