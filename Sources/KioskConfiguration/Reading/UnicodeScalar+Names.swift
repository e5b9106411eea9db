extension Unicode.Scalar {
    /// An ASCII letter or digit, or one of `others`: what names and ids may be made of.
    func isNameCharacter(orOneOf others: String) -> Bool {
        switch self {
        case "A"..."Z", "a"..."z", "0"..."9": true
        default: others.unicodeScalars.contains(self)
        }
    }
}
