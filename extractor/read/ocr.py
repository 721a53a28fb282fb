"""OCR for scanned reports: page images → lines of text with their boxes, offline.

Recognition is RapidOCR (PP-OCRv4 Chinese detection and recognition models, run by onnxruntime),
an optional extra: ``pip install 'extractor[ocr]'``. Its wheel ships the models, so nothing is
downloaded at run time. Without the extra, :func:`require` raises :class:`~extractor.errors.NeedsOCR`
telling the user how to enable OCR.

The recognised text boxes become page text the way the PDF reader builds it from characters:
boxes are deskewed, grouped into visual lines (top to bottom, boxes on one line left to right),
and lines that a paragraph was wrapped into are joined back with the PDF reader's own rule (a
line reaching the right margin continues on the next). Every box keeps its character range in
the page text (:class:`TextBox`), so :func:`attach_boxes` can give each mention
the box it was read from, and flag it when the recognition was unsure.
"""
from __future__ import annotations

import bisect
import math
import os
import re
import statistics
from dataclasses import dataclass
from functools import lru_cache

from ..errors import NeedsOCR, UsageError
from .layout import SPURIOUS_SPACE, Line, continues, glue, indented_style, right_margin

INSTALL_HINT = "pip install 'extractor[ocr]'"
MODES = ("auto", "always", "never")

# Resolution PDF pages are rendered at; chosen with bench/ocr.py (accuracy against seconds per
# page on corpus/scanned/): see the table in bench/ocr.py's docstring.
DPI = 200
# Longest side of the image recognition works on, in pixels. Larger images (photos) are scaled
# down to it; an A4 page at DPI stays below it.
MAX_SIDE = 2600
# Text detection runs on the page scaled so that its longest side is at most this many pixels
# (recognition still reads the full-resolution crops): detection costs grow with the area.
DETECT_SIDE = 1600
# A text box recognised with a mean score below this marks the mentions read from it as
# low-confidence (checks then say OCR was involved).
LOW_CONFIDENCE = 0.9
# Threads per onnxruntime session: EXTRACTOR_OCR_THREADS, else one in a worker process (`ingest
# --jobs` already keeps every core busy, and onnxruntime's spinning threads crawl when cores are
# oversubscribed), else one per core, at most MAX_THREADS.
THREADS_ENV = "EXTRACTOR_OCR_THREADS"
MAX_THREADS = 4

_CJK_CHAR = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\u3000-\u303f“”‘’—…]")


# onnxruntime >= 1.29 sends usage telemetry from Linux too (1DS, to mobile.events.data.microsoft.com)
# and keeps a device id under ~/.cache/Microsoft unless this is set before it loads. Nothing here
# may touch the network, so it is set (unless the user set it) before onnxruntime is imported.
TELEMETRY_OPT_OUT = "ORT_DISABLE_TELEMETRY"


# ------------------------------------------------------------------------------ the engine
def available() -> bool:
    """Whether the OCR extra is installed (importable)."""
    os.environ.setdefault(TELEMETRY_OPT_OUT, "1")
    try:
        import rapidocr_onnxruntime  # noqa: F401
    except ImportError:
        return False
    return True


def require(name: str, what: str) -> None:
    """Raise NeedsOCR for ``name`` (a file) when the OCR extra is missing; ``what`` says why OCR
    is needed ("the PDF has no text layer (scanned images only)")."""
    if not available():
        raise NeedsOCR(f"{name}: {what}; install the OCR extra to read it: {INSTALL_HINT}")


def check_mode(mode: str) -> str:
    """The ``--ocr`` mode checked: auto, always or never."""
    if mode not in MODES:
        raise UsageError(f"ocr mode must be one of {', '.join(MODES)}, not {mode!r}")
    return mode


@lru_cache(maxsize=1)
def _engine():
    """One RapidOCR per process: loading the three models takes about a second."""
    os.environ.setdefault(TELEMETRY_OPT_OUT, "1")
    from rapidocr_onnxruntime import RapidOCR

    return RapidOCR(
        max_side_len=MAX_SIDE,
        det_limit_type="max",
        det_limit_side_len=DETECT_SIDE,
        intra_op_num_threads=threads(),
        inter_op_num_threads=1,
        rec_batch_num=1,  # as fast as batches here (no padding to the widest line), and less memory
        print_verbose=False,
    )


