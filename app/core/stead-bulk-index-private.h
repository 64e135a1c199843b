/* stead-bulk-index-private.h: the bulk spatial index, inside the core
 *
 * The API is public now (stead-bulk-index.h); this header stays for the
 * core's own files.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "stead-bulk-index.h"
