import LoopReportSource
import Testing

@Suite struct SourceFileTests {
    @Test func invalidUTF8IsLocatedAtTheOffendingByte() throws {
        let bytes = Array("# Plan\nok line\nbad \u{00}".utf8.prefix(15)) + [0x62, 0x61, 0x64, 0x20, 0xC3, 0x28, 0x0A]
        guard case .failure(let diagnostic) = SourceFile.decode(path: "plan.md", bytes: bytes) else {
            Issue.record("invalid UTF-8 was accepted"); return
        }
        #expect(diagnostic.code == .invalidUTF8)
        #expect(diagnostic.severity == .error)
        #expect(diagnostic.range?.start == SourceLocation(line: 3, column: 5))
        #expect(diagnostic.message.contains("0xC3"))
    }

    @Test func nulByteMakesABinaryFile() throws {
        guard case .failure(let diagnostic) = SourceFile.decode(path: "x.md", bytes: Array("ab\ncd\u{0}e".utf8)) else {
            Issue.record("NUL byte was accepted"); return
        }
        #expect(diagnostic.code == .binaryFile)
        #expect(diagnostic.range?.start == SourceLocation(line: 2, column: 3))
    }

    @Test func linesAndColumnsAreUTF8Bytes() throws {
        let file = SourceFile(path: "a.md", text: "first\r\ntodo 叶 Block 3.4\nlast")
        #expect(file.lineCount == 3)
        #expect(file.line(1) == "first")
        #expect(file.line(2) == "todo 叶 Block 3.4")
        #expect(file.column(of: "Block 3.4", onLine: 2) == 10)
        #expect(file.line(9) == "")
    }

    /// A CR alone ends a line, as in CommonMark: cmark's locations and ours count the same lines
    /// in a document saved with old Mac line endings, or with stray CRs (the fuzzer's find: a
    /// missing-effort warning pointed at line 167 of a 79-line document).
    @Test func aCarriageReturnAloneEndsALine() throws {
        let file = SourceFile(path: "a.md", text: "one\rtwo\r\nthree\r\rfive\r")
        #expect(file.lineCount == 6)
        #expect((1...6).map { String(file.line($0)) } == ["one", "two", "three", "", "five", ""])
        #expect(file.column(of: "five", onLine: 5) == 1)
        guard case .failure(let diagnostic) = SourceFile.decode(path: "a.md", bytes: Array("a\rb\r\nc\u{0}".utf8)) else {
            Issue.record("NUL byte was accepted"); return
        }
        #expect(diagnostic.range?.start == SourceLocation(line: 3, column: 2))
    }

    /// Each line from the one asked for, without its line feed (a CRLF's CR stays with the line).
    @Test func forEachLineLendsEachLinesBytes() {
        let file = SourceFile(path: "a.md", text: "one\rtwo\r\n叶 three\n\nlast")
        var lines: [(Int, String)] = []
        file.forEachLine(from: 2) { number, bytes in lines.append((number, String(decodingLine: bytes))) }
        #expect(lines.map(\.0) == [2, 3, 4, 5])
        #expect(lines.map(\.1) == ["two\r", "叶 three", "", "last"])
    }
}

@Suite struct DiagnosticFormatterTests {
    @Test func textFormatHasLocationCodeExcerptAndCaret() {
        let file = SourceFile(path: "plan.md", text: "### Block 2.1: Parser\n**Dependencies**: Block 9.9\n")
        let diagnostic = Diagnostic(
            .unknownBlockReference,
            at: SourceRange(path: "plan.md", start: .init(line: 2, column: 19), end: .init(line: 2, column: 28)),
            "Block 2.1 depends on Block 9.9, which no document defines")
        let text = DiagnosticFormatter(useColor: false, pathPrefix: "content/").format(diagnostic, sources: ["plan.md": file])
        #expect(
            text == """
                content/plan.md:2:19: error: Block 2.1 depends on Block 9.9, which no document defines [unknown-block-reference]
                 2 | **Dependencies**: Block 9.9
                   |                   ^

                """)
    }

    @Test func caretCountsCharactersNotBytes() {
        let file = SourceFile(path: "a.md", text: "叶叶 Block 1.1\n")
        let diagnostic = Diagnostic(
            .unknownBlockReference,
            at: SourceRange(path: "a.md", start: .init(line: 1, column: 8), end: .init(line: 1, column: 9)), "m")
        let text = DiagnosticFormatter(useColor: false).format(diagnostic, sources: ["a.md": file])
        #expect(text.hasSuffix(" 1 | 叶叶 Block 1.1\n   |    ^\n"))
    }

    @Test func colourOnlyWhenAsked() {
        let diagnostic = Diagnostic(.emptyContent, at: nil, "nothing here")
        #expect(!DiagnosticFormatter(useColor: false).format(diagnostic, sources: [:]).contains("\u{1B}["))
        #expect(DiagnosticFormatter(useColor: true).format(diagnostic, sources: [:]).contains("\u{1B}[1;31m"))
    }

    @Test func summaryCountsBySeverity() {
        let diagnostics = [
            Diagnostic(.dependencyCycle, at: nil, "a"), Diagnostic(.duplicateBlock, at: nil, "b"),
            Diagnostic(.unknownBlockReference, at: nil, "c"), Diagnostic(.malformedTableRow, at: nil, "d"),
        ]
        #expect(DiagnosticFormatter(useColor: false).summary(diagnostics, documentCount: 7) == "3 errors, 1 warning in 7 documents")
        #expect(DiagnosticFormatter(useColor: false).summary([], documentCount: 1) == "0 errors, 0 warnings in 1 document")
    }

    @Test func everyCodeIsKebabCaseWithAMeaning() {
        for code in DiagnosticCode.allCases {
            #expect(code.rawValue.allSatisfy { $0.isLowercase || $0 == "-" || $0.isNumber }, "\(code.rawValue)")
            #expect(!code.meaning.isEmpty)
        }
    }
}
