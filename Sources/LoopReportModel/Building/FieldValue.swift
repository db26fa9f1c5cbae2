import LoopReportSource
import LoopReportSupport

/// What one field line of a block or group definition sets, read once while its document is
/// recognised (in parallel with other documents); applying it to the plan is an assignment.
enum FieldValue: Sendable {
    case priority(String)
    case dependencies([Reference])
    case softDependencies([Reference])
    /// nil when the value could not be read (a diagnostic says so).
    case estimate(Effort?)
    case actual(Effort?)
    case status(Progress?, percent: Double?)
    case percentComplete(Double)
    case tasks([String])
    case files([String])
    case completionCriteria([String])
    case declaredCritical(Bool?)
    case blockers(String)
    case team(String)
    case discrepanciesAddressed([String])
    case implementationOrder([String])
    /// A field LoopReport keeps as written only.
    case other

    /// `85% complete`, `[██████░░░░] 60%`, `3/5 tasks`: the share done, when stated, in percent.
    static func statedShare(_ text: String) -> Double? {
        (Percent.find(in: text)?.value ?? Ratio.find(in: text).flatMap { $0.denominator > 0 ? $0.numerator / $0.denominator * 100 : nil })
            .flatMap { $0.isFinite && $0 >= 0 && $0 <= 100 ? $0 : nil }
    }

    /// Reads a field; problems with its value go to `diagnostics`. What the name sets is one
    /// look-up in the vocabulary's field names.
    static func read(_ field: Field, in file: SourceFile, vocabulary: Vocabulary, diagnostics: inout [Diagnostic]) -> FieldValue {
        guard let name = vocabulary.fieldNames[field.name] else { return .other }
        switch name {
        case .dependencies: return .dependencies(references(field, in: file, vocabulary: vocabulary))
        case .softDependencies: return .softDependencies(references(field, in: file, vocabulary: vocabulary))
        case .estimate: return .estimate(effort(field, units: vocabulary.units, diagnostics: &diagnostics))
        case .priority: return .priority(field.value)
        case .actual: return .actual(effort(field, units: vocabulary.units, diagnostics: &diagnostics))
        case .status:
            let percent = statedShare(field.value)
            var progress = vocabulary.statusWords[field.value.normalizedName] ?? Progress.parse(field.value)
            // `85% complete` is in progress: the share says how far.
            if let percent, progress == nil || (progress == .complete && percent < 100) {
                progress = percent >= 100 ? .complete : percent > 0 ? .inProgress : .notStarted
            }
            return .status(progress, percent: percent)
        case .percentComplete:
            if let percent = statedShare(field.value) { return .percentComplete(percent) }
            if !field.value.isEmpty {
                diagnostics.append(
                    Diagnostic(
                        .unparseablePercentage, at: field.valueRange,
                        "cannot read '\(field.value)' as a percentage"))
            }
            return .other
        case .tasks: return .tasks(items(field))
        case .files: return .files(items(field))
        case .completionCriteria: return .completionCriteria(items(field))
        case .declaredCritical:
            let v = field.value.normalizedName
            return .declaredCritical(
                v.hasPrefix("yes") || v.hasPrefix("true")
                    ? true
                    : v.hasPrefix("no") || v.hasPrefix("false") ? false : nil)
        case .blockers: return .blockers(field.value)
        case .team: return .team(field.value)
        case .discrepanciesAddressed: return .discrepanciesAddressed(items(field))
        case .implementationOrder: return .implementationOrder(items(field))
        case .deadline:
            // `Start: after 1.1`: the dependency, said where the date would be.
            let value = field.value.normalizedName
            guard value.hasPrefix("after ") || value.hasPrefix("when ") else { return .other }
            let references = references(field, in: file, vocabulary: vocabulary)
            return references.isEmpty ? .other : .dependencies(references)
        }
    }

    /// Field names whose bare numbers are story points (`Points: 5`, a `| Points |` column).
    static let pointNames: Set<String> = ["points", "story points", "sp", "pts", "estimate points", "story point estimate"]

