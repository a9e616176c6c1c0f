#ifndef PLOTALLOC_CGLPK_SHIM_H
#define PLOTALLOC_CGLPK_SHIM_H
// GLPK's C API, imported by the GLPKBackend module only (ModuleBoundaryTests checks it).
#include <glpk.h>
#include <setjmp.h>

// GLPK calls abort() when it meets an internal error (glp_error), even one of its own making: GLPK 5.0's MIP
// presolver aborts with "glp_add_cols: ncs = 0" when it fixes every column but keeps a row. The GLPK manual's
// remedy (glp_error_hook): a hook that long-jumps back to the caller, which must then free the environment with
// glp_free_env(). These wrappers do exactly that, in C, so that the jump never crosses a Swift frame unless GLPK
// fails inside a Swift callback. A return of PLOTALLOC_GLPK_ABORTED means: GLPK stopped on an internal error and
// every GLPK object of this thread (problems included) has been freed.
#define PLOTALLOC_GLPK_ABORTED (-1)

typedef struct { jmp_buf target; } plotalloc_glpk_guard;

static void plotalloc_glpk_error_hook(void *info) {
    longjmp(((plotalloc_glpk_guard *)info)->target, 1);
}

__attribute__((noinline)) static int plotalloc_guarded_intopt(glp_prob *P, const glp_iocp *parm) {
    plotalloc_glpk_guard guard;
    if (setjmp(guard.target)) {
        glp_error_hook(NULL, NULL);
        glp_free_env();
        return PLOTALLOC_GLPK_ABORTED;
    }
    glp_error_hook(plotalloc_glpk_error_hook, &guard);
    int rc = glp_intopt(P, parm);
    glp_error_hook(NULL, NULL);
    return rc;
}

__attribute__((noinline)) static int plotalloc_guarded_simplex(glp_prob *P, const glp_smcp *parm) {
    plotalloc_glpk_guard guard;
    if (setjmp(guard.target)) {
        glp_error_hook(NULL, NULL);
        glp_free_env();
        return PLOTALLOC_GLPK_ABORTED;
    }
    glp_error_hook(plotalloc_glpk_error_hook, &guard);
    int rc = glp_simplex(P, parm);
    glp_error_hook(NULL, NULL);
    return rc;
}
#endif
