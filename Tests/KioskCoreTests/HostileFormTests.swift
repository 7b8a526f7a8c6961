import KioskTestSupport
import Foundation
import KioskCore
import Testing

/// The hostile form files found by the reliability run, each a fixed test: an error at its place, quickly,
/// never a crash or a hang.
@Suite struct HostileFormTests {
    init() { ShippedLanguages.install() }

    /// Loads `yaml`, which must fail within a second with an error at `line`:`column` whose message
    /// contains `words`.
    func expectError(_ yaml: String, at line: Int, _ column: Int? = nil, saying words: String,
                     sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let started = Date()
        let loaded = QuestionnaireLoader.load(yaml: yaml, file: "hostile.yaml")
        #expect(Date().timeIntervalSince(started) < 1, sourceLocation: sourceLocation)
        let error = loaded.diagnostics.errors.first
        #expect(error?.message.contains(words) == true, "\(loaded.diagnostics)", sourceLocation: sourceLocation)
        #expect(error?.location?.line == line, "\(String(describing: error))", sourceLocation: sourceLocation)
        if let column { #expect(error?.location?.column == column, "\(String(describing: error))", sourceLocation: sourceLocation) }
        #expect(!loaded.isValid, sourceLocation: sourceLocation)
    }

    @Test func aBillionLaughsIsRefusedAtItsFirstAlias() {
        var yaml = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        for (index, name) in "bcdefghi".enumerated() {
            let previous = Character(UnicodeScalar(UInt8(97 + index)))
            yaml += "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ", ") + "]\n"
        }
        expectError(yaml, at: 2, 8, saying: "YAML alias ('*a')")
    }

    @Test func anAliasUsedAsAKeyIsRefusedToo() {
        expectError("a: &k [x, y]\n? *k\n: z\n", at: 2, saying: "alias")
    }

    @Test func tenThousandBracketsAreANestingErrorNotACrash() {
        expectError("id: deep\nx: " + String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000) + "\n",
                    at: 2, saying: "nested more than 64 levels")
    }

    @Test func deeplyIndentedBlocksAreANestingErrorToo() {
        var yaml = "id: deep\n"
        for depth in 0..<200 { yaml += String(repeating: " ", count: depth * 2) + "k\(depth):\n" }
        expectError(yaml, at: 66, saying: "nested more than 64 levels")
    }

    @Test func twoThousandNotsAndTenThousandParenthesesInAConditionAreErrorsAtTheirPlace() {
        for condition in [String(repeating: "not ", count: 2_000) + "q1 = yes",
                          String(repeating: "(", count: 10_000) + "q1 = yes" + String(repeating: ")", count: 10_000)] {
            let loaded = QuestionnaireLoader.load(yaml: """
                id: nested
                title: T
                languages: [sv]
                questions:
                  - {id: q1, type: yes_no, text: Ett}
                  - {id: q2, type: yes_no, text: Två, show_if: "\(condition)"}
                """, file: "nested.yaml")
            let error = loaded.diagnostics.errors.first
            #expect(error?.message.contains("nested more than 32 deep") == true, "\(loaded.diagnostics.prefix(1))")
            #expect(error?.location?.line == 6)
        }
    }

    @Test func numbersNearTheLargestIntegerAreErrorsNotOverflows() {
        for (number, line) in [("9223372036854775807", 5), ("-9223372036854775808", 5), ("99999999999999999999999", 5), ("2147483648", 5)] {
            expectError("""
                id: big
                title: T
                languages: [sv]
                questions:
                  - {id: q1, type: number, min: 0, max: \(number), text: Ett}
                """, at: line, saying: "larger than any form needs")
        }
        expectError("""
            id: big
            title: T
            languages: [sv]
            questions:
              - id: q1
                type: single_choice
                text: Ett
                choices:
                  - {code: a, text: A, score: 9223372036854775807}
                  - {code: b, text: B, score: 1}
            scores:
              - {id: s, label: S, sum: [q1]}
            """, at: 9, saying: "larger than any form needs")
    }

    @Test func aScaleUpToTwoBillionIsRefusedAtOnce() {
        expectError("""
            id: wide
            title: T
            languages: [sv]
            questions:
              - {id: q1, type: scale, min: 0, max: 1000000000, text: Ett, labels: {0: a}}
            """, at: 5, saying: "steps, more than a person can pick from")
    }

    @Test func aNULByteAnEscapeAndADeleteCharacterAreLocated() {
        expectError("id: nul\ntitle: \"a\u{0}b\"\n", at: 2, saying: "control character")
        expectError("id: esc\ntitle: \"a\\e[2Jb\"\n", at: 2, 8, saying: "U+001B")
        expectError("id: bell\ntitle: \"ring \\u0007\"\n", at: 2, saying: "U+0007")
        expectError("id: c1\ntitle: \"\\x9b2J\"\n", at: 2, saying: "U+009B")
    }

    @Test func aSecondDocumentADuplicateKeyAndAnEmptyFileAreLocated() {
        expectError("id: one\n---\nid: two\n", at: 2, saying: "more than one YAML document")
        expectError("id: one\ntitle: T\nid: two\n", at: 3, 1, saying: "the key 'id' appears twice")
        expectError("", at: 1, 1, saying: "the form is empty")
    }

    @Test func aKeyRepeatedFarIntoALargeBlockIsLocated() {
        // From the seventeenth key on, keys are compared through a set: the repeat is still found, at its line.
        let stems = (1...30).map { "  s\($0): {sv: S, en: S}\n" }.joined()
        expectError("id: big\nstems:\n" + stems + "  s3: {sv: T, en: T}\n", at: 33, 3, saying: "the key 's3' appears twice")
    }
}
