/// Every diagnostic LoopReport emits: a stable kebab-case code, its default severity and meaning.
package enum DiagnosticCode: String, Sendable, Hashable, CaseIterable, Codable {
    // Input and encoding.
    case missingDirectory = "missing-directory"
    case emptyContent = "empty-content"
    case unreadableFile = "unreadable-file"
    case invalidUTF8 = "invalid-utf8"
    case binaryFile = "binary-file"
    case fileTooLarge = "file-too-large"
    case overLimit = "over-limit"
    case symlinkLoop = "symlink-loop"
    case ignoredFile = "ignored-file"
    case outsideContent = "outside-content"
    case emptyDocument = "empty-document"
    case invalidFrontMatter = "invalid-front-matter"
    case rawHTML = "raw-html"
    case invalidSettings = "invalid-settings"
    // Model structure.
    case unknownBlockReference = "unknown-block-reference"
    case unknownGroupReference = "unknown-group-reference"
    case duplicateBlock = "duplicate-block"
    case duplicateGroup = "duplicate-group"
    case dependencyCycle = "dependency-cycle"
    case unparseableEffort = "unparseable-effort"
    case unparseablePercentage = "unparseable-percentage"
    case malformedTableRow = "malformed-table-row"
    case unknownDocumentKind = "unknown-document-kind"
    case noWorkItems = "no-work-items"
    case conflictingStatus = "conflicting-status"
    case reusedID = "reused-id"
    // Schedule.
    case missingEffort = "missing-effort"
    case zeroEffort = "zero-effort"
    // Declared figures.
    case criticalPathMismatch = "critical-path-mismatch"
    case deltaMismatch = "delta-mismatch"
    case totalMismatch = "total-mismatch"
    case varianceMismatch = "variance-mismatch"
    case factorMismatch = "factor-mismatch"
    case projectionMismatch = "projection-mismatch"
    case ratioMismatch = "ratio-mismatch"
    case progressMismatch = "progress-mismatch"
    case growthClaimDisputed = "growth-claim-disputed"
    // Iteration history.
    case dependencyOnRemovedBlock = "dependency-on-removed-block"
    case removedUnknownBlock = "removed-unknown-block"
    case revisedUnknownBlock = "revised-unknown-block"

    /// How serious the problem is unless a command says otherwise.
    package var defaultSeverity: Severity {
        switch self {
        case .missingDirectory, .emptyContent, .unreadableFile, .invalidUTF8, .binaryFile,
            .fileTooLarge, .overLimit, .symlinkLoop, .unknownBlockReference, .duplicateBlock,
            .dependencyCycle, .dependencyOnRemovedBlock, .invalidFrontMatter, .invalidSettings:
            return .error
        case .ignoredFile, .rawHTML, .zeroEffort:
            return .note
        case .outsideContent:
            return .warning
        case .criticalPathMismatch, .deltaMismatch, .totalMismatch, .varianceMismatch, .factorMismatch,
            .projectionMismatch, .ratioMismatch, .progressMismatch, .growthClaimDisputed,
            .missingEffort, .emptyDocument, .unknownGroupReference, .duplicateGroup, .unparseableEffort,
            .unparseablePercentage, .malformedTableRow, .unknownDocumentKind, .noWorkItems, .conflictingStatus, .reusedID,
            .removedUnknownBlock, .revisedUnknownBlock:
            return .warning
        }
    }

    /// One line saying what the code means, for `docs/` and `--explain`-style listings.
    package var meaning: String {
        switch self {
        case .missingDirectory: "The content directory does not exist or is not a directory."
        case .emptyContent: "The content directory holds no Markdown documents."
        case .unreadableFile: "A file could not be read (permissions, I/O error)."
        case .invalidUTF8: "A document is not valid UTF-8; it is skipped."
        case .binaryFile: "A document contains NUL bytes; it is skipped."
        case .fileTooLarge: "A document exceeds the size limit; it is skipped."
        case .overLimit:
            "A document holds a table row of over 1,000 cells (which cmark-gfm parses in quadratic time); it is skipped. A title over 300 characters is shortened (a warning): it is repeated on every page."
        case .symlinkLoop: "A symbolic link leads back into a directory already being read."
        case .ignoredFile: "A file in the content directory is not a Markdown document."
        case .outsideContent:
            "A symbolic link in the content directory (or its templates) leads outside it; it is not read, so no file from elsewhere on the machine is published."
        case .emptyDocument: "A document has no content."
        case .invalidFrontMatter: "The YAML front matter of a document cannot be read."
        case .rawHTML: "Raw HTML in a document is kept as text, never as active content."
        case .invalidSettings: "loopreport.yml (or front matter settings) has a value LoopReport cannot use."
        case .unknownBlockReference: "A dependency names a block that no document defines."
        case .unknownGroupReference: "A reference names a group that no document defines."
        case .duplicateBlock: "One document defines the same block twice."
        case .duplicateGroup: "One document defines the same group twice."
        case .dependencyCycle: "Blocks depend on each other in a cycle."
        case .unparseableEffort: "An effort value is not a number of days, weeks or hours."
        case .unparseablePercentage: "A percentage value is not a number."
        case .malformedTableRow: "A table row has a different number of cells than its header."
        case .unknownDocumentKind: "The front matter names a document kind LoopReport does not know."
        case .conflictingStatus:
            "Two places give one block different states: a status table against the block's own line, or a later document putting a block back (complete, then in progress). The later one is kept; the note names the other."
        case .reusedID:
            "A later document gives a block id a title sharing no word with the first one, without marking it revised: the same id for different work. The later title is kept; the note names the first."
        case .noWorkItems:
            "The documents hold no work item LoopReport can read; its notes list the nearest misses (a group heading with no items under it, a numbered heading with no estimate, dependency or status, a heading whose word is not in the vocabulary, an unknown field name)."
        case .criticalPathMismatch: "A declared critical path differs from the one computed from dependencies and estimates."
        case .deltaMismatch: "A timeline adjustment's Delta is not Revised − Original."
        case .totalMismatch: "A declared total (Overall Impact, Total Buffer) is not the sum of its parts."
        case .varianceMismatch: "A predictive-accuracy Variance is not (actual − estimate) ÷ estimate."
        case .factorMismatch: "An Adjustment Factor is not actual ÷ estimate."
        case .projectionMismatch: "A timeline projection's change does not follow from its original and projected figures."
        case .ratioMismatch: "A declared ratio's percentage (or its total) does not match."
        case .progressMismatch: "A group's completion disagrees with the statuses of its blocks."
        case .growthClaimDisputed:
            "A measurement table's data grows faster than the growth rate claimed beside it (`scales as O(n log n)`)."
        case .missingEffort: "A block has no estimated effort; the schedule counts it as taking no time."
        case .zeroEffort: "A block's estimated effort is zero days: it is scheduled as a milestone."
        case .dependencyOnRemovedBlock: "A block depends on a block that an iteration removed."
        case .removedUnknownBlock: "A 'Removed Blocks' entry names a block that was never defined."
        case .revisedUnknownBlock: "A block marked REVISED was never defined before."
        }
    }
}

/// How serious a diagnostic is.
package enum Severity: String, Sendable, Hashable, Comparable, Codable {
    case note, warning, error

    package static func < (a: Severity, b: Severity) -> Bool {
        let order: [Severity] = [.note, .warning, .error]
        return order.firstIndex(of: a)! < order.firstIndex(of: b)!
    }
}
