import LoopReportMarkdown
import LoopReportSource

extension DocumentRecognizer {
    /// Records that a whole section makes: root causes, strategies, specifications, scenarios.
    mutating func recognizeSectionRecord(_ index: Int) {
        let section = result.document.sections[index]
        switch section.kind {
        case .rootCause:
            let fields = collectFields(section.content, allowPlainKeys: true)
            var record = RootCause(
                title: section.title, symptoms: [], primaryCauses: [], contributingFactors: [],
                impact: [], verification: [], path: path, range: section.range)
            for field in fields {
                let values = field.items.isEmpty ? [field.value] : field.items
                switch field.name {
                case "symptoms": record.symptoms += values
                case "root causes", "root cause", "causes":
                    for item in values {
                        let lower = item.lowercased()
                        let text = item.split(separator: ":", maxSplits: 1).last.map { String($0).trimmed } ?? item
                        if lower.hasPrefix("primary") { record.primaryCauses.append(text) } else { record.contributingFactors.append(text) }
                    }
                case "primary cause": record.primaryCauses += values
                case "contributing factor", "contributing factors": record.contributingFactors += values
                case "impact assessment", "impact": record.impact += values
                case "verification method", "verification": record.verification += values
                default: break
                }
            }
            result.records.rootCauses.append(record)
        case .strategy:
            let fields = collectFields(section.content, allowPlainKeys: false)
            let summary =
                section.content.first(where: {
                    $0.isParagraph
                        && [MarkdownNode].fields(
                            in: $0, locator: locator, allowPlainKeys: false
                        ).isEmpty
                })?.plainText.trimmed ?? ""
            result.records.strategies.append(
                ContinuationStrategy(
                    title: Self.dropOrdinal(section.title), summary: summary,
                    example: fields.first(where: { $0.name == "example" })?.value,
                    process: fields.first(where: { $0.name == "process" })?.items ?? [], path: path, range: section.range))
        case .specification:
            var spec = RevisedSpecification(
                title: section.title, optimizationDetails: [], performanceExpectations: [],
                path: path, range: section.range)
            for child in result.document.sections where child.parent == index {
                let listItems = child.content.filter(\.isList).flatMap { $0.children.map(\.itemText) }
                let code = child.content.first { if case .codeBlock = $0.kind { true } else { false } }
                let figure = code.map { node -> Figure in
                    if case .codeBlock(let info) = node.kind {
                        return Figure(
                            kind: .code, language: info, text: node.literal, references: [],
                            sectionTitle: child.title, path: path, range: node.range)
                    }
                    return Figure(
                        kind: .code, language: "", text: node.literal, references: [], sectionTitle: child.title,
                        path: path, range: node.range)
                }
                switch child.kind {
                case .currentApproach: spec.currentApproach = figure
                case .revisedApproach: spec.revisedApproach = figure
                case .optimizationDetails: spec.optimizationDetails += listItems
                case .performanceExpectations: spec.performanceExpectations += listItems
                default: break
                }
            }
            result.records.specifications.append(spec)
        case .scenario:
            let fields = collectFields(section.content, allowPlainKeys: false)
            func values(_ name: String) -> [String] {
                fields.first(where: { $0.name == name }).map { $0.items.isEmpty ? [$0.value] : $0.items } ?? []
            }
            let steps = section.content.filter(\.isList).flatMap { $0.children }
            var stepTexts = values("validation steps")
            if stepTexts.isEmpty, let ordered = steps.first { stepTexts = [ordered.itemText] }
            result.records.scenarios.append(
                IntegrationScenario(
                    title: section.title.split(separator: ":", maxSplits: 1).last.map { String($0).trimmed } ?? section.title,
                    scenario: fields.first(where: { $0.name == "scenario" })?.value,
                    components: values("components involved"), steps: stepTexts,
                    expectedMetrics: values("expected metrics"), path: path, range: section.range))
        default:
            break
        }
    }

    static func dropOrdinal(_ title: String) -> String {
        let scalars = title.unicodeScalars
        let rest = scalars.drop(while: { ReferenceScanner.isDigit($0) })
        guard rest.count < scalars.count, rest.first == "." else { return title }
        return String(String.UnicodeScalarView(rest.dropFirst())).trimmed
    }
}
