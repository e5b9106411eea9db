// A PKCS#11 module exports C_GetFunctionList; everything else is reached through its list.
#include <p11-kit/pkcs11.h>
