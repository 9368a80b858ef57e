"""Photo validation: every upload is decoded, whatever its name, and re-encoded without location data."""

import io
import warnings
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from . import conf

# Pillow format names we accept, and what we store them as. HEIC becomes JPEG so that
# browsers and Wagtail renditions can show it.
ACCEPTED_FORMATS = {"JPEG": "JPEG", "MPO": "JPEG", "PNG": "PNG", "WEBP": "WEBP", "HEIF": "JPEG"}
EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
GPS_IFD = 0x8825
ORIENTATION = 0x0112
HEADER_BYTES = 32


def register_heif():
    from pillow_heif import register_heif_opener

    register_heif_opener()


@dataclass
class CleanPhoto:
    data: bytes
    format: str
    extension: str
    width: int
    height: int
    original_name: str


def _sniff(header):
    """The container format by magic number; names and declared content types are not trusted."""
    if header.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    if header.startswith(b"\x89PNG\r\n\x1a\n"):
        return "PNG"
    if header[:4] == b"RIFF" and header[8:12] == b"WEBP":
        return "WEBP"
    if header[4:8] == b"ftyp" and header[8:12] in {
        b"heic",
        b"heix",
        b"heim",
        b"heis",
        b"hevc",
        b"hevx",
        b"mif1",
        b"msf1",
    }:
        return "HEIF"
    return None


def _clean_exif(image):
    """EXIF without any location and with the orientation already applied to the pixels."""
    exif = image.getexif()
    if GPS_IFD in exif:
        del exif[GPS_IFD]
    if ORIENTATION in exif:
        exif[ORIENTATION] = 1
    return exif.tobytes() if len(exif) else b""


def clean_photo(upload):
    """Decode, check and re-encode one uploaded photo; raises ValidationError with the visitor's message."""
    name = (getattr(upload, "name", "") or "")[:200]
    size = getattr(upload, "size", None)
    if size is None or size == 0:
        raise ValidationError(_("“%(name)s” 是空文件。") % {"name": name}, code="empty")
    max_bytes = conf.get("DONATIONS_MAX_PHOTO_BYTES")
    if size > max_bytes:
        raise ValidationError(
            _("“%(name)s” 超过 %(limit)s MB，请压缩后再上传。")
            % {"name": name, "limit": max_bytes // conf.MB},
            code="too_large",
        )
    upload.seek(0)
    header = upload.read(HEADER_BYTES)
    upload.seek(0)
    sniffed = _sniff(header)
    if sniffed is None:
        raise ValidationError(
            _("“%(name)s” 不是可接受的图片，只接受 JPEG、PNG、WebP 或 HEIC 照片。")
            % {"name": name},
            code="invalid_type",
        )
    max_pixels = conf.get("DONATIONS_MAX_PHOTO_PIXELS")
    try:
        with warnings.catch_warnings():
            # A decompression bomb is refused, never decoded with a warning.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(upload, formats=[sniffed]) as image:
                if image.format not in ACCEPTED_FORMATS or (
                    ACCEPTED_FORMATS[image.format] != ACCEPTED_FORMATS[sniffed]
                ):
                    raise ValidationError(
                        _("“%(name)s” 不是可接受的图片，只接受 JPEG、PNG、WebP 或 HEIC 照片。")
                        % {"name": name},
                        code="invalid_type",
                    )
                width, height = image.size
                if width * height > max_pixels:
                    raise ValidationError(
                        _("“%(name)s” 超过 %(limit)s（%(width)s×%(height)s），请缩小后再上传。")
                        % {
                            "name": name,
                            "limit": conf.pixel_limit_text(max_pixels),
                            "width": width,
                            "height": height,
                        },
                        code="too_many_pixels",
                    )
                image.load()
                return _reencode(image, name)
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise ValidationError(
            _("“%(name)s” 超过 %(limit)s，无法处理。")
            % {"name": name, "limit": conf.pixel_limit_text(max_pixels)},
            code="too_many_pixels",
        ) from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError) as exc:
        raise ValidationError(
            _("“%(name)s” 已损坏或不完整，无法读取，请重新导出后上传。") % {"name": name},
            code="corrupt",
        ) from exc


def _reencode(image, name):
    upright = ImageOps.exif_transpose(image)
    exif = _clean_exif(image)  # after the transpose, which reads the orientation
    icc = image.info.get("icc_profile")
    target = ACCEPTED_FORMATS[image.format]
    if target == "JPEG" and upright.mode not in ("RGB", "L"):
        upright = upright.convert("RGB")
    elif target == "PNG" and upright.mode not in ("RGB", "RGBA", "L", "LA", "P", "1", "I;16"):
        upright = upright.convert("RGBA")
    elif target == "WEBP" and upright.mode not in ("RGB", "RGBA"):
        upright = upright.convert("RGBA" if "A" in upright.mode else "RGB")
    # Start from bare pixels so that no XMP, comments or text chunks (which may carry a
    # location) are carried over; only the cleaned EXIF and the colour profile are.
    transparency = upright.info.get("transparency")
    bare = upright.copy()
    bare.info = {}
    params = {"exif": exif}
    if target == "PNG" and transparency is not None:
        params["transparency"] = transparency
    if icc:
        params["icc_profile"] = icc
    if target == "JPEG":
        params.update(quality=92, optimize=True)
    elif target == "WEBP":
        params.update(quality=92)
    out = io.BytesIO()
    bare.save(out, format=target, **params)
    return CleanPhoto(
        data=out.getvalue(),
        format=target,
        extension=EXTENSIONS[target],
        width=bare.width,
        height=bare.height,
        original_name=name,
    )
