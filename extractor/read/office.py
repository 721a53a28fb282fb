"""Legacy office files (.doc/.wps/.xls/.et/.rtf/.odt/.dps) via headless LibreOffice.

LibreOffice converts the file to .docx/.xlsx (.pdf for presentations) in a temporary directory and
the matching reader does the rest. Each conversion gets its own LibreOffice profile directory:
with the shared default profile, a second soffice started while one runs hands its job to the first
and exits without converting.
"""
from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from ..errors import CorruptFile, Encrypted, Timeout, UnsupportedFormat
from ..model import RawDocument

SPREADSHEET_SUFFIXES = {".xls", ".et", ".ods"}
PRESENTATION_SUFFIXES = {".dps", ".ppt", ".odp"}


def read_office(data: bytes, path: Path, limits) -> RawDocument:
    """A legacy office file (.doc/.wps/.xls/.rtf) converted by headless LibreOffice, then read."""
    name = path.name
    suffix = path.suffix.lower()
    kind = _kind(data, suffix)
    if _is_encrypted_ooxml(data):
        raise Encrypted(f"{name}: the file is password protected; save an unprotected copy and ingest that")
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        package, save_as = {"xlsx": ("libreoffice-calc", ".xlsx"), "pdf": ("libreoffice-impress", ".pdf")}.get(
            kind, ("libreoffice-writer", ".docx")
        )
        raise UnsupportedFormat(
            f"{name}: {suffix or 'these'} files need LibreOffice; install it (apt-get install {package})"
            f" or save the file as {save_as}"
        )
    with tempfile.TemporaryDirectory(prefix="extractor-office-") as tmp:
        tmp_dir = Path(tmp)
        # A fixed ASCII name: the original may start with "-" or hold characters soffice mangles.
        source = tmp_dir / f"input{_source_suffix(data, suffix, kind)}"
        source.write_bytes(data)
        out_dir = tmp_dir / "out"
        converted = _convert(soffice, source, out_dir, kind, tmp_dir / "profile", name, limits.max_seconds)
        out = converted.read_bytes()
    if kind == "xlsx":
        from .xlsx import read_xlsx

        raw = read_xlsx(out, path, limits)
    elif kind == "pdf":
        from .pdf import read_pdf

        raw = read_pdf(out, path, limits)
    else:
        from .docx import read_docx

        raw = read_docx(out, path, limits)
    raw.format = suffix.lstrip(".") or "office"
    return raw


def _kind(data: bytes, suffix: str) -> str:
    """Target format: by suffix, else by the OLE2 stream names (stored as UTF-16LE) in the file."""
    if suffix in SPREADSHEET_SUFFIXES:
        return "xlsx"
    if suffix in PRESENTATION_SUFFIXES:
        return "pdf"
    if suffix in (".doc", ".wps", ".rtf", ".odt"):
        return "docx"
    if "Workbook".encode("utf-16-le") in data:
        return "xlsx"
    if "PowerPoint Document".encode("utf-16-le") in data:
        return "pdf"
    return "docx"


def _source_suffix(data: bytes, suffix: str, kind: str) -> str:
    """The suffix to give LibreOffice, which picks its import filter partly by the name."""
    if suffix in SPREADSHEET_SUFFIXES | PRESENTATION_SUFFIXES | {".doc", ".wps", ".rtf", ".odt"}:
        return suffix
    if data.startswith(b"{\\rtf"):
        return ".rtf"
    return {"xlsx": ".xls", "pdf": ".ppt"}.get(kind, ".doc")


def _is_encrypted_ooxml(data: bytes) -> bool:
    """A password-protected .docx/.xlsx is an OLE2 file holding an EncryptedPackage stream."""
    return data.startswith(b"\xd0\xcf\x11\xe0") and "EncryptedPackage".encode("utf-16-le") in data


def _convert(soffice: str, source: Path, out_dir: Path, kind: str, profile: Path, name: str,
             timeout: float) -> Path:
    command = [
        soffice, "--headless", "--norestore", "--nologo", "--nodefault", "--nolockcheck",
        f"-env:UserInstallation={profile.as_uri()}",
        "--convert-to", kind, "--outdir", str(out_dir), str(source),
    ]
    # A session of its own, so a timeout can end soffice.bin too, not only the wrapper script.
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    try:
        _, stderr = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):  # it may have exited meanwhile
            os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        raise Timeout(
            f"{name}: LibreOffice did not convert the file within {timeout:g} s; raise --max-seconds"
            " or save the file as .docx/.xlsx"
        ) from None
    converted = out_dir / f"{source.stem}.{kind}"
    if process.returncode != 0 or not converted.exists():
        detail = stderr.decode("utf-8", "replace").strip().splitlines()
        raise CorruptFile(
            f"{name}: LibreOffice could not convert the file ({detail[-1] if detail else 'no output'});"
            " it may be damaged or password protected: open it and save it as .docx/.xlsx"
        )
    return converted
