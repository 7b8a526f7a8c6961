import KioskTestSupport
import KioskCore
import Testing

/// The condition language: what parses, and where syntax errors point.
@Suite struct ExpressionParserTests {
    init() { ShippedLanguages.install() }

    func parse(_ text: String) throws -> Expression {
        try ExpressionParser.parse(text).get()
    }

    func syntaxError(_ text: String) -> ExpressionSyntaxError? {
        if case .failure(let error) = ExpressionParser.parse(text) { return error }
        return nil
    }

    @Test func aComparisonParsesIntoNameOperatorAndValue() throws {
        #expect(try parse("q1 = yes") == .compare(Reference("q1", at: 0), .equal, Value(text: "yes", at: 5)))
        #expect(try parse("hark >= 1") == .compare(Reference("hark", at: 0), .greaterOrEqual, Value(text: "1", number: 1, at: 8)))
        #expect(try parse("q2!=no") == .compare(Reference("q2", at: 0), .notEqual, Value(text: "no", at: 4)))
    }

    @Test func andBindsTighterThanOr() throws {
        guard case .or(let parts) = try parse("a = x or b = y and c = z") else {
            Issue.record("expected 'or' at the top")
            return
        }
        #expect(parts.count == 2)
        guard case .and(let inner) = parts[1] else {
            Issue.record("expected 'and' inside")
            return
        }
        #expect(inner.count == 2)
    }

    @Test func parenthesesAndNotGroup() throws {
        guard case .and(let parts) = try parse("not (a = x or b = y) and c = z") else {
            Issue.record("expected 'and' at the top")
            return
        }
        guard case .not(.or) = parts[0] else {
            Issue.record("expected not(or)")
            return
        }
    }

    @Test func anyAllInHasAndAnsweredParse() throws {
        #expect(try parse("any(q1, q2, q3) = yes").references.map(\.name) == ["q1", "q2", "q3"])
        guard case .all(_, .equal, let value) = try parse("all(q1,q2) = no") else {
            Issue.record("expected all(…)")
            return
        }
        #expect(value.text == "no")
        guard case .oneOf(_, let values) = try parse("q2 in (often, 'always')") else {
            Issue.record("expected in (…)")
            return
        }
        #expect(values.map(\.text) == ["often", "always"])
        guard case .has(let ref, let code) = try parse("q8 has police") else {
            Issue.record("expected has")
            return
        }
        #expect(ref.name == "q8" && code.text == "police")
        guard case .answered(let answered) = try parse("answered(q3)") else {
            Issue.record("expected answered(…)")
            return
        }
        #expect(answered.name == "q3")
    }

    @Test func codesWithDigitsDashesAndPlusAreOneValue() throws {
        #expect(try parse("age = 16-24").values.first?.text == "16-24")
        #expect(try parse("age = 65+").values.first?.text == "65+")
        #expect(try parse("q = -2").values.first?.number == -2)
        #expect(try parse("q = 'a b'").values.first?.text == "a b")
    }

    @Test func syntaxErrorsPointAtTheOffendingPlace() {
        #expect(syntaxError("q1 = ")?.offset == 5)
        #expect(syntaxError("q1 yes")?.offset == 3)
        #expect(syntaxError("q1 = yes and")?.offset == 12)
        #expect(syntaxError("(q1 = yes")?.message.contains("')'") == true)
        #expect(syntaxError("q1 == yes")?.offset == 3)
        #expect(syntaxError("q1 = yes && q2 = no")?.message.contains("write 'and'") == true)
        #expect(syntaxError("q1 = 'open")?.message.contains("never closed") == true)
        #expect(syntaxError("q1 ! yes")?.message.contains("'!='") == true)
        #expect(syntaxError("any(q1 q2) = yes")?.offset == 7)
        #expect(syntaxError("and = yes") != nil)
        #expect(syntaxError("") != nil)
    }
}
