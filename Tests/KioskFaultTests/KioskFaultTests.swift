import Testing

/// Faults against the real kiosk (`cmc-kiosk --config FILE` in tmux), `cmc-sim` over TLS and
/// `cmc-vcard` cards, on a private pcscd. Serialized: every test uses the same private vpcd ports
/// (35987/35988).
@Suite("cmc-kiosk under faults", .serialized)
struct KioskFaultTests {}
