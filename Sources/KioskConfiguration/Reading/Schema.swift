/// The tables and keys a kind of file may contain. Anything else in the file is an error, with
/// a "did you mean" when a known name is close.
struct Schema: Sendable {
    /// The keys allowed in each table, by table path (`[]` is the top level).
    var tables: [[String]: [String]]

    /// Throws for the first unknown table or key in file order.
    func check(_ document: TOMLDocument) throws(Problem) {
        var problems: [Problem] = []
        for (path, table) in document.tables {
            if tables[path] == nil {
                if table.isExplicit { problems.append(unknownTable(path, line: table.line)) }
                continue
            }
            for key in table.keys where !(tables[path] ?? []).contains(key) {
                problems.append(unknownKey(key, in: path, line: table.entries[key]?.line))
            }
        }
        if let first = problems.min(by: { ($0.line ?? 0, $0.column ?? 0) < ($1.line ?? 0, $1.column ?? 0) }) {
            throw first
        }
    }

    private func unknownTable(_ path: [String], line: Int?) -> Problem {
        let name = path.joined(separator: ".")
        let candidates = tables.keys.filter { !$0.isEmpty }.map { $0.joined(separator: ".") }
        var message = "unknown table"
        if let suggestion = Self.closest(to: name, among: candidates) {
            message += " (did you mean [\(suggestion)]?)"
        }
        return Problem(line: line, key: "[\(name)]", message)
    }

    private func unknownKey(_ key: String, in path: [String], line: Int?) -> Problem {
        let dotted = (path + [key]).joined(separator: ".")
        var message = "unknown key"
        if let suggestion = suggestion(for: key, in: path) {
            message += " (did you mean \(suggestion)?)"
        }
        if ["verify", "insecure", "tls", "ssl"].contains(where: key.lowercased().contains) {
            message += "; TLS certificates are always verified and that cannot be turned off"
        }
        return Problem(line: line, key: dotted, message)
    }

    /// A close key in the same table, or else the same or a close key in another table.
    private func suggestion(for key: String, in path: [String]) -> String? {
        if let near = Self.closest(to: key, among: tables[path] ?? []) {
            return (path + [near]).joined(separator: ".")
        }
        let elsewhere = tables.flatMap { table, keys in keys.map { (table + [$0]).joined(separator: ".") } }
        return elsewhere.sorted().first { $0.hasSuffix("." + key) || $0 == key }
            ?? elsewhere.sorted().first {
                let leaf = String($0.split(separator: ".").last ?? "")
                return Self.closest(to: key, among: [leaf]) != nil
            }
    }

    /// The candidate within a small edit distance of `name` (about one typo in three letters).
    static func closest(to name: String, among candidates: [String]) -> String? {
        let limit = max(1, name.count / 3)
        return candidates
            .map { ($0, editDistance(name.lowercased(), $0.lowercased())) }
            .filter { $0.1 <= limit }
            .min { ($0.1, $0.0) < ($1.1, $1.0) }?
            .0
    }

    /// Edit distance between two strings, by characters: insertions, deletions, substitutions
    /// and swaps of neighbours (`nmae` is one edit from `name`).
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        guard !a.isEmpty, !b.isEmpty else { return max(a.count, b.count) }
        var distance = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { distance[i][0] = i }
        for j in 0...b.count { distance[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                distance[i][j] = min(distance[i - 1][j] + 1, distance[i][j - 1] + 1, distance[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    distance[i][j] = min(distance[i][j], distance[i - 2][j - 2] + 1)
                }
            }
        }
        return distance[a.count][b.count]
    }
}
