"""Text stages, in the order the pipeline runs them: traditional (mirrors in traditional
characters → simplified, by OpenCC), normalize (offset-safe clean-up), headings + segment (the
section hierarchy), recognize (quantities), with numerals (Chinese numerals, by cn2an).

Modules are imported by name (``extractor.text.normalize``); this package re-exports nothing so
that importing one stage does not load spaCy for the others.
"""
