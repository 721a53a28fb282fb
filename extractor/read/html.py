"""HTML pages (reports published on government portals): main text without the site's chrome.

The charset comes from the BOM or the page's own declaration, but a declaration is only trusted
if the bytes decode with it: portals often serve GBK pages that declare utf-8, or the reverse.
"""
from __future__ import annotations

import codecs
import re
from pathlib import Path

import lxml.html
from lxml import etree

from ..errors import DecodeError, EmptyFile
from ..model import Page, RawDocument, Table
from .tables import marked, unmark

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")
# A doctype, with any internal subset: the HTML parser would show the subset's "]>" as text.
_DOCTYPE = re.compile(r"<!DOCTYPE[^>\[]*(?:\[.*?\])?\s*>", re.IGNORECASE | re.DOTALL)
_LEADING_COMMENTS = re.compile(r"\s*(?:<!--.*?-->\s*)*", re.DOTALL)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# Labels pages use for GB text; GB18030 decodes all of them (it is a superset of GBK and GB2312).
_GB_ALIASES = {"gb2312", "gbk", "gb_2312-80", "x-gbk", "cp936", "euc-cn", "gb18030"}

DROP_TAGS = {"script", "style", "noscript", "template", "nav", "iframe", "object", "embed",
             "select", "button", "svg", "canvas"}
# id/class words that mark site navigation and chrome rather than the report.
NAV_WORDS = {"nav", "navbar", "navigation", "menu", "menubar", "header", "footer", "breadcrumb",
             "breadcrumbs", "crumb", "crumbs", "share", "sharing", "sidebar", "sidenav", "topbar",
             "toolbar", "copyright", "banner", "skip", "pagination", "pager", "related", "login", "search"}
BLOCK_TAGS = {"p", "div", "br", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6",
              "section", "article", "main", "aside", "blockquote", "pre", "hr", "form", "address",
              "figure", "figcaption", "center", "table", "tr", "caption", "fieldset", "details", "summary",
              "header", "footer"}
LAYOUT_CELL_CHARS = 300  # a "cell" holding more text than this is page layout, not data


def read_html(data: bytes, path: Path) -> RawDocument:
    """A published web page: its main text without navigation chrome, data tables as rows."""
    name = path.name
    text, encoding = decode_html(data, name)
    text = _XML_DECL.sub("", text)  # lxml refuses a str that still declares its encoding
    # A doctype counts only before the first element: matching it there alone keeps the search
    # linear (searching the whole page for "<!DOCTYPE x [" without "]" is quadratic).
    lead = _LEADING_COMMENTS.match(text).end()
    doctype = _DOCTYPE.match(text, lead)
    if doctype:
        text = text[:doctype.start()] + text[doctype.end():]
    # lxml refuses a str holding NUL or other control characters; they are no text anyway.
    text = _CONTROL.sub("", text)
    if not text.strip():
        raise EmptyFile(f"{name}: the page holds no text; check that the download is the report page itself")
    # The HTML parser never loads DTDs or external entities; no_network makes that explicit.
    parser = lxml.html.HTMLParser(no_network=True, remove_comments=True, remove_pis=True)
    try:
        root = lxml.html.document_fromstring(text, parser=parser)
    except etree.ParserError:  # "Document is empty": nothing but comments or stray markup
        raise EmptyFile(
            f"{name}: the page holds no text; check that the download is the report page itself"
        ) from None
    body = root.find("body")
    if body is None:
        body = root
    _drop_chrome(body)
    tables: list[Table] = []
    out: list[str] = []
    _walk(body, out, tables)
    lines = [re.sub(r"[ \t\r\f\v\xa0\u3000]+", " ", line).strip() for line in "".join(out).split("\n")]
    page_text = re.sub(r"\n{2,}", "\n", "\n".join(lines)).strip("\n")  # one line per block
    page_text = unmark(page_text, tables)  # the cells' marks out, their spans on the tables
    if not page_text:
        raise EmptyFile(
            f"{name}: the page has no text outside scripts and navigation; it may load the report"
            " with JavaScript: save the report itself (PDF, DOCX or the rendered page)"
        )
    return RawDocument(path=str(path), format="html", pages=[Page(1, page_text)], encoding=encoding, tables=tables)


