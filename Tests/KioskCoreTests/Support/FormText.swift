import KioskCore
import Testing

/// Marks where a diagnostic must point: put `⟪` right before the spot in a test form.
let marker: Character = "⟪"

/// A test form with markers removed, and each marker's line and column (columns count Unicode scalars).
struct MarkedText {
    var text: String
    var markers: [KioskCore.SourceLocation]

    init(_ marked: String) {
        var text = ""
        var markers: [KioskCore.SourceLocation] = []
        var line = 1
        var column = 1
        for character in marked {
            if character == marker {
                markers.append(KioskCore.SourceLocation(line: line, column: column))
                continue
            }
            text.append(character)
            if character == "\n" {
                line += 1
                column = 1
            } else {
                column += character.unicodeScalars.count
            }
        }
        self.text = text
        self.markers = markers
    }
}

/// Loads a test form.
func load(_ yaml: String, file: String = "test.yaml") -> LoadedQuestionnaire {
    QuestionnaireLoader.load(yaml: yaml, file: file)
}

/// The one valid form most tests start from, with two languages.
let minimalForm = """
    id: test
    title: {sv: Test, en: Test}
    languages: [sv, en]
    questions:
      - id: q1
        type: yes_no
        text: {sv: Fråga ett, en: Question one}

    """

/// Loads a form that must be valid, failing the test with its diagnostics otherwise.
func validForm(_ yaml: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> Questionnaire {
    let loaded = load(yaml)
    #expect(loaded.diagnostics.errors.isEmpty, "unexpected errors: \(loaded.diagnostics.errors)", sourceLocation: sourceLocation)
    return try #require(loaded.questionnaire, sourceLocation: sourceLocation)
}

/// Checks that loading `marked` gives exactly one error, at the marker, whose message contains `words`.
func expectError(_ marked: String, mentioning words: String..., sourceLocation: Testing.SourceLocation = #_sourceLocation) {
    let form = MarkedText(marked)
    let errors = load(form.text).diagnostics.errors
    #expect(errors.count == 1, "expected one error, got: \(errors.map(\.description))", sourceLocation: sourceLocation)
    guard let error = errors.first else { return }
    #expect(error.location == form.markers.first, "error at \(String(describing: error.location)), marker at \(String(describing: form.markers.first)): \(error)", sourceLocation: sourceLocation)
    for word in words {
        #expect(error.description.contains(word), "'\(word)' not in: \(error)", sourceLocation: sourceLocation)
    }
    #expect(error.fix != nil, "every error says how to fix it: \(error)", sourceLocation: sourceLocation)
}

/// Whether a published count is a perturbation of `n` the standard Cell Key Method allows: within its
/// maximum deviation (a small count may go to 0 or to the smallest published value), never 1 or 2.
func near(_ value: PublishedCount?, _ n: Int) -> Bool {
    guard let v = value?.value else { return false }
    return CellKeyMethod.standard.distribution(for: n).contains { $0.value == v }
}
