#include "OpenSSLShims.h"
#include <openssl/crypto.h>

void cmc_openssl_free(void *pointer) { OPENSSL_free(pointer); }
