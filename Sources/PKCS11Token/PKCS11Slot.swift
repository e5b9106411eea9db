import CPKCS11

/// A slot of a PKCS#11 module holding a token: for the PC/SC readers it drives, OpenSC names
/// each slot after its reader.
public struct PKCS11Slot: Equatable, Sendable {
    public var id: CK_SLOT_ID
    /// The slot's description, without its padding: the reader's name, for OpenSC.
    public var description: String
    /// The token's label, without its padding.
    public var tokenLabel: String
    public var tokenFlags: CK_FLAGS

    /// Whether this slot is the reader the card monitor named. A description is at most 64
    /// bytes, so a longer reader name matches on the part that fits.
    public func sits(in reader: String) -> Bool {
        description == reader || (description.utf8.count >= 63 && reader.hasPrefix(description))
    }

    /// What token flags say of the passcode's tries.
    public static func passcodeTries(flags: CK_FLAGS) -> PKCS11PasscodeTries {
        if flags & CK_FLAGS(CKF_USER_PIN_LOCKED) != 0 { return .blocked }
        if flags & CK_FLAGS(CKF_USER_PIN_FINAL_TRY) != 0 { return .finalTry }
        if flags & CK_FLAGS(CKF_USER_PIN_COUNT_LOW) != 0 { return .low }
        return .unknown
    }
}

/// A token's passcode tries, from its flags: PKCS#11 tells no count, only these states.
public enum PKCS11PasscodeTries: Equatable, Sendable {
    /// No flag: tries remain, how many is not told.
    case unknown
    /// A wrong passcode has been entered since the last right one (`CKF_USER_PIN_COUNT_LOW`).
    case low
    /// One try left (`CKF_USER_PIN_FINAL_TRY`).
    case finalTry
    /// No try left (`CKF_USER_PIN_LOCKED`).
    case blocked
}

extension PKCS11Module {
    /// The slots that hold a token, with their descriptions and token flags.
    public func slotsWithTokens() throws(PKCS11Error) -> [PKCS11Slot] {
        var count: CK_ULONG = 0
        try check("C_GetSlotList", functions.pointee.C_GetSlotList(CK_BBOOL(CK_TRUE), nil, &count))
        var ids = [CK_SLOT_ID](repeating: 0, count: Int(count))
        try check("C_GetSlotList", functions.pointee.C_GetSlotList(CK_BBOOL(CK_TRUE), &ids, &count))
        var slots: [PKCS11Slot] = []
        for id in ids.prefix(Int(count)) {
            var slot = CK_SLOT_INFO()
            var token = CK_TOKEN_INFO()
            guard functions.pointee.C_GetSlotInfo(id, &slot) == CK_RV(CKR_OK),
                  functions.pointee.C_GetTokenInfo(id, &token) == CK_RV(CKR_OK) else { continue }
            slots.append(PKCS11Slot(
                id: id, description: Self.text(slot.slotDescription), tokenLabel: Self.text(token.label),
                tokenFlags: token.flags))
        }
        return slots
    }

    /// The token's flags in `slot` now.
    public func tokenFlags(in slot: CK_SLOT_ID) throws(PKCS11Error) -> CK_FLAGS {
        var token = CK_TOKEN_INFO()
        try check("C_GetTokenInfo", functions.pointee.C_GetTokenInfo(slot, &token))
        return token.flags
    }

    /// The mechanisms the token in `slot` lists.
    public func mechanisms(in slot: CK_SLOT_ID) throws(PKCS11Error) -> Set<CK_MECHANISM_TYPE> {
        var count: CK_ULONG = 0
        try check("C_GetMechanismList", functions.pointee.C_GetMechanismList(slot, nil, &count))
        var list = [CK_MECHANISM_TYPE](repeating: 0, count: Int(count))
        try check("C_GetMechanismList", functions.pointee.C_GetMechanismList(slot, &list, &count))
        return Set(list.prefix(Int(count)))
    }

    func check(_ name: String, _ value: CK_RV) throws(PKCS11Error) {
        guard value == CK_RV(CKR_OK) else { throw .call(name, value) }
    }

    /// A fixed-width, space-padded PKCS#11 text field as a string.
    static func text<Field>(_ field: Field) -> String {
        withUnsafeBytes(of: field) { bytes in
            var end = bytes.count
            while end > 0, bytes[end - 1] == 0x20 || bytes[end - 1] == 0 { end -= 1 }
            return String(decoding: bytes.prefix(end), as: UTF8.self)
        }
    }
}
