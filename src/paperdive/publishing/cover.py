"""The show's cover art: the configured image, or a generated square PNG with the title."""

from __future__ import annotations

import io
import logging
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont, UnidentifiedImageError

from paperdive.errors import ConfigError

log = logging.getLogger(__name__)

COVER_SIZE = 1400  # Apple's minimum
MAX_COVER_SIZE = 3000
BACKGROUND = (18, 32, 58)
ACCENT = (242, 169, 59)
INK = (245, 242, 235)
TITLE_SIZES = (150, 120, 96, 72, 56)  # the largest that fits wins
MAX_TITLE_LINES = 6
WAVEFORM = (3, 7, 12, 6, 10, 4, 8, 13, 5, 9, 3)  # bar heights of the motif


def _wrap(
    draw: ImageDraw.ImageDraw,
    text: str,
    font: ImageFont.FreeTypeFont | ImageFont.ImageFont,
    width: int,
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
    """(file name, bytes) of the cover to publish: the configured one, else a generated one."""
    if configured is None:
        return "cover.png", generated_cover(title)
    kind, data = show_cover(configured)
    return ("cover.png" if kind == "PNG" else "cover.jpg"), data


def show_cover(path: Path) -> tuple[str, bytes]:
    """("PNG" or "JPEG", bytes) of a configured cover that podcast directories accept.

    Apple's rules: a square PNG or JPEG of 1400 to 3000 pixels in RGB. A wrong size or
    format is refused with one line; another colour mode (CMYK, grey, a palette, an alpha
    channel) is converted to RGB, with a warning.
    """
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ConfigError(f"cannot read the show cover {path}: {exc.strerror}") from None
    try:
        with Image.open(io.BytesIO(data)) as image:
            kind, mode, (width, height) = image.format, image.mode, image.size
            if kind not in ("PNG", "JPEG"):
                raise ConfigError(f"the show cover {path} is {kind}: use a PNG or JPEG")
            if width != height or not COVER_SIZE <= width <= MAX_COVER_SIZE:
                raise ConfigError(
                    f"the show cover {path} is {width}×{height} px: podcast apps need a square "
                    f"of {COVER_SIZE} to {MAX_COVER_SIZE} px"
                )
            if mode == "RGB":
                return kind, data
            log.warning("the show cover %s is %s: publishing an RGB copy", path, mode)
            return kind, _rgb(image, kind)
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError) as exc:
        raise ConfigError(f"the show cover {path} is not a readable image ({exc})") from None


def _rgb(image: Image.Image, kind: str) -> bytes:
    """The image in RGB (transparent parts on white), encoded again as `kind`."""
    rgba = image.convert("RGBA")
    flat = Image.new("RGB", rgba.size, (255, 255, 255))
    flat.paste(rgba, mask=rgba.getchannel("A"))
    out = io.BytesIO()
    flat.save(out, format=kind, **({"quality": 95} if kind == "JPEG" else {"optimize": True}))
    return out.getvalue()
