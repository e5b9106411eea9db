@testable import KioskShell
import Testing

/// The shell's sets of tasks: a task leaves the set when it ends, and cancelling reaches them all.
@Suite("Task sets")
struct TaskSetTests {
    @Test func finishedTasksLeaveTheSet() async {
        let tasks = TaskSet()
        let started = (0..<50).map { _ in tasks.run { await Task.yield() } }
        for task in started { await task.value }

        #expect(tasks.running.isEmpty)
    }

    @Test func cancellingReachesEveryTaskAndEmptiesTheSet() async {
        let tasks = TaskSet()
        let sleepers = (0..<5).map { _ in tasks.run { try? await Task.sleep(for: .seconds(60)) } }

        tasks.cancelAll()

        #expect(tasks.running.isEmpty)
        for sleeper in sleepers {
            await sleeper.value
            #expect(sleeper.isCancelled)
        }
    }
}
