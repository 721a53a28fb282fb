"""Errors a document can fail with. Each has a stable ``kind`` stored in ``ingest_errors``.

Messages name the file and say what the user can do about it.
"""
import struct
import zipfile
import zlib

# What zipfile raises on a damaged or hostile archive: bad CRC, headers or names (BadZipFile), a
# broken deflate stream (zlib.error), an unknown compression method or version
# (NotImplementedError), truncated data (EOFError), impossible sizes, offsets or dates
# (ValueError, OverflowError, struct.error). Readers turn them into CorruptFile.
ZIP_ERRORS = (zipfile.BadZipFile, zlib.error, NotImplementedError, EOFError, ValueError, OverflowError, struct.error)


class ExtractorError(Exception):
    """Base class: a document could not be ingested."""

    kind = "error"


class EmptyFile(ExtractorError):
    """The file has no bytes or no text at all."""

    kind = "empty"


class UnsupportedFormat(ExtractorError):
    """No reader handles this format (or its converter is missing)."""

    kind = "unsupported_format"


class CorruptFile(ExtractorError):
    """The file is damaged or is not what its name says."""

    kind = "corrupt"


class DecodeError(ExtractorError):
    """The bytes are not text in any encoding we know."""

    kind = "decode_error"


class Encrypted(ExtractorError):
    """The file is password protected."""

    kind = "encrypted"


class NeedsOCR(ExtractorError):
    """The file has no usable text layer (a scan or image-only PDF)."""

    kind = "needs_ocr"


class UnmappableFont(ExtractorError):
    """The PDF's fonts lack a ToUnicode map: text comes out as (cid:NN)."""

    kind = "unmappable_font"


class TooLarge(ExtractorError):
    """The file exceeds a configured limit (bytes or pages)."""

    kind = "too_large"


class ZipBomb(ExtractorError):
    """A zip container inflates beyond the configured limit."""

    kind = "zip_bomb"


class Timeout(ExtractorError):
    """Extraction took longer than the per-document limit."""

    kind = "timeout"


class UsageError(ValueError):
    """A caller asked for something that does not exist (an unknown --ocr mode, format or option
    value): a programming or usage error, not a document error."""


class NotAReport(ExtractorError):
    """The file reads, but holds nothing of a report: no figures and none of a report's words
    (patterns/reportlike.toml), e.g. a README that says "hello"."""

    kind = "not_a_report"


class PatternError(Exception):
    """A file in patterns/ is malformed (a programming error, not a document error)."""


# ---- errors of the database's readers and writers (store, publish): the caller's request, not a document
class NoDatabase(FileNotFoundError):
    """The database file named does not exist (build it with ``extractor ingest``)."""


class NoSuchReport(LookupError):
    """The database holds no report with the id asked for."""


class NoSuchFinding(LookupError):
    """No finding (or more than one) answers to the id or fingerprint given."""


class DatabaseUnusable(Exception):
    """The --db path cannot be a database: its folder is missing, it is a folder, or the file is
    not SQLite. The message says which and what to do."""


class ExportError(ValueError):
    """An export the exporter cannot make or read back: an unknown format, a file whose columns
    differ from the export's."""


class OverridesError(ValueError):
    """A linking overrides file (``extractor units --overrides``) cannot be read or is malformed.

    A ValueError too, so callers that caught the bare ValueError raised before keep working."""


class NumeralError(ValueError):
    """A string is not a number we can read (三四五, 十十, 万 alone). A ValueError, so callers
    that treat an unreadable number as "no number" keep working."""


# ---- errors of a batch's machinery (engines, shards): the caller's setup, not a document
class EngineError(RuntimeError):
    """An extraction engine cannot run: dask not installed, a scheduler out of reach, an unknown engine."""


class ShardError(ValueError):
    """A folder of Parquet shards cannot be written or loaded (pyarrow missing, not a shard folder)."""
