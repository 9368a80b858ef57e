"""Demo pictures drawn with Pillow: artifacts, portraits and scenes, deterministic per key.

Nothing is downloaded. Each picture is seeded by a stable key, so a rerun draws the same
pixels and finds the Wagtail image it saved before (looked up by title in the demo collection).
"""

import hashlib
import io
import math
import random
from functools import lru_cache
from pathlib import Path

from django.core.files.images import ImageFile
from PIL import Image, ImageDraw, ImageFilter, ImageFont, ImageOps
from wagtail.images import get_image_model
from wagtail.models import Collection

from cms.core.roles import CURATOR

WIDTH, HEIGHT = 1200, 900
PORTRAIT_SIZE = (900, 1200)
JPEG_QUALITY = 82
# The curators' collection: almost every demo image is museum imagery they maintain.
COLLECTION_NAME = CURATOR.collection

FONT_CANDIDATES = [
    "/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
]

# Museum-like palettes: backdrop, paper, wood, metal, cloth.
BACKDROPS = [(38, 42, 48), (58, 50, 44), (30, 44, 52), (72, 64, 58), (44, 38, 52), (236, 230, 218)]
PAPER = [(228, 214, 180), (214, 196, 160), (238, 228, 204), (205, 186, 150)]
WOOD = [(120, 78, 44), (96, 60, 34), (140, 96, 58), (82, 52, 30)]
METAL = [(196, 160, 72), (170, 170, 176), (184, 120, 70)]
CLOTH = [(150, 32, 40), (34, 66, 120), (40, 110, 90), (190, 150, 60), (90, 40, 90)]
SKIES = [
    ((250, 206, 150), (120, 160, 205)),
    ((200, 220, 240), (90, 130, 180)),
    ((255, 180, 140), (70, 80, 140)),
    ((230, 235, 240), (150, 170, 190)),
]


def seeded(key):
    return random.Random(int(hashlib.sha256(key.encode()).hexdigest()[:16], 16))  # noqa: S311


@lru_cache(maxsize=4)
def _font(size):
    for candidate in FONT_CANDIDATES:
        if Path(candidate).exists():
            return ImageFont.truetype(candidate, size)
    return None


def _vary(color, rng, spread=18):
    return tuple(max(0, min(255, c + rng.randint(-spread, spread))) for c in color)


def _gradient(size, top, bottom):
    mask = Image.linear_gradient("L").resize(size)
    return Image.composite(Image.new("RGB", size, bottom), Image.new("RGB", size, top), mask)


def _radial_backdrop(size, color, rng):
    """A studio backdrop: lighter centre falling off to the edges, with fine grain."""
    base = Image.new("RGB", size, _vary(color, rng, 8))
    light = Image.radial_gradient("L").resize(size)
    bright = Image.new("RGB", size, tuple(min(255, c + 50) for c in color))
    img = Image.composite(base, bright, light)
    return _grain(img, rng, 10)


@lru_cache(maxsize=8)
def _noise(size, amount):
    # Film grain is the same texture everywhere; drawing it once per size keeps generation fast.
    return Image.effect_noise(size, amount).convert("RGB")


def _grain(img, rng, amount):
    return Image.blend(img, _noise(img.size, amount), 0.06 + rng.random() * 0.04)


def _shadow(img, box, radius=24, offset=(18, 22)):
    shadow = Image.new("L", img.size, 0)
    x0, y0, x1, y1 = box
    ImageDraw.Draw(shadow).rectangle(
        (x0 + offset[0], y0 + offset[1], x1 + offset[0], y1 + offset[1]), fill=150
    )
    shadow = shadow.filter(ImageFilter.GaussianBlur(radius))
    return Image.composite(Image.new("RGB", img.size, (10, 10, 12)), img, shadow)


def _text(draw, xy, text, size, fill, vertical=False):
    font = _font(size)
    if font is None:
        # No CJK font on this machine: draw ink strokes where the characters would be.
        x, y = xy
        for i, _ in enumerate(text):
            dx, dy = (0, i * size * 1.1) if vertical else (i * size * 1.1, 0)
            draw.rectangle(
                (x + dx, y + dy, x + dx + size * 0.8, y + dy + size * 0.8), outline=fill, width=3
            )
        return
    if vertical:
        x, y = xy
        for i, char in enumerate(text):
            draw.text((x, y + i * size * 1.1), char, font=font, fill=fill)
    else:
        draw.text(xy, text, font=font, fill=fill)


