import LoopReportTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Numbers no plan means: efforts over 10,000 days or past any double are a located warning
/// and ignored; a plan over a century long is charted to its first century; a results table
/// of values no tick step can cross gets a bounded axis. Nothing traps, hangs or fills memory.
@Suite struct HugeNumberTests {
    /// Memory is capped at 4 GB, except under a sanitizer, whose shadow memory is reserved up
    /// front; a minute at most. (The shell is the point: `ulimit` sets the cap.)
    private func run(_ arguments: String...) -> ProcessResult { run(arguments) }

    private func run(_ arguments: [String]) -> ProcessResult {
        let cap = runsUnderSanitizer ? "" : "ulimit -v 4000000 && "
        return runShellScript(cap + "exec timeout 60 \"$@\"", [loopreportBinary] + arguments, in: packageRoot)
    }

    @Test func hugeQuantitiesAreRefusedAtReadingAndChartsStayBounded() {
        let dir = TemporaryDirectory(); defer { dir.remove() }
        var plan =
            "## Group 1: A\n\n### Block 1.1: Forever\n**Estimate:** 10000000000 days\n**Actual:** \(String(repeating: "9", count: 401)) days\n\n"
        for k in 2...12 { plan += "### Block 1.\(k): Long \(k)\n**Estimate:** 9000 days\n**Depends on:** 1.\(k - 1)\n\n" }
        plan += """
            ## Results

            ### Performance Measurements

            | Size | Time |
            |---|---|
            | 1 | 100000000000000000000 ms |
            | 2 | 100000000000000000001 ms |
            | 3 | 100000000000000000002 ms |
            | 4 | \(String(repeating: "9", count: 401)) ms |

            """
        dir.write("project/loopreport.yml", "start: 2026-03-02\n")
        dir.write("project/plan.md", plan)
        let check = run("check", "\(dir.path)/project")
        #expect(
            check.stderr.contains(
                "plan.md:4:15: warning: '10000000000 days' is over the 10,000 working days LoopReport reads as one effort; ignored"),
            "\(check.stderr)")
        #expect(check.stderr.contains("plan.md:5:13: warning: '\(String(repeating: "9", count: 401)) days' is over the 10,000"))
        let build = run("build", "--date", "2026-03-18", "-o", "\(dir.path)/site", "\(dir.path)/project")
        #expect(build.status == 0, "\(build.stderr)")
        let size = diskUsageKiB("\(dir.path)/site")
        #expect((size ?? .max) < 20_000, "site of \(size.map(String.init) ?? "(none)") KiB")
        for format in [["json"], ["csv"], ["ics"], ["svg", "--diagram", "gantt"], ["mermaid", "--diagram", "gantt"]] {
            #expect(run(["export", "--format"] + format + ["\(dir.path)/project"]).status == 0, "\(format)")
        }
    }

    /// A list nested twenty thousand deep beside a results table (whose growth claims are
    /// searched for in the section's paragraphs) once overflowed a recursive tree walk.
    @Test func aDeeplyNestedListIsWalkedWithoutRecursion() {
        let dir = TemporaryDirectory(); defer { dir.remove() }
        dir.write(
            "project/plan.md",
            """
            # Plan

            ## Results

            ### Performance Measurements

            | Size | Time |
            |---|---|
            | 1 | 1 ms |
            | 2 | 4 ms |
            | 3 | 9 ms |

            \(String(repeating: "- ", count: 20_000))grows as O(n log n)

            """)
        for command in [["check"], ["build", "-o", "\(dir.path)/site"], ["export", "--format", "json"]] {
            let result = run(command + ["\(dir.path)/project"])
            #expect(result.status <= 1, "\(command): \(result.stderr.suffix(300))")
            #expect(!result.stderr.contains("crashed"), "\(command)")
        }
    }

    /// A table row of 262,144 cells (quadratic inside cmark-gfm) skips its document with a
    /// located error; a megabyte-long heading is shortened, not copied into every page.
    @Test func wideTablesAndLongTitlesAreBounded() {
        let dir = TemporaryDirectory(); defer { dir.remove() }
        dir.write("project/plan.md", "## Group 1: A\n\n### Block 1.1: \(String(repeating: "Long ", count: 200_000))\n**Estimate:** 1 day\n")
        dir.write("project/wide.md", "# Wide\n\n|" + String(repeating: " a |", count: 262_144) + "\n")
        let check = run("check", "\(dir.path)/project")
        #expect(
            check.stderr.contains("wide.md:3:1: error: line 3 of 'wide.md' is a table row of 262145 cells, over the 1000 LoopReport reads"),
            "\(check.stderr.prefix(2000))")
        #expect(check.stderr.contains("plan.md:3:1: warning: this heading is over 300 characters; its title is shortened [over-limit]"))
        #expect(run("build", "-o", "\(dir.path)/site", "\(dir.path)/project").status == 1)
        let size = diskUsageKiB("\(dir.path)/site")
        #expect((size ?? .max) < 5_000, "site of \(size.map(String.init) ?? "(none)") KiB")
    }

    /// Dense dependencies (each block on every earlier one: 44,850 edges for 300 blocks) are
    /// drawn from their transitive reduction, so the layout takes seconds, not minutes.
    @Test func denseDependenciesAreDrawnFromTheirReduction() {
        let dir = TemporaryDirectory(); defer { dir.remove() }
        var plan = "## Group 1: A\n\n"
        for i in 1...300 {
            let dependencies = i == 1 ? "None" : (1..<i).map { "1.\($0)" }.joined(separator: ", ")
            plan += "### Block 1.\(i): B\(i)\n**Estimate:** 1 day\n**Dependencies:** \(dependencies)\n\n"
        }
        dir.write("project/plan.md", plan)
        let result = run("build", "-o", "\(dir.path)/site", "\(dir.path)/project")
        #expect(result.status == 0, "\(result.stderr.suffix(500))")
        #expect(
            readFile("\(dir.path)/site/groups/1.html").contains(
                "300 tasks and 299 dependencies. 44551 more dependencies are implied by the others and not drawn."))
    }
}
