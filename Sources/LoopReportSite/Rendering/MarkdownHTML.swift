import LoopReportMarkdown

/// Markdown → HTML for the report site. Document text is untrusted: everything is escaped,
/// raw HTML is shown as text, only `http(s):`, `mailto:` and relative URLs become links or
/// images, and the output is valid HTML5 for any tree (block nodes met in inline context are
/// flattened, inline nodes met in block context are wrapped in paragraphs).
package struct MarkdownHTML {
    package struct Options: Sendable {
        /// Shift heading levels so a document's `#` becomes the page's h2, etc. (clamped to h6).
        package var headingOffset: Int = 1
        /// Prefix for heading ids (anchors), unique within a page.
        package var anchorPrefix: String = ""
        package init() {}
        package init(headingOffset: Int, anchorPrefix: String = "") {
            self.headingOffset = headingOffset
            self.anchorPrefix = anchorPrefix
        }
    }

    /// Renders nodes (a document's whole root, or a section's content nodes) to HTML.
    package static func render(_ nodes: [MarkdownNode], resolver: CrossReferenceResolver?, options: Options = .init()) -> String {
        var out = Output(capacity: estimatedSize(nodes))
        render(nodes, into: &out, resolver: resolver, options: options)
        return out.string
    }

    /// `render`, appended to a page being written (the renderer borrows the buffer).
    static func render(
        _ nodes: [MarkdownNode], into out: inout Output, resolver: CrossReferenceResolver?,
        options: Options = .init()
    ) {
        var renderer = Renderer(resolver: resolver, options: options, capacity: 0)
        swap(&out, &renderer.out)
        renderer.blocks(nodes, tight: false)
        swap(&out, &renderer.out)
    }

    /// Inline rendering of plain text from the model (a block title, a table cell's text, a
    /// decision's rationale): escaped, with cross-references linked.
    package static func inline(_ text: String, resolver: CrossReferenceResolver?) -> String {
        var out = Output(capacity: text.utf8.count + 16)
        out.prose(text, resolver)
        return out.string
    }

    /// Heading anchor slug: lowercase ASCII letters and digits, runs of anything else between
    /// them collapsed to one `-` (`"Block 3.4: Flush"` → `"block-3-4-flush"`). Apostrophes and
    /// non-ASCII letters are dropped (`"Don't"` → `"dont"`, `"Größe"` → `"gre"`); non-ASCII
    /// spaces, dashes and punctuation separate like ASCII ones. May be empty.
    package static func slug(_ text: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        var separate = false
        for scalar in text.unicodeScalars {
            let v = scalar.value
            if (v >= 0x30 && v <= 0x39) || (v >= 0x61 && v <= 0x7A) || (v >= 0x41 && v <= 0x5A) {
                if separate, !out.isEmpty { out.append(0x2D) }
                separate = false
                out.append(UInt8(v) | (v >= 0x41 && v <= 0x5A ? 0x20 : 0))
            } else if v == 0x27 || v == 0x2019 {
                continue  // apostrophes: `don't` → `dont`
            } else if v < 0x80 {
                separate = true
            } else {
                switch scalar.properties.generalCategory {
                case .spaceSeparator, .lineSeparator, .paragraphSeparator, .dashPunctuation,
                    .openPunctuation, .closePunctuation, .initialPunctuation, .finalPunctuation,
                    .otherPunctuation, .connectorPunctuation, .mathSymbol, .otherSymbol, .control, .format:
                    separate = true
                default:
                    continue
                }
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Bytes of literal text plus a little per node: the output buffer's starting capacity.
    /// Without recursion (nesting depth is the input's), nodes read in place: the stack holds
    /// lists of children, not copies of nodes.
    static func estimatedSize(_ nodes: [MarkdownNode]) -> Int {
        var total = 64
        var pending: [[MarkdownNode]] = [nodes]
        while let list = pending.popLast() {
            for i in list.indices {
                total += list[i].literal.utf8.count + 24
                if !list[i].children.isEmpty { pending.append(list[i].children) }
            }
        }
        return total + total / 8
    }

    /// A node's text without markup (soft breaks as spaces), collected without recursion.
    static func flatText(_ node: MarkdownNode) -> String {
        var out = ""
        var stack: [MarkdownNode] = [node]
        while let current = stack.popLast() {
            if !isInline(current), !out.isEmpty, out.last != " " { out += " " }
            switch current.kind {
            case .text, .code, .htmlInline, .codeBlock, .htmlBlock: out += current.literal
            case .softBreak, .lineBreak: out += " "
            case .unknown where current.children.isEmpty: out += current.literal
            default: stack.append(contentsOf: current.children.reversed())
            }
        }
        return out
    }

    /// Kinds that are blocks in CommonMark; the rest (and childless unknown nodes) are inline.
    static func isBlock(_ kind: MarkdownNode.Kind) -> Bool {
        switch kind {
        case .document, .blockQuote, .list, .item, .codeBlock, .htmlBlock, .paragraph, .heading,
            .thematicBreak, .table, .tableRow, .tableCell, .footnoteDefinition:
            return true
        case .text, .softBreak, .lineBreak, .code, .htmlInline, .emphasis, .strong, .strikethrough,
            .link, .image, .footnoteReference:
            return false
        case .unknown:
            return true  // decided by the caller from its children
        }
    }

    /// Whether a node goes into a paragraph when met among blocks.
    static func isInline(_ node: MarkdownNode) -> Bool {
        if case .unknown = node.kind { return node.children.isEmpty }
        return !isBlock(node.kind)
    }
}

extension MarkdownHTML {
    /// One rendering pass: the output buffer, ids used so far, and where in the tree it is.
    struct Renderer: ~Copyable {
        /// Deeper than this, a subtree is written as its plain text: nesting depth is
        /// controlled by the input and rendering recurses.
        static let maxDepth = 64

        var out: Output
        let resolver: CrossReferenceResolver?
        let headingOffset: Int
        let anchorPrefix: String
        var usedIDs: Set<String> = []
        var nextSuffix: [String: Int] = [:]
        /// Inside an `<a>`: no nested links (cross-references, footnote links, links).
        var inLink = false
        /// A task item's box, written at the start of its first paragraph.
        var pendingTaskBox: Bool?
        var footnoteReferences = 0
        var footnoteDefinitions = 0
        var depth = 0

        init(resolver: CrossReferenceResolver?, options: Options, capacity: Int) {
            out = Output(capacity: capacity)
            self.resolver = resolver
            headingOffset = options.headingOffset
            // An id may not contain whitespace.
            anchorPrefix =
                options.anchorPrefix.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F })
                ? options.anchorPrefix : String(options.anchorPrefix.map { $0.isWhitespace ? "-" : $0 })
        }

        // MARK: Ids

        mutating func uniqueID(_ base: String) -> String {
            if usedIDs.insert(base).inserted { return base }
            var n = nextSuffix[base] ?? 2
            while true {
                let candidate = base + "-" + String(n)
                n += 1
                if usedIDs.insert(candidate).inserted {
                    nextSuffix[base] = n
                    return candidate
                }
            }
        }

        // MARK: Blocks

        /// Block-level nodes; runs of inline nodes among them become paragraphs.
        mutating func blocks(_ nodes: [MarkdownNode], tight: Bool) {
            var i = 0
            var first = true
            while i < nodes.count {
                if MarkdownHTML.isInline(nodes[i]) {
                    var j = i + 1
                    while j < nodes.count, MarkdownHTML.isInline(nodes[j]) { j += 1 }
                    paragraph(Array(nodes[i..<j]), tight: tight, first: first)
                    i = j
                } else {
                    block(nodes[i], tight: tight, first: first)
                    i += 1
                }
                first = false
            }
        }

        mutating func block(_ node: MarkdownNode, tight: Bool, first: Bool) {
            depth += 1
            defer { depth -= 1 }
            if depth > Self.maxDepth {
                out.raw("<p>")
                out.text(MarkdownHTML.flatText(node))
                out.raw("</p>\n")
                return
            }
            switch node.kind {
            case .document:
                blocks(node.children, tight: false)
            case .blockQuote:
                out.raw("<blockquote>\n")
                blocks(node.children, tight: false)
                out.raw("</blockquote>\n")
            case .list(let ordered, let start, let tight):
                list(node, ordered: ordered, start: start, tight: tight)
            case .item:
                out.raw("<ul>\n")
                item(node, tight: false)
                out.raw("</ul>\n")
            case .codeBlock(let info):
                codeBlock(node.literal, info: info)
            case .htmlBlock:
                // Never active: shown as the text it is. The newline after `<pre>` is eaten by
                // the parser, so a literal starting with one keeps it.
                out.raw("<pre class=\"raw-html\">\n")
                out.text(node.literal)
                out.raw("</pre>\n")
            case .paragraph:
                paragraph(node.children, tight: tight, first: first)
            case .heading(let level):
                heading(node, level: level)
            case .thematicBreak:
                out.raw("<hr>\n")
            case .table(let alignments):
                table(node, alignments: alignments)
            case .tableRow, .tableCell:
                out.raw("<p>")
                inlineChildren(node.children)
                out.raw("</p>\n")
            case .footnoteDefinition:
                footnoteDefinition(node)
            case .unknown:
                if !node.children.isEmpty {
                    blocks(node.children, tight: tight)
                } else if !node.literal.isEmpty {
                    out.raw("<p>")
                    out.text(node.literal)
                    out.raw("</p>\n")
                }
            case .text, .softBreak, .lineBreak, .code, .htmlInline, .emphasis, .strong, .strikethrough,
                .link, .image, .footnoteReference:
                paragraph([node], tight: tight, first: first)
            }
        }

        mutating func paragraph(_ inlines: [MarkdownNode], tight: Bool, first: Bool) {
            if tight {
                if !first { out.raw("\n") }
            } else {
                out.raw("<p>")
            }
            if let done = pendingTaskBox {
                taskBox(done)
                out.raw(" ")
                pendingTaskBox = nil
            }
            inlineChildren(inlines)
            if !tight { out.raw("</p>\n") }
        }

        mutating func heading(_ node: MarkdownNode, level: Int) {
            let h = min(6, max(1, level + headingOffset))
            let slug = MarkdownHTML.slug(MarkdownHTML.flatText(node))
            let id = uniqueID(anchorPrefix + (slug.isEmpty ? "section" : slug))
            out.raw("<h")
            out.number(h)
            out.raw(" id=\"")
            out.text(id)
            out.raw("\">")
            inlineChildren(node.children)
            out.raw("</h")
            out.number(h)
            out.raw(">\n")
        }

        mutating func codeBlock(_ code: String, info: String) {
            let word = info.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).first ?? ""
            let language = String(
                String.UnicodeScalarView(
                    word.unicodeScalars.filter { s in
                        let v = s.value
                        return (v >= 0x30 && v <= 0x39) || (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A)
                            || v == 0x5F || v == 0x2B || v == 0x2D
                    }))
            if language.isEmpty {
                out.raw("<pre><code>")
            } else {
                out.raw("<pre><code class=\"language-")
                out.raw(language)
                out.raw("\">")
            }
            out.text(code)
            out.raw("</code></pre>\n")
        }

        mutating func list(_ node: MarkdownNode, ordered: Bool, start: Int, tight: Bool) {
            let hasTasks = node.children.contains { if case .item(let task) = $0.kind { task != nil } else { false } }
            if ordered {
                out.raw("<ol")
                if start != 1 {
                    out.raw(" start=\"")
                    out.number(start)
                    out.raw("\"")
                }
            } else {
                out.raw("<ul")
            }
            if hasTasks { out.raw(" class=\"task-list\"") }
            out.raw(">\n")
            for child in node.children {
                if case .item = child.kind {
                    item(child, tight: tight)
                } else {
                    out.raw("<li>")
                    blocks([child], tight: tight)
                    out.raw("</li>\n")
                }
            }
            out.raw(ordered ? "</ol>\n" : "</ul>\n")
        }

        mutating func item(_ node: MarkdownNode, tight: Bool) {
            guard case .item(let task) = node.kind else { return }
            if let done = task {
                out.raw("<li class=\"task\">")
                if let first = node.children.first, MarkdownHTML.isInline(first) || first.kind == .paragraph {
                    pendingTaskBox = done
                } else {
                    taskBox(done)
                    if !node.children.isEmpty { out.raw("\n") }
                }
            } else {
                out.raw("<li>")
            }
            if task == nil, let first = node.children.first, first.kind != .paragraph, !MarkdownHTML.isInline(first) {
                out.raw("\n")
            }
            blocks(node.children, tight: tight)
            pendingTaskBox = nil
            out.raw("</li>\n")
        }

        /// A task item's state: not a form control, an image with a text alternative.
        mutating func taskBox(_ done: Bool) {
            out.raw(
                done
                    ? "<span class=\"task-box done\" role=\"img\" aria-label=\"done\">✓</span>"
                    : "<span class=\"task-box\" role=\"img\" aria-label=\"not done\">☐</span>")
        }

        mutating func table(_ node: MarkdownNode, alignments: [MarkdownNode.TableAlignment]) {
            var header: [MarkdownNode] = [], body: [MarkdownNode] = []
            var columns = alignments.count
            for row in node.children {
                if case .tableRow(let isHeader) = row.kind {
                    if isHeader { header.append(row) } else { body.append(row) }
                    columns = max(columns, row.children.count)
                } else {
                    // Not a row: kept as a one-cell row.
                    body.append(MarkdownNode(kind: .tableRow(isHeader: false), children: [row]))
                    columns = max(columns, 1)
                }
            }
            guard columns > 0, !(header.isEmpty && body.isEmpty) else { return }
            // Wide tables scroll inside their frame, which keyboard users can focus.
            out.raw("<div class=\"table-wrap\" tabindex=\"0\"><table>\n")
            if !header.isEmpty {
                out.raw("<thead>\n")
                for row in header { tableRow(row, header: true, columns: columns, alignments: alignments) }
                out.raw("</thead>\n")
            }
            if !body.isEmpty {
                out.raw("<tbody>\n")
                for row in body { tableRow(row, header: false, columns: columns, alignments: alignments) }
                out.raw("</tbody>\n")
            }
            out.raw("</table></div>\n")
        }

        /// Every row gets `columns` cells (short rows padded), so the table model is regular.
        mutating func tableRow(_ row: MarkdownNode, header: Bool, columns: Int, alignments: [MarkdownNode.TableAlignment]) {
            out.raw("<tr>")
            for column in 0..<columns {
                out.raw(header ? "<th scope=\"col\"" : "<td")
                switch column < alignments.count ? alignments[column] : .none {
                case .left: out.raw(" class=\"align-left\"")
                case .center: out.raw(" class=\"align-center\"")
                case .right: out.raw(" class=\"align-right\"")
                case .none: break
                }
                out.raw(">")
                if column < row.children.count {
                    let cell = row.children[column]
                    if cell.kind == .tableCell { inlineChildren(cell.children) } else { inline(cell) }
                }
                out.raw(header ? "</th>" : "</td>")
            }
            out.raw("</tr>\n")
        }

        /// Footnotes are numbered in document order, references and definitions separately
        /// (the parser keeps no labels). Their ids hold a `:`, which no slug does, so they
        /// never collide with a heading's.
        mutating func footnoteDefinition(_ node: MarkdownNode) {
            footnoteDefinitions += 1
            let n = footnoteDefinitions
            out.raw("<div class=\"footnote\" id=\"")
            out.text(uniqueID(anchorPrefix + "fn:" + String(n)))
            out.raw("\">\n<span class=\"footnote-number\">")
            out.number(n)
            out.raw("</span>\n")
            blocks(node.children, tight: false)
            if n <= footnoteReferences {
                out.raw("<a class=\"footnote-backref\" href=\"#")
                out.text(anchorPrefix + "fnref:" + String(n))
                out.raw("\" aria-label=\"Back to reference ")
                out.number(n)
                out.raw("\">↩</a>\n")
            }
            out.raw("</div>\n")
        }

        // MARK: Inlines

        /// Inline nodes; adjacent text nodes are joined first so a mention split by the
        /// parser (`Block` + `3.4`) is still found.
        /// A block among them (only in trees the parser never makes) is flattened, set off by spaces.
        mutating func inlineChildren(_ nodes: [MarkdownNode]) {
            var i = 0
            var previousIsBlock = false
            while i < nodes.count {
                let isBlock = !MarkdownHTML.isInline(nodes[i])
                if i > 0, isBlock || previousIsBlock { out.raw(" ") }
                previousIsBlock = isBlock
                if case .text = nodes[i].kind {
                    var j = i + 1
                    while j < nodes.count, case .text = nodes[j].kind { j += 1 }
                    if j == i + 1 {
                        prose(nodes[i].literal)
                    } else {
                        var joined = ""
                        for node in nodes[i..<j] { joined += node.literal }
                        prose(joined)
                    }
                    i = j
                    continue
                }
                inline(nodes[i])
                i += 1
            }
        }

        mutating func inline(_ node: MarkdownNode) {
            depth += 1
            defer { depth -= 1 }
            if depth > Self.maxDepth {
                out.text(MarkdownHTML.flatText(node))
                return
            }
            switch node.kind {
            case .text:
                prose(node.literal)
            case .softBreak:
                out.raw("\n")
            case .lineBreak:
                out.raw("<br>\n")
            case .code:
                out.raw("<code>")
                out.text(node.literal)
                out.raw("</code>")
            case .htmlInline:
                out.raw("<code class=\"raw-html\">")
                out.text(node.literal)
                out.raw("</code>")
            case .emphasis:
                out.raw("<em>")
                inlineChildren(node.children)
                out.raw("</em>")
            case .strong:
                out.raw("<strong>")
                inlineChildren(node.children)
                out.raw("</strong>")
            case .strikethrough:
                out.raw("<del>")
                inlineChildren(node.children)
                out.raw("</del>")
            case .link(let destination, let title):
                link(node, destination: destination, title: title)
            case .image(let source, let title):
                image(node, source: source, title: title)
            case .footnoteReference:
                footnoteReferences += 1
                let n = footnoteReferences
                out.raw("<sup class=\"footnote-ref\">")
                if inLink {
                    out.number(n)
                } else {
                    out.raw("<a href=\"#")
                    out.text(anchorPrefix + "fn:" + String(n))
                    out.raw("\" id=\"")
                    out.text(uniqueID(anchorPrefix + "fnref:" + String(n)))
                    out.raw("\">")
                    out.number(n)
                    out.raw("</a>")
                }
                out.raw("</sup>")
            case .codeBlock:
                out.raw("<code>")
                out.text(node.literal)
                out.raw("</code>")
            case .htmlBlock:
                out.raw("<code class=\"raw-html\">")
                out.text(node.literal)
                out.raw("</code>")
            case .thematicBreak:
                out.raw(" ")
            case .unknown:
                if node.children.isEmpty { out.text(node.literal) } else { inlineChildren(node.children) }
            case .document, .blockQuote, .list, .item, .paragraph, .heading, .table, .tableRow, .tableCell,
                .footnoteDefinition:
                // A block where only phrasing content may go: its content, flattened.
                inlineChildren(node.children)
            }
        }

        mutating func link(_ node: MarkdownNode, destination: String, title: String) {
            guard !inLink, let allowed = URLPolicy.check(destination) else {
                // Nested or refused: the link text alone (still no links inside it).
                let outer = inLink
                inLink = true
                inlineChildren(node.children)
                inLink = outer
                return
            }
            out.raw("<a href=\"")
            out.text(allowed.url)
            out.raw("\"")
            if !title.isEmpty {
                out.raw(" title=\"")
                out.text(title)
                out.raw("\"")
            }
            if allowed.isExternal { out.raw(" rel=\"noopener\"") }
            out.raw(">")
            inLink = true
            inlineChildren(node.children)
            inLink = false
            out.raw("</a>")
        }

        mutating func image(_ node: MarkdownNode, source: String, title: String) {
            let alt = MarkdownHTML.flatText(node)
            guard let allowed = URLPolicy.check(source) else {
                out.text(alt)
                return
            }
            out.raw("<img src=\"")
            out.text(allowed.url)
            out.raw("\" alt=\"")
            out.text(alt)
            out.raw("\"")
            if !title.isEmpty {
                out.raw(" title=\"")
                out.text(title)
                out.raw("\"")
            }
            out.raw(" loading=\"lazy\">")
        }

        /// Text from the document or the model: escaped, with known mentions linked.
        mutating func prose(_ text: String) {
            guard let resolver, !inLink else {
                out.text(text)
                return
            }
            var text = text
            text.withUTF8 { bytes in
                var position = 0
                for mention in MentionScanner.scan(bytes) {
                    let url: String?
                    switch mention.kind {
                    case .block: url = resolver.blockURL(mention.id)
                    case .group: url = resolver.groupURL(mention.id)
                    case .decision: url = resolver.decisionURL(mention.id)
                    }
                    guard let url else { continue }
                    out.escape(UnsafeBufferPointer(rebasing: bytes[position..<mention.range.lowerBound]))
                    out.raw("<a class=\"xref\" href=\"")
                    out.text(url)
                    out.raw("\">")
                    out.escape(UnsafeBufferPointer(rebasing: bytes[mention.range]))
                    out.raw("</a>")
                    position = mention.range.upperBound
                }
                out.escape(UnsafeBufferPointer(rebasing: bytes[position...]))
            }
        }
    }
}
