import LoopReportMarkdown
import LoopReportSource

extension DocumentRecognizer {
    /// A table node's header and rows as text.
    static func table(_ node: MarkdownNode, sectionTitle: String) -> Table? {
        var rows = node.children.map { row in
            row.children.map { cell in
                Cell(text: cell.plainText.trimmed, range: cell.range)
            }
        }
        guard !rows.isEmpty else { return nil }
        let header = rows.removeFirst()
        return Table(kind: .other, header: header, rows: rows, range: node.range, sectionTitle: sectionTitle)
    }

    /// The table of a node when it is a work-item table; its header is looked at first, so
    /// other tables' cells are not read for this.
    func workItemTable(_ node: MarkdownNode, sectionTitle: String) -> Table? {
        guard case .table = node.kind, let header = node.children.first,
            Self.workItemColumns(header.children.map { Cell(text: $0.plainText.trimmed, range: $0.range) }, vocabulary: vocabulary) != nil,
            let table = Self.table(node, sectionTitle: sectionTitle), Self.isWorkItemTable(table, vocabulary: vocabulary)
        else { return nil }
        return table
    }

    /// Recognises a table by its header set, whatever the column order, and reads its rows
    /// into typed records; every table is also kept whole.
    mutating func recognizeTable(_ node: MarkdownNode, section: Int) {
        guard var table = Self.table(node, sectionTitle: result.document.sections[section].title) else { return }
        checkRowWidths(node, headerCount: table.header.count)
        table.kind = Self.kind(of: table, section: result.document.sections[section].kind, vocabulary: vocabulary)
        result.records.tables.append(table)
        switch table.kind {
        case .decisionLog: readDecisions(table)
        case .timelineAdjustments: readAdjustments(table)
        case .predictiveAccuracy: readAccuracy(table)
        case .metrics, .expectationVsReality: readMetrics(table)
        case .measurements: readMeasurements(table, section: section)
        case .blockStatus: readBlockStatus(table)
        case .workItems where !asides.contains(section): readWorkItems(table, section: section)
        default: break
        }
    }

    static func kind(of table: Table, section: SectionKind, vocabulary: Vocabulary = .standard) -> TableKind {
        // `Estimate (h)` is an estimate column in hours.
        let names = Set(table.header.flatMap { [$0.text.normalizedName, fieldHeader($0.text).name] })
        func has(_ options: String...) -> Bool { options.contains(where: names.contains) }
        if has("id"), has("decision") { return .decisionLog }
        if has("original estimate", "original", "was", "old estimate"), has("revised estimate", "revised", "now", "new estimate") {
            return .timelineAdjustments
        }
        if has("estimated days", "estimated", "estimate"), has("actual days", "actual"),
            has("variance", "adjustment factor", "factor")
        {
            return .predictiveAccuracy
        }
        if has("expectation", "expected"), has("reality", "actual") { return .expectationVsReality }
        if has("metric"), has("target"), has("achieved", "current", "actual", "reality", "measured") { return .metrics }
        if has("approach"), has("effectiveness") { return .approachEffectiveness }
        if has("risk"), has("impact", "likelihood", "probability", "mitigation", "mitigation strategy") { return .risks }
        if isWorkItemTable(table, vocabulary: vocabulary) { return .workItems }
        if has("milestone") { return .milestones }
        if has("block"), has("status") { return .blockStatus }
        if statusColumns(table, vocabulary: vocabulary) != nil { return .blockStatus }
        if has("group"), has("status"),
            names.contains(where: { $0.hasSuffix("validated") || $0.hasSuffix("verified") || $0.hasSuffix("checked") })
        {
            return .validationStatus
        }
        if has("component"), has("validation findings", "initial analysis") { return .synthesisMatrix }
        if has("team member", "developer", "engineer") { return .resourceAllocation }
        if has("test suite") { return .testSuites }
        if has("branch") { return .buildStatus }
        if has("improvement"), table.header.count >= 3 { return .beforeAfter }
        if has("planned", "original", "baseline"), has("actual", "final") { return .timelineComparison }
        if isMeasurementSeries(table) { return .measurements }
        return .other
    }

