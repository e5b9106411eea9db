import TerminalTestSupport

/// ``TerminalTestSupport/Spawned``, named here too so that the suites using this module need not
/// import TerminalTestSupport for it (it moved there for NetworkTestBed, which has no Testing).
public typealias Spawned = TerminalTestSupport.Spawned
