#ifndef CMC_PCSC_SHIMS_H
#define CMC_PCSC_SHIMS_H
#include <PCSC/winscard.h>

/// The protocol control information block for a negotiated protocol (SCARD_PCI_T0/T1 are macros).
const SCARD_IO_REQUEST *cmc_pcsc_pci(DWORD protocol);

/// The PnP pseudo-reader name that reports readers being added or removed.
const char *cmc_pcsc_pnp_reader_name(void);
#endif
