import LoopReportSource

/// A Markdown node as a plain value: kind, source range, literal text and children.
/// Produced by `CmarkParser`; no C pointer ever escapes into it.
package struct MarkdownNode: Sendable, Hashable {
    package enum Kind: Sendable, Hashable {
        case document
        case blockQuote
        case list(ordered: Bool, start: Int, tight: Bool)
        /// A list item; `task` is nil for plain items, else whether its box is checked.
        case item(task: Bool?)
        case codeBlock(info: String)
        case htmlBlock
        case paragraph
        case heading(level: Int)
        case thematicBreak
        case table(alignments: [TableAlignment])
        case tableRow(isHeader: Bool)
        case tableCell
        case text
        case softBreak
        case lineBreak
        case code
        case htmlInline
        case emphasis
        case strong
        case strikethrough
        /// Boxed (`indirect`), as is `image`: two strings inline would make every node 16
        /// bytes larger, and links are few among a plan's 370,000 nodes.
        indirect case link(destination: String, title: String)
        indirect case image(source: String, title: String)
        case footnoteDefinition
        case footnoteReference
        /// A node type this layer does not know, kept by cmark's type string.
        case unknown(String)
    }

    package enum TableAlignment: String, Sendable, Hashable { case none, left, center, right }

    package var kind: Kind
    /// Text of leaf nodes (text, code, code blocks, HTML); empty for containers.
    package var literal: String
    /// Where cmark says the node is; nil when it reported nothing usable. Spelled
    /// `Optional<…>`, not `SourceRange?`: a `T?` property starts as nil before the initialiser
    /// assigns it, and with that double initialisation the optimiser built each node on the
    /// stack and copied it out (every field retained and released again: ~95 M instructions
    /// for the 370,000 nodes of a 10,000-block plan).
    package var range: Optional<SourceRange>
    package var children: [MarkdownNode]

    package init(kind: Kind, literal: String = "", range: SourceRange? = nil, children: [MarkdownNode] = []) {
        self.kind = kind
        self.literal = literal
        self.range = range
        self.children = children
    }

    /// The node's text with markup removed: what a reader sees, soft breaks as spaces.
    package var plainText: String {
        var out = ""
        appendPlainText(to: &out)
        return out
    }

    /// Appends `plainText` to `out`.
    package func appendPlainText(to out: inout String) {
        if Self.appendLeaf(self, to: &out) { return }
        // By index: `for child in children` would copy each child (and retain its fields).
        // Leaves are the usual children; anything nested goes through the iterative walk.
        for index in children.indices where !Self.appendLeaf(children[index], to: &out) {
            children[index].forEach { _ = Self.appendLeaf($0, to: &out) }
        }
    }

    /// Appends a leaf's text (text, code, inline HTML; a break as a space); false for any other node.
    private static func appendLeaf(_ node: MarkdownNode, to out: inout String) -> Bool {
        switch node.kind {
        case .text, .code, .htmlInline: out += node.literal
        case .softBreak, .lineBreak: out += " "
        default: return false
        }
        return true
    }

    /// Calls `visit` on this node and every descendant, depth first, in document order.
    /// Iterative: a list nested twenty thousand deep must not overflow the stack.
    package func forEach(_ visit: (MarkdownNode) throws -> Void) rethrows {
        try visit(self)
        // Each entry: a node's children and the next one to visit.
        var stack: [(children: [MarkdownNode], next: Int)] = [(children, 0)]
        while !stack.isEmpty {
            let top = stack.count - 1
            guard stack[top].next < stack[top].children.count else { stack.removeLast(); continue }
            let index = stack[top].next
            stack[top].next += 1
            try visit(stack[top].children[index])
            if !stack[top].children[index].children.isEmpty { stack.append((stack[top].children[index].children, 0)) }
        }
    }
}

/// A parsed document: its source, optional front matter, and the Markdown tree.
package struct MarkdownDocument: Sendable {
    package var source: SourceFile
    /// YAML between leading `---` lines, without the fences.
    package var frontMatter: String?
    package var frontMatterRange: SourceRange?
    package var root: MarkdownNode

    package var path: String { source.path }
}
