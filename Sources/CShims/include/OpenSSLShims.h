#ifndef CMC_OPENSSL_SHIMS_H
#define CMC_OPENSSL_SHIMS_H

/// OPENSSL_free, a macro: frees memory libcrypto allocated for the caller (ASN1_STRING_to_UTF8).
void cmc_openssl_free(void *pointer);
#endif
