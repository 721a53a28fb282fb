"""extractor: Chinese budget performance self-assessment reports (绩效自评报告) → SQLite."""
__version__ = "0.1.0"

from .pipeline import extract  # noqa: E402

__all__ = ["extract", "__version__"]
