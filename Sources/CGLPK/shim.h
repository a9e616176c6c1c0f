#ifndef PLOTALLOC_CGLPK_SHIM_H
#define PLOTALLOC_CGLPK_SHIM_H
// GLPK's C API, seen by the GLPK wrapper folder of PlotAlloc only.
#include <glpk.h>
#endif
