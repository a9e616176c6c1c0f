#ifndef PLOTALLOC_CPROJ_SHIM_H
#define PLOTALLOC_CPROJ_SHIM_H
// PROJ's C API (Debian's libproj-dev, PROJ 9), seen by the Geometry target only.
#include <proj.h>
#endif