    static func effort(_ field: Field, units: EffortUnits, diagnostics: inout [Diagnostic]) -> Effort? {
        var field = field
        if pointNames.contains(field.name), let first = field.value.utf8.first, TextScanner.isDigit(first),
            field.value.utf8.allSatisfy({ TextScanner.isDigit($0) || $0 == 0x2E || $0 == 0x2C })
        {
            field.value += " points"
        }
        if let effort = Effort.parse(field.value, units: units) { return effort }
        if Effort.isTooLarge(field.value, units: units) {
            diagnostics.append(
                Diagnostic(
                    .unparseableEffort, at: field.valueRange,
                    "'\(field.value)' is over the 10,000 working days LoopReport reads as one effort; ignored"))
            return nil
        }
        if DocumentRecognizer.isBlank(field.value) { return nil }
        if EffortUnits.isPoints(field.value) {
            diagnostics.append(
                Diagnostic(
                    .unparseableEffort, at: field.valueRange,
                    "'\(field.value)' is in story points; set pointDays in loopreport.yml (the working days one point takes) to schedule it, until then the block takes the assumed estimate",
                    severity: .note))
            return nil
        }
        if EffortUnits.isSize(field.value) {
            diagnostics.append(
                Diagnostic(
                    .unparseableEffort, at: field.valueRange,
                    "'\(field.value)' is a T-shirt size; set sizes in loopreport.yml (e.g. sizes: {S: 1d, M: 3d, L: 1w}) to schedule it, until then the block takes the assumed estimate",
                    severity: .note))
            return nil
        }
        // `22:00` in a schedule's Time column: a time of day, not an effort.
        if Self.isTimeOfDay(field.value) { return nil }
        diagnostics.append(
            Diagnostic(
                .unparseableEffort, at: field.valueRange,
                "cannot read '\(field.value)' as an effort (e.g. '3 days', '1.5 days', '2 weeks')"))
        return nil
    }

    /// `A`, `B, C and D`, `A & B.`: nothing but single capital letters (not `I`, a word); or
    /// nothing but numbers each with a lower-case letter (`1a`, `2a and 1b`), an effort in
    /// none of them (`after 1.1 + 2d` is not read this way).
    static func letterIDs(_ text: String) -> [String]? {
        let words = text.trimmed.trimmingCharacters(in: ["."]).split(whereSeparator: { $0 == " " || $0 == "," })
            .filter { $0 != "and" && $0 != "&" }
        guard !words.isEmpty else { return nil }
        if words.allSatisfy({ $0.count == 1 && $0 != "I" && $0.first!.isASCII && $0.first!.isUppercase }) { return words.map(String.init) }
        let numbered = words.allSatisfy { word in
            word.count >= 2 && word.last!.isASCII && word.last!.isLowercase && word.dropLast().allSatisfy { $0.isASCII && $0.isNumber }
        }
        return numbered ? words.map(String.init) : nil
    }

    static func isTimeOfDay(_ text: String) -> Bool {
        let parts = text.trimmed.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, let hours = Int(parts[0]), let minutes = Int(parts[1]), parts[1].count == 2 else { return false }
        return (0..<24).contains(hours) && (0..<60).contains(minutes)
    }

