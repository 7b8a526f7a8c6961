
/// Collects the problems found while reading one form file.
final class DiagnosticCollector {
    let file: String
    private(set) var diagnostics: [Diagnostic] = []

    init(file: String) { self.file = file }

    func error(_ location: SourceLocation?, _ message: String, fix: String? = nil) {
        diagnostics.append(Diagnostic(.error, file: file, at: location, message, fix: fix))
    }

    func warning(_ location: SourceLocation?, _ message: String, fix: String? = nil) {
        diagnostics.append(Diagnostic(.warning, file: file, at: location, message, fix: fix))
    }

    var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
}

/// The keys of one YAML mapping, checked against the keys it may have. Reads the mapping in place (no
/// copy of its keys and values: a large form has tens of thousands of mappings, most with a few keys).
struct Fields {
    let node: YNode
    private let pairs: [(key: YNode, value: YNode)]
    /// What this mapping is, for messages (`question 'q3'`).
    let what: String

    /// Reads `node` as a mapping of `what`. Reports a node that is not a mapping, and every key not in
    /// `allowed` (with the closest allowed key as a suggestion; `listed`, the keys to name in that message,
    /// is worked out only when there is one).
    init?(_ node: YNode, what: String, allowed: [String], listed: @autoclosure () -> [String]? = nil, into collector: DiagnosticCollector) {
        guard case .mapping(let mapping) = node else {
            collector.error(node.location, "\(what) should be a set of 'key: value' lines, but it is \(node.kindName)",
                            fix: "write it as lines like 'id: …' indented under it")
            return nil
        }
        self.node = node
        self.what = what
        self.pairs = mapping.pairs
        for (keyNode, _) in mapping {
            guard let key = keyNode.scalar?.string else {
                collector.error(keyNode.location, "a key in \(what) is not a plain word", fix: "use one of: \(allowed.joined(separator: ", "))")
                continue
            }
            guard allowed.contains(key) else {
                let shown = listed() ?? allowed
                var fix = "the keys \(what) may have are: \(shown.joined(separator: ", "))"
                if let suggestion = closestMatch(to: key, among: shown) {
                    fix = "did you mean '\(suggestion)'? " + fix
                }
                collector.error(keyNode.location, "unknown key '\(key)' in \(what)", fix: fix)
                continue
            }
        }
    }

    /// The value of `key`. Only ever asked for allowed keys, so a key reported as unknown (or one that is not a
    /// word) is never found.
    subscript(key: String) -> YNode? {
        pairs.first { $0.key.scalar?.string == key }?.value
    }

    func keyLocation(_ key: String) -> SourceLocation? {
        pairs.first { $0.key.scalar?.string == key }?.key.location
    }

    /// The keys of the mapping that are words, with where each is, in the file's order.
    var keys: some Sequence<(key: String, location: SourceLocation?)> {
        pairs.lazy.compactMap { pair in pair.key.scalar.map { (key: $0.string, location: $0.location) } }
    }

    /// Reports a missing key with where to add it.
    func require(_ key: String, example: @autoclosure () -> String, into collector: DiagnosticCollector) -> YNode? {
        if let value = self[key] { return value }
        collector.error(node.location, "\(what) has no '\(key)'", fix: "add a line '\(key): \(example())'")
        return nil
    }
}

/// The allowed word closest to `word`, if it is close enough to be a likely typo.
public func closestMatch(to word: String, among candidates: [String]) -> String? {
    let lowered = word.lowercased()
    let scored = candidates.map { ($0, editDistance(lowered, $0.lowercased())) }
    if let best = scored.min(by: { $0.1 < $1.1 }), best.1 <= max(2, word.count / 3) { return best.0 }
    // A long shared beginning also suggests the same thing (`violence-7` → `violence-seven`).
    func sharedPrefix(_ candidate: String) -> Int {
        zip(lowered, candidate.lowercased()).prefix { $0 == $1 }.count
    }
    guard let best = candidates.max(by: { sharedPrefix($0) < sharedPrefix($1) }) else { return nil }
    return sharedPrefix(best) >= max(5, word.count * 2 / 3) ? best : nil
}

/// Levenshtein distance between two words.
public func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
        current[0] = i
        for j in 1...b.count {
            let cost = a[i - 1] == b[j - 1] ? 0 : 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
        }
        swap(&previous, &current)
    }
    return previous[b.count]
}
