"""Real files for donation tests: photos made with Pillow, and the bad uploads the endpoint must refuse."""

import io
import os
import struct
import zlib
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from museum.donations.storage import private_root

ORIGIN = "http://127.0.0.1:8000"


def image_bytes(fmt="JPEG", size=(64, 48), color=(180, 40, 40), mode="RGB", **save):
    image = Image.new(mode, size, color)
    out = io.BytesIO()
    if fmt == "HEIF":
        import pillow_heif

        pillow_heif.from_pillow(image).save(out, quality=80)
    else:
        image.save(out, format=fmt, **save)
    return out.getvalue()


def upload(data, name="photo.jpg", content_type="image/jpeg"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def jpeg_with_gps_and_rotation():
    """A 60x30 photo whose EXIF says 'rotate 90°' and carries GPS coordinates."""
    image = Image.new("RGB", (60, 30), (20, 120, 200))
    exif = image.getexif()
    exif[0x0112] = 6  # Orientation: rotate 90 CW to display
    exif[0x010F] = "TestCam"  # Make
    gps = exif.get_ifd(0x8825)
    gps[1] = "N"
    gps[2] = (28.0, 0.0, 0.0)
    gps[3] = "E"
    gps[4] = (120.0, 39.0, 0.0)
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return out.getvalue()


def png_header_bomb(width=100_000, height=100_000):
    """A tiny PNG that claims 10 gigapixels: Pillow must refuse it before decoding."""

    def chunk(kind, payload):
        body = kind + payload
        return struct.pack(">I", len(payload)) + body + struct.pack(">I", zlib.crc32(body))

    ihdr = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    idat = zlib.compress(b"\x00" * 1024)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def png_bomb_pillow():
    """A real, fully decodable 1-bit PNG of 100 megapixels that compresses to a few kilobytes."""
    image = Image.new("1", (10_000, 10_000), 0)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def valid_fields(**overrides):
    data = {
        "donor_name": "陈国华",
        "email": "chen.guohua@example.com",
        "phone": "+39 055 123 4567",
        "wechat": "",
        "country": "意大利",
        "city": "佛罗伦萨",
        "chamber": "",
        "title": "1985年的皮鞋作坊营业执照",
        "category": "certificate",
        "era": "1980年代",
        "description": "父亲在永嘉开办皮鞋作坊时领取的第一张营业执照。",
        "story": "1985年，父亲从桥头镇借了三百元起家。",
        "intent": "donate",
        "consent_display": "on",
        "consent_privacy": "on",
        "lang": "zh-hans",
        "website": "",
    }
    data.update(overrides)
    return data


def private_files():
    root = Path(private_root())
    if not root.exists():
        return []
    return sorted(str(p) for p in root.rglob("*") if p.is_file())


def all_files(base):
    base = Path(base)
    return sorted(os.path.join(d, f) for d, _, files in os.walk(base) for f in files)