    /// Header words of a work-item table's id and title columns (its others are fields of
    /// the vocabulary's field names: `| ID | Item | Estimate (h) | Depends on | State |`),
    /// besides the vocabulary's item words (`| Nr | Uppgift | Uppskattning | Beroenden |`).
    static let itemIDColumns: Set<String> = [
        "id", "block", "task", "step", "item", "story", "no", "number", "ref", "key",
        "task id", "item id", "block id", "step id", "nr", "lp", "réf", "nº", "n°",
        "núm", "num", "番号", "番", "č", "nro", "№", "编号", "序号", "번호", "n", "numero",
        "número", "nummer", "код",
    ]
    static let itemTitleColumns: Set<String> = [
        "title", "item", "task", "name", "description", "work item", "deliverable",
        "summary", "block name", "task name", "what", "component", "feature", "story",
        "titel", "namn", "beskrivning", "bezeichnung", "beschreibung", "tytuł", "nazwa",
        "opis", "titre", "libellé", "nom", "título", "nombre", "descripción",
        "件名", "作業内容", "内容", "名前", "タイトル", "項目", "名称", "标题", "描述",
        "내용", "제목", "descrição", "descrizione", "titolo", "omschrijving", "beschrijving",
        "название", "описание", "název", "popis", "nimi", "kuvaus", "action", "action item",
    ]

    /// The columns of a work-item table: the first id column, and the first other title column.
    /// A GitHub Projects table has no id column: its titles end with the issue's number
    /// (`| Room DB for saved routes #221 | ✅ Done | 5 |`), and the title column is both.
    static func workItemColumns(_ header: [Cell], vocabulary: Vocabulary) -> (id: Int, title: Int)? {
        let id = header.firstIndex(where: { itemIDColumns.contains($0.text.normalizedName) || ["#", "№"].contains($0.text.trimmed) })
        guard
            let title = header.indices.first(where: {
                $0 != id
                    && (itemTitleColumns.contains(header[$0].text.normalizedName)
                        || vocabulary.itemWords.contains(header[$0].text.normalizedName))
            })
        else { return nil }
        return (id ?? title, title)
    }

    /// The id in a work-item table's id cell: `2.3`, `US-20`, or `20` of `Story 20`.
    static func itemIDCell(_ text: String, vocabulary: Vocabulary) -> String? {
        var cell = Array(text.utf8)
        if let space = cell.firstIndex(of: 0x20),
            vocabulary.itemWords.contains(String(decoding: cell[..<space], as: UTF8.self).lowercased())
        {
            cell = Array(cell[(space + 1)...])
        }
        guard let (id, end) = HeadingParser.itemID(cell, at: 0), end == cell.count else {
            return HeadingParser.trailingIssue(text, spaced: true)?.id
        }
        return id
    }

    /// The columns whose headers are field names, but for `besides`: each with its key without
    /// the unit (`Estimate`) and the unit (`h` of `Estimate (h)`).
    func fieldColumns(_ header: [Cell], besides: Set<Int>) -> [(column: Int, key: String, unit: String?)] {
        header.indices.compactMap { column in
            let text = header[column].text
            let (name, unit) = Self.fieldHeader(text)
            guard !besides.contains(column), vocabulary.fieldNames[name] != nil else { return nil }
            // (`| Pts |` is its own unit, `| PM |` an estimate's: no brackets to cut.)
            let key = String(Table.nameAndUnit(text).name).trimmed
            return (column, vocabulary.fieldNames[key.normalizedName] == nil ? name : key, unit)
        }
    }

    /// A row's cells in the field columns as fields; a bare number (or range) takes the column's unit.
    static func rowFields(_ row: [Cell], _ columns: [(column: Int, key: String, unit: String?)]) -> [Field] {
        columns.compactMap { column, key, unit in
            guard column < row.count else { return nil }
            var value = row[column].text
            if let unit, value.utf8.contains(where: ReferenceScanner.isDigit), isBareNumber(value) { value += " " + unit }
            return Field(key: key, value: value, items: [], range: row[column].range, valueRange: row[column].range)
        }
    }

