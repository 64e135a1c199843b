/* evaluation-page.h: the Evaluation page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <stead-gtk.h>

G_BEGIN_DECLS

#define EVALUATION_TYPE_PAGE (evaluation_page_get_type ())

G_DECLARE_FINAL_TYPE (EvaluationPage, evaluation_page, EVALUATION, PAGE, SteadPage)

G_END_DECLS
