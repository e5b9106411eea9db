import FoundationEssentials
import CCurl
import CShims
import Glibc
import Secrets

/// One libcurl easy handle with the bytes of its transfer.
///
/// Lives on the engine thread only; nothing outside `Curl/` sees the `CURL *`.
final class EasyHandle {
    let raw: UnsafeMutableRawPointer
    private let errorBuffer: UnsafeMutablePointer<CChar>
    private var headerList: UnsafeMutablePointer<curl_slist>?

    private(set) var body: [UInt8] = []
    private(set) var headers: [HTTPHeader] = []
    private(set) var exceededLimit = false
    private var responseLimit = Int.max
    /// The text of the last status line received (`Proxy Authentication Required`), for a proxy's
    /// refusal, whose head is not the response's.
    private var lastReason: String?

    init?() {
        guard Curl.initialise(), let raw = curl_easy_init() else { return nil }
        self.raw = raw
        let size = cmc_curl_error_size()
        errorBuffer = .allocate(capacity: size)
        errorBuffer.initialize(repeating: 0, count: size)
        _ = cmc_curl_easy_setopt_pointer(raw, CURLOPT_ERRORBUFFER, errorBuffer)
    }

    deinit {
        curl_easy_cleanup(raw)
        curl_slist_free_all(headerList)
        errorBuffer.deallocate()
    }

    /// libcurl's detailed message for the last failure, or its generic text for `code`.
    func errorMessage(for code: CURLcode) -> String {
        let detail = String(cString: errorBuffer)
        return detail.isEmpty ? Curl.describe(code) : detail
    }

    // MARK: Options

    func set(_ option: CURLoption, _ value: Int) -> Bool {
        cmc_curl_easy_setopt_long(raw, option, value) == CURLE_OK
    }

    func set(_ option: CURLoption, _ value: String) -> Bool {
        value.withCString { cmc_curl_easy_setopt_pointer(raw, option, $0) } == CURLE_OK
    }

    func setSize(_ option: CURLoption, _ value: Int) -> Bool {
        cmc_curl_easy_setopt_off_t(raw, option, curl_off_t(value)) == CURLE_OK
    }

    /// A string option from a secret: libcurl copies it from a NUL-terminated copy that is zeroed
    /// and freed at once; no String ever holds it.
    func set(_ option: CURLoption, _ secret: SecretBuffer) -> Bool {
        secret.withUnsafeBytes { bytes in
            let copy = UnsafeMutableRawPointer.allocate(byteCount: bytes.count + 1, alignment: 1)
            defer {
                explicit_bzero(copy, bytes.count + 1)
                copy.deallocate()
            }
            copy.copyMemory(from: bytes.baseAddress ?? UnsafeRawPointer(copy), byteCount: bytes.count)
            copy.storeBytes(of: 0, toByteOffset: bytes.count, as: UInt8.self)
            return cmc_curl_easy_setopt_pointer(raw, option, copy) == CURLE_OK
        }
    }

    func setBlob(_ option: CURLoption, _ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { cmc_curl_easy_setopt_blob(raw, option, $0.baseAddress, $0.count) } == CURLE_OK
    }

    /// The request body (copied by libcurl); makes the request a POST unless a custom method is set.
    func setPostBody(_ bytes: [UInt8]) -> Bool {
        guard cmc_curl_easy_setopt_off_t(raw, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(bytes.count)) == CURLE_OK
        else { return false }
        return (bytes.isEmpty ? [0] : bytes).withUnsafeBytes {
            cmc_curl_easy_setopt_pointer(raw, CURLOPT_COPYPOSTFIELDS, $0.baseAddress)
        } == CURLE_OK
    }

    func setShare(_ share: TransferShare) -> Bool {
        cmc_curl_easy_setopt_share(raw, share.raw) == CURLE_OK
    }

    /// Replaces the request header list; the list lives as long as this handle.
    func setHeaders(_ lines: [String]) -> Bool {
        var list: UnsafeMutablePointer<curl_slist>?
        for line in lines {
            guard let appended = curl_slist_append(list, line) else {
                curl_slist_free_all(list)
                return false
            }
            list = appended
        }
        curl_slist_free_all(headerList)
        headerList = list
        return cmc_curl_easy_setopt_slist(raw, CURLOPT_HTTPHEADER, list) == CURLE_OK
    }

