"""The alt text rule (docs/architecture.md, "Images"): an override where the context needs one,
else Wagtail's image description; templates write alt="" only for decoration."""


def alt_text(image, override=""):
    if image is None:
        return ""
    return (override or "").strip() or (image.description or "").strip()
