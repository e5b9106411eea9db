import KioskCore
import Testing

@Suite struct KioskEnvironmentTests {
    @Test(arguments: [
        (KioskEnvironment.live, "LIVE"), (.test, "TEST"), (.training, "TRAINING"), (.demo, "DEMO"),
    ])
    func eachEnvironmentHasItsBanner(_ environment: KioskEnvironment, banner: String) {
        #expect(environment.bannerText == banner)
    }

    @Test func theConfigurationFileNamesEachEnvironment() {
        #expect(KioskEnvironment.allCases.map(\.rawValue) == ["live", "test", "training", "demo"])
    }
}
