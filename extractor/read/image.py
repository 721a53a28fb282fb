"""Images (PNG, JPEG, TIFF): a scanned or photographed report, read by OCR.

Each frame of a multi-page TIFF is a page. Text boxes are in pixels of the image as stored (after
turning it upright by its EXIF orientation, as a viewer shows a phone photo). Needs the OCR extra
(``pip install 'extractor[ocr]'``); without it, or with ``--ocr never``, an image is a needs_ocr
error that says how to read it.
"""
from __future__ import annotations

import io
import time
import warnings
from pathlib import Path

from ..errors import CorruptFile, NeedsOCR, Timeout, TooLarge
from ..model import Page, RawDocument
from . import ocr

FORMATS = {"PNG": "png", "JPEG": "jpeg", "MPO": "jpeg", "TIFF": "tiff"}


def read_image(data: bytes, path: Path, limits) -> RawDocument:
    """A scanned page image (PNG/JPEG/TIFF, every frame) read by OCR."""
    name = path.name
    if ocr.check_mode(getattr(limits, "ocr", "auto")) == "never":
        raise NeedsOCR(
            f"{name}: an image has no text layer and OCR is off (--ocr never);"
            f" run with --ocr auto to read it (needs the OCR extra: {ocr.INSTALL_HINT})"
        )
    ocr.require(name, "an image has no text layer, only OCR can read it")
    from PIL import Image, ImageOps, UnidentifiedImageError

    deadline = time.monotonic() + limits.max_seconds
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)  # the limit below decides
            image = Image.open(io.BytesIO(data))
            fmt = FORMATS.get(image.format or "")
            if fmt is None:
                raise CorruptFile(
                    f"{name}: {image.format} images are not read; save the scan as PDF, PNG, JPEG or TIFF"
                )
            n_frames = getattr(image, "n_frames", 1)
            if n_frames > limits.max_pages:
                raise TooLarge(
                    f"{name}: {n_frames} pages exceeds the limit of {limits.max_pages}; raise --max-pages to ingest it"
                )
            fragments, widths = [], []
            for i in range(n_frames):
                image.seek(i)
                width, height = image.size
                if width * height * 3 > limits.max_inflated_bytes:  # decoded as 8-bit RGB
                    raise TooLarge(
                        f"{name}: page {i + 1} is {width}x{height} pixels, more than --max-inflated-bytes"
                        f" ({limits.max_inflated_bytes} bytes) decoded; raise --max-inflated-bytes to ingest it"
                    )
                frame = ImageOps.exif_transpose(image.convert("RGB") if image.mode not in ("L", "RGB") else image)
                fragments.append(ocr.recognize_image(frame))
                widths.append(float(frame.width))
                if time.monotonic() > deadline:
                    raise Timeout(
                        f"{name}: reading took longer than {limits.max_seconds:g} s (OCR of page {i + 1});"
                        " raise --max-seconds"
                    )
    except Image.DecompressionBombError as exc:
        raise TooLarge(f"{name}: the image is too large to decode safely ({exc}); scan it again at a lower resolution") from None
    except UnidentifiedImageError as exc:
        raise CorruptFile(f"{name}: the image cannot be opened ({exc}); download it again") from None
    except (OSError, SyntaxError, ValueError, EOFError) as exc:  # truncated or malformed data
        raise CorruptFile(f"{name}: the image is damaged ({exc}); download it again") from None
    pages = [
        Page(i + 1, text, boxes, ocr=True) for i, (text, boxes) in enumerate(ocr.layout(fragments, widths))
    ]
    if not any(page.text for page in pages):
        raise NeedsOCR(
            f"{name}: OCR found no text in the image; check that the scan is legible"
            " (resolution, orientation) or find a text copy"
        )
    return RawDocument(path=str(path), format=fmt, pages=pages, ocr=True, ocr_confidence=ocr.confidence(pages))
