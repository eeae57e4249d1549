"""Uploads in an S3-compatible bucket (django-storages), chosen by S3_BUCKET (README,
"Configuration"; website/settings/env.py `storages_from_env`).

Only Wagtail's renditions (`images/`) are public: they are re-encoded by Wagtail, so whatever a
visitor uploaded (a signatory's logo) never reaches the public as sent. Originals
(`original_images/`) and documents are written private and get short-lived signed URLs;
Wagtail serves documents through its own view, which checks their collection's privacy.
"""

from storages.backends.s3 import S3Storage
from storages.utils import clean_name

PUBLIC_ACL = "public-read"
PRIVATE_ACL = "private"
# Wagtail's renditions, re-encoded images; everything else is private.
PUBLIC_MEDIA_PREFIXES = ("images/",)


def is_public(name, prefixes):
    return clean_name(name).lstrip("/").startswith(prefixes)


class MediaStorage(S3Storage):
    # Signed URLs unless the name is public (see url()).
    querystring_auth = True
    # Object ACLs per upload. Buckets with ACLs switched off (S3 "bucket owner enforced",
    # several S3-compatible stores) use S3_USE_ACLS=false and a bucket policy that allows
    # public reads of images/* only (README, "Object storage").
    default_acl = None

    def __init__(self, use_acls=True, public_prefixes=None, **settings):
        self.use_acls = use_acls
        self.public_prefixes = tuple(public_prefixes or PUBLIC_MEDIA_PREFIXES)
        super().__init__(**settings)

    def is_public(self, name):
        return is_public(name, self.public_prefixes)

    def get_object_parameters(self, name):
        params = super().get_object_parameters(name)
        if self.use_acls:
            params["ACL"] = PUBLIC_ACL if self.is_public(name) else PRIVATE_ACL
        return params

    def url(self, name, parameters=None, expire=None, http_method=None):
        if not self.is_public(name) or self.custom_domain:
            return super().url(name, parameters, expire, http_method)
        # A plain, stable URL for renditions, so cached pages keep working links.
        key = self._normalize_name(clean_name(name))
        return self.unsigned_connection.meta.client.generate_presigned_url(
            "get_object", Params={"Bucket": self.bucket_name, "Key": key}
        )