def _lines(draw, rng, box, color, rows=None, vertical=False):
    """Handwriting-like lines of ink inside a box (documents, letters)."""
    x0, y0, x1, y1 = box
    if vertical:
        x = x1 - 30
        while x > x0 + 20:
            y = y0 + 20
            end = y1 - rng.randint(20, 140)
            while y < end:
                h = rng.randint(10, 26)
                draw.line(
                    (x, y, x + rng.randint(-3, 3), y + h), fill=color, width=rng.randint(3, 5)
                )
                y += h + rng.randint(4, 10)
            x -= 34
        return
    rows = rows or int((y1 - y0) / 34)
    for row in range(rows):
        y = y0 + 20 + row * 34
        x = x0 + 24
        end = x1 - rng.randint(24, 180)
        while x < end:
            w = rng.randint(10, 30)
            draw.line(
                (x, y + rng.randint(-2, 2), x + w, y + rng.randint(-2, 2)), fill=color, width=3
            )
            x += w + rng.randint(5, 12)


def _seal(draw, rng, centre, radius, color=(190, 30, 36)):
    cx, cy = centre
    if rng.random() < 0.5:
        draw.ellipse((cx - radius, cy - radius, cx + radius, cy + radius), outline=color, width=7)
        draw.regular_polygon((cx, cy, radius * 0.35), 5, fill=color)
    else:
        draw.rectangle((cx - radius, cy - radius, cx + radius, cy + radius), outline=color, width=8)
        draw.line((cx - radius * 0.6, cy, cx + radius * 0.6, cy), fill=color, width=8)
        draw.line((cx, cy - radius * 0.6, cx, cy + radius * 0.6), fill=color, width=8)


