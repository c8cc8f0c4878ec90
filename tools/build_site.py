"""Build the course website: `make site` (Sphinx + MyST-NB + sphinx-book-theme, offline).

The pages are the stored notebooks, rendered without re-running them (nbval has
already proved their outputs). Sphinx reads a staging folder, ``<build>/src``, that
holds hard links to site/index.md and to the contents of notebooks/ (never its
MyST sources in notebooks/src): the notebooks keep their names, so the links between
them (``03-softmax.ipynb``) resolve to pages, and the Binder buttons point at
``notebooks/<name>.ipynb`` in the repository. The configuration is site/conf.py.

Every build starts from an empty html folder and reads every page afresh (``-E``) with
warnings as errors (``-W``): a warning can never hide in a page that an incremental build
skipped, and the folder to publish never keeps a page of a notebook that is gone.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SITE_DIR = ROOT / "site"
NOTEBOOKS_DIR = ROOT / "notebooks"
DEFAULT_BUILD_DIR = SITE_DIR / "_build"
NOT_PAGES = {"src", ".ipynb_checkpoints"}  # the notebooks' MyST sources are not pages


def link_or_copy(origin: Path, target: Path) -> None:
    """A hard link to `origin` (no copy; a symbolic link would not do: MyST resolves it back to
    notebooks/, outside Sphinx's source folder), or a copy where hard links cannot be made."""
    if origin.is_dir():
        shutil.copytree(origin, target, copy_function=link_or_copy)
        return
    try:
        os.link(origin, target)
    except OSError:  # another file system, or no hard links here
        shutil.copy2(origin, target)


def stage(source_dir: Path) -> None:
    """Fill `source_dir` with hard links to the landing page and to the notebooks folder's contents."""
    if source_dir.is_symlink() or source_dir.is_file():
        source_dir.unlink()
    elif source_dir.exists():
        shutil.rmtree(source_dir)
    source_dir.mkdir(parents=True)
    link_or_copy(SITE_DIR / "index.md", source_dir / "index.md")
    for entry in sorted(NOTEBOOKS_DIR.iterdir()):
        if entry.name not in NOT_PAGES and not entry.name.startswith("."):
            link_or_copy(entry, source_dir / entry.name)


def build(build_dir: Path = DEFAULT_BUILD_DIR, *, quiet: bool = False) -> Path:
    """Build the site into `build_dir`/html and return that folder; raises CalledProcessError on failure."""
    build_dir = build_dir.resolve()
    source_dir = build_dir / "src"
    html_dir = build_dir / "html"
    stage(source_dir)
    shutil.rmtree(html_dir, ignore_errors=True)  # the folder to publish holds this build only, no stale page
    command = [sys.executable, "-m", "sphinx", "-b", "html", "-E", "-W", "--keep-going", "-j", "1",
               "-c", str(SITE_DIR), "-d", str(build_dir / "doctrees"), str(source_dir), str(html_dir)]
    if quiet:
        command.append("-q")
    subprocess.run(command, check=True, cwd=ROOT)
    return html_dir


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python tools/build_site.py", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--build-dir", type=Path, default=DEFAULT_BUILD_DIR,
                        help="where to build (default: site/_build; the pages land in its html/ folder)")
    parser.add_argument("-q", "--quiet", action="store_true", help="print only warnings and errors")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    try:
        html_dir = build(args.build_dir, quiet=args.quiet)
    except subprocess.CalledProcessError:
        print("make site FAILED: see the warnings above (warnings are errors).", file=sys.stderr)
        return 1
    shown = html_dir.relative_to(ROOT) if html_dir.is_relative_to(ROOT) else html_dir
    print(f"built {shown}/index.html in {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