def threads() -> int:
    """Threads each onnxruntime session may use (see THREADS_ENV)."""
    import multiprocessing

    if os.environ.get(THREADS_ENV, "").strip().isdigit() and int(os.environ[THREADS_ENV]) > 0:
        return int(os.environ[THREADS_ENV])
    if multiprocessing.parent_process() is not None:
        return 1
    return max(1, min(os.cpu_count() or 1, MAX_THREADS))


@dataclass
class TextBox:
    """Where a run of a page's text was read: ``Page.text[start:end]`` came from ``bbox``
    (``Page.boxes`` holds them, in text order).

    ``bbox`` is (x0, y0, x1, y1) with the origin at the page's top-left corner and y growing
    downwards: PDF points (1/72 inch) for PDF pages, pixels for images.
    """

    start: int  # offsets into Page.text
    end: int
    bbox: tuple[float, float, float, float]
    confidence: float | None = None  # recognition score, 0-1


@dataclass
class Fragment:
    """One box the recogniser read: its corners (clockwise from top-left, in the units of the
    page), text and score."""

    quad: list[tuple[float, float]]
    text: str
    score: float


def recognize_image(image, scale: float = 1.0) -> list[Fragment]:
    """Text boxes of one page image (a numpy array, grey or BGR; or a PIL image). Coordinates are
    divided by ``scale`` (pixels per output unit: DPI/72 for a PDF page rendered at DPI)."""
    import numpy as np

    if not isinstance(image, np.ndarray):  # a PIL image
        image = np.asarray(image) if image.mode == "L" else np.asarray(image.convert("RGB"))[:, :, ::-1]  # BGR
    if image.ndim == 3 and image.shape[2] == 1:
        image = image[:, :, 0]
    result, _ = _engine()(np.ascontiguousarray(image))
    fragments = []
    for quad, text, score in result or ():
        text = text.strip()
        if text:
            fragments.append(Fragment([(x / scale, y / scale) for x, y in quad], text, float(score)))
    return fragments


# ------------------------------------------------------------------------------ the layout
@dataclass
class _Box:
    """A fragment in deskewed page coordinates (y down)."""

    fragment: Fragment
    x0: float
    y0: float
    x1: float
    y1: float
    em: float | None  # character size estimated from the width, None for very short text

    @property
    def height(self) -> float:
        return self.y1 - self.y0


def _weight(ch: str) -> float:
    """Advance of a character in ems: CJK characters and full-width forms are square."""
    if _CJK_CHAR.match(ch):
        return 1.0
    if ch == " ":
        return 0.3
    return 0.55


def _skew(fragments: list[Fragment]) -> float:
    """The page's rotation (radians, y down): median slope of the long boxes' top and bottom edges."""
    angles = []
    for f in fragments:
        (ax, ay), (bx, by), (cx, cy), (dx, dy) = f.quad
        if bx - ax > 4 * abs(dy - ay) and bx - ax > 0:
            angles.append(math.atan2(by - ay, bx - ax))
            angles.append(math.atan2(cy - dy, cx - dx))
    return statistics.median(angles) if angles else 0.0


def _boxes(fragments: list[Fragment]) -> list[_Box]:
    angle = _skew(fragments)
    cos, sin = math.cos(angle), math.sin(angle)
    boxes = []
    for f in fragments:
        xs, ys = [], []
        for x, y in f.quad:  # rotate by -angle: text lines become horizontal
            xs.append(x * cos + y * sin)
            ys.append(-x * sin + y * cos)
        weight = sum(_weight(ch) for ch in f.text)
        em = (max(xs) - min(xs)) / weight if weight >= 4 else None
        boxes.append(_Box(f, min(xs), min(ys), max(xs), max(ys), em))
    return boxes


