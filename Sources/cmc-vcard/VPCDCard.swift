import Simulator

/// A card that a vpcd reader can hold: its ATR, its answers, power-off and reset, and the names
/// a persona's `faults` give its commands.
protocol VPCDCard {
    static var atr: [UInt8] { get }
    static func commandName(of bytes: [UInt8]) -> String?
    mutating func reset()
    mutating func respond(to bytes: [UInt8]) -> [UInt8]
}

extension VirtualCard: VPCDCard {}
extension PIVCard: VPCDCard {}
