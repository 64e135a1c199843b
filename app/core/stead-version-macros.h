/* stead-version-macros.h: which symbols of the SDK plugins may use
 *
 * Symbols are hidden by default (-fvisibility=hidden); every function of
 * the public API is marked with the version it appeared in, and private
 * functions the tests call with STEAD_PRIVATE_API.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#if !defined(STEAD_INSIDE) && !defined(STEAD_GTK_INSIDE) && !defined(STEAD_COMPILATION)
# error "Only <stead.h> can be included directly."
#endif

#include <glib.h>

#define STEAD_MAJOR_VERSION 1
#define STEAD_MINOR_VERSION 0

#if defined(_WIN32)
# define _STEAD_EXTERN __declspec(dllexport) extern
#else
# define _STEAD_EXTERN __attribute__((visibility ("default"))) extern
#endif

#define STEAD_AVAILABLE_IN_ALL _STEAD_EXTERN
#define STEAD_AVAILABLE_IN_1_0 _STEAD_EXTERN

/* Exported for the tests and the application only: not part of the SDK. */
#define STEAD_PRIVATE_API _STEAD_EXTERN
