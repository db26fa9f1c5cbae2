import Yams

/// YAML read within bounds. The YAML parser recurses once per level of nesting, so a
/// document nested a few thousand deep (`[[[[…` or `- - - -…`) overflows the stack; and
/// aliases can multiply a small text into a huge tree. Front matter and loopreport.yml are
/// checked before they are parsed: too large, too deep or too many aliases is a diagnostic.
enum BoundedYAML {
    static let maximumBytes = 256 * 1024
    static let maximumDepth = 64
    static let maximumAliases = 64

    /// What is wrong with the text, if anything, before the parser sees it.
    static func problem(_ text: String) -> String? {
        let bytes = text.utf8
        if bytes.count > maximumBytes { return "it is over \(maximumBytes / 1024) KiB" }
        var flow = 0, deepest = 0, aliases = 0
        var quote: UInt8 = 0
        var atLineStart = true, indent = 0, dashes = 0
        var previous: UInt8 = 0x0A
        for byte in bytes {
            if byte == 0x0A {
                atLineStart = true; indent = 0; dashes = 0; quote = 0
                previous = byte
                continue
            }
            if atLineStart {
                // Block nesting: one level per two columns of indentation, or per `- ` on the line.
                if byte == 0x20 { indent += 1; previous = byte; continue }
                if byte == 0x2D || (byte == 0x20 && previous == 0x2D) { dashes += 1 } else { atLineStart = false }
                deepest = max(deepest, indent / 2 + dashes)
            }
            if quote != 0 {
                if byte == quote { quote = 0 }
            } else {
                switch byte {
                case 0x22, 0x27: quote = byte
                case 0x5B, 0x7B: flow += 1; deepest = max(deepest, flow + indent / 2)
                case 0x5D, 0x7D: flow = max(0, flow - 1)
                case 0x2A where previous == 0x20 || previous == 0x5B || previous == 0x2C || previous == 0x3A: aliases += 1
                default: break
                }
            }
            previous = byte
        }
        if deepest > maximumDepth { return "it nests more than \(maximumDepth) levels deep" }
        if aliases > maximumAliases { return "it uses more than \(maximumAliases) aliases" }
        return nil
    }

    /// The parsed node, or the reason it was not parsed (the bound, or the parser's error).
    static func compose(_ text: String) -> Result<Node?, BoundError> {
        if let problem = problem(text) { return .failure(BoundError(description: problem, line: nil)) }
        do { return .success(try Yams.compose(yaml: text)) } catch {
            let yaml = error as? YamlError
            return .failure(
                BoundError(
                    description: yaml.flatMap(Self.message(of:))
                        ?? String(describing: error).split(separator: "\n").first.map(String.init) ?? "unreadable",
                    line: yaml.flatMap(Self.line(of:))))
        }
    }

    struct BoundError: Error {
        var description: String
        /// 1-based, in the text parsed, when the parser says where.
        var line: Int?
    }

    /// The parser's problem and what it was reading ("could not find expected ':' (while
    /// scanning a simple key)"); the location goes in the diagnostic's own.
    private static func message(of error: YamlError) -> String? {
        switch error {
        case .scanner(let context, let problem, _, _), .parser(let context, let problem, _, _),
            .composer(let context, let problem, _, _):
            context.map { "\(problem) (\($0.text))" } ?? problem
        default: nil
        }
    }

    private static func line(of error: YamlError) -> Int? {
        switch error {
        // Where the construct in error began ("while parsing a flow sequence in line 3") rather
        // than where the parser gave up (often the end of the text). Yams's marks count from 1.
        case .scanner(let context, _, let mark, _), .parser(let context, _, let mark, _),
            .composer(let context, _, let mark, _):
            context?.mark.line ?? mark.line
        default: nil
        }
    }
}
