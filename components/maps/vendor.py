"""Copy the map's browser libraries into ``static/vendor/``: ``python -m components.maps.vendor``.

The app must work with no network (a kiosk in a venue with poor Wi-Fi), so Leaflet and its
plugins are served by Streamlit itself from ``static/`` (``server.enableStaticServing``), never
from a CDN. Leaflet and Leaflet.markercluster come from the XStatic packages on PyPI (pinned in
requirements.txt); Leaflet.draw, jQuery (folium's ``Popup`` template calls ``$(...)``) and
protomaps-leaflet (vector tiles) come from the npm registry via ``npm pack``, checked against
pinned integrity hashes.

Idempotent: a library whose folder already holds a matching ``.vendored`` stamp is left alone.
``components/maps/offline.py`` points folium at the URLs these files are served under.
"""

from __future__ import annotations

import base64
import hashlib
import shutil
import subprocess
import sys
import tarfile
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
VENDOR_DIR = REPO_ROOT / "static" / "vendor"
STAMP_NAME = ".vendored"
NPM_TIMEOUT_S = 300


@dataclass(frozen=True)
class Library:
    """One vendored library: its folder under static/vendor/, version and how to fetch it."""

    folder: str
    version: str
    fill: Callable[[Path], None]
    required_files: tuple[str, ...]


def vendor_all(vendor_dir: Path = VENDOR_DIR) -> list[str]:
    """Fill ``vendor_dir`` with every library; return warnings for the ones that were skipped."""
    warnings: list[str] = []
    for library in LIBRARIES:
        target = vendor_dir / library.folder
        stamp = f"{library.folder} {library.version}\n"
        if _is_complete(target, library, stamp):
            print(f"vendor: {library.folder} {library.version} already present")
            continue
        try:
            _install(library, target, stamp)
        except _SkippedError as reason:
            warnings.append(f"{library.folder}: {reason}")
            continue
        print(f"vendor: {library.folder} {library.version} -> {target.relative_to(REPO_ROOT)}")
    return warnings


def main() -> int:
    warnings = vendor_all()
    for warning in warnings:
        print(f"WARNING vendor: skipped {warning}", file=sys.stderr)
    return 0


class _SkippedError(Exception):
    """A library could not be fetched here (e.g. no npm); the others still are."""


def _is_complete(target: Path, library: Library, stamp: str) -> bool:
    stamp_file = target / STAMP_NAME
    if not stamp_file.is_file() or stamp_file.read_text() != stamp:
        return False
    return all((target / name).is_file() for name in library.required_files)


