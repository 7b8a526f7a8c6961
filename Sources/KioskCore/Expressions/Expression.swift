/// A condition in the form language, parsed.
///
/// The language is deliberately tiny (see README, "Conditions"):
///
///     condition := term ('or' term)*
///     term      := factor ('and' factor)*
///     factor    := 'not' factor | '(' condition ')' | test
///     test      := NAME op value                       q1 = yes, hark >= 1
///                | NAME 'in' '(' value (',' value)* ')'   q2 in (often, always)
///                | NAME 'has' value                     q8 has police
///                | ('any' | 'all') '(' NAME (',' NAME)* ')' op value
///                | ('any' | 'all') '(' NAME (',' NAME)* ')' 'in' '(' value (',' value)* ')'
///                | 'answered' '(' NAME ')'
///     op        := '=' | '!=' | '<' | '<=' | '>' | '>='
///     value     := a choice code, a whole number, 'quoted code', declined, dont_know
public indirect enum Expression: Hashable, Sendable {
    case or([Expression])
    case and([Expression])
    case not(Expression)
    /// `NAME op value`, or `any(...)`/`all(...)` over several names.
    case compare(Reference, ComparisonOperator, Value)
    case any([Reference], ComparisonOperator, Value)
    case all([Reference], ComparisonOperator, Value)
    /// `NAME in (v1, v2)`.
    case oneOf(Reference, [Value])
    /// `any(q1, q2) in (v1, v2)`: at least one of the names has one of the values.
    case anyOneOf([Reference], [Value])
    /// `all(q1, q2) in (v1, v2)`: every one of the names has one of the values.
    case allOneOf([Reference], [Value])
    /// `NAME has code` (multiple choice).
    case has(Reference, Value)
    /// `answered(NAME)`: a real answer, not declined, don't know or blank.
    case answered(Reference)

    /// Every name the expression refers to, in order of appearance.
    public var references: [Reference] {
        switch self {
        case .or(let parts), .and(let parts): return parts.flatMap(\.references)
        case .not(let inner): return inner.references
        case .compare(let ref, _, _), .oneOf(let ref, _), .has(let ref, _), .answered(let ref): return [ref]
        case .any(let refs, _, _), .all(let refs, _, _), .anyOneOf(let refs, _), .allOneOf(let refs, _): return refs
        }
    }

    /// Every value the expression compares with, in order of appearance.
    public var values: [Value] {
        switch self {
        case .or(let parts), .and(let parts): return parts.flatMap(\.values)
        case .not(let inner): return inner.values
        case .compare(_, _, let value), .any(_, _, let value), .all(_, _, let value), .has(_, let value): return [value]
        case .oneOf(_, let values), .anyOneOf(_, let values), .allOneOf(_, let values): return values
        case .answered: return []
        }
    }
}

/// A name in a condition: a question id or a score id, with its offset in the condition text.
public struct Reference: Hashable, Sendable {
    public var name: String
    public var offset: Int

    public init(_ name: String, at offset: Int = 0) {
        self.name = name
        self.offset = offset
    }
}

/// A literal in a condition: a code or a number, with its offset in the condition text.
public struct Value: Hashable, Sendable, CustomStringConvertible {
    /// The text as written, without quotes.
    public var text: String
    /// Whether it was written as a whole number.
    public var number: Int?
    public var offset: Int

    public init(text: String, number: Int? = nil, at offset: Int = 0) {
        self.text = text
        self.number = number
        self.offset = offset
    }

    public var description: String { text }

    /// Whether this is the reserved `declined` or `dont_know`.
    public var isReservedAnswer: Bool {
        number == nil && (text == Answer.declinedCode || text == Answer.dontKnowCode)
    }
}

/// A comparison between a name and a value.
public enum ComparisonOperator: String, Hashable, Sendable, CaseIterable {
    case equal = "="
    case notEqual = "!="
    case less = "<"
    case lessOrEqual = "<="
    case greater = ">"
    case greaterOrEqual = ">="

    /// Whether the operator only makes sense between numbers.
    public var isOrdering: Bool { self != .equal && self != .notEqual }

    /// Applies the operator to two numbers.
    public func holds(_ lhs: Int, _ rhs: Int) -> Bool {
        switch self {
        case .equal: return lhs == rhs
        case .notEqual: return lhs != rhs
        case .less: return lhs < rhs
        case .lessOrEqual: return lhs <= rhs
        case .greater: return lhs > rhs
        case .greaterOrEqual: return lhs >= rhs
        }
    }
}