    /// `8`, `0,5`, `16–24`, `~3`: a number or range with no unit of its own.
    static func isBareNumber(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { $0.properties.numericType != nil && $0.isASCII || ".,-–~ ".unicodeScalars.contains($0) }
    }

    /// `| Pts |`, `| PM |`: a unit alone as a column's header (`fieldHeader`).
    static func isUnitHeader(_ text: String) -> Bool {
        Table.nameAndUnit(text).unit == nil && unitHeaders[text.normalizedName] != nil
    }

    /// A header's field name without a unit in brackets (`Estimate (h)` → `estimate`), and the unit.
    static func fieldHeader(_ text: String) -> (name: String, unit: String?) {
        let (name, unit) = Table.nameAndUnit(text)
        let normal = name.normalizedName
        // `| Pts |`, `| PM |`, `| Hours |`: a unit alone heads an estimate column in that unit.
        if unit == nil, let unit = unitHeaders[normal] { return (vocabularyEstimateName(normal), unit) }
        return (normal, unit)
    }

    static let unitHeaders: [String: String] = [
        "pts": "pts", "sp": "SP", "points": "points", "story points": "points",
        "pm": "person-months", "person months": "person-months", "hours": "h", "hrs": "h",
        "person days": "person-days",
    ]

    private static func vocabularyEstimateName(_ header: String) -> String {
        Vocabulary.standardFieldNames[header] == .estimate ? header : "estimate"
    }

    /// A table whose rows are work items: an id column whose cells are item ids, a title
    /// column, and an estimate or dependencies column.
    static func isWorkItemTable(_ table: Table, vocabulary: Vocabulary) -> Bool {
        guard table.header.count >= 3, !table.rows.isEmpty,
            let (id, _) = workItemColumns(table.header, vocabulary: vocabulary),
            table.header.contains(where: {
                let name = vocabulary.fieldNames[fieldHeader($0.text).name]
                return name == .estimate || name == .dependencies
            })
        else { return false }
        return table.rows.allSatisfy { row in id < row.count && itemIDCell(row[id].text, vocabulary: vocabulary) != nil }
    }

    /// Each row of a work-item table is a block: id, title, and every other column whose
    /// header is a field name, read as that field (a bare number under `Estimate (h)` in hours).
    private mutating func readWorkItems(_ table: Table, section: Int) {
        guard let (id, title) = Self.workItemColumns(table.header, vocabulary: vocabulary) else { return }
        let group = enclosingGroup(section)
        // Each field column: where it is, its key without the unit, and the unit. A column headed
        // by a unit alone holds numbers (`| PM |` over names is the product manager).
        let fieldColumns = fieldColumns(table.header, besides: [id, title]).filter { column in
            !Self.isUnitHeader(table.header[column.column].text)
                || table.rows.allSatisfy { row in
                    table.cell(row, column.column).map { Self.isBlank($0.text) || Self.isBareNumber($0.text) } ?? true
                }
        }
        let wholeNumbers = table.rows.allSatisfy { row in
            table.cell(row, id).map { Self.itemIDCell($0.text, vocabulary: vocabulary)?.allSatisfy(\.isNumber) ?? false } ?? false
        }
        // `| DP-01 | … | MS1 | 2w |`: a Milestone (Phase, Epic…) column says each row's group.
        let groupColumn = table.header.firstIndex { cell in
            let name = cell.text.normalizedName
            return name == "milestone" || vocabulary.groupWords.contains(name) || name == "quarter" || name == "release"
        }
        for row in table.rows {
            guard let idCell = table.cell(row, id), let itemID = Self.itemIDCell(idCell.text, vocabulary: vocabulary) else { continue }
            var read = readFields(Self.rowFields(row, fieldColumns))
            // Whole-number ids (`| 103 | Saved cards | 5 | 101, 102 |`): whole numbers in a dependency cell are items.
            if wholeNumbers { Self.readWholeNumberDependencies(in: &read) }
            var rowGroup = group?.id
            if let cell = table.cell(row, groupColumn), !Self.isBlank(cell.text) {
                let text = cell.text.trimmed
                rowGroup =
                    HeadingParser.groupDefinition(text, vocabulary: vocabulary)?.id
                    ?? HeadingParser.slugGroup(text).map { text.contains(" ") ? $0.id : text }
            }
            let titleText = table.cell(row, title)?.text ?? ""
            result.blocks.append(
                BlockDeclaration(
                    id: itemID, title: id == title ? HeadingParser.trailingIssue(titleText, spaced: true)?.title ?? titleText : titleText,
                    marker: nil,
                    fields: read, range: idCell.range, path: path, groupID: rowGroup))
        }
    }

