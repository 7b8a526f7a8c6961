import Yams

/// A light copy of a parsed YAML document: text, style and place of every value, nothing else.
///
/// Yams' nodes carry tags, anchors and weak references that make every copy costly; the loader walks the
/// tree many times, so it walks this one instead (a form with thousands of questions loads several times
/// faster).
indirect enum YNode {
    case scalar(YScalar)
    case mapping(YMapping)
    case sequence(YSequence)

    /// Copies a Yams node tree.
    init(_ node: Node) {
        switch node {
        case .scalar(let scalar):
            self = .scalar(YScalar(string: scalar.string, style: YScalar.Style(scalar.style), location: node.location))
        case .mapping(let mapping):
            self = .mapping(YMapping(pairs: mapping.map { (YNode($0.key), YNode($0.value)) }, location: node.location))
        case .sequence(let sequence):
            self = .sequence(YSequence(items: sequence.map(YNode.init), location: node.location))
        case .alias:
            self = .scalar(YScalar(string: "", style: .plain, location: node.location))
        }
    }

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

        init(_ style: Node.Scalar.Style) {
            switch style {
            case .singleQuoted: self = .singleQuoted
            case .doubleQuoted: self = .doubleQuoted
            case .literal: self = .literal
            case .folded: self = .folded
            default: self = .plain
            }
        }
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

extension Node {
    /// Where the node starts in the file.
    var location: SourceLocation? {
        mark.map { SourceLocation(line: $0.line, column: $0.column) }
    }
}
