/// A parsed YAML document as the loader needs it: text, style and place of every value, nothing else
/// (built by `YAMLReader` straight from libyaml's events; no tags, anchors or aliases).
/// Not `indirect`: lists and blocks hold their children in arrays, which are boxed already, so a scalar
/// costs no allocation of its own beyond its text.
enum YNode {
    case scalar(YScalar)
    case mapping(YMapping)
    case sequence(YSequence)

    var scalar: YScalar? {
        if case .scalar(let scalar) = self { return scalar }
        return nil
    }

    /// Where the value starts in the file.
    var location: SourceLocation? {
        switch self {
        case .scalar(let scalar): return scalar.location
        case .mapping(let mapping): return mapping.location
        case .sequence(let sequence): return sequence.location
        }
    }

    /// A short name for the kind of value, for messages.
    var kindName: String {
        switch self {
        case .scalar: return "a single value"
        case .mapping: return "a set of 'key: value' lines"
        case .sequence: return "a list"
        }
    }
}

/// Where a value starts, kept in 8 bytes: a tree of a large form holds hundreds of thousands of them, and
/// a smaller node is less to copy and to free (a ``SourceLocation`` is made only when one is asked for).
struct YPlace {
    var line: UInt32
    var column: UInt32

    init(line: Int, column: Int) {
        self.line = UInt32(clamping: line)
        self.column = UInt32(clamping: column)
    }

    var location: SourceLocation { SourceLocation(line: Int(line), column: Int(column)) }
}

struct YScalar {
    enum Style: Equatable {
        case plain, singleQuoted, doubleQuoted, literal, folded
    }

    var string: String
    var style: Style
    var place: YPlace
    var location: SourceLocation? { place.location }
}

struct YMapping: Sequence {
    var pairs: [(key: YNode, value: YNode)]
    var place: YPlace
    var location: SourceLocation? { place.location }

    func makeIterator() -> IndexingIterator<[(key: YNode, value: YNode)]> { pairs.makeIterator() }
}

struct YSequence: Sequence {
    var items: [YNode]
    var place: YPlace
    var location: SourceLocation? { place.location }

    var count: Int { items.count }
    func makeIterator() -> IndexingIterator<[YNode]> { items.makeIterator() }
}
