"""Uploads in an S3-compatible bucket (django-storages). Only Wagtail's renditions (`images/`)
are public: Wagtail re-encodes them, so whatever a visitor uploaded never reaches the public
as sent. Originals and documents are private, with short-lived signed URLs."""

from storages.backends.s3 import S3Storage
from storages.utils import clean_name

PUBLIC_ACL = "public-read"
PRIVATE_ACL = "private"
PUBLIC_PREFIX = "images/"


class MediaStorage(S3Storage):
    querystring_auth = True
    # Object ACLs per upload. Buckets with ACLs switched off (S3 "bucket owner enforced",
    # several S3-compatible stores) use S3_USE_ACLS=false and a bucket policy that allows
    # public reads of images/* only (README, "Object storage").
    default_acl = None

    def __init__(self, use_acls=True, **settings):
        self.use_acls = use_acls
        super().__init__(**settings)

    def is_public(self, name):
        return clean_name(name).lstrip("/").startswith(PUBLIC_PREFIX)

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
