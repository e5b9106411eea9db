// The standard PKCS#11 (Cryptoki) interface, as p11-kit ships it.
#include <p11-kit/pkcs11.h>