    /// Routes the response head and body into this object, refusing bodies over `limit` bytes.
    func captureResponse(limit: Int) -> Bool {
        responseLimit = limit
        let context = Unmanaged.passUnretained(self).toOpaque()
        return cmc_curl_easy_setopt_write_function(raw, CURLOPT_WRITEFUNCTION, easyHandleReceiveBody) == CURLE_OK
            && cmc_curl_easy_setopt_pointer(raw, CURLOPT_WRITEDATA, context) == CURLE_OK
            && cmc_curl_easy_setopt_write_function(raw, CURLOPT_HEADERFUNCTION, easyHandleReceiveHeader) == CURLE_OK
            && cmc_curl_easy_setopt_pointer(raw, CURLOPT_HEADERDATA, context) == CURLE_OK
    }

    // MARK: Information

    func info(_ item: CURLINFO) -> Int? {
        var value = 0
        return cmc_curl_easy_getinfo_long(raw, item, &value) == CURLE_OK ? value : nil
    }

    /// The proxy's answer to the CONNECT when it was not 2xx (CURLINFO_HTTP_CONNECTCODE), with
    /// its status line's text.
    var proxyRefusal: (status: Int, reason: String?)? {
        guard let status = info(CURLINFO_HTTP_CONNECTCODE), status >= 300 else { return nil }
        return (status, lastReason)
    }

    func sizeInfo(_ item: CURLINFO) -> Int? {
        var value: curl_off_t = 0
        return cmc_curl_easy_getinfo_off_t(raw, item, &value) == CURLE_OK ? Int(value) : nil
    }

    func stringInfo(_ item: CURLINFO) -> String? {
        var value: UnsafePointer<CChar>?
        guard cmc_curl_easy_getinfo_string(raw, item, &value) == CURLE_OK, let value else { return nil }
        return String(cString: value)
    }

    /// The cookie lines (Netscape format) of the attached cookie store.
    func cookieLines() -> [String] {
        var list: UnsafeMutablePointer<curl_slist>?
        guard cmc_curl_easy_getinfo_slist(raw, CURLINFO_COOKIELIST, &list) == CURLE_OK else { return [] }
        defer { curl_slist_free_all(list) }
        var lines: [String] = []
        var node = list
        while let current = node {
            if let data = current.pointee.data { lines.append(String(cString: data)) }
            node = current.pointee.next
        }
        return lines
    }

    // MARK: Callbacks

    fileprivate func receiveBody(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard bytes.count <= responseLimit - body.count else {
            exceededLimit = true
            return false
        }
        body.append(contentsOf: bytes)
        return true
    }

    fileprivate func receiveHeader(_ bytes: UnsafeBufferPointer<UInt8>) {
        let line = String(decoding: bytes, as: UTF8.self)
        if line.hasPrefix("HTTP/") {
            headers.removeAll()  // a new response head (after 100-continue or a proxy CONNECT)
            // `HTTP/1.0 407 Proxy Authentication Required`: the text after the version and status.
            let reason = line.split(separator: " ", maxSplits: 2).dropFirst(2).first?.trimmingSpaces
            lastReason = reason?.isEmpty == false ? reason : nil
            return
        }
        guard let colon = line.firstIndex(of: ":") else { return }
        let name = line[..<colon].trimmingSpaces
        let value = line[line.index(after: colon)...].trimmingSpaces
        if !name.isEmpty { headers.append(HTTPHeader(name: name, value: value)) }
    }
}

private func easyHandle(_ context: UnsafeMutableRawPointer?) -> EasyHandle? {
    context.map { Unmanaged<EasyHandle>.fromOpaque($0).takeUnretainedValue() }
}

private func easyHandleReceiveBody(
    _ data: UnsafeMutablePointer<CChar>?, _ size: Int, _ count: Int, _ context: UnsafeMutableRawPointer?
) -> Int {
    let length = size * count
    guard let handle = easyHandle(context) else { return 0 }
    guard length > 0, let data else { return length }
    let bytes = UnsafeRawPointer(data).assumingMemoryBound(to: UInt8.self)
    return handle.receiveBody(UnsafeBufferPointer(start: bytes, count: length)) ? length : 0
}

private func easyHandleReceiveHeader(
    _ data: UnsafeMutablePointer<CChar>?, _ size: Int, _ count: Int, _ context: UnsafeMutableRawPointer?
) -> Int {
    let length = size * count
    guard let handle = easyHandle(context) else { return 0 }
    guard length > 0, let data else { return length }
    let bytes = UnsafeRawPointer(data).assumingMemoryBound(to: UInt8.self)
    handle.receiveHeader(UnsafeBufferPointer(start: bytes, count: length))
    return length
}
