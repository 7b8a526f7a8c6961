/// A problem in the text of a condition, at a character offset.
public struct ExpressionSyntaxError: Error, Hashable, Sendable {
    /// What is wrong and how to write it instead.
    public var message: String
    /// Character offset into the condition text (0-based).
    public var offset: Int
}

/// Parses the condition language of form files. Pure; reports the first syntax error with its offset.
public enum ExpressionParser {
    /// Words with a meaning of their own; no question, score or choice may be called this.
    public static let keywords: Set<String> = ["and", "or", "not", "in", "has", "any", "all", "answered"]

    /// Parses `text` into an expression.
    public static func parse(_ text: String) -> Result<Expression, ExpressionSyntaxError> {
        do {
            var parser = try Parser(tokens: Lexer.tokens(of: text), textLength: text.unicodeScalars.count)
            let expression = try parser.condition()
            try parser.expectEnd()
            return .success(expression)
        } catch let error as ExpressionSyntaxError {
            return .failure(error)
        } catch {
            return .failure(ExpressionSyntaxError(message: "\(error)", offset: 0))
        }
    }
}

private struct Token: Equatable {
    enum Kind: Equatable {
        case name(String)
        case number(Int)
        case quoted(String)
        case symbol(String)
    }

    var kind: Kind
    var offset: Int

    var display: String {
        switch kind {
        case .name(let n): return "'\(n)'"
        case .number(let n): return "'\(n)'"
        case .quoted(let q): return "'\(q)'"
        case .symbol(let s): return "'\(s)'"
        }
    }
}

private enum Lexer {
    static func tokens(of text: String) throws -> [Token] {
        let scalars = Array(text.unicodeScalars)
        var tokens: [Token] = []
        tokens.reserveCapacity(8)
        var i = 0
        // Names are ASCII: letters are compared as ranges, without the Unicode property tables.
        // The text of scalars[range]: names and numbers are ASCII, written straight into the string's
        // bytes (building a string through its scalar view decodes them one by one as UTF-32).
        func spelled(_ range: Range<Int>) -> String {
            let slice = scalars[range]
            guard slice.allSatisfy({ $0.isASCII }) else { return String(String.UnicodeScalarView(slice)) }
            return String(unsafeUninitializedCapacity: slice.count) { bytes in
                for (offset, scalar) in slice.enumerated() { bytes[offset] = UInt8(truncatingIfNeeded: scalar.value) }
                return slice.count
            }
        }
        func isNameStart(_ c: Unicode.Scalar) -> Bool { c == "_" || ("a"..."z").contains(c) || ("A"..."Z").contains(c) }
        func isNamePart(_ c: Unicode.Scalar) -> Bool { isNameStart(c) || ("0"..."9").contains(c) || c == "-" || c == "+" }
        while i < scalars.count {
            let c = scalars[i]
            if c == " " || c == "\t" || c == "\n" || c == "\r" {
                i += 1
                continue
            }
            let start = i
            if ("0"..."9").contains(c) || (c == "-" && i + 1 < scalars.count && ("0"..."9").contains(scalars[i + 1])) {
                i += 1
                while i < scalars.count, ("0"..."9").contains(scalars[i]) { i += 1 }
                // Codes like `16-24` or `65+` start with digits: read them as one code.
                if i < scalars.count, isNamePart(scalars[i]) {
                    while i < scalars.count, isNamePart(scalars[i]) { i += 1 }
                    tokens.append(Token(kind: .name(spelled(start..<i)), offset: start))
                    continue
                }
                let digits = spelled(start..<i)
                guard let number = Int(digits) else {
                    throw ExpressionSyntaxError(message: "the number '\(digits)' is too large", offset: start)
                }
                tokens.append(Token(kind: .number(number), offset: start))
            } else if isNameStart(c) {
                i += 1
                while i < scalars.count, isNamePart(scalars[i]) { i += 1 }
                tokens.append(Token(kind: .name(spelled(start..<i)), offset: start))
            } else if c == "'" || c == "\"" {
                i += 1
                while i < scalars.count, scalars[i] != c { i += 1 }
                guard i < scalars.count else {
                    throw ExpressionSyntaxError(message: "the quote opened here is never closed; add a closing \(c)", offset: start)
                }
                tokens.append(Token(kind: .quoted(spelled((start + 1)..<i)), offset: start))
                i += 1
            } else if c == "=" && i + 1 < scalars.count && scalars[i + 1] == "=" {
                throw ExpressionSyntaxError(message: "'==' is not needed; write a single '=' to compare", offset: start)
            } else if "()=,".unicodeScalars.contains(c) {
                tokens.append(Token(kind: .symbol(String(c)), offset: start))
                i += 1
            } else if c == "!" || c == "<" || c == ">" {
                if i + 1 < scalars.count, scalars[i + 1] == "=" {
                    tokens.append(Token(kind: .symbol(String(c) + "="), offset: start))
                    i += 2
                } else if c == "!" {
                    throw ExpressionSyntaxError(message: "'!' on its own means nothing; write '!=' for 'is not', or 'not' before a test", offset: start)
                } else {
                    tokens.append(Token(kind: .symbol(String(c)), offset: start))
                    i += 1
                }
            } else if c == "&" || c == "|" {
                let word = c == "&" ? "and" : "or"
                throw ExpressionSyntaxError(message: "'\(c)' is not part of the condition language; write '\(word)'", offset: start)
            } else {
                throw ExpressionSyntaxError(message: "unexpected character '\(c)'", offset: start)
            }
        }
        return tokens
    }
}

