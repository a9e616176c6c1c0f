#ifndef PLOTALLOC_CGEOS_SHIM_H
#define PLOTALLOC_CGEOS_SHIM_H
// GEOS's C API (Debian's libgeos-dev, GEOS 3.11), seen by the Geometry target only. Only the reentrant `_r`
// functions are visible: each takes a context handle, and the Geometry target never shares one across threads.
#define GEOS_USE_ONLY_R_API
#include <geos_c.h>
#endif
