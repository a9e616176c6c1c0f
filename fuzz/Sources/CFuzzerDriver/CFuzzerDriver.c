// Nothing here: the target only carries the declaration of libFuzzer's driver (include/CFuzzerDriver.h).
#include "CFuzzerDriver.h"