private struct Parser {
    /// More than any real condition needs; deeper nesting is an error, not a stack overflow.
    static let maximumDepth = 32

    var tokens: [Token]
    var position = 0
    let textLength: Int
    /// How many 'not's and brackets are open.
    var depth = 0

    init(tokens: [Token], textLength: Int) {
        self.tokens = tokens
        self.textLength = textLength
    }

    var current: Token? { position < tokens.count ? tokens[position] : nil }
    var currentOffset: Int { current?.offset ?? textLength }

    mutating func advance() { position += 1 }

    func isKeyword(_ word: String) -> Bool {
        if case .name(let n)? = current?.kind, n == word { return true }
        return false
    }

    func isSymbol(_ symbol: String) -> Bool {
        if case .symbol(let s)? = current?.kind, s == symbol { return true }
        return false
    }

    func error(_ message: String) -> ExpressionSyntaxError {
        ExpressionSyntaxError(message: message, offset: currentOffset)
    }

    func found() -> String { current.map { "found \($0.display)" } ?? "the condition ends" }

    mutating func expect(_ symbol: String, _ what: String) throws {
        guard isSymbol(symbol) else { throw error("expected \(what), but \(found())") }
        advance()
    }

    mutating func expectEnd() throws {
        guard let token = current else { return }
        throw error("expected 'and', 'or' or the end of the condition, but found \(token.display)")
    }

    mutating func condition() throws -> Expression {
        var parts = [try term()]
        while isKeyword("or") {
            advance()
            parts.append(try term())
        }
        return parts.count == 1 ? parts[0] : .or(parts)
    }

    mutating func term() throws -> Expression {
        var parts = [try factor()]
        while isKeyword("and") {
            advance()
            parts.append(try factor())
        }
        return parts.count == 1 ? parts[0] : .and(parts)
    }

    mutating func factor() throws -> Expression {
        if isKeyword("not") || isSymbol("(") {
            guard depth < Self.maximumDepth else {
                throw error("'not' and brackets are nested more than \(Self.maximumDepth) deep here; write the condition more simply")
            }
            depth += 1
            defer { depth -= 1 }
            if isKeyword("not") {
                advance()
                return .not(try factor())
            }
            advance()
            let inner = try condition()
            try expect(")", "')' to close the '('")
            return inner
        }
        return try test()
    }

    mutating func test() throws -> Expression {
        guard let token = current else {
            throw error("expected a question or score id, but the condition ends")
        }
        guard case .name(let name) = token.kind else {
            throw error("expected a question or score id, but \(found())")
        }
        if name == "any" || name == "all" {
            advance()
            let names = try nameList(after: name)
            if isKeyword("in") {
                advance()
                let values = try valueList(example: "\(name)(…) in (a, b)")
                return name == "any" ? .anyOneOf(names, values) : .allOneOf(names, values)
            }
            let op = try comparisonOperator(after: "\(name)(…)")
            let value = try self.value()
            return name == "any" ? .any(names, op, value) : .all(names, op, value)
        }
        if name == "answered" {
            advance()
            try expect("(", "'(' after 'answered'")
            let ref = try reference()
            try expect(")", "')' after the id in 'answered(…)'")
            return .answered(ref)
        }
        let ref = try reference()
        if isKeyword("in") {
            advance()
            return .oneOf(ref, try valueList(example: "\(ref.name) in (a, b)"))
        }
        if isKeyword("has") {
            advance()
            return .has(ref, try value())
        }
        let op = try comparisonOperator(after: "'\(ref.name)'")
        return .compare(ref, op, try value())
    }

    mutating func reference() throws -> Reference {
        guard let token = current, case .name(let name) = token.kind else {
            throw error("expected a question or score id, but \(found())")
        }
        guard !ExpressionParser.keywords.contains(name) else {
            throw error("expected a question or score id, but found the word '\(name)'")
        }
        advance()
        return Reference(name, at: token.offset)
    }

    /// `( value, value … )` after 'in'.
    mutating func valueList(example: String) throws -> [Value] {
        try expect("(", "'(' after 'in', as in: \(example)")
        var values = [try value()]
        while isSymbol(",") {
            advance()
            values.append(try value())
        }
        try expect(")", "')' to close the list after 'in'")
        return values
    }

    mutating func nameList(after word: String) throws -> [Reference] {
        try expect("(", "'(' after '\(word)', as in: \(word)(q1, q2) = yes")
        var names = [try reference()]
        while isSymbol(",") {
            advance()
            names.append(try reference())
        }
        try expect(")", "')' to close the list of ids after '\(word)'")
        return names
    }

    mutating func comparisonOperator(after what: String) throws -> ComparisonOperator {
        if case .symbol(let s)? = current?.kind, let op = ComparisonOperator(rawValue: s) {
            advance()
            return op
        }
        throw error("expected a comparison (=, !=, <, <=, >, >=) after \(what), but \(found())")
    }

    mutating func value() throws -> Value {
        guard let token = current else { throw error("expected a value (a choice code or a number), but the condition ends") }
        switch token.kind {
        case .number(let n):
            advance()
            return Value(text: String(n), number: n, at: token.offset)
        case .quoted(let q):
            advance()
            return Value(text: q, at: token.offset)
        case .name(let n) where !ExpressionParser.keywords.contains(n):
            advance()
            return Value(text: n, at: token.offset)
        default:
            throw error("expected a value (a choice code or a number), but \(found())")
        }
    }
}
