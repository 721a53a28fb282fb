"""Build the hostile and broken inputs in ``corpus/bad/``. Deterministic: same bytes every run.

    .venv/bin/python scripts/make_bad_corpus.py

Each file exercises one way a published report can fail (or must not fail). What ``extractor
ingest`` must make of each is asserted in tests/test_robustness.py (``BAD_CORPUS``):

=========================================================  =====================================
file                                                       expected
=========================================================  =====================================
empty.txt, empty.pdf                                       error ``empty`` (0 bytes)
no-pages.pdf                                               error ``corrupt`` (an empty page tree)
binary.txt                                                 error ``decode_error`` (random bytes)
truncated.pdf                                              error ``corrupt`` (no %%EOF)
not-a-zip.docx                                             error ``corrupt`` (text named .docx)
garbage.pdf                                                error ``corrupt`` (header, noise, %%EOF)
encrypted-user.pdf                                         error ``encrypted`` (user password)
image-only.pdf                                             error ``needs_ocr`` (one image, no text)
no-tounicode.pdf                                           error ``unmappable_font`` (reportlab
                                                           TrueType subset, /ToUnicode removed)
cid-identity.pdf                                           error ``unmappable_font`` (Type0
                                                           Identity-H font, no ToUnicode)
zip-bomb.docx                                              error ``zip_bomb`` (40 KB declaring
                                                           5 GiB: one 16 MiB deflate stream of
                                                           zeros shared by 320 directory entries)
lying-sizes.docx                                           error ``corrupt``: document.xml declares
                                                           4 KB, its stream inflates to 16 MiB;
                                                           reading stops at 4 KB (bad CRC)
billion-laughs.docx                                        error ``corrupt``: libxml2 refuses the
                                                           nested entities, nothing is expanded
xxe.xlsx                                                   error ``corrupt``: expat leaves the
                                                           external entity undefined (no leak)
legacy.doc                                                 error ``unsupported_format`` without
                                                           LibreOffice, ``corrupt`` with it (an
                                                           OLE2 header and nothing else)
script-only.html                                           error ``empty`` (scripts and menus)
broken-xref.pdf                                            read: every xref offset is wrong and
                                                           startxref points nowhere; pdfium
                                                           rebuilds the table from the objects
encrypted-owner.pdf                                        read: owner password only (printing
                                                           and copying "forbidden")
xxe.docx, xxe.html                                         read: an external entity naming
                                                           file:///etc/passwd stays unexpanded
交通事务中心自评报告.utf8.txt                                read: GBK bytes despite the name
wrong-charset.html                                         read: GBK bytes, <meta charset=utf-8>
2024年度 渌口区 交通事务中心 自评报告 (副本).txt                read: spaces and CJK in the name
=========================================================  =====================================

Inputs that cannot be committed are made by the tests in a temporary folder: a 200 MB sparse
text file (``too_large``), symlink loops, a FIFO and a link to /dev/zero.

The readable files hold an excerpt of the example report (``EXCERPT``), so the tests can check
what was read. Needs reportlab, Pillow, python-docx, openpyxl and the WenQuanYi Micro Hei font
(see scripts/make_corpus.py).
"""
from __future__ import annotations

import io
import random
import re
import struct
import sys
import zipfile
import zlib
from pathlib import Path
from xml.sax.saxutils import escape

sys.path.insert(0, str(Path(__file__).resolve().parent))
import make_corpus  # noqa: E402  (scripts/ is not a package)
from make_corpus import CJK_FONT, CORPUS, FIXED_ZIP_TIME, ROOT  # noqa: E402

BAD = CORPUS / "bad"
XXE_DOCTYPE = b'<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
LAUGHS_DOCTYPE = (
    b'<!DOCTYPE x [<!ENTITY lol "lol">'
    + b"".join(
        b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10) for i in range(1, 10)
    )
    + b"]>"
)
SPACED_NAME = "2024年度 渌口区 交通事务中心 自评报告 (副本).txt"
GBK_NAME = "交通事务中心自评报告.utf8.txt"
ZIP_BOMB_MEMBER_MIB = 16
ZIP_BOMB_ENTRIES = 320  # 320 x 16 MiB = 5 GiB declared


def excerpt_lines() -> list[str]:
    """Title, basic information and the budget paragraphs of the example report: short lines only."""
    lines = make_corpus.report_lines()
    return [line for line in lines[:35] if len(line) < 300]


EXCERPT_LINES = excerpt_lines()
EXCERPT = "\n".join(EXCERPT_LINES) + "\n"