    /// The references in a dependency field, each located on the field's line.
    static func references(_ field: Field, in file: SourceFile, vocabulary: Vocabulary) -> [Reference] {
        let text = field.items.isEmpty ? field.value : field.items.joined(separator: ", ")
        if DocumentRecognizer.isBlank(text) { return [] }
        // `All previous phases`, `the previous block`: resolved once every item is known.
        let name = text.normalizedName
        if let relative = RelativeDependency.parse(name, vocabulary: vocabulary) {
            return [Reference(kind: relative.kind, id: relative.marker, range: field.valueRange)]
        }
        // `after A`, `B, C and D`: capital letters alone, where a plan's items are lettered.
        if let letters = letterIDs(text) { return letters.map { Reference(kind: .block, id: $0, range: field.valueRange) } }
        var located = ReferenceScanner.scan(text, bareBlockIDs: true, vocabulary: vocabulary).map {
            Reference(kind: $0.kind, id: $0.id, annotation: $0.annotation, range: field.valueRange, isBareName: $0.isBareName)
        }
        guard let range = field.valueRange else { return located }
        var column = range.start.column
        for i in located.indices {
            let needle = located[i].kind == .block ? located[i].id : "Group " + located[i].id
            guard let found = file.column(of: needle, onLine: range.start.line, from: column) else { continue }
            var start = found
            if located[i].kind == .block, found > 6,
                file.column(of: "Block " + needle, onLine: range.start.line, from: found - 6) == found - 6
            {
                start = found - 6
            }
            located[i].range = SourceRange(
                path: range.path, start: SourceLocation(line: range.start.line, column: start),
                end: SourceLocation(line: range.start.line, column: found + needle.utf8.count))
            column = found + needle.utf8.count
        }
        return located
    }

    private static func items(_ field: Field) -> [String] {
        if !field.items.isEmpty { return field.items }
        if field.value.isEmpty || DocumentRecognizer.isBlank(field.value) { return [] }
        return field.value.split(separator: ",").map { String($0).trimmed.trimmingCharacters(in: ["`"]) }
    }
}

extension PlanItem {
    /// Names of the fields that change dependencies rather than state them (`readDependencyChange`).
    static var alsoDependsOn: String { "also depends on" }
    static var noLongerDependsOn: String { "no longer depends on" }
}

/// What blocks and groups share: the fields as written, priority, dependencies, estimate.
protocol PlanItem {
    var fields: [Field] { get set }
    var priority: String? { get set }
    var dependencies: [Reference] { get set }
    var softDependencies: [Reference] { get set }
    var estimate: Effort? { get set }
    var baselineEstimateDays: Double? { get set }
    /// Sets what a field line declares.
    mutating func apply(_ field: Field, _ value: FieldValue)
}

extension PlanItem {
    /// Applies one definition's field lines in order. Its dependency fields add up (`Depends
    /// on: 1.1` and `Requires: 1.2` in one definition); a later definition's replace them.
    mutating func apply(definition fields: [(field: Field, value: FieldValue)]) {
        var stated: [Reference] = []
        for (field, value) in fields {
            guard case .dependencies(let references) = value else { apply(field, value); continue }
            // `2.2 now also depends on 2.5`, `3.1 no longer waits for 1.4`: a change to the dependencies so far.
            if field.name == Self.alsoDependsOn || field.name == Self.noLongerDependsOn {
                if stated.isEmpty { stated = dependencies }
                if field.name == Self.noLongerDependsOn {
                    stated.removeAll { reference in references.contains { $0.label == reference.label } }
                    apply(field, .dependencies(stated))
                    continue
                }
            }
            stated += references.filter { reference in !stated.contains { $0.label == reference.label } }
            apply(field, .dependencies(stated))
        }
    }

    /// Keeps the field as written (replacing one of the same name) and sets what it
    /// declares in common; returns false for values the caller sets itself.
    mutating func applyCommon(_ field: Field, _ value: FieldValue) -> Bool {
        if let i = fields.firstIndex(where: { $0.name == field.name }) { fields[i] = field } else { fields.append(field) }
        switch value {
        case .priority(let v): priority = v
        case .dependencies(let v): dependencies = v
        case .softDependencies(let v): softDependencies = v
        case .estimate(let v):
            estimate = v
            // The first estimate given, or the original in `5 days (increased from 3 days)`.
            if baselineEstimateDays == nil, let v { baselineEstimateDays = v.previousDays ?? v.days }
        default: return false
        }
        return true
    }
}

