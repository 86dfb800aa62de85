"""Make src/laaeval/report/glyphs.bin: the letters the Word report's charts are drawn with.

The charts in a Word report are pictures (PNG), drawn by laaeval itself (report/raster.py)
so that no imaging library is needed at run time. Text in a picture needs the shapes of the
letters: this script draws each one once from DejaVu Sans Condensed (Bitstream Vera
licence, with DejaVu's changes in the public domain; its notice is kept in the file) and
stores them as grey-level bitmaps. It needs Pillow, which laaeval itself does not:

    python3 -m venv /tmp/glyphs && /tmp/glyphs/bin/pip install pillow
    /tmp/glyphs/bin/python tools/make_glyphs.py

Run it only to change the letters or their sizes; the file it writes is committed.
"""

from __future__ import annotations

import base64
import json
import zlib
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

FONTS = Path("/usr/share/fonts/truetype/dejavu")
FACES = {"regular": ("DejaVuSansCondensed.ttf", 22), "bold": ("DejaVuSansCondensed-Bold.ttf", 22),
         "small": ("DejaVuSansCondensed.ttf", 19)}
CHARS = ("".join(chr(c) for c in range(32, 127)) + "".join(chr(c) for c in range(160, 256))
         + "–—‘’‚“”„…•›‹€™×÷≥≤·−√✓\ufffd")
NOTICE = ("Glyph bitmaps drawn from DejaVu Sans Condensed. Fonts are (c) Bitstream (see "
          "below). DejaVu changes are in public domain. Bitstream Vera Fonts Copyright (c) "
          "2003 by Bitstream, Inc. All Rights Reserved. Bitstream Vera is a trademark of "
          "Bitstream, Inc.")
OUT = Path(__file__).resolve().parents[1] / "src" / "laaeval" / "report" / "glyphs.bin"


def face(file: str, size: int) -> dict[str, object]:
    font = ImageFont.truetype(str(FONTS / file), size)
    ascent, descent = font.getmetrics()
    glyphs = {}
    for ch in CHARS:
        x0, y0, x1, y1 = font.getbbox(ch)
        w, h = max(x1 - x0, 0), max(y1 - y0, 0)
        data = b""
        if w and h:
            image = Image.new("L", (w, h), 0)
            ImageDraw.Draw(image).text((-x0, -y0), ch, font=font, fill=255)
            data = image.tobytes()
        glyphs[ch] = [round(font.getlength(ch) * 100), x0, y0, w, h,
                      base64.b64encode(data).decode("ascii")]
    return {"size": size, "ascent": ascent, "descent": descent, "glyphs": glyphs}


def main() -> None:
    payload = {"notice": NOTICE, "faces": {name: face(*spec) for name, spec in FACES.items()}}
    OUT.write_bytes(zlib.compress(json.dumps(payload, separators=(",", ":")).encode(), 9))
    print(f"wrote {OUT} ({OUT.stat().st_size // 1024} KB)")


if __name__ == "__main__":
    main()
