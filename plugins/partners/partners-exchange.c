/* partners-exchange.c: one organisation and what belongs to it, as the
 * Open Referral UK and CSV importers read it, and how it is written
 *
 * Importers are built on the core import framework: one transaction, a
 * dry run that counts what would be added, updated (matched by
 * identifier, or by name and postcode) and rejected, and nothing kept
 * unless every record can be taken.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "partners"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "partners.h"
#include "partners-exchange-private.h"

void
partners_contact_free (PartnersContact *c)
{
  g_free (c->name);
  g_free (c->role);
  g_free (c->phone);
  g_free (c->phone_24h);
  g_free (c->email);
  g_free (c->source_id);
  g_free (c->extra);
  g_free (c);
}

void
partners_site_free (PartnersSite *s)
{
  g_free (s->name);
  g_free (s->address);
  g_free (s->postcode);
  g_free (s->what);
  g_free (s->source_id);
  g_free (s->extra);
  g_free (s);
}

void
partners_capability_free (PartnersCapability *c)
{
  g_free (c->kind); g_free (c->conditions); g_free (c->site_source_id);
  g_free (c);
}

void
partners_service_free (PartnersService *s)
{
  g_free (s->name);
  g_free (s->description);
  g_free (s->status);
  g_free (s->url);
  g_free (s->email);
  g_free (s->source_id);
  g_free (s->site_source_id);
  g_free (s->extra);
  g_free (s);
}

PartnersRecord *
partners_record_new (void)
{
  PartnersRecord *r = g_new0 (PartnersRecord, 1);

  r->notes = g_string_new (NULL);
  r->contacts = g_ptr_array_new_with_free_func ((GDestroyNotify) partners_contact_free);
  r->sites = g_ptr_array_new_with_free_func ((GDestroyNotify) partners_site_free);
  r->capabilities = g_ptr_array_new_with_free_func ((GDestroyNotify) partners_capability_free);
  r->services = g_ptr_array_new_with_free_func ((GDestroyNotify) partners_service_free);
  return r;
}

void
partners_record_free (PartnersRecord *r)
{
  g_free (r->source_id);
  g_free (r->name);
  g_free (r->type);
  g_free (r->tier);
  g_free (r->description);
  g_free (r->website);
  g_free (r->charity_number);
  g_free (r->company_number);
  g_free (r->areas_served);
  g_string_free (r->notes, TRUE);
  g_free (r->extra);
  g_ptr_array_unref (r->contacts);
  g_ptr_array_unref (r->sites);
  g_ptr_array_unref (r->capabilities);
  g_ptr_array_unref (r->services);
  g_free (r);
}


/* The organisation this record updates: same identifier, else same name
 * and the same postcode at its first site. */
