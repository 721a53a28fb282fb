"""Text stages, in the order the pipeline runs them: normalize (offset-safe clean-up,
traditional → simplified), headings + segment (the section hierarchy), recognize (quantities),
with numerals (Chinese numerals) shared by all.

Modules are imported by name (``extractor.text.normalize``); this package re-exports nothing so
that importing one stage does not load spaCy for the others.
"""
