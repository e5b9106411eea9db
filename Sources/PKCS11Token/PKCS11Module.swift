import CPKCS11
import Glibc

/// A PKCS#11 module (OpenSC's `opensc-pkcs11.so`, or a card vendor's), loaded by path and
/// initialised once, for every thread (`CKF_OS_LOCKING_OK`), until ``finalize()``.
public final class PKCS11Module: Sendable {
    public let path: String
    // `nonisolated(unsafe)`: set once here; the module serialises its own calls (OS locking).
    private nonisolated(unsafe) let library: UnsafeMutableRawPointer
    nonisolated(unsafe) let functions: UnsafeMutablePointer<CK_FUNCTION_LIST>

    /// Loads and initialises the module at `path`.
    public init(path: String) throws(PKCS11Error) {
        guard let library = dlopen(path, RTLD_NOW | RTLD_LOCAL) else {
            throw .cannotLoad(path: path, reason: dlerror().map { String(cString: $0) } ?? "unknown")
        }
        guard let symbol = dlsym(library, "C_GetFunctionList") else {
            dlclose(library)
            throw .notAModule(path: path)
        }
        let getFunctionList = unsafeBitCast(symbol, to: (@convention(c) (UnsafeMutablePointer<UnsafeMutablePointer<CK_FUNCTION_LIST>?>?) -> CK_RV).self)
        var list: UnsafeMutablePointer<CK_FUNCTION_LIST>?
        let listed = getFunctionList(&list)
        guard listed == CK_RV(CKR_OK), let list else {
            dlclose(library)
            throw .call("C_GetFunctionList", listed)
        }
        var arguments = CK_C_INITIALIZE_ARGS()
        arguments.flags = CK_FLAGS(CKF_OS_LOCKING_OK)
        let initialised = withUnsafeMutablePointer(to: &arguments) { list.pointee.C_Initialize($0) }
        guard initialised == CK_RV(CKR_OK) || initialised == CK_RV(CKR_CRYPTOKI_ALREADY_INITIALIZED) else {
            dlclose(library)
            throw .call("C_Initialize", initialised)
        }
        self.path = path
        self.library = library
        functions = list
    }

    /// Ends the module's use by this process. Nothing may use it afterwards.
    public func finalize() {
        _ = functions.pointee.C_Finalize(nil)
        dlclose(library)
    }
}