def _visual_lines(boxes: list[_Box]) -> list[list[_Box]]:
    """Group boxes into visual lines, top to bottom, each left to right: a box joins a line when
    their vertical extents overlap by more than half the smaller height."""
    lines: list[list[_Box]] = []
    spans: list[tuple[float, float]] = []
    for box in sorted(boxes, key=lambda b: (b.y0 + b.y1) / 2):
        for i in range(len(lines) - 1, max(-1, len(lines) - 4), -1):  # the last few lines suffice
            top, bottom = spans[i]
            overlap = min(bottom, box.y1) - max(top, box.y0)
            if overlap > 0.5 * min(bottom - top, box.height):
                lines[i].append(box)
                spans[i] = (min(top, box.y0), max(bottom, box.y1))
                break
        else:
            lines.append([box])
            spans.append((box.y0, box.y1))
    order = sorted(range(len(lines)), key=lambda i: (spans[i][0] + spans[i][1]) / 2)
    return [sorted(lines[i], key=lambda b: b.x0) for i in order]


@dataclass
class _OcrLine:
    """A visual line: its text, and for each fragment its range in that text."""

    text: str
    parts: list[tuple[int, int, Fragment]]
    x0: float
    x1: float
    y0: float
    y1: float
    em: float
    table: bool  # cells far apart: a table row, never joined to its neighbours


def _line(boxes: list[_Box], page_em: float, ratio: float) -> _OcrLine | None:

    text = ""
    parts: list[tuple[int, int, Fragment]] = []
    table = False
    prev = None
    for box in boxes:
        piece = SPURIOUS_SPACE.sub("", box.fragment.text)
        if prev is not None:
            gap = box.x0 - prev.x1
            if gap > 3 * page_em:  # cells of a table row (as the PDF reader writes tables)
                sep, table = " | ", True
            elif _spaced(text[-1], piece[0]) or (
                gap > 0.8 * page_em and not SPURIOUS_SPACE.search(text[-1] + " " + piece[0])
            ):
                sep = " "
            else:  # the detector split a line at a small gap: CJK text and numbers take no space
                sep = ""
            text += sep
        parts.append((len(text), len(text) + len(piece), box.fragment))
        text += piece
        prev = box
    if not text:
        return None
    # The line's character size: from its width when it holds enough text, else from its height
    # (box heights are a fixed multiple of the character size on a page: ``ratio``).
    ems = [b.em for b in boxes if b.em]
    em = statistics.median(ems) if ems else statistics.median(b.height for b in boxes) / ratio
    em = min(max(em, 0.6 * page_em), 2.5 * page_em)
    return _OcrLine(text, parts, boxes[0].x0, boxes[-1].x1, min(b.y0 for b in boxes), max(b.y1 for b in boxes),
                    em, table)


def _spaced(a: str, b: str) -> bool:
    """Whether two neighbouring boxes' texts need a space between them: Latin words do."""
    return a.isascii() and a.isalnum() and b.isascii() and b.isalnum()


def _page_lines(fragments: list[Fragment]) -> list[_OcrLine]:
    boxes = _boxes(fragments)
    ems = [b.em for b in boxes if b.em]
    if ems:
        page_em = statistics.median(ems)
        ratio = statistics.median(b.height / b.em for b in boxes if b.em)
    else:
        ratio = 1.5
        page_em = statistics.median(b.height for b in boxes) / ratio if boxes else 1.0
    lines = [_line(group, page_em, ratio) for group in _visual_lines(boxes)]
    return [line for line in lines if line is not None]


def _pdf_line(line: _OcrLine):
    """The PDF reader's view of a line, so its paragraph rules apply unchanged (baseline up)."""

    first = re.match(r"[\x21-\x7e]+", line.text)
    lead = sum(_weight(ch) for ch in (first.group() if first else line.text[:1])) * line.em
    return Line(line.text, line.x0, line.x1, -line.y1, line.em, lead)


