#ifndef CMC_PCSC_SHIMS_H
#define CMC_PCSC_SHIMS_H
#include <PCSC/winscard.h>

/// The protocol control information block for a negotiated protocol (SCARD_PCI_T0/T1 are macros).
const SCARD_IO_REQUEST *cmc_pcsc_pci(DWORD protocol);
#endif