def _install(library: Library, target: Path, stamp: str) -> None:
    """Fill a fresh sibling folder, then swap it in, so a crash never leaves half a library."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=target.parent, prefix=f".{library.folder}-") as tmp:
        staging = Path(tmp) / library.folder
        staging.mkdir()
        library.fill(staging)
        missing = [name for name in library.required_files if not (staging / name).is_file()]
        if missing:
            raise RuntimeError(f"{library.folder}: expected files missing: {missing}")
        (staging / STAMP_NAME).write_text(stamp)
        if target.exists():
            shutil.rmtree(target)
        staging.rename(target)


def _copy_xstatic(module_name: str) -> Callable[[Path], None]:
    def fill(staging: Path) -> None:
        import importlib

        base_dir = Path(importlib.import_module(module_name).BASE_DIR)
        shutil.copytree(base_dir, staging, dirs_exist_ok=True)

    return fill


# Leaflet 1.9.3 finds its marker images through leaflet.css; streamlit-folium adds stylesheets
# only after the scripts have run, so Leaflet falls back to a path without "/images/" and the
# default marker (also the Draw plugin's marker tool) shows a broken image. Set it explicitly,
# relative to this script's own URL.
ICON_PATH_JS = """// Written by components/maps/vendor.py: where L.Icon.Default finds its icons.
L.Icon.Default.imagePath = document.currentScript.src.replace(/[^/]*$/, "images/");
"""


def _leaflet(staging: Path) -> None:
    _copy_xstatic("xstatic.pkg.leaflet")(staging)
    (staging / "icon-path.js").write_text(ICON_PATH_JS)


def _from_npm(spec: str, integrity: str, members: str) -> Callable[[Path], None]:
    """Fetch ``spec`` with ``npm pack`` and extract the files under ``package/<members>/``."""

    def fill(staging: Path) -> None:
        npm = shutil.which("npm")
        if npm is None:
            raise _SkippedError(
                f"npm is not installed, so {spec} cannot be fetched (apt-get install npm)"
            )
        with tempfile.TemporaryDirectory(prefix="omradekart-npm-") as download_dir:
            result = subprocess.run(
                [
                    npm,
                    "pack",
                    spec,
                    "--silent",
                    "--ignore-scripts",
                    "--pack-destination",
                    download_dir,
                ],
                cwd=download_dir,
                stdin=subprocess.DEVNULL,
                capture_output=True,
                text=True,
                timeout=NPM_TIMEOUT_S,
                check=False,
            )
            tarballs = list(Path(download_dir).glob("*.tgz"))
            if result.returncode != 0 or len(tarballs) != 1:
                raise RuntimeError(f"npm pack {spec} failed: {result.stderr.strip()}")
            tarball = tarballs[0]
            _check_integrity(tarball, integrity)
            # members="" takes the whole package (axe-core ships axe.min.js at its root)
            _extract_subtree(tarball, f"package/{members}/" if members else "package/", staging)

    return fill


def _check_integrity(tarball: Path, integrity: str) -> None:
    digest = base64.b64encode(hashlib.sha512(tarball.read_bytes()).digest()).decode()
    if f"sha512-{digest}" != integrity:
        raise RuntimeError(f"{tarball.name}: integrity mismatch (got sha512-{digest})")


def _extract_subtree(tarball: Path, prefix: str, staging: Path) -> None:
    with tarfile.open(tarball, "r:gz") as archive:
        members = []
        for member in archive.getmembers():
            if not member.name.startswith(prefix) or not member.isfile():
                continue
            member.name = member.name[len(prefix) :]
            members.append(member)
        archive.extractall(staging, members=members, filter="data")


LIBRARIES: tuple[Library, ...] = (
    Library(
        folder="leaflet",
        version="1.9.3 (+icon-path.js)",
        fill=_leaflet,
        required_files=(
            "leaflet.js",
            "leaflet.css",
            "icon-path.js",
            "images/marker-icon.png",
            "images/layers.png",
        ),
    ),
    Library(
        folder="leaflet.markercluster",
        version="1.4.1",
        fill=_copy_xstatic("xstatic.pkg.leaflet_markercluster"),
        required_files=(
            "leaflet.markercluster.js",
            "MarkerCluster.css",
            "MarkerCluster.Default.css",
        ),
    ),
    Library(
        folder="leaflet.draw",
        version="1.0.4",
        fill=_from_npm(
            "leaflet-draw@1.0.4",
            "sha512-rsQ6saQO5ST5Aj6XRFylr5zvarWgzWnrg46zQ1MEOEIHsppdC/8hnN8qMoFvACsPvTioAuysya/"
            "TVtog15tyAQ==",
            members="dist",
        ),
        required_files=("leaflet.draw.js", "leaflet.draw.css", "images/spritesheet.svg"),
    ),
    Library(
        folder="jquery",
        version="3.7.1",
        fill=_from_npm(
            "jquery@3.7.1",
            "sha512-m4avr8yL8kmFN8psrbFFFmB/If14iN5o9nw/NgnnM+kybDJpRsAynV2BsfpTYrTRysYUdADVD7CkUUizgkpLfg==",
            members="dist",
        ),
        required_files=("jquery.min.js",),
    ),
    # protomaps-leaflet: draws the vector tiles (PMTiles) of a national-size layer on a canvas
    # (geo/build/tiles.py, components/maps/tiles.py); one file with its pmtiles reader inside.
    Library(
        folder="protomaps-leaflet",
        version="5.1.0",
        fill=_from_npm(
            "protomaps-leaflet@5.1.0",
            "sha512-N0YY1Gbw5nZ9n8VUOvwHKm/w3zhTTuaZEeMZl8doHemeM4ujGPp2otI6t4Sgqrz8iM4svx2rpG1Q17rHkOWSaA==",
            members="dist",
        ),
        required_files=("protomaps-leaflet.js",),
    ),
    # axe-core: only for the accessibility tests (tests/e2e/test_axe.py injects it into each
    # page); never loaded by the app itself.
    Library(
        folder="axe-core",
        version="4.14.1",
        fill=_from_npm(
            "axe-core@4.14.1",
            "sha512-FHfa+lmNjQZfJz1q8wKqIDwC6DExcHt/pkjNQb09a3NPjCKg2rhu5qb2S4r76ASyFNNtuFooJpZe37OgudVGtQ==",
            members="",
        ),
        required_files=("axe.min.js",),
    ),
)


if __name__ == "__main__":
    sys.exit(main())
