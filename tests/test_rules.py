"""patterns/ as data: every file loads and validates; every rule's examples match and its
counterexamples do not; a malformed file is refused with its name and key."""
import pytest

from extractor import rules
from extractor.errors import PatternError


def test_every_pattern_file_loads():
    names = rules.all_files()
    assert "facts" in names and "quantities" in names
    for name in names:
        assert isinstance(rules.load(name), dict)


@pytest.mark.parametrize(
    "case", rules.cases(),
    ids=lambda c: f"{c.file}:{c.rule.id}:{'+' if c.expected else '-'}{c.text[:24]}")
def test_rule_examples(case):
    assert case.rule.matches(case.text) == case.expected, (
        f"patterns/{case.file}.toml [{case.rule.key}] {case.rule.id}: "
        f"{'should' if case.expected else 'should not'} match {case.text!r}")


@pytest.mark.parametrize("text,message", [
    ('[a]\nid = "x"\npattern = "("\nexamples = ["("]\ncounterexamples = []', "does not compile"),
    ('[a]\nid = "x"\npattern = "a"\ncounterexamples = []', "needs `examples`"),
    ('[a]\nid = "x"\npattern = "a"\nexamples = []\ncounterexamples = []', "has no examples"),
    ('[a]\nid = "x"\npattern = "a"\nexamples = ["a"]\ncounterexamples = []\n'
     '[b]\nid = "x"\npattern = "b"\nexamples = ["b"]\ncounterexamples = []', r"also used at \[a\]"),
    ('[a]\nid = "x"\npattern = "a"\nexamples = ["a"]\ncounterexamples = []\nmatch = "any"', "match must be"),
    ('a = [', "patterns/bad.toml"),
])
def test_malformed_files_are_refused_naming_file_and_key(text, message):
    with pytest.raises(PatternError, match=message) as e:
        rules.parse(text, "bad.toml")
    assert "patterns/bad.toml" in str(e.value)


def test_a_rule_is_its_pattern_string_with_provenance():
    data = rules.parse('[macros]\nyear = "(?:19|20)\\\\d{2}"\n[y]\nid = "year"\npattern = "{year}年"\n'
                       'examples = ["2024年"]\ncounterexamples = ["24年"]\nmatch = "fullmatch"\nhint = 3', "t.toml")
    rule = data["y"]
    assert rule == r"(?:19|20)\d{2}年"  # the macro is expanded
    assert (rule.id, rule.file, rule.key, rule["hint"]) == ("year", "t.toml", "y", 3)
    assert rule.matches("2024年") and not rule.matches("2024年度")


def test_require_names_file_and_key():
    conf = {"binding": {"max_gap": "14"}}
    with pytest.raises(PatternError, match=r"patterns/facts.toml: \[binding.max_gap\] must be int"):
        rules.require(conf, "binding.max_gap", int, "facts.toml")
    with pytest.raises(PatternError, match=r"missing \[binding.far_gap\]"):
        rules.require(conf, "binding.far_gap", int, "facts.toml")