def decode_html(data: bytes, name: str) -> tuple[str, str]:
    """(text, encoding): BOM, else UTF-8 if the bytes are valid UTF-8, else the declared charset,
    else GB18030. Valid UTF-8 wins over a declaration because GBK bytes are almost never valid
    UTF-8 by accident, while UTF-8 bytes often decode as (wrong) GBK."""
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError:
                raise DecodeError(f"{name}: the page starts with a {encoding} byte order mark but is not"
                                  f" {encoding} text; save it again as UTF-8") from None
    candidates = ["utf-8"]
    declared = _declared_charset(data)
    if declared:
        candidates.append("gb18030" if declared in _GB_ALIASES else declared)
    candidates.append("gb18030")
    for encoding in dict.fromkeys(candidates):
        try:
            return data.decode(encoding), encoding
        except (UnicodeError, LookupError):  # LookupError: a charset Python does not know
            continue
    raise DecodeError(
        f"{name}: the page is neither UTF-8 nor GB18030 text (declared: {declared or 'none'});"
        " save it again as UTF-8"
    )


def _declared_charset(data: bytes) -> str | None:
    """Charset from <meta charset> or <meta http-equiv="Content-Type" content="...; charset=...">."""
    match = _META_CHARSET.search(data[:4096])
    return match.group(1).decode("ascii").lower() if match else None


def _drop_chrome(body) -> None:
    """Remove scripts, styles and navigation so only the page's content remains."""
    body_chars = len(body.text_content())
    doomed = []

    def visit(element) -> None:
        for child in element:
            if not isinstance(child.tag, str):
                continue
            tag = child.tag.lower()
            # <header>/<footer> of an article hold its title and date; only the page's own are chrome.
            if (
                tag in DROP_TAGS
                or (tag in ("header", "footer") and not _inside(child, ("article", "main")))
                or (_nav_words(child) and not _is_main_text(child, body_chars))
            ):
                doomed.append(child)  # its subtree goes with it: no need to look inside
            else:
                visit(child)

    visit(body)
    for element in doomed:
        element.drop_tree()  # keeps the tail text, which belongs to the parent


def _nav_words(element) -> bool:
    words = re.split(r"[\s_-]+", f"{element.get('id', '')} {element.get('class', '')}".lower())
    return any(word in NAV_WORDS for word in words)


def _is_main_text(element, body_chars: int) -> bool:
    """Whether an element named like chrome holds the bulk of the page's text in prose, not links
    (a wrapper with class "main-header" around the whole article must stay)."""
    chars = len(element.text_content())
    link_chars = sum(len(a.text_content()) for a in element.iter("a"))
    return chars > 0.5 * body_chars and link_chars < 0.3 * chars


def _inside(element, tags: tuple[str, ...]) -> bool:
    return any(ancestor.tag in tags for ancestor in element.iterancestors())


def _walk(element, out: list[str], tables: list[Table]) -> None:
    """Append the element's text to ``out``: blocks on their own lines, data tables as rows."""
    tag = element.tag.lower() if isinstance(element.tag, str) else ""
    if tag == "table" and _is_data_table(element):
        rows = _table_rows(element)
        if rows:
            tables.append(Table(len(tables), None, rows))
            out.append("\n" + "\n".join(marked(row) for row in rows) + "\n")
    else:
        block = tag in BLOCK_TAGS or tag in ("td", "th")
        if block:
            out.append("\n")
        if tag == "pre":
            out.append(element.text_content())  # preformatted: keep its line breaks
        else:
            if element.text and isinstance(element.tag, str):
                out.append(_collapse(element.text))
            for child in element:
                _walk(child, out, tables)
        if block:
            out.append("\n")
    if element.tail:
        out.append(_collapse(element.tail))


def _collapse(text: str) -> str:
    """HTML whitespace rules: newlines in the source are spaces."""
    return re.sub(r"\s+", " ", text)


def _is_data_table(table) -> bool:
    """Tables of figures, not tables used to lay out the page (common on older portals)."""
    if table.find(".//table") is not None:
        return False
    rows = table.findall(".//tr")
    if not rows or all(len(row.findall("td") + row.findall("th")) <= 1 for row in rows):
        return False
    return all(len(cell.text_content()) <= LAYOUT_CELL_CHARS for cell in table.iter("td", "th"))


def _table_rows(table) -> list[list[str]]:
    """Rows of cell texts; a cell spanning columns (colspan) appears once, as written."""
    rows = []
    for tr in table.iter("tr"):
        row = [" ".join(_cell_lines(cell)) for cell in tr if isinstance(cell.tag, str) and cell.tag in ("td", "th")]
        if any(row):
            rows.append(row)
    return rows


def _cell_lines(cell) -> list[str]:
    out: list[str] = []
    _walk(cell, out, [])
    return [line.strip() for line in re.sub(r"[ \xa0\u3000]+", " ", "".join(out)).split("\n") if line.strip()]
