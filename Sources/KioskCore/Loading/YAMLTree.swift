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

struct YScalar {
    enum Style: Equatable {
        case plain, singleQuoted, doubleQuoted, literal, folded
    }

    var string: String
    var style: Style
    var location: SourceLocation?
}

struct YMapping: Sequence {
    var pairs: [(key: YNode, value: YNode)]
    var location: SourceLocation?

    func makeIterator() -> IndexingIterator<[(key: YNode, value: YNode)]> { pairs.makeIterator() }
}

struct YSequence: Sequence {
    var items: [YNode]
    var location: SourceLocation?

    var count: Int { items.count }
    func makeIterator() -> IndexingIterator<[YNode]> { items.makeIterator() }
}
