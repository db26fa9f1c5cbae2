"""Results of one check and how they are printed."""

import sys


class Problem:
    __slots__ = ("where", "message")

    def __init__(self, where, message):
        self.where = where
        self.message = message

    def __str__(self):
        return f"{self.where}: {self.message}" if self.where else self.message


class CheckResult:
    """What one check found: problems (which fail the run), warnings (which do not),
    a one-line summary of what was covered, and free-form detail lines."""

    def __init__(self, name):
        self.name = name
        self.problems = []
        self.warnings = []
        self.summary = ""
        self.details = []
        self.skipped = None  # reason, when the check did not run
        self.seconds = 0.0

    def fail(self, where, message):
        self.problems.append(Problem(where, message))

    def warn(self, where, message):
        self.warnings.append(Problem(where, message))

    def detail(self, line):
        self.details.append(line)

    @property
    def ok(self):
        return self.skipped is not None or not self.problems

    @property
    def status(self):
        if self.skipped is not None:
            return "skipped"
        return "ok" if not self.problems else "FAILED"


class Printer:
    """Prints each check's section as it completes; caps long problem lists."""

    def __init__(self, max_problems=200, show_warnings=False, stream=None):
        self.max_problems = max_problems
        self.show_warnings = show_warnings
        self.stream = stream or sys.stdout

    def out(self, text=""):
        print(text, file=self.stream, flush=True)

    def section(self, result):
        head = f"== {result.name}"
        if result.skipped is not None:
            self.out(f"{head}: skipped ({result.skipped})")
            return
        self.out(f"{head} ({result.seconds:.1f} s): {result.status}")
        for line in result.details:
            self.out(f"   {line}")
        self._list(result.problems, "error")
        if result.warnings:
            if self.show_warnings:
                self._list(result.warnings, "warning")
            else:
                self.out(f"   ({len(result.warnings)} warning(s) not shown; --show-warnings lists them)")
        if result.summary:
            self.out(f"   {result.summary}")

    def _list(self, problems, kind):
        for problem in problems[: self.max_problems]:
            where = f"{problem.where}: " if problem.where else ""
            self.out(f"{where}{kind}: {problem.message}")
        if len(problems) > self.max_problems:
            self.out(f"   ... and {len(problems) - self.max_problems} more {kind}s (--max-problems)")

    def summary(self, results, header, seconds):
        self.out()
        self.out(f"== Summary: {header}")
        width = max(len(r.name) for r in results) if results else 10
        for r in results:
            if r.skipped is not None:
                line = f"({r.skipped})"
            else:
                line = r.summary or ""
                counts = f"{len(r.problems)} error(s)"
                if r.warnings:
                    counts += f", {len(r.warnings)} warning(s)"
                line = f"{counts}; {line}" if line else counts
            self.out(f"   {r.status:7} {r.name:{width}}  {line}")
        failed = [r for r in results if not r.ok]
        skipped = [r for r in results if r.skipped is not None]
        verdict = "PASSED" if not failed else "FAILED (" + ", ".join(r.name for r in failed) + ")"
        self.out(f"site-check: {verdict} in {seconds:.1f} s")
        # The plain closing line that test-result readers understand.
        passed = len(results) - len(failed) - len(skipped)
        closing = f"site-check: {passed} passed, {len(failed)} failed"
        if skipped:
            closing += f", {len(skipped)} skipped"
        self.out(closing)
