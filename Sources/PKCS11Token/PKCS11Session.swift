import CPKCS11
import Secrets

/// One session with the token in a slot, for one sign-in: its certificates, the passcode, a
/// signature. Not `Sendable`: the card worker's queue owns it, and closes it.
public final class PKCS11Session {
    private let module: PKCS11Module
    public let slot: CK_SLOT_ID
    private let handle: CK_SESSION_HANDLE

    /// Opens a read-only session with the token in `slot`.
    public init(module: PKCS11Module, slot: CK_SLOT_ID) throws(PKCS11Error) {
        var handle = CK_SESSION_HANDLE()
        try module.check(
            "C_OpenSession", module.functions.pointee.C_OpenSession(slot, CK_FLAGS(CKF_SERIAL_SESSION), nil, nil, &handle))
        self.module = module
        self.slot = slot
        self.handle = handle
    }

    /// Logs out (if logged in) and closes the session.
    public func close() {
        logOut()
        _ = module.functions.pointee.C_CloseSession(handle)
    }

    /// Logs out, if logged in; the session stays open.
    public func logOut() {
        _ = module.functions.pointee.C_Logout(handle)
    }

    /// The X.509 certificates on the token, each with its `CKA_ID`.
    public func certificates() throws(PKCS11Error) -> [(id: [UInt8], der: [UInt8])] {
        var found: [(id: [UInt8], der: [UInt8])] = []
        for object in try objects(of: CK_OBJECT_CLASS(CKO_CERTIFICATE)) {
            let der = try attribute(CK_ATTRIBUTE_TYPE(CKA_VALUE), of: object)
            guard !der.isEmpty else { continue }
            found.append((try attribute(CK_ATTRIBUTE_TYPE(CKA_ID), of: object), der))
        }
        return found
    }

    /// The private key whose `CKA_ID` is `id`, if the token shows one.
    public func privateKey(id: [UInt8]) throws(PKCS11Error) -> CK_OBJECT_HANDLE? {
        try objects(of: CK_OBJECT_CLASS(CKO_PRIVATE_KEY)).first { key in
            (try? attribute(CK_ATTRIBUTE_TYPE(CKA_ID), of: key)) == id
        }
    }

    /// Presents the passcode (`C_Login` as the user) straight from its locked buffer.
    public func logIn(passcode: SecretBuffer) -> CK_RV {
        passcode.withUnsafeBytes { bytes in
            let pin = UnsafeMutablePointer(mutating: bytes.baseAddress?.assumingMemoryBound(to: CK_UTF8CHAR.self))
            return module.functions.pointee.C_Login(handle, CK_USER_TYPE(CKU_USER), pin, CK_ULONG(bytes.count))
        }
    }

    /// Signs `data` with `key` by `mechanism` (no parameters).
    public func sign(_ data: [UInt8], with key: CK_OBJECT_HANDLE, mechanism: CK_MECHANISM_TYPE) throws(PKCS11Error) -> [UInt8] {
        var chosen = CK_MECHANISM(mechanism: mechanism, pParameter: nil, ulParameterLen: 0)
        try module.check("C_SignInit", module.functions.pointee.C_SignInit(handle, &chosen, key))
        var input = data
        var length: CK_ULONG = 0
        try module.check("C_Sign", module.functions.pointee.C_Sign(handle, &input, CK_ULONG(input.count), nil, &length))
        var signature = [UInt8](repeating: 0, count: Int(length))
        try module.check("C_Sign", module.functions.pointee.C_Sign(handle, &input, CK_ULONG(input.count), &signature, &length))
        return Array(signature.prefix(Int(length)))
    }

    // MARK: Objects

    private func objects(of objectClass: CK_OBJECT_CLASS) throws(PKCS11Error) -> [CK_OBJECT_HANDLE] {
        var wanted = objectClass
        let initialised = withUnsafeMutableBytes(of: &wanted) { value in
            var template = CK_ATTRIBUTE(
                type: CK_ATTRIBUTE_TYPE(CKA_CLASS), pValue: value.baseAddress, ulValueLen: CK_ULONG(value.count))
            return module.functions.pointee.C_FindObjectsInit(handle, &template, 1)
        }
        try module.check("C_FindObjectsInit", initialised)
        defer { _ = module.functions.pointee.C_FindObjectsFinal(handle) }
        var found: [CK_OBJECT_HANDLE] = []
        var batch = [CK_OBJECT_HANDLE](repeating: 0, count: 16)
        while true {
            var count: CK_ULONG = 0
            try module.check(
                "C_FindObjects", module.functions.pointee.C_FindObjects(handle, &batch, CK_ULONG(batch.count), &count))
            found += batch.prefix(Int(count))
            if count == 0 || found.count > 256 { return found }
        }
    }

    private func attribute(_ type: CK_ATTRIBUTE_TYPE, of object: CK_OBJECT_HANDLE) throws(PKCS11Error) -> [UInt8] {
        var query = CK_ATTRIBUTE(type: type, pValue: nil, ulValueLen: 0)
        try module.check("C_GetAttributeValue", module.functions.pointee.C_GetAttributeValue(handle, object, &query, 1))
        // `CK_UNAVAILABLE_INFORMATION` (all ones) and anything absurd are no value.
        guard query.ulValueLen <= 1 << 16 else { return [] }
        var value = [UInt8](repeating: 0, count: Int(query.ulValueLen))
        let read = value.withUnsafeMutableBytes { bytes in
            var filled = CK_ATTRIBUTE(type: type, pValue: bytes.baseAddress, ulValueLen: CK_ULONG(bytes.count))
            return module.functions.pointee.C_GetAttributeValue(handle, object, &filled, 1)
        }
        try module.check("C_GetAttributeValue", read)
        return value
    }
}
