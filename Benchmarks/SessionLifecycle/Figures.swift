import LifecycleDriver

/// Everything measured of one kiosk (a build with a card backend) in a run.
struct KioskFigures {
    let kiosk: MeasuredKiosk
    let binary: BinaryFacts
    var coldStart = Samples()
    var idleCPU: Double?
    var lifecycle = CycleFigures()
    var roleList = RoleListFigures()
    var memory: Memory?

    init(kiosk: MeasuredKiosk) {
        self.kiosk = kiosk
        binary = BinaryFacts(path: kiosk.build.path)
    }
}

/// The timings of the sign-in and removal cycles; `cardRead` is the "reading" screen to the
/// prompt, the backend reading the card, in the cycles that drew that screen.
struct CycleFigures {
    var watcherInsert = Samples(), prompt = Samples(), promptOverWatcher = Samples(), cardRead = Samples()
    var watcherRemoval = Samples(), lock = Samples(), lockOverWatcher = Samples(), portalEnded = Samples()
}

/// Passcode to role list, from the "checking" screen and from the Enter key.
struct RoleListFigures {
    var fromScreen = Samples(), fromKey = Samples()
}
