import LifecycleDriver

/// Everything measured of one kiosk binary in a run.
struct KioskFigures {
    let build: KioskBuild
    let binary: BinaryFacts
    var coldStart = Samples()
    var idleCPU: Double?
    var lifecycle = CycleFigures()
    var roleList = RoleListFigures()
    var memory: Memory?

    init(build: KioskBuild) {
        self.build = build
        binary = BinaryFacts(path: build.path)
    }
}

/// The timings of the sign-in and removal cycles.
struct CycleFigures {
    var watcherInsert = Samples(), prompt = Samples(), promptOverWatcher = Samples()
    var watcherRemoval = Samples(), lock = Samples(), lockOverWatcher = Samples(), portalEnded = Samples()
}

/// Passcode to role list, from the "checking" screen and from the Enter key.
struct RoleListFigures {
    var fromScreen = Samples(), fromKey = Samples()
}