    /// Items named by whole numbers (`| 103 | … | 101, 102 |`, `5. Replay — Depends on 3, 4.`):
    /// a dependency that is only whole numbers names those items.
    static func readWholeNumberDependencies(in fields: inout [(field: Field, value: FieldValue)]) {
        for f in fields.indices {
            guard case .dependencies(let references) = fields[f].value, references.isEmpty else { continue }
            let numbers = fields[f].field.value.split(whereSeparator: { $0 == "," || $0 == " " || $0 == "&" || $0 == "." })
                .filter { !$0.isEmpty && $0 != "and" }
            if !numbers.isEmpty, numbers.allSatisfy({ $0.allSatisfy(\.isNumber) }) {
                fields[f].value = .dependencies(numbers.map { Reference(kind: .block, id: String($0), range: fields[f].field.valueRange) })
            }
        }
    }

    /// A numeric first column (scale points) and at least one other numeric column.
    static func isMeasurementSeries(_ table: Table) -> Bool {
        guard table.header.count >= 2, table.rows.count >= 2 else { return false }
        let firstNumeric = table.rows.allSatisfy { $0.first.flatMap { Quantity.parse($0.text) } != nil }
        guard firstNumeric else { return false }
        return (1..<table.header.count).contains { column in
            table.rows.allSatisfy { column < $0.count && Quantity.parse($0[column].text) != nil }
        }
    }

    /// cmark-gfm pads short rows and drops extra cells silently, so the widths are
    /// counted in the source.
    private mutating func checkRowWidths(_ node: MarkdownNode, headerCount: Int) {
        guard let range = node.range else { return }
        let file = markdown.source
        let lastLine = min(range.end.line, file.lineCount)
        guard range.start.line + 2 <= lastLine else { return }
        for number in (range.start.line + 2)...lastLine {
            let cells = Self.cellCount(file.line(number))
            guard cells > 0, cells != headerCount else { continue }
            result.diagnostics.append(
                Diagnostic(
                    .malformedTableRow, at: locator.lineRange(number, fallback: range),
                    "table row has \(cells) cell\(cells == 1 ? "" : "s") but the header has \(headerCount)"))
        }
    }

    /// Cells in a source table row: unescaped pipes outside code spans.
    static func cellCount(_ line: Substring) -> Int {
        let trimmed = line.trimmed
        guard !trimmed.isEmpty else { return 0 }
        var pipes = 0, inCode = false, escaped = false
        for c in trimmed.unicodeScalars {
            if escaped { escaped = false; continue }
            switch c {
            case "\\": escaped = true
            case "`": inCode.toggle()
            case "|" where !inCode: pipes += 1
            default: break
            }
        }
        var cells = pipes + 1
        if trimmed.hasPrefix("|") { cells -= 1 }
        if trimmed.hasSuffix("|") && !trimmed.hasSuffix("\\|") && trimmed.count > 1 { cells -= 1 }
        return cells
    }

    private func subjectReference(_ cell: Cell?) -> Reference? {
        guard let cell, let match = ReferenceScanner.scan(cell.text, bareBlockIDs: true, vocabulary: vocabulary).first else { return nil }
        return Reference(kind: match.kind, id: match.id, range: cell.range)
    }

