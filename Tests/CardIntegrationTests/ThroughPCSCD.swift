import Testing

/// Every suite that uses the machine's pcscd and its first vpcd reader, one test at a time (the
/// kiosk's lifecycle tests have the second reader to themselves).
@Suite("Through the machine's pcscd", .serialized)
struct ThroughPCSCD {}