static gint64
partners_exchange_record_find_match (SteadImportContext *context,
                                     PartnersRecord     *r)
{
  SteadTransaction *txn = stead_import_context_get_transaction (context);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 own;

  /* One this workspace exported: that organisation, its id kept as it is. */
  own = stead_import_context_find_own_id (context, "partners_organisation",
                                          "SELECT id FROM partners_organisation WHERE id = ?1",
                                          r->source_id);
  if (own != 0)
    {
      g_clear_pointer (&r->source_id, g_free);
      return own;
    }
  if (r->source_id != NULL)
    {
      stmt = stead_transaction_prepare (
        txn, "SELECT id FROM partners_organisation WHERE source_id = ?", NULL);
      sqlite3_bind_text (stmt, 1, r->source_id, -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        return sqlite3_column_int64 (stmt, 0);
      g_clear_pointer (&stmt, sqlite3_finalize);
    }
  if (r->sites->len > 0 && ((PartnersSite *) g_ptr_array_index (r->sites, 0))->postcode != NULL)
    {
      g_autofree char *want =
        stead_postcode_normalize (((PartnersSite *) g_ptr_array_index (r->sites, 0))->postcode);

      stmt = stead_transaction_prepare (txn,
                                        "SELECT o.id, s.postcode FROM partners_organisation o "
                                        "JOIN partners_site s ON s.organisation = o.id "
                                        "WHERE o.name = ? COLLATE NOCASE", NULL);
      sqlite3_bind_text (stmt, 1, r->name, -1, SQLITE_STATIC);
      while (want != NULL && sqlite3_step (stmt) == SQLITE_ROW)
        {
          g_autofree char *have =
            stead_postcode_normalize ((const char *) sqlite3_column_text (stmt, 1));

          if (g_strcmp0 (have, want) == 0)
            return sqlite3_column_int64 (stmt, 0);
        }
    }
  return 0;
}

/* Adds or updates one organisation with its contacts, sites and
 * capabilities, which replace those it had. */
gboolean
partners_record_write (SteadImportContext  *context,
                       PartnersRecord              *r,
                       GError             **error)
{
  SteadTransaction *txn = stead_import_context_get_transaction (context);
  g_autoptr(GHashTable) site_ids = g_hash_table_new (g_str_hash, g_str_equal);
  gint64 id = partners_exchange_record_find_match (context, r);
  const char *notes = r->notes->len ? r->notes->str : NULL;

  if (id != 0)
    {
      static const char *children[] = {
        "DELETE FROM partners_service WHERE organisation = ?",
        "DELETE FROM partners_capability WHERE organisation = ?",
        "DELETE FROM partners_contact WHERE organisation = ?",
        "DELETE FROM partners_site WHERE organisation = ?",
      };

      for (guint i = 0; i < G_N_ELEMENTS (children); i++)
        if (stead_transaction_run (txn, children[i], STEAD_ARGS (STEAD_INT (id)), error) < 0)
          return FALSE;
      if (stead_transaction_run (
            txn,
            "UPDATE partners_organisation SET name = ?1, type = coalesce (?2, type), "
            "tier = coalesce (?3, tier), description = ?4, website = ?5, charity_number = ?6, "
            "company_number = ?7, areas_served = ?8, notes = ?9, "
            "source_id = coalesce (?10, source_id), "
            "extra = CASE WHEN ?12 IS NULL THEN extra "
            "ELSE json_patch (coalesce (extra, '{}'), ?12) END, "
            "updated = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ?11",
            STEAD_ARGS (STEAD_TEXT (r->name), STEAD_TEXT (r->type), STEAD_TEXT (r->tier),
                        STEAD_TEXT (r->description), STEAD_TEXT (r->website),
                        STEAD_TEXT (r->charity_number), STEAD_TEXT (r->company_number),
                        STEAD_TEXT (r->areas_served), STEAD_TEXT (notes), STEAD_TEXT (r->source_id),
                        STEAD_INT (id), STEAD_TEXT (r->extra)),
            error) < 0)
        return FALSE;
      stead_import_context_updated_named (context, r->name);
    }
  else
    {
      id = stead_transaction_run (
        txn,
        "INSERT INTO partners_organisation (name, type, tier, description, website, "
        "charity_number, company_number, areas_served, notes, source_id, extra) "
        "VALUES (?1, coalesce (?2, 'other'), coalesce (?3, 'contributing'), ?4, ?5, ?6, ?7, "
        "?8, ?9, ?10, ?11)",
        STEAD_ARGS (STEAD_TEXT (r->name), STEAD_TEXT (r->type), STEAD_TEXT (r->tier),
                    STEAD_TEXT (r->description), STEAD_TEXT (r->website),
                    STEAD_TEXT (r->charity_number), STEAD_TEXT (r->company_number),
                    STEAD_TEXT (r->areas_served), STEAD_TEXT (notes), STEAD_TEXT (r->source_id),
                    STEAD_TEXT (r->extra)),
        error);
      if (id < 0)
        return FALSE;
      stead_import_context_added_named (context, r->name);
    }

  for (guint i = 0; i < r->contacts->len; i++)
    {
      PartnersContact *c = g_ptr_array_index (r->contacts, i);

      if (stead_transaction_run (
            txn,
            "INSERT INTO partners_contact (organisation, name, role, phone, phone_24h, email, "
            "source_id, extra) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            STEAD_ARGS (STEAD_INT (id), STEAD_TEXT (c->name), STEAD_TEXT (c->role),
                        STEAD_TEXT (c->phone), STEAD_TEXT (c->phone_24h), STEAD_TEXT (c->email),
                        STEAD_TEXT (c->source_id), STEAD_TEXT (c->extra)),
            error) < 0)
        return FALSE;
    }

  for (guint i = 0; i < r->sites->len; i++)
    {
      PartnersSite *s = g_ptr_array_index (r->sites, i);
      g_autoptr(SteadGeometry) point =
        s->has_position ? stead_geometry_new_point (s->lon, s->lat) : NULL;
      gint64 fid;

      fid = stead_transaction_run (
        txn,
        "INSERT INTO partners_site (geom, organisation, name, address, postcode, what, "
        "capacity, source_id, extra) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        STEAD_ARGS (STEAD_GEOMETRY (point), STEAD_INT (id), STEAD_TEXT (s->name),
                    STEAD_TEXT (s->address), STEAD_TEXT (s->postcode), STEAD_TEXT (s->what),
                    STEAD_INT_OR_NULL (s->capacity, s->capacity >= 0), STEAD_TEXT (s->source_id),
                    STEAD_TEXT (s->extra)),
        error);
      if (fid < 0)
        return FALSE;
      if (s->source_id != NULL)
        g_hash_table_insert (site_ids, s->source_id, GSIZE_TO_POINTER ((gsize) fid));
    }

  for (guint i = 0; i < r->capabilities->len; i++)
    {
      PartnersCapability *c = g_ptr_array_index (r->capabilities, i);
      gsize site = c->site_source_id
                     ? GPOINTER_TO_SIZE (g_hash_table_lookup (site_ids, c->site_source_id))
                     : 0;

      if (stead_transaction_run (
            txn,
            "INSERT INTO partners_capability (organisation, site, kind, quantity, conditions, "
            "lead_time_hours) VALUES (?, ?, ?, ?, ?, ?)",
            STEAD_ARGS (STEAD_INT (id), STEAD_INT_OR_NULL ((gint64) site, site != 0),
                        STEAD_STRING (c->kind), STEAD_INT (c->quantity), STEAD_TEXT (c->conditions),
                        STEAD_INT_OR_NULL (c->lead_time_hours, c->lead_time_hours >= 0)),
            error) < 0)
        return FALSE;
    }

  for (guint i = 0; i < r->services->len; i++)
    {
      PartnersService *sv = g_ptr_array_index (r->services, i);
      gsize site = sv->site_source_id
                     ? GPOINTER_TO_SIZE (g_hash_table_lookup (site_ids, sv->site_source_id))
                     : 0;

      if (stead_transaction_run (
            txn,
            "INSERT INTO partners_service (organisation, site, name, description, status, url, "
            "email, source_id, extra) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            STEAD_ARGS (STEAD_INT (id), STEAD_INT_OR_NULL ((gint64) site, site != 0),
                        STEAD_STRING (sv->name), STEAD_TEXT (sv->description),
                        STEAD_TEXT (sv->status), STEAD_TEXT (sv->url), STEAD_TEXT (sv->email),
                        STEAD_TEXT (sv->source_id), STEAD_TEXT (sv->extra)),
            error) < 0)
        return FALSE;
    }
  return TRUE;
}