    private mutating func effort(_ cell: Cell?, what: String, unit: String? = nil) -> Effort? {
        guard let cell, !cell.text.isEmpty, !Self.isBlank(cell.text) else { return nil }
        // `8` under `Estimate (h)`: the header's unit.
        if let unit, let first = cell.text.utf8.first, ReferenceScanner.isDigit(first),
            cell.text.allSatisfy({ $0.isNumber || $0 == "." || $0 == "," }),
            let effort = Effort.parse(cell.text + " " + unit, units: vocabulary.units)
        {
            return effort
        }
        if let effort = Effort.parse(cell.text, units: vocabulary.units) { return effort }
        if let q = Quantity.parse(cell.text), q.unit.isEmpty, q.value.isFinite, abs(q.value) <= Effort.maximumDays {
            return Effort(days: q.value, minimumDays: q.value, maximumDays: q.value, previousDays: nil, raw: cell.text)
        }
        result.diagnostics.append(
            Diagnostic(
                .unparseableEffort, at: cell.range,
                "cannot read \(what) '\(cell.text)' as an effort (e.g. '3 days', '1.5 days', '2 weeks')"))
        return nil
    }

    static func isBlank(_ text: String) -> Bool {
        guard text.utf8.count <= 8 else { return false }
        let t = text.trimmed
        return t.isEmpty || t == "-" || t == "–" || t == "—" || t.normalizedName == "none" || t.normalizedName == "n a"
    }

    private mutating func readDecisions(_ table: Table) {
        let id = table.column("id"), date = table.column("date")
        let issue = table.column("issue", "discrepancy", "problem", "context")
        let decision = table.column("decision"), rationale = table.column("rationale", "reason")
        let impact = table.column("impact"), owner = table.column("owner")
        for row in table.rows {
            guard let idCell = table.cell(row, id), !idCell.text.isEmpty else { continue }
            let impactText = table.cell(row, impact)?.text
            result.records.decisions.append(
                Decision(
                    id: idCell.text, date: table.cell(row, date)?.text, issue: table.cell(row, issue)?.text,
                    decision: table.cell(row, decision)?.text ?? "", rationale: table.cell(row, rationale)?.text,
                    impact: impactText, impactDays: impactText.flatMap(Self.leadingDays),
                    owner: table.cell(row, owner)?.text, path: path, range: idCell.range))
        }
    }

    /// `+3 days, improved scaling` → 3; `+2 days to Block 3.1` → 2.
    static func leadingDays(_ text: String) -> Double? {
        guard let q = Quantity.parse(text), q.unit.hasPrefix("day") || q.unit.hasPrefix("week") else { return nil }
        return q.unit.hasPrefix("week") ? q.value * Effort.daysPerWeek : q.value
    }

    private mutating func readAdjustments(_ table: Table) {
        let original = table.column("original estimate", "original", "was", "old estimate")
        let revised = table.column("revised estimate", "revised", "now", "new estimate")
        let delta = table.column("delta", "change", "difference", "δ")
        let reason = table.column("reason", "notes", "rationale")
        let subject = table.column("group", "block", "component", "phase") ?? 0
        for row in table.rows {
            guard let subjectCell = table.cell(row, subject) else { continue }
            let deltaCell = table.cell(row, delta)
            let deltaText = deltaCell?.text ?? ""
            var deltaDays: Double?
            if !Self.isBlank(deltaText) {
                deltaDays = Self.signedDays(deltaText, units: vocabulary.units) ?? Quantity.parse(deltaText)?.value
            }
            let reference = subjectReference(subjectCell)
            let revisedEffort = effort(table.cell(row, revised), what: "revised estimate")
            result.records.timelineAdjustments.append(
                TimelineAdjustment(
                    subject: subjectCell.text, reference: reference,
                    original: effort(table.cell(row, original), what: "original estimate"),
                    revised: revisedEffort,
                    deltaText: deltaText, deltaDays: deltaDays, reason: table.cell(row, reason)?.text,
                    path: path, range: subjectCell.range, deltaRange: deltaCell?.range))
            // A re-estimated item (`| 1.2 Writer | 1d | 3d | +2d |`) takes the revised estimate.
            if let reference, reference.kind == .block, let revisedCell = table.cell(row, revised), let revisedEffort,
                Effort.parse(revisedCell.text, units: vocabulary.units) != nil
            {
                let field = Field(
                    key: "Estimate", value: revisedCell.text, items: [], range: revisedCell.range, valueRange: revisedCell.range)
                result.blocks.append(
                    BlockDeclaration(
                        id: reference.id, title: "", marker: .revised,
                        fields: [(field, .estimate(revisedEffort))], range: subjectCell.range, path: path))
            }
        }
    }

