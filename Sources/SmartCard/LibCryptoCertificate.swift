import COpenSSL
import CShims
import FoundationEssentials
import Glibc

/// An X.509 certificate as libcrypto parsed it (`X509 *`), freed with this object.
final class LibCryptoCertificate {
    private let handle: OpaquePointer

    /// Parses exactly one DER certificate: nil for anything else, trailing bytes included.
    init?(der: [UInt8]) {
        let parsed: OpaquePointer? = der.withUnsafeBufferPointer { buffer in
            guard let start = buffer.baseAddress else { return nil }
            var cursor: UnsafePointer<UInt8>? = start
            guard let certificate = d2i_X509(nil, &cursor, buffer.count) else { return nil }
            guard cursor == start + buffer.count else {
                X509_free(certificate)
                return nil
            }
            return certificate
        }
        guard let parsed else {
            ERR_clear_error()
            return nil
        }
        handle = parsed
    }

    /// Frees the certificate, and drops the errors libcrypto queued on this thread while reading it.
    deinit {
        X509_free(handle)
        ERR_clear_error()
    }

    /// The subject's first common name in UTF-8; nil when it has none, or none libcrypto reads as text.
    var subjectCommonName: String? {
        guard let subject = X509_get_subject_name(handle) else { return nil }
        let index = X509_NAME_get_index_by_NID(subject, NID_commonName, -1)
        guard index >= 0, let entry = X509_NAME_get_entry(subject, index), let value = X509_NAME_ENTRY_get_data(entry)
        else { return nil }
        var text: UnsafeMutablePointer<UInt8>?
        let length = ASN1_STRING_to_UTF8(&text, value)
        defer { cmc_openssl_free(text) }
        guard length >= 0, let text else { return nil }
        return String(decoding: UnsafeBufferPointer(start: text, count: Int(length)), as: UTF8.self)
    }

    /// The start of the validity period; nil when libcrypto cannot read the time.
    var notBefore: Date? { Self.date(X509_get0_notBefore(handle)) }

    /// The end of the validity period; nil when libcrypto cannot read the time.
    var notAfter: Date? { Self.date(X509_get0_notAfter(handle)) }

    /// The modulus length of an RSA public key; nil for other keys, or a key libcrypto cannot read.
    var rsaKeyBits: Int? {
        guard let key = X509_get0_pubkey(handle), [EVP_PKEY_RSA, EVP_PKEY_RSA_PSS].contains(EVP_PKEY_get_base_id(key))
        else { return nil }
        let bits = EVP_PKEY_get_bits(key)
        return bits > 0 ? Int(bits) : nil
    }

    /// Whether the key usage allows digital signatures. libcrypto answers every use allowed when
    /// the certificate has no keyUsage extension, and none when its extensions are malformed.
    var allowsDigitalSignature: Bool {
        X509_get_key_usage(handle) & UInt32(KU_DIGITAL_SIGNATURE) != 0
    }

    private static func date(_ time: UnsafePointer<ASN1_TIME>?) -> Date? {
        // ASN1_TIME_to_tm reads the current time when given none.
        guard let time else { return nil }
        var parts = tm()
        guard ASN1_TIME_to_tm(time, &parts) == 1 else { return nil }
        return Date(timeIntervalSince1970: TimeInterval(timegm(&parts)))
    }
}