def _draw_document(img, rng, label, kind):
    draw = ImageDraw.Draw(img)
    w, h = img.size
    pw, ph = int(w * rng.uniform(0.42, 0.55)), int(h * rng.uniform(0.66, 0.78))
    x0, y0 = (w - pw) // 2 + rng.randint(-40, 40), (h - ph) // 2
    box = (x0, y0, x0 + pw, y0 + ph)
    img.paste(_shadow(img, box), (0, 0))
    draw = ImageDraw.Draw(img)
    paper = _vary(rng.choice(PAPER), rng)
    draw.rectangle(box, fill=paper)
    # foxing: age spots
    for _ in range(rng.randint(8, 30)):
        r = rng.randint(3, 16)
        px, py = rng.randint(box[0], box[2] - r), rng.randint(box[1], box[3] - r)
        draw.ellipse((px, py, px + r, py + r), fill=_vary((190, 160, 110), rng, 12))
    ink = (40, 34, 30)
    if kind == "certificate":
        draw.rectangle(
            (x0 + 18, y0 + 18, x0 + pw - 18, y0 + ph - 18), outline=(150, 40, 36), width=6
        )
        _text(draw, (x0 + pw // 2 - 120, y0 + 50), label[:4], 60, (150, 40, 36))
        _lines(draw, rng, (x0 + 40, y0 + 150, x0 + pw - 40, y0 + ph - 160), ink)
        _seal(draw, rng, (x0 + pw - 110, y0 + ph - 110), 62)
    elif kind == "letter":
        for i in range(1, 12):
            x = x0 + pw - i * (pw // 12)
            draw.line((x, y0 + 20, x, y0 + ph - 20), fill=(200, 120, 110), width=2)
        _lines(draw, rng, (x0 + 20, y0 + 30, x0 + pw - 20, y0 + ph - 30), ink, vertical=True)
    else:
        _text(draw, (x0 + 40, y0 + 40), label[:8], 44, ink)
        _lines(draw, rng, (x0 + 30, y0 + 120, x0 + pw - 30, y0 + ph - 60), ink)
        if rng.random() < 0.6:
            _seal(draw, rng, (x0 + pw - 90, y0 + ph - 90), 48)


def _draw_photograph(img, rng, label, kind):
    w, h = img.size
    pw, ph = int(w * 0.56), int(h * 0.62)
    x0, y0 = (w - pw) // 2, (h - ph) // 2 - 20
    box = (x0, y0, x0 + pw, y0 + ph)
    img.paste(_shadow(img, box), (0, 0))
    draw = ImageDraw.Draw(img)
    draw.rectangle(box, fill=(240, 234, 220))
    inner = (x0 + 26, y0 + 26, x0 + pw - 26, y0 + ph - 70)
    scene = _scene((inner[2] - inner[0], inner[3] - inner[1]), rng, sepia=True)
    img.paste(scene, inner[:2])
    draw = ImageDraw.Draw(img)
    _text(draw, (x0 + 30, y0 + ph - 58), label[:14], 30, (70, 60, 50))


def _draw_tool(img, rng, label, kind):
    draw = ImageDraw.Draw(img)
    w, h = img.size
    wood, metal = _vary(rng.choice(WOOD), rng), _vary(rng.choice(METAL), rng)
    cx, cy = w // 2, h // 2
    shape = rng.choice(["scale", "awl", "abacus", "machine"])
    if shape == "abacus":
        box = (cx - 360, cy - 200, cx + 360, cy + 200)
        img.paste(_shadow(img, box), (0, 0))
        draw = ImageDraw.Draw(img)
        draw.rectangle(box, outline=wood, width=28)
        draw.line((box[0], cy - 60, box[2], cy - 60), fill=wood, width=14)
        for i in range(13):
            x = box[0] + 50 + i * 52
            draw.line((x, box[1] + 14, x, box[3] - 14), fill=(90, 80, 70), width=4)
            for j in range(2):
                y = box[1] + 40 + j * 44
                draw.ellipse((x - 22, y - 14, x + 22, y + 14), fill=_vary((60, 36, 22), rng, 10))
            for j in range(rng.randint(1, 5)):
                y = cy + 10 + j * 34
                draw.ellipse((x - 22, y - 14, x + 22, y + 14), fill=_vary((60, 36, 22), rng, 10))
    elif shape == "scale":
        draw.line((cx - 420, cy - 60, cx + 380, cy - 120), fill=wood, width=22)
        for i in range(30):
            t = i / 30
            x, y = cx - 400 + 760 * t, cy - 62 - 58 * t
            draw.line((x, y - 14, x, y + 14), fill=metal, width=3)
        draw.line((cx + 200, cy - 104, cx + 200, cy + 160), fill=(60, 60, 60), width=4)
        draw.ellipse((cx + 140, cy + 150, cx + 260, cy + 270), fill=metal)
        draw.polygon(
            [(cx - 430, cy - 40), (cx - 260, cy + 170), (cx - 560, cy + 170)],
            outline=metal,
            width=6,
        )
    elif shape == "awl":
        for i in range(rng.randint(3, 5)):
            x = cx - 300 + i * 150
            draw.rounded_rectangle((x - 30, cy - 250, x + 30, cy - 20), 20, fill=wood)
            draw.polygon([(x - 10, cy - 20), (x + 10, cy - 20), (x, cy + 240)], fill=metal)
    else:
        box = (cx - 320, cy - 120, cx + 320, cy + 220)
        img.paste(_shadow(img, box), (0, 0))
        draw = ImageDraw.Draw(img)
        draw.rounded_rectangle(box, 30, fill=_vary((60, 70, 66), rng))
        draw.rounded_rectangle(
            (cx - 220, cy - 300, cx + 260, cy - 120), 40, fill=_vary((70, 80, 76), rng)
        )
        draw.ellipse(
            (cx + 140, cy - 60, cx + 300, cy + 100), fill=metal, outline=(30, 30, 30), width=6
        )
        draw.line((cx - 120, cy - 120, cx - 120, cy + 20), fill=(180, 180, 186), width=10)
        _text(draw, (cx - 280, cy + 120), label[:6], 40, (220, 200, 140))


def _draw_product(img, rng, label, kind):
    draw = ImageDraw.Draw(img)
    w, h = img.size
    cx, cy = w // 2, h // 2 + 40
    shape = rng.choice(["shoe", "buttons", "lighter", "switch", "glasses"])
    color = _vary(rng.choice(CLOTH + METAL + WOOD), rng)
    if shape == "shoe":
        sole = [
            (cx - 380, cy + 120),
            (cx + 360, cy + 120),
            (cx + 400, cy + 80),
            (cx - 390, cy + 90),
        ]
        upper = [
            (cx - 380, cy + 90),
            (cx - 300, cy - 40),
            (cx - 60, cy - 90),
            (cx + 80, cy - 210),
            (cx + 260, cy - 210),
            (cx + 320, cy - 60),
            (cx + 400, cy + 80),
        ]
        draw.polygon(upper, fill=color)
        draw.polygon(sole, fill=(30, 26, 24))
        for i in range(5):
            draw.line(
                (cx - 40 + i * 40, cy - 130 + i * 10, cx + 40 + i * 40, cy - 160 + i * 10),
                fill=(240, 236, 226),
                width=5,
            )
    elif shape == "buttons":
        for _ in range(rng.randint(10, 18)):
            r = rng.randint(34, 70)
            x, y = rng.randint(cx - 420, cx + 420), rng.randint(cy - 320, cy + 200)
            c = _vary(rng.choice(CLOTH + METAL + [(240, 236, 226)]), rng)
            draw.ellipse((x - r, y - r, x + r, y + r), fill=c, outline=_vary(c, rng, 40), width=5)
            for dx, dy in ((-1, -1), (1, -1), (-1, 1), (1, 1)):
                hx, hy = x + dx * r * 0.25, y + dy * r * 0.25
                draw.ellipse((hx - 6, hy - 6, hx + 6, hy + 6), fill=(20, 20, 20))
    elif shape == "lighter":
        for i in range(rng.randint(3, 6)):
            x = cx - 330 + i * 140
            draw.rounded_rectangle(
                (x - 45, cy - 140, x + 45, cy + 150), 16, fill=_vary(rng.choice(METAL), rng)
            )
            draw.rectangle(
                (x - 45, cy - 140, x + 45, cy - 70), fill=_vary((200, 200, 206), rng, 10)
            )
            draw.ellipse((x - 20, cy - 125, x + 20, cy - 85), fill=(40, 40, 44))
    elif shape == "switch":
        box = (cx - 260, cy - 280, cx + 260, cy + 200)
        img.paste(_shadow(img, box), (0, 0))
        draw = ImageDraw.Draw(img)
        draw.rounded_rectangle(box, 24, fill=(228, 226, 220))
        for i in range(3):
            x = cx - 170 + i * 170
            draw.rectangle(
                (x - 50, cy - 200, x + 50, cy + 60), fill=(200, 60, 40) if i == 1 else (60, 60, 64)
            )
            draw.rectangle((x - 30, cy - 150, x + 30, cy - 60), fill=(240, 240, 240))
        _text(draw, (cx - 200, cy + 100), label[:6], 40, (40, 40, 40))
    else:
        for side in (-1, 1):
            x = cx + side * 190
            draw.ellipse((x - 160, cy - 110, x + 160, cy + 110), outline=color, width=22)
        draw.arc((cx - 60, cy - 70, cx + 60, cy + 30), 200, 340, fill=color, width=18)
        draw.line((cx - 350, cy - 40, cx - 480, cy - 70), fill=color, width=16)
        draw.line((cx + 350, cy - 40, cx + 480, cy - 70), fill=color, width=16)


def _draw_textile(img, rng, label, kind):
    draw = ImageDraw.Draw(img)
    w, h = img.size
    cloth = _vary(rng.choice(CLOTH), rng)
    box = (int(w * 0.16), int(h * 0.12), int(w * 0.84), int(h * 0.88))
    img.paste(_shadow(img, box), (0, 0))
    draw = ImageDraw.Draw(img)
    draw.rectangle(box, fill=cloth)
    accent = _vary(rng.choice(METAL + [(240, 230, 210)]), rng)
    step = rng.randint(50, 90)
    for y in range(box[1] + step // 2, box[3], step):
        for x in range(box[0] + step // 2, box[2], step):
            r = step // 4
            if rng.random() < 0.5:
                draw.ellipse((x - r, y - r, x + r, y + r), outline=accent, width=3)
            else:
                draw.regular_polygon((x, y, r), 6, outline=accent, width=3)
    draw.rectangle(box, outline=accent, width=14)


def _draw_signboard(img, rng, label, kind):
    draw = ImageDraw.Draw(img)
    w, h = img.size
    wood = _vary(rng.choice(WOOD), rng)
    box = (int(w * 0.08), int(h * 0.32), int(w * 0.92), int(h * 0.68))
    img.paste(_shadow(img, box), (0, 0))
    draw = ImageDraw.Draw(img)
    draw.rectangle(box, fill=wood)
    for y in range(box[1], box[3], 9):
        draw.line(
            (box[0], y + rng.randint(-2, 2), box[2], y + rng.randint(-2, 2)),
            fill=_vary(wood, rng, 14),
            width=2,
        )
    draw.rectangle(box, outline=(200, 160, 70), width=12)
    text = label[:6]
    size = 110
    width = len(text) * size * 1.05
    _text(draw, (w / 2 - width / 2, h / 2 - size * 0.62), text, size, (226, 186, 88))


def _draw_medal(img, rng, label, kind):
    draw = ImageDraw.Draw(img)
    w, h = img.size
    cx, cy = w // 2, h // 2 + 80
    ribbon = _vary(rng.choice(CLOTH), rng)
    draw.polygon(
        [(cx - 120, cy - 420), (cx + 120, cy - 420), (cx + 50, cy - 140), (cx - 50, cy - 140)],
        fill=ribbon,
    )
    draw.line((cx - 30, cy - 420, cx - 10, cy - 150), fill=(240, 220, 120), width=8)
    metal = _vary(rng.choice(METAL), rng, 10)
    draw.ellipse(
        (cx - 200, cy - 200, cx + 200, cy + 200),
        fill=metal,
        outline=_vary(metal, rng, 50),
        width=16,
    )
    draw.regular_polygon((cx, cy, 120), 5, rotation=rng.choice([0, 36]), fill=_vary(metal, rng, 40))
    for i in range(24):
        a = i * math.tau / 24
        draw.line(
            (
                cx + 170 * math.cos(a),
                cy + 170 * math.sin(a),
                cx + 186 * math.cos(a),
                cy + 186 * math.sin(a),
            ),
            fill=(90, 70, 30),
            width=4,
        )


ARTIFACT_PAINTERS = {
    "document": _draw_document,
    "certificate": _draw_document,
    "letter": _draw_document,
    "photograph": _draw_photograph,
    "tool": _draw_tool,
    "product": _draw_product,
    "textile": _draw_textile,
    "signboard": _draw_signboard,
    "medal": _draw_medal,
    "other": _draw_product,
}


def _scene(size, rng, sepia=False):
    """A landscape of the Oujiang river country: sky, layered hills, water, a few buildings."""
    top, bottom = rng.choice(SKIES)
    img = _gradient(size, top, bottom)
    draw = ImageDraw.Draw(img)
    w, h = size
    horizon = int(h * rng.uniform(0.5, 0.66))
    sun = (int(w * rng.uniform(0.15, 0.85)), int(h * rng.uniform(0.12, 0.35)))
    r = int(min(w, h) * 0.06)
    draw.ellipse((sun[0] - r, sun[1] - r, sun[0] + r, sun[1] + r), fill=(255, 236, 200))
    for layer in range(3):
        shade = 120 - layer * 35
        color = (shade - 20, shade + 10, shade)
        points = [(0, h)]
        base = horizon - 60 + layer * 40
        for x in range(0, w + 40, 40):
            points.append(
                (
                    x,
                    base
                    - int(60 * math.sin(x / (90 + layer * 40) + rng.random()))
                    - rng.randint(0, 30),
                )
            )
        points.append((w, h))
        draw.polygon(points, fill=color)
    draw.rectangle((0, horizon + 40, w, h), fill=(70, 110, 140))
    for _ in range(rng.randint(4, 9)):
        bx, bw, bh = rng.randint(0, w - 60), rng.randint(30, 90), rng.randint(40, 180)
        draw.rectangle(
            (bx, horizon + 40 - bh, bx + bw, horizon + 40), fill=_vary((180, 170, 160), rng, 30)
        )
        for wy in range(horizon + 40 - bh + 10, horizon + 30, 22):
            draw.line((bx + 6, wy, bx + bw - 6, wy), fill=(240, 220, 160), width=4)
    for y in range(horizon + 50, h, 14):
        x = rng.randint(0, w)
        draw.line((x, y, x + rng.randint(30, 140), y), fill=(160, 190, 210), width=2)
    if sepia:
        gray = img.convert("L")
        img = Image.merge(
            "RGB",
            (
                gray.point(lambda v: min(255, v + 30)),
                gray.point(lambda v: v + 8),
                gray.point(lambda v: max(0, v - 22)),
            ),
        )
    return _grain(img, rng, 14)


def draw_artifact(key, object_type, label):
    rng = seeded(key)
    img = _radial_backdrop((WIDTH, HEIGHT), rng.choice(BACKDROPS), rng)
    ARTIFACT_PAINTERS.get(object_type, _draw_product)(img, rng, label, object_type)
    # A photographer's levels: a dark object on a dark backdrop still spans the tonal range.
    return ImageOps.autocontrast(img, cutoff=0.5)


def draw_portrait(key, label):
    rng = seeded(key)
    size = PORTRAIT_SIZE
    top, bottom = rng.choice(SKIES)
    img = _gradient(size, _vary(bottom, rng), _vary(top, rng))
    draw = ImageDraw.Draw(img)
    w, h = size
    cx = w // 2 + rng.randint(-40, 40)
    coat = _vary(
        rng.choice([(40, 44, 60), (70, 70, 74), (30, 30, 34), (110, 80, 60), (60, 80, 110)]), rng
    )
    draw.ellipse((cx - 360, int(h * 0.62), cx + 360, int(h * 1.3)), fill=coat)
    draw.polygon(
        [(cx - 70, int(h * 0.64)), (cx + 70, int(h * 0.64)), (cx, int(h * 0.8))],
        fill=(236, 236, 240),
    )
    skin = _vary(rng.choice([(224, 188, 160), (210, 170, 140), (236, 200, 172)]), rng, 10)
    draw.rectangle((cx - 60, int(h * 0.5), cx + 60, int(h * 0.66)), fill=skin)
    draw.ellipse((cx - 170, int(h * 0.22), cx + 170, int(h * 0.58)), fill=skin)
    hair = _vary((30, 26, 24), rng, 10) if rng.random() < 0.7 else _vary((120, 120, 120), rng, 20)
    draw.chord((cx - 180, int(h * 0.18), cx + 180, int(h * 0.46)), 180, 360, fill=hair)
    img = img.filter(ImageFilter.GaussianBlur(2))
    return _grain(img, rng, 12)


def draw_scene(key, label=""):
    rng = seeded(key)
    img = _scene((WIDTH, HEIGHT), rng)
    if label:
        draw = ImageDraw.Draw(img, "RGBA")
        draw.rectangle((0, HEIGHT - 120, WIDTH, HEIGHT), fill=(0, 0, 0, 110))
        _text(draw, (48, HEIGHT - 100), label[:20], 56, (255, 255, 255))
    return img


def draw_badge(kind):
    """Stand-ins for the filing marks, each saying it is a sample: the real marks are issued
    to the site's operator and uploaded under Settings."""
    if kind == "police":
        img = Image.new("RGB", (80, 80), (255, 255, 255))
        draw = ImageDraw.Draw(img)
        draw.ellipse((4, 4, 76, 76), fill=(24, 78, 160))
        draw.ellipse((18, 18, 62, 62), outline=(255, 214, 80), width=4)
        _text(draw, (16, 26), "示例", 24, (255, 255, 255))
        return img
    img = Image.new("RGB", (220, 110), (196, 30, 36))
    draw = ImageDraw.Draw(img)
    draw.rectangle((6, 6, 213, 103), outline=(255, 220, 120), width=3)
    _text(draw, (26, 18), "党政机关", 36, (255, 255, 255))
    _text(draw, (62, 62), "示例", 30, (255, 220, 120))
    return img


def _collection():
    root = Collection.get_first_root_node()
    existing = root.get_children().filter(name=COLLECTION_NAME).first()
    return existing or root.add_child(name=COLLECTION_NAME)


class ImageLibrary:
    """Saves drawings as Wagtail images once; later calls with the same title reuse them."""

    def __init__(self):
        self.model = get_image_model()
        self.collection = _collection()
        self.by_title = {
            img.title: img for img in self.model.objects.filter(collection=self.collection)
        }
        self.created = 0

    def get(self, title, description, draw, filename):
        image = self.by_title.get(title)
        if image is not None:
            return image
        picture = draw()
        buffer = io.BytesIO()
        picture.convert("RGB").save(buffer, "JPEG", quality=JPEG_QUALITY)
        image = self.model(title=title, description=description[:255], collection=self.collection)
        image.file = ImageFile(buffer, name=f"{filename}.jpg")
        # Size and hash as the admin's upload form records them (duplicate detection uses the hash).
        image._set_image_file_metadata()
        image.save()
        self.by_title[title] = image
        self.created += 1
        return image

    def artifact(self, key, title, description, object_type, label):
        return self.get(title, description, lambda: draw_artifact(key, object_type, label), key)

    def portrait(self, key, title, description, label):
        return self.get(title, description, lambda: draw_portrait(key, label), key)

    def scene(self, key, title, description, label=""):
        return self.get(title, description, lambda: draw_scene(key, label), key)

    def badge(self, kind, title, description):
        return self.get(title, description, lambda: draw_badge(kind), f"badge-{kind}")