    /// `+16h`, `−2 days`, `+1.5d`: a signed effort in days (nil without a unit).
    static func signedDays(_ text: String, units: EffortUnits) -> Double? {
        var body = text.trimmed
        var sign = 1.0
        if let first = body.first, "+-−–".contains(first) { sign = first == "+" ? 1 : -1; body.removeFirst() }
        return Effort.parse(body, units: units).map { sign * $0.days }
    }

    private mutating func readAccuracy(_ table: Table) {
        let estimated = table.column("estimated days", "estimated", "estimate")
        let actual = table.column("actual days", "actual")
        let variance = table.column("variance"), factor = table.column("adjustment factor", "factor")
        let subject = table.column("group", "block", "component") ?? 0
        // A "Variance" column of shares (`1/6 (17%)`) is not a variance: its values say what
        // the column means, and such a column is kept as written, not checked.
        let varianceIsShare = table.rows.contains { row in table.cell(row, variance).map { Ratio.find(in: $0.text) != nil } ?? false }
        for row in table.rows {
            guard let subjectCell = table.cell(row, subject) else { continue }
            let varianceCell = table.cell(row, variance), factorCell = table.cell(row, factor)
            var percent: Double?
            if let text = varianceCell?.text, !Self.isBlank(text), !varianceIsShare {
                percent = Percent.find(in: text)?.value
                if percent == nil {
                    result.diagnostics.append(
                        Diagnostic(
                            .unparseablePercentage, at: varianceCell?.range,
                            "cannot read variance '\(text)' as a percentage"))
                }
            }
            result.records.accuracy.append(
                AccuracyRecord(
                    subject: subjectCell.text, reference: subjectReference(subjectCell),
                    estimated: effort(table.cell(row, estimated), what: "estimate", unit: table.unit(of: estimated)),
                    actual: effort(table.cell(row, actual), what: "actual", unit: table.unit(of: actual)),
                    varianceText: varianceCell?.text, variancePercent: percent,
                    factorText: factorCell?.text, factor: factorCell.flatMap { Quantity.parse($0.text)?.value },
                    path: path, range: subjectCell.range, varianceRange: varianceCell?.range, factorRange: factorCell?.range))
        }
    }

    private mutating func readMetrics(_ table: Table) {
        let name = table.column("metric", "aspect", "measure") ?? 0
        let target = table.column("target", "expectation", "expected")
        let achieved = table.column("achieved", "current", "reality", "actual", "measured")
        let variance = table.column("variance", "status", "delta")
        for row in table.rows {
            guard let nameCell = table.cell(row, name), !nameCell.text.isEmpty else { continue }
            let achievedText = table.cell(row, achieved)?.text
            result.records.metrics.append(
                Metric(
                    name: nameCell.text, target: table.cell(row, target).map { Target.parse($0.text) },
                    achieved: achievedText.flatMap(Quantity.parse), achievedText: achievedText,
                    declaredVariance: table.cell(row, variance)?.text, path: path, range: nameCell.range,
                    varianceRange: table.cell(row, variance)?.range))
        }
    }

    private mutating func readMeasurements(_ table: Table, section: Int) {
        let series = Array(table.header.dropFirst().map(\.text))
        // Row by row, so x values and cells stay aligned: a row without a numeric first
        // cell is dropped whole. x is in the unit family's base (`1k` is 1,000).
        var scale: [Double] = []
        var values = [[Quantity?]](repeating: [], count: table.header.count - 1)
        for row in table.rows {
            guard let x = row.first.flatMap({ Quantity.parse($0.text) }) else { continue }
            scale.append(x.normalizedValue)
            for column in 1..<table.header.count {
                values[column - 1].append(column < row.count ? Quantity.parse(row[column].text) : nil)
            }
        }
        result.records.measurementTables.append(
            MeasurementTable(
                title: table.sectionTitle, scaleName: table.header[0].text, seriesNames: series, scale: scale,
                series: values, claims: growthClaims(near: section), path: path, range: table.range))
    }

