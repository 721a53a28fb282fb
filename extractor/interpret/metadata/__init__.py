"""Report metadata: title, unit, region, fiscal year, kind and the template, each with its source.

    gazetteer  the provinces, prefectures and counties of the official division codes, as written
    lexicon    what a unit name and a region are (is_unit, normalize_unit, region_parts …)
    fuller     the fuller name a title or a cell abbreviates (城管执法局 → …城市管理和综合执法局)
    title      the title grammar and where titles are (head, body sentence, citation, file name)
    fields     form fields naming the unit (实施单位 | …)
    chrome     page chrome of a portal (发布机构:, 来源:, breadcrumbs)
    body       units and kind named in the body (alias, subject, signature, 我+name)
    stated     units the body states in a role (项目实施单位为X, 由X实施, 下达到X, 主管部门为X)
    years      the fiscal year where no title states it (form header, period, filing date, body)
    path       the archive folders (year/region/unit/…) for what the document leaves empty
    describe   choosing among the cues by rank; fill_from_forms after the forms stage
    vote       the roles that settle the unit after the ranking (an evaluator is none; a giver, a
               publisher and an office inside a unit yield)

Each returns plain values or a :class:`~extractor.model.Metadata`; the pipeline puts them on the
Report. The vocabularies live in patterns/metadata.toml, the gazetteer in patterns/divisions.toml.
"""
from .describe import describe, fill_from_forms
from .lexicon import clean_unit, is_unit, normalize_unit, region_of, region_parts
from .path import from_path

__all__ = ["describe", "fill_from_forms", "from_path", "clean_unit", "is_unit", "normalize_unit",
           "region_of", "region_parts"]
