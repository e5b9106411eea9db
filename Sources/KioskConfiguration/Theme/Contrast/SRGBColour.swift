import Glibc

/// A colour as a terminal's palette defines it: three 8-bit sRGB channels.
struct SRGBColour: Hashable, Sendable {
    var red: UInt8
    var green: UInt8
    var blue: UInt8

    init(red: UInt8, green: UInt8, blue: UInt8) {
        self.red = red
        self.green = green
        self.blue = blue
    }

    /// The colour written as `0xRRGGBB`.
    init(hex: UInt32) {
        self.init(red: UInt8(hex >> 16 & 0xFF), green: UInt8(hex >> 8 & 0xFF), blue: UInt8(hex & 0xFF))
    }

    /// A grey with all three channels at `level`.
    init(grey level: UInt8) {
        self.init(red: level, green: level, blue: level)
    }

    /// WCAG 2.1 relative luminance: 0 for black, 1 for white.
    var relativeLuminance: Double {
        0.2126 * Self.linear(red) + 0.7152 * Self.linear(green) + 0.0722 * Self.linear(blue)
    }

    /// A channel without sRGB's gamma, as WCAG 2.1 defines it (its threshold is 0.03928).
    private static func linear(_ channel: UInt8) -> Double {
        let value = Double(channel) / 255
        return value <= 0.03928 ? value / 12.92 : pow((value + 0.055) / 1.055, 2.4)
    }
}