    /// Growth-rate sentences (`O(n log n)`, `linearly`, `sub-linearly`) in the section and
    /// its siblings.
    func growthClaims(near section: Int) -> [String] {
        let sections = result.document.sections
        let parent = sections[section].parent
        var texts: [String] = []
        for (i, s) in sections.enumerated() where i == section || (s.parent == parent && parent != nil) {
            for node in s.content {
                // Paragraphs, including those of list items.
                node.forEach { n in
                    if n.isParagraph {
                        let text = n.plainText
                        let lower = text.lowercased()
                        if lower.contains("o(") || lower.contains("linear") || lower.contains("quadratic")
                            || lower.contains("logarithmic") || lower.contains("constant time")
                        {
                            texts.append(text.trimmed)
                        }
                    }
                }
            }
        }
        var seen = Set<String>()
        return texts.filter { seen.insert($0).inserted }
    }

    /// A table of items and their states (`| ID | Status |`, `| Task | State | % |`, `| # | Item |
    /// Status | Notes |`): its id and status columns, when most rows name an item.
    static func statusColumns(_ table: Table, vocabulary: Vocabulary) -> (id: Int, status: Int)? {
        guard table.header.count <= 5, !table.rows.isEmpty,
            let status = table.header.firstIndex(where: {
                vocabulary.fieldNames[$0.text.normalizedName] == .status || $0.text.normalizedName == "outcome"  // a sprint review's
            }),
            // `| # | Check | Status |`: checks, whose numbers may look like items' ids.
            !table.header.contains(where: {
                [
                    "check", "checks", "test", "tests", "criterion", "criteria", "scenario",
                    "requirement", "verification",
                ].contains($0.text.normalizedName)
            })
        else { return nil }
        // The first id or item column whose cells mostly name an item: `| # | Item |` with a row
        // number in `#` and `2.3 Stampede protection` under Item is read by its Item column.
        let candidates = table.header.indices.filter { column in
            let name = table.header[column].text.normalizedName
            return column != status
                && (itemIDColumns.contains(name) || vocabulary.itemWords.contains(name) || table.header[column].text.trimmed == "#")
        }
        for id in candidates {
            let named = table.rows.filter {
                id < $0.count && ReferenceScanner.scan($0[id].text, bareBlockIDs: true, vocabulary: vocabulary).first?.kind == .block
            }
            if named.count * 2 > table.rows.count { return (id, status) }
        }
        return nil
    }

    private mutating func readBlockStatus(_ table: Table) {
        let columns = Self.statusColumns(table, vocabulary: vocabulary)
        let block = table.column("block") ?? columns?.id ?? table.column("id") ?? 0
        let status = table.column("status") ?? columns?.status
        let progress = table.column("progress", "completion", "percent", "done") ?? table.header.firstIndex { $0.text.trimmed == "%" }
        for row in table.rows {
            guard let cell = table.cell(row, block), let reference = subjectReference(cell), reference.kind == .block else { continue }
            let statusText = table.cell(row, status)?.text ?? ""
            var percent: Double?
            if let p = table.cell(row, progress), !Self.isBlank(p.text) {
                percent = Percent.find(in: p.text)?.value
                if percent == nil {
                    result.diagnostics.append(
                        Diagnostic(
                            .unparseablePercentage, at: p.range,
                            "cannot read progress '\(p.text)' as a percentage"))
                }
            }
            let state = Progress.parse(statusText)
            result.progressSignals.append((reference, state, percent))
            result.records.progress.append(
                ProgressEntry(
                    subject: cell.text, reference: reference, percent: percent,
                    progress: state, path: path, range: cell.range))
        }
    }
}
