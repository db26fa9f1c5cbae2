import LoopReportSource
import Yams

/// The words the reader recognises, in one place: what introduces a work item or a group,
/// how a heading states progress, and what each field is called. `docs/format.md` lists them
/// with examples; `loopreport.yml`'s `vocabulary:` adds the words a team uses (`read(config:)`).
package struct Vocabulary: Sendable, Equatable {
    /// Words before a work item's id: `Block 2.3`, `Task 1.2.1`, `Step 4`, `Story 12`, `Milestone 2`.
    /// Besides English, built in: Swedish, Polish, German, French, Spanish, Japanese, Chinese,
    /// Korean, Portuguese, Italian, Dutch, Russian, Czech and Finnish.
    var itemWords: Set<String> = [
        "block", "task", "step", "story", "milestone", "item", "deliverable", "feature", "ticket",
        "uppgift", "steg", "delmål", "zadanie", "krok", "blok", "aufgabe", "schritt", "meilenstein",
        "tâche", "jalon", "tarea", "paso", "hito", "タスク", "ステップ", "マイルストーン", "課題",
        // Chinese, Korean, Portuguese, Italian, Dutch, Russian, Czech, Finnish.
        "任务", "步骤", "里程碑", "작업", "태스크", "마일스톤", "tarefa", "passo", "marco",
        "attività", "compito", "taak", "stap", "mijlpaal", "задача", "шаг", "веха",
        "úkol", "milník", "tehtävä", "askel", "virstanpylväs",
    ]

    /// Item words for milestones: `Milestone 2` is item `M2` (milestones are numbered apart from tasks).
    static let milestoneWords: Set<String> = [
        "milestone", "delmål", "meilenstein", "jalon", "hito", "マイルストーン", "kamień milowy",
        "里程碑", "마일스톤", "marco", "mijlpaal", "веха", "milník", "virstanpylväs",
    ]

    /// Words before a group's id: `Group 2`, `Phase 3`, `Stage 1`, `Wave 2`, `Epic 4`, `Sprint 4`, `Part II`.
    var groupWords: Set<String> = [
        "group", "phase", "stage", "wave", "epic", "sprint", "part", "workstream", "track",
        "fas", "etapp", "grupp", "faza", "etap", "grupa", "etappe", "gruppe", "étape", "groupe",
        "fase", "grupo", "フェーズ", "段階", "グループ",
        "阶段", "단계", "etapa", "этап", "фаза", "fáze", "vaihe",
    ]

    /// Field names and what each sets, compared normalised (lower case, single spaces, no
    /// punctuation).
    var fieldNames: [String: FieldName] = Self.standardFieldNames

    /// Names read as fields in the plain `Key: value` form too (bold keys always are).
    var plainFieldNames: Set<String> = knownFieldNames

    /// How efforts convert to days (hours in a day, days in a sprint and a story point, the
    /// unit words).
    var units = EffortUnits.standard

    /// A team's own status words (`vocabulary:` `complete: [Klart]`), read in status fields
    /// before the built-in ones (`statusPhrases`).
    var statusWords: [String: Progress] = [:]

    /// The built-in words, without a project's additions.
    package static let standard = Vocabulary()

    /// The keys of `vocabulary:` that add unit words (`days: [dagar]`) and status words
    /// (`complete: [klart]`).
    static let unitKeys: [String: EffortUnits.Unit] = [
        "minutes": .minute, "hours": .hour, "days": .day, "weeks": .week,
        "months": .month, "sprints": .sprint, "points": .point,
    ]
    static let statusKeys: [String: Progress] = [
        "complete": .complete, "in progress": .inProgress,
        "not started": .notStarted, "blocked": .blocked, "deferred": .deferred,
    ]

    /// What each key of `vocabulary:` in loopreport.yml adds words to.
    static let settingKeys: [String: FieldName] = [
        "dependencies": .dependencies, "soft dependencies": .softDependencies, "estimate": .estimate, "effort": .estimate,
        "actual": .actual, "status": .status, "priority": .priority, "progress": .percentComplete, "tasks": .tasks,
        "files": .files, "criteria": .completionCriteria, "owner": .team, "team": .team, "deadline": .deadline,
        "start": .deadline, "blockers": .blockers,
    ]

    /// The built-in words with those a project adds in loopreport.yml:
    ///
    ///     vocabulary:
    ///       dependencies: [Beroenden, Zależności]
    ///       estimate: Uppskattning
    ///       items: [Uppgift]        # words before a work item's id
    ///       groups: [Etapp, Fas]    # words before a group's id
    ///
    /// Problems are `invalid-settings` diagnostics at their line.
    package static func read(config: SourceFile?) -> (Vocabulary, [Diagnostic]) {
        var vocabulary = Vocabulary.standard
        guard let config, config.text.utf8.count < 1 << 20,
            case .success(let root?) = BoundedYAML.compose(config.text), case .mapping(let settings) = root
        else { return (vocabulary, []) }
        var diagnostics: [Diagnostic] = []
        func line(_ node: Node) -> SourceRange { .line(node.mark?.line ?? 1, in: config.path) }  // Yams counts from 1
        // Units: `hoursPerDay: 6`, `sprintDays: 5`, `pointDays: 0.5`.
        for (key, value) in settings {
            guard let name = key.string, ["hoursPerDay", "sprintDays", "pointDays"].contains(name) else { continue }
            guard let number = value.string.flatMap(Double.init), number > 0, number <= (name == "hoursPerDay" ? 24 : 100) else {
                diagnostics.append(
                    Diagnostic(
                        .invalidSettings, at: line(key),
                        "\(name) must be a number above 0 and at most \(name == "hoursPerDay" ? 24 : 100)"))
                continue
            }
            switch name {
            case "hoursPerDay": vocabulary.units.hoursPerDay = number
            case "sprintDays": vocabulary.units.sprintDays = number
            default: vocabulary.units.pointDays = number
            }
        }
        // T-shirt sizes: `sizes: {S: 1d, M: 3d, L: 1w}`.
        if let entry = settings.first(where: { $0.key.string == "sizes" }) {
            if case .mapping(let sizes) = entry.value {
                for (key, value) in sizes {
                    guard let size = key.string?.uppercased(), EffortUnits.isSize(size), let text = value.string,
                        let effort = Effort.parse(text, units: vocabulary.units)
                    else {
                        diagnostics.append(
                            Diagnostic(
                                .invalidSettings, at: line(key),
                                "sizes: maps T-shirt sizes (XS, S, M, L, XL…) to efforts (e.g. M: 3d)"))
                        continue
                    }
                    vocabulary.units.sizes[size] = effort.days
                }
            } else {
                diagnostics.append(
                    Diagnostic(.invalidSettings, at: line(entry.key), "sizes: maps T-shirt sizes to efforts (e.g. {S: 1d, M: 3d})"))
            }
        }
        guard let section = settings.first(where: { $0.key.string == "vocabulary" })?.value else { return (vocabulary, diagnostics) }
        guard case .mapping(let entries) = section else {
            return (
                vocabulary,
                [
                    Diagnostic(
                        .invalidSettings, at: line(section),
                        "vocabulary: must map field names (dependencies, estimate, status…), items and groups to lists of words")
                ]
            )
        }
        for (key, value) in entries {
            let name = key.string?.normalizedName ?? ""
            let words = (value.sequence.map { $0.compactMap(\.string) } ?? value.string.map { [$0] } ?? [])
                .map(\.normalizedName).filter { !$0.isEmpty }
            if let unit = unitKeys[name] {
                for word in words { vocabulary.units.words[word] = unit }
                continue
            }
            if let state = statusKeys[name] {
                for word in words { vocabulary.statusWords[word] = state }
                continue
            }
            switch name {
            case "items", "item words": vocabulary.itemWords.formUnion(words)
            case "groups", "group words": vocabulary.groupWords.formUnion(words)
            default:
                guard let field = settingKeys[name] else {
                    let known = ["items", "groups"] + settingKeys.keys.sorted() + unitKeys.keys.sorted() + statusKeys.keys.sorted()
                    diagnostics.append(
                        Diagnostic(
                            .invalidSettings, at: line(key),
                            "'\(key.string ?? "")' is not something the vocabulary maps; use one of \(known.joined(separator: ", "))"))
                    continue
                }
                for word in words { vocabulary.fieldNames[word] = field }
                vocabulary.plainFieldNames.formUnion(words)
            }
        }
        return (vocabulary, diagnostics)
    }

    /// Progress stated by a word or phrase at the end of a heading, alone or in brackets:
    /// `DONE`, `✅ COMPLETE`, `(in progress)`, `[PLANNED]`, `[FUTURE]`, `[x]`.
    static let statusPhrases: [String: Progress] = [
        "done": .complete, "complete": .complete, "completed": .complete, "finished": .complete, "x": .complete,
        "shipped": .complete, "merged": .complete, "closed": .complete,
        "in progress": .inProgress, "wip": .inProgress, "ongoing": .inProgress, "started": .inProgress, "active": .inProgress,
        "in review": .inProgress, "doing": .inProgress, "partial": .inProgress, "partially complete": .inProgress,
        "needs review": .inProgress,
        "ready for review": .inProgress, "in qa": .inProgress, "in testing": .inProgress, "testing": .inProgress,
        "partially done": .inProgress, "reopened": .inProgress, "half done": .inProgress, "landed": .complete, "released": .complete,
        "deployed": .complete,
        "not yet": .notStarted, "not yet started": .notStarted, "queued": .notStarted, "ready": .notStarted,
        "planned": .notStarted, "future": .notStarted, "todo": .notStarted, "to do": .notStarted, "not started": .notStarted,
        "pending": .notStarted, "open": .notStarted, "next": .notStarted, "backlog": .notStarted, "": .notStarted,
        "blocked": .blocked, "on hold": .blocked, "waiting": .blocked, "stalled": .blocked,
        "deferred": .deferred, "postponed": .deferred, "skipped": .deferred, "cancelled": .deferred, "canceled": .deferred,
        "parked": .deferred, "paused": .deferred, "on ice": .deferred, "won't do": .deferred, "wont do": .deferred,
        "wontfix": .deferred, "superseded": .deferred, "dropped": .deferred, "descoped": .deferred, "out of scope": .deferred,
        "later": .deferred, "icebox": .deferred,
        // Swedish, Polish, German, French, Spanish, Japanese.
        "klar": .complete, "klart": .complete, "avklarad": .complete, "gotowe": .complete, "zrobione": .complete,
        "ukończone": .complete, "zakończone": .complete, "erledigt": .complete, "fertig": .complete, "abgeschlossen": .complete,
        "terminé": .complete, "fait": .complete, "hecho": .complete, "completado": .complete, "terminado": .complete,
        "完了": .complete, "済": .complete, "済み": .complete,
        "pågår": .inProgress, "påbörjad": .inProgress, "w toku": .inProgress, "w trakcie": .inProgress, "in arbeit": .inProgress,
        "en cours": .inProgress, "en curso": .inProgress, "en progreso": .inProgress, "進行中": .inProgress, "対応中": .inProgress,
        "ej påbörjad": .notStarted, "planerad": .notStarted, "nie rozpoczęte": .notStarted, "zaplanowane": .notStarted,
        "offen": .notStarted, "geplant": .notStarted, "à faire": .notStarted, "prévu": .notStarted, "pendiente": .notStarted,
        "未着手": .notStarted, "予定": .notStarted,
        "blockerad": .blocked, "zablokowane": .blocked, "blockiert": .blocked, "bloqué": .blocked, "bloqueado": .blocked,
        "保留": .blocked,
        // Chinese, Korean, Portuguese, Italian, Dutch, Russian, Czech, Finnish.
        "已完成": .complete, "完成": .complete, "进行中": .inProgress, "未开始": .notStarted, "待开始": .notStarted,
        "待办": .notStarted, "计划中": .notStarted, "阻塞": .blocked, "受阻": .blocked, "已取消": .deferred, "取消": .deferred,
        "搁置": .deferred, "延期": .deferred,
        "완료": .complete, "진행 중": .inProgress, "진행중": .inProgress, "대기": .notStarted, "시작 전": .notStarted,
        "미착수": .notStarted, "예정": .notStarted, "보류": .blocked, "블로킹": .blocked, "취소": .deferred, "드롭": .deferred,
        "concluído": .complete, "concluída": .complete, "concluido": .complete, "feito": .complete, "pronto": .complete,
        "em andamento": .inProgress, "em progresso": .inProgress, "não iniciado": .notStarted, "não iniciada": .notStarted,
        "a fazer": .notStarted, "bloqueada": .blocked, "cancelado": .deferred, "cancelada": .deferred, "adiado": .deferred,
        "completato": .complete, "completata": .complete, "fatto": .complete, "in corso": .inProgress, "da fare": .notStarted,
        "non iniziato": .notStarted, "bloccato": .blocked, "bloccata": .blocked, "annullato": .deferred, "rinviato": .deferred,
        "gereed": .complete, "afgerond": .complete, "voltooid": .complete, "bezig": .inProgress, "mee bezig": .inProgress,
        "in uitvoering": .inProgress, "nog te doen": .notStarted, "te doen": .notStarted, "nog niet begonnen": .notStarted,
        "gepland": .notStarted, "geblokkeerd": .blocked, "vervallen": .deferred, "uitgesteld": .deferred,
        "готово": .complete, "выполнено": .complete, "сделано": .complete, "завершено": .complete, "в работе": .inProgress,
        "в процессе": .inProgress, "не начато": .notStarted, "запланировано": .notStarted, "заблокировано": .blocked,
        "отменено": .deferred, "отложено": .deferred,
        "hotovo": .complete, "dokončeno": .complete, "rozpracováno": .inProgress, "probíhá": .inProgress, "nezahájeno": .notStarted,
        "nezačato": .notStarted, "plánováno": .notStarted, "blokováno": .blocked, "zrušeno": .deferred, "odloženo": .deferred,
        "valmis": .complete, "tehty": .complete, "työn alla": .inProgress, "kesken": .inProgress, "käynnissä": .inProgress,
        "ei aloitettu": .notStarted, "aloittamatta": .notStarted, "suunniteltu": .notStarted, "estetty": .blocked,
        "peruttu": .deferred, "siirretty": .deferred,
    ]

    /// Status words written in capitals at the end of a heading, without brackets: `DONE`,
    /// `✅ COMPLETE`, `— IN PROGRESS`.
    /// The words of `statusPhrases` that say a status on their own; in lower case, so their
    /// meaning is looked up there, not written twice.
    static let capitalStatuses: [String: Progress] = Dictionary(
        uniqueKeysWithValues: [
            "done", "complete", "completed", "finished", "in progress", "wip", "ongoing", "todo", "planned", "not started",
            "pending", "blocked", "on hold", "deferred", "postponed", "cancelled", "canceled", "parked", "paused", "superseded",
        ].map { ($0.uppercased(), statusPhrases[$0]!) })

    /// Progress stated by a glyph: `✅`, `✔️`, `🔄`, `⏳`, `⬜`, `🔴`.
    static func glyphStatus(_ scalar: Unicode.Scalar) -> Progress? {
        switch scalar {
        case "✅", "✔", "✓", "☑", "🟢", "🎉": .complete
        case "🔄", "🔁", "🚧", "🟡", "🟠", "⚙", "🔨", "🏗": .inProgress
        case "⏳", "⬜", "☐", "🔲", "⚪", "📋", "🔜", "⏸": .notStarted
        case "🔴", "⛔", "🛑", "❌": .blocked
        case "⚫": .deferred
        default: nil
        }
    }

    /// Calendar windows in headings (`(Weeks 4-6)`, `(Week 2)`, `(Q3 2026)`, `(Days 1-5)`):
    /// when the work happens, not how long it takes.
    /// Months by their first three letters (`Mar 2 – Mar 13`, `March`, `mars`, `März` is `mär`).
    static let monthWords: Set<String> = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
        "mär", "mai", "okt", "dez", "maj", "ene", "abr", "ago", "dic", "fév", "avr", "déc",
    ]

    static let windowWords: Set<String> = ["week", "weeks", "day", "days", "month", "months", "sprint", "sprints", "q1", "q2", "q3", "q4"]

    static let standardFieldNames: [String: FieldName] = {
        var names: [String: FieldName] = [:]
        let table: [(FieldName, [String])] = [
            (
                .dependencies,
                [
                    "dependencies", "dependency", "depends on", "hard dependencies", "prerequisites", "prerequisite",
                    "requires", "required", "blocked by", "after", "predecessors", "predecessor", "deps",
                    "depends", "dependent on", "waits for", "needs", "blocked on", "waiting on", "waits on",
                    "depends upon", "prereqs", "prereq", "gated by", "input", "inputs",
                    "efter", "nach", "après", "después de", "also depends on", "no longer depends on",
                    "beroenden", "beroende av", "förutsättningar", "zależności", "zależy od", "abhängigkeiten",
                    "abhängig von", "voraussetzungen", "dépendances", "dépend de", "prérequis", "dependencias",
                    "depende de", "依存", "依存関係", "前提", "前提条件",
                    "依赖", "依赖项", "前置", "前置任务", "前置条件", "의존성", "의존", "선행 작업", "선행", "선행 조건",
                    "dependências", "dependência", "pré-requisitos", "dipendenze", "dipende da", "prerequisiti",
                    "afhankelijkheden", "afhankelijk van", "hangt af van", "зависимости", "зависит от", "зависит",
                    "závislosti", "závisí na", "riippuvuudet", "riippuu", "edellyttää",
                ]
            ),
            (.softDependencies, ["soft dependencies", "soft dependency"]),
            (
                .estimate,
                [
                    "estimated effort", "effort", "estimate", "estimated", "estimated time", "duration", "time",
                    "time estimate", "effort estimate", "estimated duration", "size", "sizing", "expected duration",
                    "estimated hours", "estimated days", "timebox", "est", "est effort", "est time", "cost", "loe",
                    "level of effort", "story points", "ideal days", "points", "sp", "pts", "estimate points",
                    "story point estimate",
                    "uppskattning", "tidsåtgång", "tid", "czas", "zeit", "dauer", "temps", "tiempo", "所要時間", "estimering", "estymacja",
                    "szacunek", "nakład", "aufwand", "schätzung",
                    "estimation", "charge", "durée", "estimación", "esfuerzo", "duración", "見積もり", "見積", "工数", "期間",
                    "预计", "预估", "估算", "工作量", "预计工时", "工时", "工期", "예상", "예상 시간", "추정", "공수", "소요 시간",
                    "estimativa", "esforço", "duração", "stima", "durata", "impegno", "schatting", "inschatting", "duur",
                    "оценка", "трудозатраты", "трудоёмкость", "длительность", "odhad", "pracnost", "arvio", "kesto", "työmäärä",
                ]
            ),
            (
                .actual,
                [
                    "actual effort", "actual", "actual days", "actual time", "actual duration", "time spent", "spent",
                    "faktisk tid", "rzeczywisty czas", "tatsächlicher aufwand", "temps réel", "esfuerzo real", "実績", "実績工数",
                ]
            ),
            (
                .status,
                [
                    "status", "state", "progress status", "current status", "stan", "zustand", "statut", "état", "estado",
                    "状態", "ステータス", "状态", "상태", "situação", "stato", "статус", "состояние", "stav", "tila",
                ]
            ),
            (.priority, ["priority"]),
            (.percentComplete, ["progress", "completion", "percent complete"]),
            (.tasks, ["tasks", "implementation steps", "changes", "changes required", "steps", "subtasks", "work items"]),
            (.files, ["files to modify", "files", "files to verify"]),
            (
                .completionCriteria,
                [
                    "completion criteria", "acceptance criteria", "release criteria", "definition of done",
                    "done when", "exit criteria",
                ]
            ),
            (.declaredCritical, ["critical path"]),
            (.blockers, ["blockers", "blocker"]),
            (
                .team,
                [
                    "assigned team", "team", "owner", "owners", "assigned", "assignee", "assigned to", "responsible", "lead",
                    "ansvarig", "odpowiedzialny", "właściciel", "verantwortlich", "responsable", "担当", "担当者",
                    "负责人", "담당자", "담당", "responsável", "responsabile", "eigenaar", "verantwoordelijke", "ответственный",
                    "исполнитель", "odpovědný", "řešitel", "vastuuhenkilö", "omistaja",
                ]
            ),
            (.discrepanciesAddressed, ["discrepancies addressed"]),
            (.implementationOrder, ["implementation order"]),
            (.deadline, ["deadline", "due", "due date", "target date", "start", "start date", "starts", "begins"]),
        ]
        for (name, words) in table { for word in words { names[word] = name } }
        return names
    }()

    /// The names of fields that say a heading is a work item (a numbered heading with none of
    /// these, and no status in its title, is an ordinary numbered section).
    static let planFields: Set<FieldName> = [
        .dependencies, .softDependencies, .estimate, .actual, .status, .team, .deadline,
        .completionCriteria, .priority, .percentComplete,
    ]
}

/// What a field name sets (`Vocabulary.fieldNames`).
package enum FieldName: Sendable, Hashable {
    case dependencies, softDependencies, estimate, actual, status, priority, percentComplete, tasks, files
    case completionCriteria, declaredCritical, blockers, team, discrepanciesAddressed, implementationOrder, deadline
}
