"""pyproject.toml ships every package, patterns/ and the plugin's files, in a layout setuptools
installs editable as a plain .pth (no import finder, no BuildBackendWarning)."""
import tomllib

from .conftest import ROOT

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
SETUPTOOLS = PYPROJECT["tool"]["setuptools"]


def test_every_package_folder_is_listed():
    folders = {
        ".".join(p.parent.relative_to(ROOT).parts)
        for p in (ROOT / "extractor").rglob("__init__.py") if "__pycache__" not in p.parts
    }
    assert folders <= set(SETUPTOOLS["packages"]), folders - set(SETUPTOOLS["packages"])


def test_every_package_sits_at_its_own_path():
    """setuptools' editable install writes a static .pth only when package-dir is {"": "."} and
    each package is the folder its name says; any other mapping made it install a finder and
    print "BuildBackendWarning: Editable installation" on every `pip install -e`."""
    assert SETUPTOOLS["package-dir"] == {"": "."}
    for package in SETUPTOOLS["packages"]:
        assert (ROOT / package.replace(".", "/")).is_dir(), package


def test_patterns_ship_through_the_symlink():
    link = ROOT / "extractor" / "_patterns"
    assert link.is_symlink() and link.resolve() == (ROOT / "patterns").resolve()
    assert {p.name for p in link.glob("*.toml")} == {p.name for p in (ROOT / "patterns").glob("*.toml")}


def test_plugin_files_are_package_data():
    data = SETUPTOOLS["package-data"]["extractor.publish.datasette_plugin"]
    plugin = ROOT / "extractor" / "publish" / "datasette_plugin"
    for folder, pattern in (p.split("/") for p in data):
        assert list((plugin / folder).glob(pattern)), f"{folder}/{pattern}"
    assert PYPROJECT["project"]["entry-points"]["datasette"]["extractor"] == "extractor.publish.datasette_plugin"
