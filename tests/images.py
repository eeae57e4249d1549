"""Real image files for upload tests, made with Pillow."""

import io
import struct
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image


def png_bytes(size=(300, 150), colour="#0a4a7f"):
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, format="PNG")
    return buffer.getvalue()


def png_upload(name="logo.png", **kwargs):
    return SimpleUploadedFile(name, png_bytes(**kwargs), content_type="image/png")


def decompression_bomb_png(width=20000, height=20000):
    """A tiny file whose header claims width x height pixels: decoding it would need gigabytes."""

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)  # 8-bit greyscale
    row = b"\x00" + b"\x00" * width
    pixels = zlib.compress(row * 64, 9)  # only a few rows: the header is what counts
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def truncated_png(size=(100, 100)):
    """A PNG whose header is whole (it claims `size`) but whose pixel data is cut short, as an
    interrupted upload or a damaged disk leaves it: Pillow opens it, and fails on decoding."""
    whole = png_bytes(size=size)
    return whole[: len(whole) // 2]