extension Block: PlanItem {
    /// Sets what a field line declares.
    mutating func apply(_ field: Field, _ value: FieldValue) {
        switch value {
        case .dependencies, .softDependencies: declaresDependencies = true
        case .estimate: declaresEstimate = true
        default: break
        }
        guard !applyCommon(field, value) else { return }
        switch value {
        case .actual(let v): actual = v
        case .status(let state, let percent):
            if let state { progress = state }
            if let percent { percentComplete = percent } else if progress == .complete { percentComplete = 100 }
        case .percentComplete(let v): percentComplete = v
        case .tasks(let v): tasks = v
        case .files(let v): files = v
        case .completionCriteria(let v): completionCriteria = v
        case .declaredCritical(let v): declaredCritical = v
        case .blockers(let v): blockers = v
        default: break
        }
    }
}

extension Group: PlanItem {
    /// Sets what a field line declares.
    mutating func apply(_ field: Field, _ value: FieldValue) {
        if case .dependencies = value { declaresDependencies = true }
        guard !applyCommon(field, value) else { return }
        switch value {
        case .team(let v): team = v
        case .files(let v): files = v
        case .discrepanciesAddressed(let v): discrepanciesAddressed = v
        case .implementationOrder(let v): implementationOrder = v
        case .tasks(let v): tasks = v
        default: break
        }
    }
}

/// Dependencies stated by position, not by id: `All previous phases`, `the previous block`,
/// `Previous step`. Read as a reference with a marker id, resolved once the plan is known
/// (`BuildState.resolveRelative`).
enum RelativeDependency {
    static let previous = "(previous)", allPrevious = "(all previous)"
    /// The words that say a position before (`previous phase`, `prior step`).
    static let positionWords = ["previous", "prior", "preceding", "earlier"]

    static func parse(_ name: String, vocabulary: Vocabulary) -> (kind: Reference.Kind, marker: String)? {
        guard positionWords.contains(where: name.containsBytes) else { return nil }
        // The first four words are all it reads (`the all previous blocks`).
        var words = name.split(separator: " ", maxSplits: 4).prefix(4).map(String.init)
        if words.first == "the" { words.removeFirst() }
        var all = false
        if words.first == "all" { all = true; words.removeFirst() }
        guard words.count >= 2, positionWords.contains(words[0]) else { return nil }
        var word = words[1]
        if word.hasSuffix("s"),
            vocabulary.itemWords.contains(String(word.dropLast())) || vocabulary.groupWords.contains(String(word.dropLast()))
        {
            word.removeLast()
        }
        if word == "one" || vocabulary.itemWords.contains(word) { return (.block, all ? allPrevious : previous) }
        if vocabulary.groupWords.contains(word) { return (.group, all ? allPrevious : previous) }
        return nil
    }

    /// `Each block starts when the one before it is done`, `every phase depends on the
    /// previous one`, `tasks are done in order`: a rule for the whole plan, stated once.
    static func sequentialRule(_ text: String, vocabulary: Vocabulary) -> Reference.Kind? {
        // Each phrase below holds one of these (most paragraphs hold none).
        let lower = text.utf8.contains(where: { $0 >= 0x41 && $0 <= 0x5A }) ? text.lowercased() : text
        guard
            ["previous", "prior one", "preceding", "before it", "in order", "sequential", "one after", "one-after"].contains(
                where: lower.containsBytes)
        else { return nil }
        let name = text.normalizedName
        guard name.utf8.count < 1200 else { return nil }
        let relation = name.contains("before it") || name.contains("previous") || name.contains("prior one") || name.contains("preceding")
        let inOrder =
            name.contains("in order") || name.contains("sequentially") || name.contains("one after another")
            || name.contains("one after the other")
        guard relation || inOrder, name.count < 300 else { return nil }
        let words = Set(name.split(separator: " ").map(String.init))
        let kind: Reference.Kind
        if words.contains(where: { vocabulary.groupWords.contains($0) || vocabulary.groupWords.contains(String($0.dropLast())) }) {
            kind = .group
        } else if words.contains(where: { vocabulary.itemWords.contains($0) || vocabulary.itemWords.contains(String($0.dropLast())) }) {
            kind = .block
        } else {
            return nil
        }
        let quantified = words.contains("each") || words.contains("every")
        return (quantified && relation) || inOrder ? kind : nil
    }
}
