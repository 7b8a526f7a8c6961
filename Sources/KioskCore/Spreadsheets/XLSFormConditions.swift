/// Conditions between the kiosk's language (`q1 = yes and q8 has police`) and XLSForm's `relevant`
/// expressions (`${q1} = 'yes' and selected(${q8}, 'police')`).
public enum XLSFormConditions {
    /// The kiosk condition as an XLSForm `relevant` expression, or `nil` when XLSForm cannot say it
    /// (a comparison with "declined" or "don't know", which XLSForm forms have no answer for).
    public static func relevant(_ expression: Expression) -> String? {
        render(expression, inside: .top)
    }

    private enum Context { case top, and, not }

    private static func render(_ expression: Expression, inside context: Context) -> String? {
        func literal(_ value: Value) -> String? {
            if value.isReservedAnswer { return nil }
            if let number = value.number { return String(number) }
            return "'\(value.text)'"
        }
        func test(_ ref: Reference, _ op: ComparisonOperator, _ value: Value) -> String? {
            literal(value).map { "${\(ref.name)} \(op.rawValue) \($0)" }
        }
        func joined(_ parts: [String?], _ word: String, grouped: Bool) -> String? {
            guard parts.allSatisfy({ $0 != nil }) else { return nil }
            let text = parts.compactMap { $0 }.joined(separator: " \(word) ")
            return grouped && parts.count > 1 ? "(\(text))" : text
        }
        switch expression {
        case .or(let parts):
            return joined(parts.map { render($0, inside: .and) }, "or", grouped: context != .top)
        case .and(let parts):
            return joined(parts.map { render($0, inside: .and) }, "and", grouped: context == .not)
        case .not(let inner):
            return render(inner, inside: .top).map { "not(\($0))" }
        case .compare(let ref, let op, let value):
            return test(ref, op, value)
        case .any(let refs, let op, let value):
            return joined(refs.map { test($0, op, value) }, "or", grouped: context != .top)
        case .all(let refs, let op, let value):
            return joined(refs.map { test($0, op, value) }, "and", grouped: context == .not)
        case .oneOf(let ref, let values):
            return joined(values.map { test(ref, .equal, $0) }, "or", grouped: context != .top)
        case .anyOneOf(let refs, let values):
            return joined(refs.flatMap { ref in values.map { test(ref, .equal, $0) } }, "or", grouped: context != .top)
        case .allOneOf(let refs, let values):
            let each = refs.map { ref in joined(values.map { test(ref, .equal, $0) }, "or", grouped: true) }
            return joined(each, "and", grouped: context == .not)
        case .has(let ref, let value):
            return literal(value).map { "selected(${\(ref.name)}, \($0))" }
        case .answered(let ref):
            return "${\(ref.name)} != ''"
        }
    }

    /// Why an XLSForm expression cannot be converted.
    public struct Problem: Error, Hashable, Sendable, CustomStringConvertible {
        public var reason: String
        public var description: String { reason }
    }

    /// An XLSForm `relevant` expression as a kiosk condition's text. `isMultiple` tells which names are
    /// multiple-choice questions (`${q} = 'a'` on one of those means "has a").
    public static func kioskCondition(_ relevant: String, isMultiple: (String) -> Bool = { _ in false }) -> Result<String, Problem> {
        var reader = Reader(tokens: [])
        do {
            reader = Reader(tokens: try tokens(of: relevant))
            let text = try reader.condition(isMultiple: isMultiple)
            guard reader.atEnd else { throw Problem(reason: "'\(reader.peek ?? "")' was not expected here") }
            guard case .success = ExpressionParser.parse(text) else { throw Problem(reason: "the result '\(text)' is not a kiosk condition") }
            return .success(text)
        } catch let problem as Problem {
            return .failure(problem)
        } catch {
            return .failure(Problem(reason: "\(error)"))
        }
    }

