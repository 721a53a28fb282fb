"""extractor: Chinese budget performance self-assessment reports (绩效自评报告) → SQLite."""
from .version import __version__

__all__ = ["extract", "__version__"]


def __getattr__(name):
    """``extractor.extract`` on first use: importing the package (the CLI's --help, serve, export)
    must not load spaCy and the readers."""
    if name == "extract":
        from .pipeline import extract

        return extract
    raise AttributeError(f"module 'extractor' has no attribute {name!r}")
