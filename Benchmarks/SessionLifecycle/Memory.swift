import LifecycleDriver

/// The kiosk's resident memory, kB: the resident set at the start, at the end and at its peak;
/// and at the end, what is its own (heap, stacks, written data), what is shared libraries' pages
/// also mapped by other processes, its proportional share of everything, and the resident set
/// by what is mapped.
struct Memory {
    let startKB, endKB, peakKB: Int?
    let privateKB, sharedKB, proportionalKB: Int?
    let byMapping: [String: Int]

    /// `kiosk`'s memory now, with `rssAtStartKB` its resident set at the start.
    init(of kiosk: KioskRun, rssAtStartKB: Int?) {
        startKB = rssAtStartKB
        endKB = kiosk.memoryKilobytes("VmRSS")
        peakKB = kiosk.memoryKilobytes("VmHWM")
        privateKB = kiosk.mappedKilobytes("Private_Dirty")
        sharedKB = kiosk.mappedKilobytes("Shared_Clean")
        proportionalKB = kiosk.mappedKilobytes("Pss")
        byMapping = ResidentSet.byMapping(pid: kiosk.pid)
    }
}
