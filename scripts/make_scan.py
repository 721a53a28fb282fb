"""Make the scanned example: the example PDF as a scanner would give it back. Deterministic.

    .venv/bin/python scripts/make_scan.py

Renders every page of corpus/2024年度渌口区交通事务中心整体支出绩效自评报告.pdf with pypdfium2 at
DPI (grey), then "scans" it with Pillow and a seeded random generator: a slightly off-white,
unevenly lit sheet, a small rotation (the page was not fed straight), mild sensor noise, a few specks of
dust and a soft blur (scanner optics). Writes

* ``corpus/scanned/<stem>(扫描件).pdf``: one JPEG image per page and no text layer, as office
  scanners produce (the reader must OCR it);
* ``corpus/scanned/<stem>(扫描件)-第2页.png``: page 2 alone as a PNG, as a phone photo or a
  screenshot would be uploaded (posterized to 8 grey levels to keep it small).

Same bytes every run with the same Pillow, numpy and pdfium versions.
"""
from __future__ import annotations

import io
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
STEM = "2024年度渌口区交通事务中心整体支出绩效自评报告"
SOURCE = CORPUS / f"{STEM}.pdf"
OUT = CORPUS / "scanned"
PDF_OUT = OUT / f"{STEM}(扫描件).pdf"
PNG_PAGE = 2
PNG_OUT = OUT / f"{STEM}(扫描件)-第{PNG_PAGE}页.png"

DPI = 180  # office scanners default to 150-300 dpi; 180 keeps the fixture small
ROTATION = 0.5  # degrees, counter-clockwise
SEED = 20240531
NOISE = 5.0  # standard deviation of the sensor noise, grey levels
BLUR = 0.7  # Gaussian blur radius, pixels
JPEG_QUALITY = 40
PNG_LEVELS = 8
FIXED_DATE = time.struct_time((2025, 1, 1, 0, 0, 0, 2, 1, 0))


def render(dpi: int = DPI) -> list:
    """Every page of the example PDF as a grey Pillow image at ``dpi``."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(SOURCE.read_bytes())
    try:
        return [pdf[i].render(scale=dpi / 72, grayscale=True).to_pil().convert("L") for i in range(len(pdf))]
    finally:
        pdf.close()


def scan(image, rng, rotation: float = ROTATION):
    """One page as a scanner gives it back (grey, same size)."""
    import numpy as np
    from PIL import Image, ImageFilter

    w, h = image.size
    page = image.rotate(rotation, resample=Image.Resampling.BICUBIC, expand=False, fillcolor=255)
    pixels = np.asarray(page, dtype=np.float32)
    # Paper is not white and the lamp is not even: 232-246 from top to bottom, ink stays dark.
    light = np.linspace(246, 232, h, dtype=np.float32)[:, None]
    pixels = pixels * (light / 255.0)
    pixels += rng.normal(0.0, NOISE, size=(h, w)).astype(np.float32)  # sensor noise
    specks = rng.random((h, w)) < 0.0004  # dust
    pixels[specks] = rng.uniform(40, 140, size=int(specks.sum()))
    page = Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8), mode="L")
    return page.filter(ImageFilter.GaussianBlur(BLUR))  # scanner optics soften ink and noise alike


def make_pdf(pages, dpi: int = DPI, quality: int = JPEG_QUALITY) -> bytes:
    """An image-only PDF: one JPEG per page, page size from ``dpi`` (A4 stays A4)."""
    buf = io.BytesIO()
    pages[0].save(
        buf, format="PDF", save_all=True, append_images=pages[1:], resolution=float(dpi), quality=quality,
        title=f"{STEM}(扫描件)", creationDate=FIXED_DATE, modDate=FIXED_DATE, producer="scripts/make_scan.py",
    )
    return buf.getvalue()


def make_png(page) -> bytes:
    """A page as a small PNG: a few grey levels keep the noise from bloating it."""
    step, scale = 256 // PNG_LEVELS, 255 // (PNG_LEVELS - 1)
    buf = io.BytesIO()
    page.point(lambda v: (v // step) * scale).save(buf, format="PNG", optimize=True, dpi=(DPI, DPI))
    return buf.getvalue()


def outputs() -> dict[Path, bytes]:
    import numpy as np

    rng = np.random.default_rng(SEED)
    pages = [scan(page, rng) for page in render()]
    return {PDF_OUT: make_pdf(pages), PNG_OUT: make_png(pages[PNG_PAGE - 1])}


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for path, data in outputs().items():
        path.write_bytes(data)
        print(f"{len(data):>8}  {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
