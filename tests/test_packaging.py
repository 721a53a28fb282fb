"""pyproject.toml ships every package, patterns/ and the plugin's files, in a layout setuptools
installs editable as a plain .pth (no import finder, no BuildBackendWarning)."""
import tomllib
from pathlib import Path

from .conftest import ROOT

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
SETUPTOOLS = PYPROJECT["tool"]["setuptools"]


def test_every_package_folder_is_listed():
    """Every folder under extractor/ that Python could import, data folders too: setuptools warns
    ("Package … is absent from the `packages` configuration") about any it is not told of."""
    import os

    folders = set()
    for top, dirs, _ in os.walk(ROOT / "extractor", followlinks=True):  # _patterns is a symlink
        dirs[:] = [d for d in dirs if d != "__pycache__" and not d.startswith(".")]
        folders.add(".".join(Path(top).relative_to(ROOT).parts))
    assert folders == set(SETUPTOOLS["packages"]), folders ^ set(SETUPTOOLS["packages"])


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


def test_data_files_are_package_data():
    data = SETUPTOOLS["package-data"]
    for package in SETUPTOOLS["packages"]:
        folder = ROOT / package.replace(".", "/")
        files = [p for p in folder.iterdir() if p.is_file() and p.suffix != ".py"]
        if files:
            patterns = data.get(package, [])
            assert all(any(f.match(p) for p in patterns) for f in files), (package, files)
    assert PYPROJECT["project"]["entry-points"]["datasette"]["extractor"] == "extractor.publish.datasette_plugin"
