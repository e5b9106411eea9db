import SwiftASN1

/// BOOLEANs written as BER allows and DER does not: TRUE as anything but `FF` (the NHSbuntu
/// identity agent re-encodes the card certificate with TRUE as `01`).
enum BERBoolean {
    /// Whether `node` or any node inside it is such a BOOLEAN.
    static func found(in node: ASN1Node) -> Bool {
        switch node.content {
        case .primitive(let bytes):
            node.identifier == .boolean && !(bytes.elementsEqual([0x00]) || bytes.elementsEqual([0xFF]))
        case .constructed(let children):
            children.contains { found(in: $0) }
        }
    }
}
