"""The show's cover art: the configured image, or a generated square PNG with the title."""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont, UnidentifiedImageError

from paperdive.errors import PublishError

COVER_SIZE = 1400  # Apple's minimum; the maximum is 3000
BACKGROUND = (18, 32, 58)
ACCENT = (242, 169, 59)
INK = (245, 242, 235)
TITLE_SIZES = (150, 120, 96, 72, 56)  # the largest that fits wins
MAX_TITLE_LINES = 6
WAVEFORM = (3, 7, 12, 6, 10, 4, 8, 13, 5, 9, 3)  # bar heights of the motif


def _wrap(
    draw: ImageDraw.ImageDraw, text: str, font: ImageFont.FreeTypeFont, width: int
) -> list[str]:
    """Greedy word wrap by rendered width (a word wider than the line gets a line of its own)."""
    lines: list[str] = []
    for word in text.split():
        if lines and draw.textlength(f"{lines[-1]} {word}", font=font) <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines


def generated_cover(title: str) -> bytes:
    """A 1400x1400 PNG: the show title on a dark field above a waveform motif."""
    image = Image.new("RGB", (COVER_SIZE, COVER_SIZE), BACKGROUND)
    draw = ImageDraw.Draw(image)
    margin = COVER_SIZE // 10
    for i, height in enumerate(WAVEFORM):
        x = margin + i * 60
        bar = height * 14
        draw.rounded_rectangle(
            (x, COVER_SIZE - margin - bar, x + 34, COVER_SIZE - margin), radius=17, fill=ACCENT
        )
    width = COVER_SIZE - 2 * margin
    for size in TITLE_SIZES:
        font = ImageFont.load_default(size=size)
        lines = _wrap(draw, title, font, width)
        if len(lines) <= MAX_TITLE_LINES and all(
            draw.textlength(line, font=font) <= width for line in lines
        ):
            break
    draw.multiline_text(
        (margin, margin), "\n".join(lines[:MAX_TITLE_LINES]), font=font, fill=INK, spacing=24
    )
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def cover_file(configured: Path | None, title: str) -> tuple[str, bytes]:
    """(file name, bytes) of the cover to publish; a configured image must be a PNG or JPEG."""
    if configured is None:
        return "cover.png", generated_cover(title)
    if not configured.is_file():
        raise PublishError(f"the show cover {configured} does not exist")
    data = configured.read_bytes()
    try:
        with Image.open(io.BytesIO(data)) as image:
            kind = image.format
    except UnidentifiedImageError:
        raise PublishError(f"the show cover {configured} is not an image") from None
    if kind not in ("PNG", "JPEG"):
        raise PublishError(f"the show cover {configured} is {kind}; use a PNG or JPEG")
    return ("cover.png" if kind == "PNG" else "cover.jpg"), data