# --------------------------------------------------------------------------------------- PDF
def canvas_pdf(lines: list[str], encrypt=None, font: str = "WenQuanYiMicroHei", compress: bool = True) -> bytes:
    """One or more A4 pages with ``lines`` drawn in an embedded TrueType subset font, wrapped at
    40 characters (the reader rejoins them)."""
    from reportlab import rl_config
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    rl_config.invariant = 1
    if font not in pdfmetrics.getRegisteredFontNames():
        if not CJK_FONT.exists():
            raise SystemExit(f"{CJK_FONT} is missing: apt-get install fonts-wqy-microhei")
        pdfmetrics.registerFont(TTFont(font, str(CJK_FONT), subfontIndex=0))
    buf = io.BytesIO()
    c = canvas.Canvas(buf, encrypt=encrypt, pageCompression=int(compress), invariant=1)
    y = 780
    for line in lines:
        for piece in _wrap(line, 40):
            if y < 60:
                c.showPage()
                y = 780
            c.setFont(font, 11)
            c.drawString(60, y, piece)
            y -= 17
    c.save()
    return buf.getvalue()


def _wrap(line: str, width: int) -> list[str]:
    """Pieces of at most ``width`` characters, never breaking inside a number (as typesetting
    does not, and as the PDF reader assumes)."""
    pieces = []
    while len(line) > width:
        cut = width
        while cut > 1 and line[cut - 1] in "0123456789." and line[cut] in "0123456789.":
            cut -= 1
        pieces.append(line[:cut])
        line = line[cut:]
    return [*pieces, line]


