/// A kiosk form as an XLSForm workbook: the `survey`, `choices` and `settings` sheets every XLSForm
/// tool reads, and three sheets of the kiosk's own — `bands`, `referrals` and `support` — for what XLSForm
/// has no place for. Columns XLSForm does not know start with `kiosk_`; other tools pass them by.
///
/// What the kiosk needs exactly is written so that ``XLSFormImport`` gives back the same form (the same
/// content hash): each condition in the kiosk's own words (`kiosk_show_if`) beside XLSForm's `relevant`,
/// choice scores in a `score` column, and so on. The README's "Forms in a spreadsheet" lists the columns.
public enum XLSFormExport {
    /// The list name of the yes/no choices every yes/no question with the usual scores shares.
    public static let yesNoList = "kiosk_yes_no"

    public static func workbook(for form: Questionnaire) -> Workbook {
        let languages = form.languages
        func columns(_ base: String) -> [String] { languages.map { "\(base)::\(XLSFormLanguages.heading($0))" } }
        func cells(_ base: String, _ text: LocalizedText?) -> [String: String] {
            var result: [String: String] = [:]
            for language in languages { result["\(base)::\(XLSFormLanguages.heading(language))"] = text?.values[language] ?? "" }
            return result
        }

        // survey
        let surveyColumns = ["type", "name"] + columns("label") + columns("hint")
            + ["required", "relevant", "calculation", "constraint", "parameters",
               "kiosk_show_if", "kiosk_breakdown", "kiosk_dont_know", "kiosk_keys", "kiosk_replaces", "kiosk_min_answered", "kiosk_labels"]
            + columns("kiosk_source") + columns("kiosk_unit") + columns("kiosk_min_label") + columns("kiosk_max_label")
        var survey: [[String: String]] = []
        var choices: [[String: String]] = []
        let choiceColumns = ["list_name", "name"] + columns("label") + ["score"]
        func addChoices(_ list: String, _ items: [(code: String, text: LocalizedText, score: Int?)]) {
            for item in items {
                choices.append(["list_name": list, "name": item.code, "score": item.score.map(String.init) ?? ""].merging(cells("label", item.text)) { $1 })
            }
        }
        let yesNo = Phrasebook.yesNoLabels
        if form.questions.contains(where: { if case .yesNo(1, 0) = $0.kind { return true } else { return false } }) {
            addChoices(yesNoList, [(Choice.yes, yesNo.yes, nil), (Choice.no, yesNo.no, nil)])
        }
        var openStem: LocalizedText?
        for question in form.questions {
            if question.stem != openStem {
                if openStem != nil { survey.append(["type": "end_group"]) }
                if let stem = question.stem {
                    survey.append(["type": "begin_group", "name": "stem_\(question.id)"].merging(cells("label", stem)) { $1 })
                }
                openStem = question.stem
            }
            var row: [String: String] = ["name": question.id]
            row.merge(cells("label", question.text)) { $1 }
            row.merge(cells("hint", question.help)) { $1 }
            row.merge(cells("kiosk_source", question.source)) { $1 }
            switch question.kind {
            case .info:
                row["type"] = "note"
                if !question.isRequired { row["required"] = "no" }
            default:
                row["required"] = question.isRequired ? "yes" : "no"
            }
            if let condition = question.showIf {
                row["kiosk_show_if"] = condition.source
                row["relevant"] = XLSFormConditions.relevant(condition.expression) ?? ""
            }
            row["kiosk_breakdown"] = question.breakdown?.rawValue ?? ""
            if question.takesAnswer && !question.allowsDontKnow && question.breakdown == nil { row["kiosk_dont_know"] = "no" }
            row["kiosk_keys"] = question.keys?.rawValue ?? ""
            row["kiosk_replaces"] = question.replaces ?? ""
            switch question.kind {
            case .yesNo(let yes, let no):
                if yes == 1 && no == 0 {
                    row["type"] = "select_one \(yesNoList)"
                } else {
                    row["type"] = "select_one \(question.id)"
                    addChoices(question.id, [(Choice.yes, yesNo.yes, yes), (Choice.no, yesNo.no, no)])
                }
            case .singleChoice(let list), .multipleChoice(let list):
                let multiple: Bool
                if case .multipleChoice = question.kind { multiple = true } else { multiple = false }
                row["type"] = (multiple ? "select_multiple " : "select_one ") + question.id
                addChoices(question.id, list.map { ($0.code, $0.text, $0.score) })
            case .scale(let min, let max, let minLabel, let maxLabel):
                row["type"] = "range"
                row["parameters"] = "start=\(min) end=\(max) step=1"
                row.merge(cells("kiosk_min_label", minLabel)) { $1 }
                row.merge(cells("kiosk_max_label", maxLabel)) { $1 }
                if let labels = question.scaleLabels, !labels.isEmpty {
                    row["kiosk_labels"] = "\(question.id)_points"
                    addChoices("\(question.id)_points", labels.map { (String($0.value), $0.text, nil) })
                }
            case .number(let min, let max, let unit):
                row["type"] = "integer"
                row["constraint"] = ". >= \(min) and . <= \(max)"
                row.merge(cells("kiosk_unit", unit)) { $1 }
            case .freeText:
                row["type"] = "text"
            case .info:
                break
            }
            survey.append(row)
        }
        if openStem != nil { survey.append(["type": "end_group"]) }
        for score in form.scores {
            var row: [String: String] = ["type": "calculate", "name": score.id,
                                         "calculation": score.items.map { "${\($0)}" }.joined(separator: " + ")]
            row.merge(cells("label", score.label)) { $1 }
            if score.minAnswered != 1 { row["kiosk_min_answered"] = String(score.minAnswered) }
            survey.append(row)
        }

        // settings
        let settingsColumns = ["form_id", "form_title", "version", "default_language", "kiosk_languages"] + columns("form_title")
            + columns("kiosk_source") + columns("kiosk_intro") + columns("kiosk_closing") + columns("kiosk_staff_note")
            + ["kiosk_allow_free_text", "kiosk_general_support"]
        var settings: [String: String] = [
            "form_id": form.id, "form_title": form.title.text(in: languages.first ?? .swedish),
            "version": String(form.contentHash.prefix(12)),
            "default_language": languages.first.map(XLSFormLanguages.heading) ?? "",
            "kiosk_languages": languages.map(\.rawValue).joined(separator: " "),
            "kiosk_allow_free_text": form.allowsFreeText ? "yes" : "",
            "kiosk_general_support": form.generalSupport.joined(separator: " "),
        ]
        settings.merge(cells("form_title", form.title)) { $1 }
        settings.merge(cells("kiosk_source", form.source)) { $1 }
        settings.merge(cells("kiosk_intro", form.intro)) { $1 }
        settings.merge(cells("kiosk_closing", form.closing)) { $1 }
        settings.merge(cells("kiosk_staff_note", form.staffNote)) { $1 }

        // bands
        let bandColumns = ["score", "when", "name", "from", "to"] + columns("label")
        var bands: [[String: String]] = []
        for score in form.scores {
            func add(_ list: [ScoreBand], when: String) {
                for band in list {
                    bands.append(["score": score.id, "when": when, "name": band.id, "from": String(band.from), "to": String(band.to)]
                        .merging(cells("label", band.label)) { $1 })
                }
            }
            add(score.bands, when: "")
            for variant in score.bandVariants { add(variant.bands, when: variant.when.source) }
        }

        // referrals
        let referralColumns = ["name", "when", "level"] + columns("message") + ["support", "relevant"]
        let referrals = form.referrals.map { rule in
            ["name": rule.id, "when": rule.when.source, "level": rule.level.rawValue, "support": rule.support.joined(separator: " "),
             "relevant": XLSFormConditions.relevant(rule.when.expression) ?? ""].merging(cells("message", rule.message)) { $1 }
        }

        // support
        let supportColumns = ["name"] + columns("text") + ["for_gender"]
        let support = form.support.map { entry in
            ["name": entry.id, "for_gender": entry.forGender?.joined(separator: " ") ?? ""].merging(cells("text", entry.text)) { $1 }
        }

        // examples: the form's own checks, so a form edited in the spreadsheet is still checked
        let exampleColumns = ["name", "answers", "referrals", "scores", "bands", "shown", "not_shown"]
        let examples = form.examples.map { example in
            let answers = example.answers.sorted { (form.index(ofQuestion: $0.key) ?? Int.max, $0.key) < (form.index(ofQuestion: $1.key) ?? Int.max, $1.key) }
            return [
                "name": example.name,
                "answers": answers.map { "\($0.key)=\(written($0.value))" }.joined(separator: "; "),
                "referrals": example.expectedReferrals.map { $0.isEmpty ? noReferrals : $0.joined(separator: " ") } ?? "",
                "scores": example.expectedScores.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "; "),
                "bands": example.expectedBands.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "; "),
                "shown": example.expectedShown.joined(separator: " "),
                "not_shown": example.expectedNotShown.joined(separator: " "),
            ]
        }

        func sheet(_ name: String, _ headings: [String], _ rows: [[String: String]]) -> Sheet {
            Sheet(name: name, cells: [headings] + rows.map { row in headings.map { row[$0] ?? "" } })
        }
        return Workbook([
            sheet("survey", surveyColumns, survey),
            sheet("choices", choiceColumns, choices),
            sheet("settings", settingsColumns, [settings]),
            sheet("bands", bandColumns, bands),
            sheet("referrals", referralColumns, referrals),
            sheet("support", supportColumns, support),
            sheet("examples", exampleColumns, examples),
        ])
    }

    /// What the `referrals` column of an example says when it expects none.
    public static let noReferrals = "none"

    /// An example's answer as a cell writes it: a code, codes with spaces between, a number, or one of
    /// the reserved words.
    static func written(_ answer: Answer) -> String {
        switch answer {
        case .choice(let code): return code
        case .choices(let codes): return codes.joined(separator: " ")
        case .number(let n): return String(n)
        case .text(let text): return text
        case .declined: return Answer.declinedCode
        case .dontKnow: return Answer.dontKnowCode
        case .skipped: return Answer.skippedCode
        }
    }
}