    /// `${name}`, quoted strings (kept with a leading quote), numbers, words and symbols.
    static func tokens(of text: String) throws -> [String] {
        let scalars = Array(text.unicodeScalars)
        var tokens: [String] = []
        var i = 0
        while i < scalars.count {
            let c = scalars[i]
            if c == " " || c == "\t" || c == "\n" || c == "\r" { i += 1; continue }
            if c == "$" {
                guard i + 1 < scalars.count, scalars[i + 1] == "{", let end = scalars[i...].firstIndex(of: "}") else {
                    throw Problem(reason: "a '${' is not closed with '}'")
                }
                tokens.append("$" + String(String.UnicodeScalarView(scalars[(i + 2)..<end])))
                i = end + 1
                continue
            }
            if c == "'" || c == "\"" {
                guard let end = scalars[(i + 1)...].firstIndex(of: c) else { throw Problem(reason: "a quote is never closed") }
                tokens.append("'" + String(String.UnicodeScalarView(scalars[(i + 1)..<end])))
                i = end + 1
                continue
            }
            if "(),".unicodeScalars.contains(c) { tokens.append(String(c)); i += 1; continue }
            if "<>=!".unicodeScalars.contains(c) {
                var op = String(c)
                if i + 1 < scalars.count, scalars[i + 1] == "=" { op.append("="); i += 1 }
                tokens.append(op)
                i += 1
                continue
            }
            var word = ""
            while i < scalars.count, !" \t\n\r$'\"(),<>=!".unicodeScalars.contains(scalars[i]) {
                word.unicodeScalars.append(scalars[i])
                i += 1
            }
            tokens.append(word)
        }
        return tokens
    }

    private struct Reader {
        var tokens: [String]
        var index = 0

        var atEnd: Bool { index >= tokens.count }
        var peek: String? { atEnd ? nil : tokens[index] }

        mutating func next() throws -> String {
            guard let token = peek else { throw Problem(reason: "the expression ends too early") }
            index += 1
            return token
        }

        mutating func expect(_ token: String) throws {
            let got = try next()
            guard got == token else { throw Problem(reason: "expected '\(token)' but found '\(got)'") }
        }

        mutating func condition(isMultiple: (String) -> Bool) throws -> String {
            var parts = [try term(isMultiple: isMultiple)]
            while peek?.lowercased() == "or" { index += 1; parts.append(try term(isMultiple: isMultiple)) }
            return parts.count == 1 ? parts[0] : parts.joined(separator: " or ")
        }

        mutating func term(isMultiple: (String) -> Bool) throws -> String {
            var parts = [try factor(isMultiple: isMultiple)]
            while peek?.lowercased() == "and" { index += 1; parts.append(try factor(isMultiple: isMultiple)) }
            return parts.count == 1 ? parts[0] : parts.joined(separator: " and ")
        }

        mutating func factor(isMultiple: (String) -> Bool) throws -> String {
            let token = try next()
            switch token.lowercased() {
            case "not":
                try expect("(")
                let inner = try condition(isMultiple: isMultiple)
                try expect(")")
                return "not (\(inner))"
            case "(":
                let inner = try condition(isMultiple: isMultiple)
                try expect(")")
                return "(\(inner))"
            case "selected":
                try expect("(")
                let name = try reference()
                try expect(",")
                let value = try literal()
                try expect(")")
                return isMultiple(name) ? "\(name) has \(value)" : "\(name) = \(value)"
            default:
                guard token.hasPrefix("$") else { throw Problem(reason: "'\(token)' is not supported (only ${name} comparisons, selected(), and, or, not)") }
                index -= 1
                let name = try reference()
                let op = try next()
                guard ["=", "!=", "<", "<=", ">", ">="].contains(op) else { throw Problem(reason: "'\(op)' is not a comparison") }
                if peek == "'" {
                    // ${q} = '' is "not answered"; ${q} != '' is "answered".
                    index += 1
                    guard op == "=" || op == "!=" else { throw Problem(reason: "an empty value can only be compared with = or !=") }
                    return op == "=" ? "not answered(\(name))" : "answered(\(name))"
                }
                let value = try literal()
                if isMultiple(name) {
                    guard op == "=" || op == "!=" else { throw Problem(reason: "a multiple-choice question is compared with = or != only") }
                    return op == "=" ? "\(name) has \(value)" : "not \(name) has \(value)"
                }
                return "\(name) \(op) \(value)"
            }
        }

        mutating func reference() throws -> String {
            let token = try next()
            guard token.hasPrefix("$"), token.count > 1 else { throw Problem(reason: "expected a ${name} but found '\(token)'") }
            return String(token.dropFirst())
        }

        /// A value as the kiosk writes it: a plain code or number, else in quotes.
        mutating func literal() throws -> String {
            let token = try next()
            let text: String
            if token.hasPrefix("'") {
                text = String(token.dropFirst())
            } else {
                guard Int(token) != nil else { throw Problem(reason: "expected a value in quotes or a number but found '\(token)'") }
                return token
            }
            guard !text.isEmpty, !text.contains("'") else { throw Problem(reason: "the value '\(text)' cannot be compared") }
            if Int(text) != nil { return "'\(text)'" }
            let plain = text.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "_" || $0 == "-" }
                && !ExpressionParser.keywords.contains(text) && text.unicodeScalars.first.map { !("0"..."9").contains($0) } == true
            return plain ? text : "'\(text)'"
        }
    }
}