/* @text as a term's code (a code or label, in any case), in place. */
static gboolean
partners_exchange_record_take_term (SteadImportContext  *context,
                                    const char          *vocabulary,
                                    char               **text)
{
  char *code = stead_workspace_lookup_term (stead_import_context_get_workspace (context),
                                            vocabulary, *text);

  if (code == NULL)
    return FALSE;
  g_free (*text);
  *text = code;
  return TRUE;
}

/* What must hold before a record is written; NULL if it is fine. Types,
 * tiers and capability kinds are taken as codes or labels in any case
 * (an Open Referral file may say "Voluntary and community sector"). */
char *
partners_record_check (SteadImportContext *context,
                       PartnersRecord             *r)
{
  static const char * const tiers[] = { "instrumental", "contributing", "occasional", NULL };
  SteadWorkspace *workspace = stead_import_context_get_workspace (context);

  if (r->name == NULL || *r->name == '\0')
    return g_strdup (_("it has no name"));
  if (r->type != NULL && !partners_exchange_record_take_term (context, "partner-type", &r->type))
    {
      g_autofree char *words = stead_workspace_list_terms (workspace, "partner-type");

      return g_strdup_printf (_("“%s” is not a partner type: %s"), r->type, words);
    }
  if (r->tier != NULL)
    {
      g_autofree char *lower = g_utf8_strdown (r->tier, -1);

      g_strstrip (lower);
      if (!g_strv_contains (tiers, lower))
        return g_strdup_printf (
          _("“%s” is not a tier (instrumental, contributing or occasional)"), r->tier);
      g_free (r->tier);
      r->tier = g_steal_pointer (&lower);
    }
  for (guint i = 0; i < r->capabilities->len; i++)
    {
      PartnersCapability *c = g_ptr_array_index (r->capabilities, i);

      if (c->kind == NULL ||
          !partners_exchange_record_take_term (context, "resource-kind", &c->kind))
        {
          g_autofree char *words = stead_workspace_list_terms (workspace, "resource-kind");

          return g_strdup_printf (_("capability “%s” is not a resource kind: %s"),
                                  c->kind != NULL ? c->kind : "", words);
        }
    }
  for (guint i = 0; i < r->services->len; i++)
    {
      PartnersService *sv = g_ptr_array_index (r->services, i);

      if (sv->name == NULL || *sv->name == '\0')
        return g_strdup_printf (_("its service %u has no name"), i + 1);
    }
  for (guint i = 0; i < r->sites->len; i++)
    {
      PartnersSite *s = g_ptr_array_index (r->sites, i);

      if (s->has_position && (s->lon < -180 || s->lon > 180 || s->lat < -90 || s->lat > 90))
        return g_strdup_printf (_("location “%s” has latitude and longitude out of range"),
                                s->name ? s->name : "");
    }
  return NULL;
}

