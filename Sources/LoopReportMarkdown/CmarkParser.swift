import CCmarkGFM
import CLoopReportCmark
import LoopReportSource
import LoopReportSupport

#if canImport(Glibc)
import Glibc
#endif

/// Parses Markdown with cmark-gfm (GFM extensions on) into `MarkdownNode` values.
///
/// cmark-gfm is not re-entrant with extensions attached: each parse adds and removes the
/// extensions' characters in one process-wide table (github/cmark-gfm#176), and extension
/// registration is guarded by a plain static int. CLoopReportCmark keeps that table filled
/// (special_characters.c); once cmark is seen to use its version, documents parse in
/// parallel. Until then, and for good if the library's calls never reach it, every parse
/// (feed and finish) runs under one process-wide lock. The tree's memory comes from the
/// calling thread's arena (CLoopReportCmark), released in one step after conversion.
package enum CmarkParser {
    private static let lock = Locked()
    static let extensionNames = ["table", "tasklist", "strikethrough", "autolink", "tagfilter"]

    /// Whether parses may run at once: decided once, after the extensions are registered and
    /// one document has been parsed under the lock.
    static let parsesInParallel: Bool = lock.locked {
        cmark_gfm_core_extensions_ensure_registered()
        if parseTree("~~probe~~") != nil { loopreport_arena_reset() }
        return loopreport_cmark_special_characters_fixed()
    }

    /// Parses a document. Total: any content gives a tree, never an error.
    package static func parse(_ file: SourceFile) -> MarkdownDocument {
        let (frontMatter, frontMatterRange, body) = FrontMatter.split(file)
        var root = MarkdownNode(kind: .document)
        // The tree lives in this thread's arena: converted here, then released at once.
        let tree = parsesInParallel ? parseTree(body) : lock.locked { parseTree(body) }
        if let tree { root = convert(tree, path: file.path) }
        loopreport_arena_reset()
        return MarkdownDocument(
            source: file, frontMatter: frontMatter,
            frontMatterRange: frontMatterRange, root: root)
    }

    /// Builds the tree; the parser is freed, so the tree returned is referenced by nothing else.
    private static func parseTree(_ text: String) -> OpaquePointer? {
        // CMARK_OPT_DEFAULT keeps cmark's safe mode: raw HTML is never rendered by cmark.
        let options = CMARK_OPT_DEFAULT | CMARK_OPT_SOURCEPOS
        guard let parser = cmark_parser_new_with_mem(options, loopreport_arena_allocator()) else { return nil }
        defer { cmark_parser_free(parser) }
        for name in extensionNames {
            if let ext = cmark_find_syntax_extension(name) {
                cmark_parser_attach_syntax_extension(parser, ext)
            }
        }
        var text = text
        text.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) { chars in
                cmark_parser_feed(parser, chars.baseAddress, chars.count)
            }
        }
        return cmark_parser_finish(parser)
    }

    /// Walks the C tree depth first with an explicit stack (no recursion: nesting depth is
    /// input-controlled), copying every string before the tree is freed.
    private static func convert(_ document: OpaquePointer, path: String) -> MarkdownNode {
        var stack: [(pointer: OpaquePointer, node: MarkdownNode)] =
            [(document, makeNode(document, path: path))]
        var current = cmark_node_first_child(document)
        if let first = current { stack[0].node.children.reserveCapacity(childCount(from: first)) }
        while true {
            if let child = current {
                // Values are moved (`consume`), not copied, into their parent: a copy would
                // retain every field of the node and release it again.
                var value = makeNode(child, path: path)
                if let first = cmark_node_first_child(child) {
                    value.children.reserveCapacity(childCount(from: first))
                    stack.append((child, consume value))
                    current = first
                } else {
                    stack[stack.count - 1].node.children.append(consume value)
                    current = cmark_node_next(child)
                }
            } else {
                let (pointer, finished) = stack.removeLast()
                if stack.isEmpty { return finished }
                stack[stack.count - 1].node.children.append(consume finished)
                current = cmark_node_next(pointer)
            }
        }
    }

    /// How many siblings follow `first`, itself included: each child array is made once, at its size.
    private static func childCount(from first: OpaquePointer) -> Int {
        var count = 1
        var node = cmark_node_next(first)
        while let next = node { count += 1; node = cmark_node_next(next) }
        return count
    }

    private static func makeNode(_ node: OpaquePointer, path: String) -> MarkdownNode {
        var literal = ""
        let kind: MarkdownNode.Kind
        func text() -> String { cmark_node_get_literal(node).map { String(cString: $0) } ?? "" }
        // Core node types by number (no string per node); extension nodes by type string.
        switch cmark_node_get_type(node) {
        case CMARK_NODE_TEXT: kind = .text; literal = text()
        case CMARK_NODE_SOFTBREAK: kind = .softBreak
        case CMARK_NODE_PARAGRAPH: kind = .paragraph
        case CMARK_NODE_STRONG: kind = .strong
        case CMARK_NODE_EMPH: kind = .emphasis
        case CMARK_NODE_CODE: kind = .code; literal = text()
        case CMARK_NODE_LINEBREAK: kind = .lineBreak
        case CMARK_NODE_HTML_INLINE: kind = .htmlInline; literal = text()
        case CMARK_NODE_DOCUMENT: kind = .document
        case CMARK_NODE_BLOCK_QUOTE: kind = .blockQuote
        case CMARK_NODE_HEADING: kind = .heading(level: Int(cmark_node_get_heading_level(node)))
        case CMARK_NODE_THEMATIC_BREAK: kind = .thematicBreak
        case CMARK_NODE_HTML_BLOCK: kind = .htmlBlock; literal = text()
        case CMARK_NODE_FOOTNOTE_DEFINITION: kind = .footnoteDefinition
        case CMARK_NODE_FOOTNOTE_REFERENCE: kind = .footnoteReference
        case CMARK_NODE_LIST:
            kind = .list(
                ordered: cmark_node_get_list_type(node) == CMARK_ORDERED_LIST,
                start: Int(cmark_node_get_list_start(node)),
                tight: cmark_node_get_list_tight(node) != 0)
        case CMARK_NODE_ITEM:
            let isTask = cmark_node_get_type_string(node).map { strcmp($0, "tasklist") == 0 } ?? false
            kind = .item(task: isTask ? cmark_gfm_extensions_get_tasklist_item_checked(node) : nil)
        case CMARK_NODE_CODE_BLOCK:
            kind = .codeBlock(info: cmark_node_get_fence_info(node).map { String(cString: $0) } ?? "")
            literal = text()
        case CMARK_NODE_LINK, CMARK_NODE_IMAGE:
            let url = cmark_node_get_url(node).map { String(cString: $0) } ?? ""
            let title = cmark_node_get_title(node).map { String(cString: $0) } ?? ""
            kind =
                cmark_node_get_type(node) == CMARK_NODE_LINK
                ? .link(destination: url, title: title)
                : .image(source: url, title: title)
        default:
            kind = extensionKind(node)
            if case .unknown = kind { literal = text() }
        }
        return MarkdownNode(kind: kind, literal: literal, range: range(of: node, path: path))
    }

    /// Nodes of the GFM extensions, known only by their type strings (`table`, `table_header`,
    /// `table_row`, `table_cell`, `strikethrough`, `tasklist`: Debian's cmark-gfm 0.29 has no
    /// node-type constants for them, nor swift-cmark's colspan, rowspan or attribute calls).
    private static func extensionKind(_ node: OpaquePointer) -> MarkdownNode.Kind {
        let typeName = cmark_node_get_type_string(node).map { String(cString: $0) } ?? "unknown"
        switch typeName {
        case "table":
            let columns = Int(cmark_gfm_extensions_get_table_columns(node))
            var alignments: [MarkdownNode.TableAlignment] = []
            if let raw = cmark_gfm_extensions_get_table_alignments(node) {
                for i in 0..<columns {
                    switch raw[i] {
                    case UInt8(ascii: "l"): alignments.append(.left)
                    case UInt8(ascii: "c"): alignments.append(.center)
                    case UInt8(ascii: "r"): alignments.append(.right)
                    default: alignments.append(.none)
                    }
                }
            }
            return .table(alignments: alignments)
        case "table_header": return .tableRow(isHeader: true)
        case "table_row": return .tableRow(isHeader: cmark_gfm_extensions_get_table_row_is_header(node) != 0)
        case "table_cell": return .tableCell
        case "strikethrough": return .strikethrough
        default: return .unknown(typeName)
        }
    }

    /// cmark's positions, made half-open; nil when cmark reported nothing usable. Columns are
    /// UTF-8 bytes and end columns inclusive; some nodes report 0 or an end before the start
    /// (an `html_block` ending at 0:0), and inline positions drift after soft breaks, escapes
    /// and entities, so block-level lines are trusted and matches inside text are located
    /// again in the source line's bytes.
    private static func range(of node: OpaquePointer, path: String) -> SourceRange? {
        let startLine = Int(cmark_node_get_start_line(node))
        let startColumn = Int(cmark_node_get_start_column(node))
        let endLine = Int(cmark_node_get_end_line(node))
        let endColumn = Int(cmark_node_get_end_column(node))
        guard startLine > 0, startColumn > 0 else { return nil }
        let start = SourceLocation(line: startLine, column: startColumn)
        var end = SourceLocation(line: endLine, column: endColumn + 1)
        if end < start { end = start }
        return SourceRange(path: path, start: start, end: end)
    }
}