def layout(pages: list[list[Fragment]], widths: list[float]) -> list[tuple[str, list]]:
    """Page text and text boxes for each page's fragments: visual lines, wrapped lines joined.

    ``widths`` are the pages' widths in the fragments' units. Margins and the indentation style
    are read over all the pages, as the PDF reader does.
    """

    page_lines = [_page_lines(fragments) for fragments in pages]
    views = [[_pdf_line(line) for line in lines if not line.table] for lines in page_lines]
    right = right_margin(views, widths)
    indented = indented_style(views, right)
    out = []
    for lines in page_lines:
        left = min((line.x0 for line in lines if not line.table), default=0.0)
        paragraphs: list[str] = []
        boxes: list[TextBox] = []
        offset = 0  # where the current paragraph starts in the page text
        prev = None
        for line in lines:
            view = _pdf_line(line)
            if prev is not None and not line.table and continues(prev, view, right, left if indented else None):
                joined = glue(paragraphs[-1], line.text)
                shift = offset + len(joined) - len(line.text)
                paragraphs[-1] = joined
            else:
                if paragraphs:
                    offset += len(paragraphs[-1]) + 1
                paragraphs.append(line.text)
                shift = offset
            for start, end, fragment in line.parts:
                boxes.append(TextBox(shift + start, shift + end, _bbox(fragment), round(fragment.score, 4)))
            prev = None if line.table else view
        out.append(("\n".join(paragraphs), boxes))
    return out


def _bbox(fragment: Fragment) -> tuple[float, float, float, float]:
    xs = [x for x, _ in fragment.quad]
    ys = [y for _, y in fragment.quad]
    return (round(min(xs), 2), round(min(ys), 2), round(max(xs), 2), round(max(ys), 2))


def confidence(pages) -> float | None:
    """Mean recognition score over the OCR pages' boxes, weighted by their characters."""
    total = weight = 0.0
    for page in pages:
        for box in page.boxes:
            if box.confidence is not None:
                n = max(box.end - box.start, 1)
                total += box.confidence * n
                weight += n
    return round(total / weight, 4) if weight else None


# --------------------------------------------------------------------- mentions → boxes
def attach_boxes(mentions, norm, page_starts: list[int], pages, threshold: float = LOW_CONFIDENCE) -> None:
    """Give each mention read from OCR pages the union of the boxes its text came from, its page,
    and ``low_confidence`` when any of those boxes scored below ``threshold``.

    Of a box the mention covers only in part (a number inside a line of text), the part is taken:
    the box's width shared out over its characters by their advance (CJK 1 em, others 0.55 em).

    ``norm`` is the Normalized text the mentions point into, ``page_starts`` where each page
    starts in the source text (pipeline.join_pages), ``pages`` the RawDocument's pages.
    """
    if not any(page.boxes for page in pages):
        return
    box_starts = [[b.start for b in page.boxes] for page in pages]
    for m in mentions:
        if m.end <= m.start or m.end > len(norm.text):
            continue
        src_start, src_end = norm.to_source(m.start, m.end)
        index = bisect.bisect_right(page_starts, src_start) - 1
        if index < 0 or not pages[index].boxes:
            continue
        page = pages[index]
        lo, hi = src_start - page_starts[index], src_end - page_starts[index]
        # boxes are in text order: those starting before hi, and ending after lo
        covered = [b for b in page.boxes[: bisect.bisect_left(box_starts[index], hi)] if b.end > lo]
        if not covered:
            continue
        parts = [_part(b, page.text, lo, hi) for b in covered]
        m.bbox = (
            min(p[0] for p in parts), min(p[1] for p in parts), max(p[2] for p in parts), max(p[3] for p in parts),
        )
        m.page = page.number
        m.low_confidence = any(b.confidence is not None and b.confidence < threshold for b in covered)


def _part(box, text: str, lo: int, hi: int) -> tuple[float, float, float, float]:
    """The part of ``box`` that holds ``text[lo:hi]`` (offsets into the page text)."""
    start, end = max(lo, box.start), min(hi, box.end)
    if start <= box.start and end >= box.end:
        return box.bbox
    weights = [_weight(ch) for ch in text[box.start:box.end]]
    total = sum(weights) or 1.0
    before = sum(weights[: start - box.start]) / total
    upto = sum(weights[: end - box.start]) / total
    x0, y0, x1, y1 = box.bbox
    return (round(x0 + before * (x1 - x0), 2), y0, round(x0 + upto * (x1 - x0), 2), y1)
