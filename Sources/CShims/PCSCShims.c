#include "PCSCShims.h"
#include <PCSC/pcsclite.h>

const SCARD_IO_REQUEST *cmc_pcsc_pci(DWORD protocol) {
    return protocol == SCARD_PROTOCOL_T1 ? SCARD_PCI_T1 : SCARD_PCI_T0;
}
