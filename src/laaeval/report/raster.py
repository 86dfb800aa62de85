"""Pictures drawn without an imaging library: filled rectangles and text on a canvas of
pixels, written as PNG (zlib and struct from the standard library).

The Word report needs its charts as pictures, and no well-kept pure-Python way turns the
HTML report's SVG into one; Pillow or Cairo would be a large native dependency for a few
bar charts. So the charts are drawn again here, on the same layout (report/charts.py), with
letters from ``glyphs.bin`` (grey-level bitmaps of DejaVu Sans Condensed, made once by
tools/make_glyphs.py). Only what the charts need is here: rectangles, lines, text.
"""

from __future__ import annotations

import base64
import json
import struct
import zlib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

RGB = tuple[int, int, int]
WHITE: RGB = (255, 255, 255)
GLYPHS = Path(__file__).with_name("glyphs.bin")
MAX_SIDE = 8000  # pixels: a chart is never larger, whatever the framework


def rgb(colour: str) -> RGB:
    """ "#1a7f37" as (26, 127, 55)."""
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


@dataclass(frozen=True)
class Glyph:
    advance: float
    x0: int
    y0: int
    width: int
    height: int
    alpha: bytes


@dataclass(frozen=True)
class Face:
    size: int
    ascent: int
    glyphs: dict[str, Glyph]

    def glyph(self, ch: str) -> Glyph:
        return self.glyphs.get(ch) or self.glyphs["\ufffd"]

    def width(self, text: str) -> float:
        return sum(self.glyph(ch).advance for ch in text)

    def fit(self, text: str, width: float) -> str:
        """``text`` shortened with an ellipsis until it is at most ``width`` pixels wide."""
        if self.width(text) <= width:
            return text
        while text and self.width(text + "…") > width:
            text = text[:-1]
        return text.rstrip() + "…"


@cache
def faces() -> dict[str, Face]:
    payload = json.loads(zlib.decompress(GLYPHS.read_bytes()))
    out = {}
    for name, face in payload["faces"].items():
        glyphs = {ch: Glyph(g[0] / 100, g[1], g[2], g[3], g[4], base64.b64decode(g[5]))
                  for ch, g in face["glyphs"].items()}  # fmt: skip
        out[name] = Face(face["size"], face["ascent"], glyphs)
    return out


class Canvas:
    """A white picture ``width`` × ``height`` pixels to draw on."""

    def __init__(self, width: int, height: int) -> None:
        self.width = max(1, min(int(width), MAX_SIDE))
        self.height = max(1, min(int(height), MAX_SIDE))
        self.pixels = bytearray(b"\xff" * (self.width * self.height * 3))
        self._blended: dict[tuple[str, str, RGB, RGB], list[bytes]] = {}

    def rect(self, x: float, y: float, w: float, h: float, colour: RGB) -> None:
        x0, y0 = max(round(x), 0), max(round(y), 0)
        x1, y1 = min(round(x + w), self.width), min(round(y + h), self.height)
        if x1 <= x0 or y1 <= y0:
            return
        row = bytes(colour) * (x1 - x0)
        for yy in range(y0, y1):
            start = (yy * self.width + x0) * 3
            self.pixels[start:start + len(row)] = row

    def outline(self, x: float, y: float, w: float, h: float, colour: RGB, line: float = 1.5
                ) -> None:  # fmt: skip
        self.rect(x, y, w, line, colour)
        self.rect(x, y + h - line, w, line, colour)
        self.rect(x, y, line, h, colour)
        self.rect(x + w - line, y, line, h, colour)

    def text(self, x: float, baseline: float, text: str, colour: RGB = (27, 27, 27), *,
             face: str = "regular", anchor: str = "start", background: RGB = WHITE) -> float:
        """Write ``text`` with its baseline at ``baseline``; returns its width. Letters are
        blended with ``background``, the colour they are written on."""
        font = faces()[face]
        width = font.width(text)
        pen = x - (width if anchor == "end" else width / 2 if anchor == "middle" else 0)
        top = baseline - font.ascent
        for ch in text:
            glyph = font.glyph(ch)
            if glyph.width:
                self._blit(round(pen) + glyph.x0, round(top) + glyph.y0, glyph,
                           self._blend(face, ch, glyph, colour, background))  # fmt: skip
            pen += glyph.advance
        return width

    def _blend(self, face: str, ch: str, glyph: Glyph, colour: RGB, background: RGB
               ) -> list[bytes]:  # fmt: skip
        key = (face, ch, colour, background)
        rows = self._blended.get(key)
        if rows is None:
            shades = [bytes(round(b + (c - b) * a / 255) for c, b in zip(colour, background,
                            strict=True)) for a in range(256)]  # fmt: skip
            alpha = glyph.alpha
            rows = [b"".join(shades[a] for a in alpha[r * glyph.width:(r + 1) * glyph.width])
                    for r in range(glyph.height)]  # fmt: skip
            self._blended[key] = rows
        return rows

    def _blit(self, x: int, y: int, glyph: Glyph, rows: list[bytes]) -> None:
        for r, row in enumerate(rows):
            yy = y + r
            if not 0 <= yy < self.height:
                continue
            left, right = max(x, 0), min(x + glyph.width, self.width)
            if right <= left:
                return
            start = (yy * self.width + left) * 3
            self.pixels[start:start + (right - left) * 3] = row[(left - x) * 3:(right - x) * 3]

    def png(self, dpi: int = 192) -> bytes:
        """The picture as a PNG file, saying how many pixels to the inch it is drawn at."""
        stride = self.width * 3
        raw = b"".join(b"\x00" + bytes(self.pixels[r * stride:(r + 1) * stride])
                       for r in range(self.height))  # fmt: skip
        per_metre = round(dpi / 0.0254)
        return b"".join((
            b"\x89PNG\r\n\x1a\n",
            _chunk(b"IHDR", struct.pack(">IIBBBBB", self.width, self.height, 8, 2, 0, 0, 0)),
            _chunk(b"pHYs", struct.pack(">IIB", per_metre, per_metre, 1)),
            _chunk(b"IDAT", zlib.compress(raw, 6)),
            _chunk(b"IEND", b""),
        ))


def _chunk(kind: bytes, data: bytes) -> bytes:
    return (struct.pack(">I", len(data)) + kind + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))  # fmt: skip