def broken_xref_pdf(data: bytes) -> bytes:
    """Every xref entry points at offset 0 and startxref at the middle of the file."""
    xref = data.rindex(b"\nxref\n")
    head, tail = data[:xref], data[xref:]
    tail = re.sub(rb"\d{10} (\d{5}) n", lambda m: b"0000000000 " + m.group(1) + b" n", tail)
    tail = re.sub(rb"startxref\s+\d+", b"startxref\n%d" % (len(data) // 2), tail)
    return head + tail


def no_tounicode_pdf() -> bytes:
    """Text in a reportlab TrueType subset whose /ToUnicode entry is blanked out (same length, so
    the xref stays right): pdfium then reports each glyph's 1-byte code, mostly control characters."""
    data = canvas_pdf(EXCERPT_LINES[:12])
    stripped = re.sub(rb"/ToUnicode \d+ 0 R", lambda m: b" " * len(m.group()), data)
    assert stripped != data and len(stripped) == len(data)
    return stripped


def minimal_pdf(objects: list[bytes]) -> bytes:
    """A PDF from object bodies (object 1 is the catalog), with a correct xref table."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def cid_identity_pdf() -> bytes:
    """A Type0 font with Identity-H encoding, no ToUnicode and no font program: glyph ids only."""
    rows = [
        b"BT /F1 12 Tf 72 %d Td <%s> Tj ET"
        % (760 - 18 * k, b"".join(b"%04x" % (0x1234 + 37 * k + i) for i in range(30)))
        for k in range(20)
    ]
    content = b"\n".join(rows)
    return minimal_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >>"
        b" /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type0 /BaseFont /ABCDEF+SimSun /Encoding /Identity-H /DescendantFonts [6 0 R] >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /ABCDEF+SimSun /CIDToGIDMap /Identity"
        b" /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor 7 0 R >>",
        b"<< /Type /FontDescriptor /FontName /ABCDEF+SimSun /Flags 4 /FontBBox [0 -141 1000 859] /ItalicAngle 0"
        b" /Ascent 859 /Descent -141 /CapHeight 700 /StemV 80 >>",
    ])


def image_only_pdf() -> bytes:
    """A "scan": one page holding a single grey image of text-like bars, and no text at all."""
    from PIL import Image, ImageDraw
    from reportlab import rl_config
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    rl_config.invariant = 1
    rng = random.Random(7)
    image = Image.new("L", (420, 300), 255)
    draw = ImageDraw.Draw(image)
    for row in range(14):
        x = 20 + (28 if row % 5 == 0 else 0)
        while x < 390:
            w = rng.randint(8, 14)
            draw.rectangle([x, 20 + 19 * row, x + w, 32 + 19 * row], fill=rng.randint(20, 90))
            x += w + rng.randint(2, 6)
    png = io.BytesIO()
    image.save(png, format="PNG", optimize=False)
    buf = io.BytesIO()
    c = canvas.Canvas(buf, invariant=1)
    c.drawImage(ImageReader(io.BytesIO(png.getvalue())), 60, 420, width=470, height=336)
    c.save()
    return buf.getvalue()


def garbage_pdf() -> bytes:
    return b"%PDF-1.7\n" + random.Random(20240202).randbytes(2048) + b"\n%%EOF\n"


# --------------------------------------------------------------------------------------- zip
def rezip(data: bytes, edit: dict[str, callable]) -> bytes:
    """Rewrite a zip with fixed timestamps, passing the named members through ``edit``."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            blob = src.read(info)
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            dst.writestr(fixed, edit[info.filename](blob) if info.filename in edit else blob)
    return out.getvalue()


def with_doctype(doctype: bytes, marker: bytes, reference: bytes):
    """An XML edit: insert ``doctype`` after the XML declaration and ``reference`` after ``marker``."""

    def edit(xml: bytes) -> bytes:
        assert marker in xml, marker
        if xml.startswith(b"<?xml"):
            end = xml.index(b"?>") + 2
            xml = xml[:end] + b"\n" + doctype + xml[end:]
        else:
            xml = doctype + xml
        return xml.replace(marker, marker + reference, 1)

    return edit


def xxe_docx() -> bytes:
    docx = make_corpus.make_docx(EXCERPT_LINES)
    marker = EXCERPT_LINES[1].encode()  # the title
    return rezip(docx, {"word/document.xml": with_doctype(XXE_DOCTYPE, marker, b"&xxe;")})


def billion_laughs_docx() -> bytes:
    docx = make_corpus.make_docx(EXCERPT_LINES)
    marker = EXCERPT_LINES[1].encode()
    return rezip(docx, {"word/document.xml": with_doctype(LAUGHS_DOCTYPE, marker, b"&lol9;")})


def xxe_xlsx() -> bytes:
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "基础数据表"
    sheet.append(["2024年度渌口区交通事务中心整体支出绩效自评表"])
    sheet.append(["项目", "金额（万元）"])
    sheet.append(["基本支出", "1337.358269"])
    sheet.append(["项目支出", "9151.246516"])
    buf = io.BytesIO()
    workbook.save(buf)
    # openpyxl writes strings inline or shared, as UTF-8 or as character references, depending on
    # its version: put the entity wherever 项目支出 is.
    forms = ["项目支出".encode(), "".join(f"&#{ord(ch)};" for ch in "项目支出").encode()]
    with zipfile.ZipFile(io.BytesIO(buf.getvalue())) as z:
        holder, marker = next(
            (n, form) for n in z.namelist() for form in forms if n.endswith(".xml") and form in z.read(n)
        )
    fixed_dates = lambda xml: re.sub(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", b"2025-01-01T00:00:00Z", xml)  # noqa: E731
    return rezip(
        buf.getvalue(),
        {holder: with_doctype(XXE_DOCTYPE, marker, b"&xxe;"), "docProps/core.xml": fixed_dates},
    )


def deflated_zeros(mib: int) -> tuple[bytes, int, int]:
    """(raw deflate stream, CRC-32, size) of ``mib`` MiB of zeros, deflated in 1 MiB chunks."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    chunk = bytes(1 << 20)
    parts, crc = [], 0
    for _ in range(mib):
        parts.append(compressor.compress(chunk))
        crc = zlib.crc32(chunk, crc)
    parts.append(compressor.flush())
    return b"".join(parts), crc, mib << 20


_DOS_TIME, _DOS_DATE = 0, (FIXED_ZIP_TIME[0] - 1980) << 9 | FIXED_ZIP_TIME[1] << 5 | FIXED_ZIP_TIME[2]
CONTENT_TYPES = b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'


def raw_zip(members: list[tuple[bytes, int, bytes, int, int]], aliases: list[tuple[bytes, int]] = ()) -> bytes:
    """A zip written field by field, so its directory can say what zipfile would never write.

    ``members``: (name, method, data, crc, declared size), stored in this order. ``aliases``:
    (name, index) extra directory entries pointing at the data of ``members[index]``.
    """
    out, directory, offsets = bytearray(), bytearray(), []

    def central(name: bytes, method: int, crc: int, csize: int, usize: int, offset: int) -> bytes:
        return struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, method, _DOS_TIME, _DOS_DATE, crc, csize,
                           usize, len(name), 0, 0, 0, 0, 0o644 << 16, offset) + name

    for name, method, data, crc, usize in members:
        offsets.append(len(out))
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, method, _DOS_TIME, _DOS_DATE, crc, len(data), usize,
                           len(name), 0) + name + data
        directory += central(name, method, crc, len(data), usize, offsets[-1])
    for name, index in aliases:
        _, method, data, crc, usize = members[index]
        directory += central(name, method, crc, len(data), usize, offsets[index])
    count = len(members) + len(aliases)
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, count, count, len(directory), len(out), 0)
    return bytes(out + directory + end)


def zip_bomb_docx() -> bytes:
    """A tiny .docx whose directory declares 5 GiB: a 16 MiB run of zeros deflated once (~16 KB),
    then 320 central directory entries that all point at it. Every entry is honest (sizes and CRC
    match the stream), so anything that inflates them all inflates 5 GiB."""
    stream, crc, size = deflated_zeros(ZIP_BOMB_MEMBER_MIB)
    members = [
        (b"[Content_Types].xml", 0, CONTENT_TYPES, zlib.crc32(CONTENT_TYPES), len(CONTENT_TYPES)),
        (b"word/document.xml", 8, stream, crc, size),
    ]
    aliases = [(b"word/document%03d.xml" % i, 1) for i in range(1, ZIP_BOMB_ENTRIES)]
    return raw_zip(members, aliases)


def lying_sizes_docx() -> bytes:
    """A .docx whose word/document.xml declares 4 KB but its stream inflates to 16 MiB: a reader
    that trusted the stream instead of the directory would inflate it all."""
    stream, crc, _ = deflated_zeros(ZIP_BOMB_MEMBER_MIB)
    docx = make_corpus.make_docx(EXCERPT_LINES[:3])
    members = []
    with zipfile.ZipFile(io.BytesIO(docx)) as z:
        for info in z.infolist():
            if info.filename == "word/document.xml":
                members.append((b"word/document.xml", 8, stream, crc, 4096))
            else:
                compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
                data = compressor.compress(z.read(info)) + compressor.flush()
                members.append((info.filename.encode(), 8, data, info.CRC, info.file_size))
    return raw_zip(members)


def no_pages_pdf() -> bytes:
    """A well-formed PDF whose page tree is empty."""
    return minimal_pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>"])


# -------------------------------------------------------------------------------------- html
def report_html(charset: str) -> str:
    paragraphs = "\n".join(f"<p>{escape(line)}</p>" for line in EXCERPT_LINES if line.strip())
    return (
        f'<!DOCTYPE html>\n<html><head><meta charset="{charset}"><title>{escape(EXCERPT_LINES[1])}</title></head>\n'
        f'<body><div class="nav"><a href="/">首页</a> <a href="/zwgk">政务公开</a></div>\n'
        f'<div id="content">\n{paragraphs}\n</div></body></html>\n'
    )


def xxe_html() -> bytes:
    page = report_html("utf-8").replace("<!DOCTYPE html>\n", "")
    page = page.replace(EXCERPT_LINES[1], EXCERPT_LINES[1] + "&xxe;", 1)
    return XXE_DOCTYPE.replace(b"x [", b"html [") + b"\n" + page.encode("utf-8")


def script_only_html() -> bytes:
    return (
        "<html><head><meta charset=\"utf-8\"><script>location.href='/zwgk/2024/jxzp.html';</script></head>"
        '<body><div class="nav"><a href="/">首页</a></div><noscript>请启用JavaScript</noscript></body></html>'
    ).encode("utf-8")


# -------------------------------------------------------------------------------------- main
def outputs() -> dict[str, bytes]:
    from reportlab.lib.pdfencrypt import StandardEncryption

    return {
        "empty.pdf": b"",
        "garbage.pdf": garbage_pdf(),
        "broken-xref.pdf": broken_xref_pdf(canvas_pdf(EXCERPT_LINES)),
        "encrypted-user.pdf": canvas_pdf(
            EXCERPT_LINES[:12], encrypt=StandardEncryption("secret", ownerPassword="owner")
        ),
        "encrypted-owner.pdf": canvas_pdf(
            EXCERPT_LINES, encrypt=StandardEncryption("", ownerPassword="owner", canPrint=0, canCopy=0, canModify=0)
        ),
        "image-only.pdf": image_only_pdf(),
        "no-tounicode.pdf": no_tounicode_pdf(),
        "cid-identity.pdf": cid_identity_pdf(),
        "zip-bomb.docx": zip_bomb_docx(),
        "lying-sizes.docx": lying_sizes_docx(),
        "no-pages.pdf": no_pages_pdf(),
        "xxe.docx": xxe_docx(),
        "billion-laughs.docx": billion_laughs_docx(),
        "xxe.xlsx": xxe_xlsx(),
        "xxe.html": xxe_html(),
        "wrong-charset.html": report_html("utf-8").encode("gbk"),
        "script-only.html": script_only_html(),
        "legacy.doc": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504),
        GBK_NAME: EXCERPT.encode("gbk"),
        SPACED_NAME: EXCERPT.encode("utf-8"),
    }


def main() -> None:
    BAD.mkdir(parents=True, exist_ok=True)
    for name, data in outputs().items():
        path = BAD / name
        path.write_bytes(data)
        print(f"{len(data):>8}  {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
