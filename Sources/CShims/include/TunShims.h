#ifndef CMC_TUN_SHIMS_H
#define CMC_TUN_SHIMS_H

/// Opens /dev/net/tun and attaches it to a new TUN device named `name` (IFF_TUN | IFF_NO_PI:
/// bare IP packets, no packet-information header) with `ioctl(TUNSETIFF)`, which is variadic and
/// so not callable from Swift. Returns the descriptor (close-on-exec, non-blocking), or -1 with
/// errno set.
int cmc_open_tun(const char *name);
#endif
