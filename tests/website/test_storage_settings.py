"""STORAGES from the environment: the local disk by default, an S3-compatible
bucket when S3_BUCKET is set, with originals never public. No real bucket is needed: the
storage is built and asked for URLs and upload parameters, which involve no request."""

import pytest
from django.utils.module_loading import import_string

from core.storage import PRIVATE_ACL, PUBLIC_ACL
from website.settings.env import storages_from_env

STATIC = "whitenoise.storage.CompressedManifestStaticFilesStorage"
S3_ENV = {
    "S3_BUCKET": "wo2030-media",
    "S3_ENDPOINT_URL": "http://127.0.0.1:9000",
    "S3_REGION": "eu-west-1",
    "S3_ACCESS_KEY_ID": "key",
    "S3_SECRET_ACCESS_KEY": "secret",
}


@pytest.fixture
def s3_env(monkeypatch):
    for name, value in S3_ENV.items():
        monkeypatch.setenv(name, value)


def build(storages):
    entry = storages["default"]
    return import_string(entry["BACKEND"])(**entry.get("OPTIONS", {}))


def test_local_disk_by_default(monkeypatch):
    monkeypatch.delenv("S3_BUCKET", raising=False)
    storages = storages_from_env(STATIC)
    assert storages["default"] == {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    assert storages["staticfiles"] == {"BACKEND": STATIC}


def test_a_bucket_from_the_environment(s3_env):
    storages = storages_from_env(STATIC)
    assert storages["default"]["BACKEND"] == "core.storage.MediaStorage"
    storage = build(storages)
    assert storage.bucket_name == "wo2030-media"
    assert storage.endpoint_url == "http://127.0.0.1:9000"
    assert storage.access_key == "key"
    assert storage.file_overwrite is False


def test_originals_and_documents_are_written_private_renditions_public(s3_env):
    storage = build(storages_from_env(STATIC))
    assert storage.get_object_parameters("original_images/logo.png")["ACL"] == PRIVATE_ACL
    assert storage.get_object_parameters("documents/plan.pdf")["ACL"] == PRIVATE_ACL
    assert storage.get_object_parameters("images/logo.width-400.png")["ACL"] == PUBLIC_ACL
    # A name that only starts like a public folder after tricks is still private.
    assert storage.get_object_parameters("/original_images/x.png")["ACL"] == PRIVATE_ACL


def test_originals_get_signed_urls_renditions_plain_ones(s3_env):
    storage = build(storages_from_env(STATIC))
    original = storage.url("original_images/logo.png")
    rendition = storage.url("images/logo.width-400.png")
    assert "Signature=" in original and "Expires=" in original
    assert rendition == "http://127.0.0.1:9000/wo2030-media/images/logo.width-400.png"


def test_buckets_without_acls(s3_env, monkeypatch):
    monkeypatch.setenv("S3_USE_ACLS", "false")
    storage = build(storages_from_env(STATIC))
    assert "ACL" not in storage.get_object_parameters("original_images/logo.png")
