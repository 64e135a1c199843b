/* stead-map-view-private.h: the map view's insides, shared by its files
 *
 * stead-map-view.c (the view, base maps, zoom and extent, shading, clicks),
 * stead-map-view-layers.c (the layer list popover),
 * stead-map-view-sketch.c (drawing a rectangle or polygon to summarise),
 * stead-map-view-popover.c (the record popover of a clicked point),
 * stead-map-view-select.c (the areas under a click, the selected area's outline),
 * stead-map-view-export.c (the view as PNG or PDF for a briefing),
 * stead-map-view-search.c (the search, Ctrl+F, and the place it marks),
 * stead-map-view-network.c (offline: the online base maps set aside) and
 * stead-map-view-empty.c (a workspace with no areas yet: import one).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "stead-background-layer-private.h"
#include "stead-map-view.h"
#include "stead-place-layer-private.h"
#include "stead-tile-downloader.h"

G_BEGIN_DECLS

/* A layer a plugin added with a title, for the layer list. */
typedef struct
{
  ShumateLayer       *layer;
  char               *title;
  SteadMapLegendFunc  legend;        /* what its marks mean, under its switch */
  gpointer            legend_data;
  GDestroyNotify      legend_destroy;
} SteadMapViewNamedLayer;

/* Rows a plugin adds to the panel of an area (see stead-window-addin.h). */
typedef struct
{
  char                *heading;
  GStrv                columns;
  SteadMapAreaRowsFunc func;
  gpointer             data;
} SteadMapViewAreaRows;

struct _SteadMapView
{
  GtkWidget              parent_instance;

  GtkWidget             *overlay;
  ShumateMap            *map;
  ShumateRasterRenderer *osm;
  ShumateMapLayer       *online_layer;
  ShumateMapSource      *online_source;
  ShumateMapSource      *custom;
  SteadBackgroundLayer  *background;
  SteadAreaLayer        *areas;
  SteadPointLayer       *needs;
  SteadPointLayer       *resources;
  SteadPointLayer       *points;            /* draws both, with plugins' sites */
  ShumateLicense        *license;
  SteadTileDownloader   *osm_tiles;         /* the data sources of osm and custom */
  SteadTileDownloader   *custom_tiles;
  GNetworkMonitor       *monitor;
  gboolean               offline;           /* no network: online base maps not shown */
  GtkWidget             *offline_chip;      /* "Offline", over the map */
  GtkWidget             *controls;          /* top right: zoom, drawing, search */
  GtkWidget             *bottom;            /* the scale and the licences */
  GtkWidget             *credits;           /* narrow: a button showing the licences */
  GtkWidget             *credits_box;       /* in its popover */
  gboolean               narrow;            /* below STEAD_MAP_VIEW_NARROW pixels wide */
  int                    narrow_height;     /* the map's, when the summary was fitted */
  guint                  narrow_source;
  GtkWidget             *empty_state;       /* "Import your boundary", with no areas */
  SteadWorkspace        *workspace;
  SteadBaseMap           base_map;
  gboolean               zoom_pending;
  gboolean               zoom_to_extent;    /* fit zoom_extent, not the whole area */
  SteadEnvelope          zoom_extent;
  guint                  zoom_source;
  GPtrArray             *offline_maps;      /* of OfflineMap */
  GtkFileChooserNative  *chooser;
  GtkWidget             *area_panel;
  double                 press_x, press_y;  /* where the last click began */
  double                 pointer_x;         /* over the map, for the wheel's zoom */
  double                 pointer_y;
  double                 zoom_step_to;      /* where the zoom steps under way end */
  gint64                 zoom_step_until;   /* and when (monotonic µs) */

  /* Shading the areas (stead-map-view.c) and its legend (-layers.c) */
  SteadAreaMeasure       shade_measure;
  GCancellable          *shade_cancellable;
  GtkWidget             *shade_legend;      /* weak: in the open layer list */

  /* stead-map-view-layers.c */
  GtkWidget             *layers_button;
  GPtrArray             *named_layers;      /* of SteadMapViewNamedLayer */
  GHashTable            *hidden_need_kinds; /* kinds switched off */
  GHashTable            *need_states;       /* statuses shown */
  GPtrArray             *area_rows;         /* of SteadMapViewAreaRows */

  /* stead-map-view-sketch.c */
  GtkWidget             *draw_button;
  GtkWidget             *hint;              /* how to draw, over the map while drawing */
  GtkWidget             *band;              /* the rectangle being drawn */
  GtkWidget             *sketch;            /* the polygon being drawn, or the one drawn */
  GArray                *vertices;          /* SteadCoord, lon/lat */
  SteadGeometry         *drawn;             /* the last polygon drawn */
  gboolean               drawn_shown;       /* on the map, its summary beside it */
  GMenu                 *area_actions;      /* what plugins offer for a drawn area */
  double                 band_x, band_y;
  gboolean               band_drawn;        /* the release ends a band, not a click */
  gboolean               finish_on_release; /* the press made a double click */
  guint32                last_press_time;
  double                 last_press_x;
  double                 last_press_y;

  /* stead-map-view-popover.c */
  GtkWidget             *popover;
  char                  *popover_action;    /* <module>.show-record, for Open Record */
  gint64                 popover_ref;       /* the record it shows */
  gint64                 popover_fid;       /* the need or resource it shows */
  gboolean               popover_need;

  /* stead-map-view-select.c */
  GtkWidget             *choice;            /* the areas under a click, to choose from */
  GtkWidget             *outline;           /* the selected area, drawn over the map */
  SteadGeometry         *selected;
  /* stead-map-view-export.c */
  GtkFileChooserNative  *export_chooser;
  /* stead-map-view-search.c */
  GtkWidget             *search;            /* SteadMapSearch */
  SteadPlaceLayer       *place_layer;       /* the place it chose */
  SteadPointLayer       *popover_layer;     /* whose point popover_chosen is */
  GdkRectangle           popover_at;
  gint64                 popover_chosen;    /* the member to show next */
  guint                  popover_idle;

  /* stead-map-view-time.c */
  GtkWidget             *time_button;       /* top left, beside the layer list's */
  GtkWidget             *time_label;        /* in it: the dates shown */
  GtkWidget             *time_switch;
  GtkWidget             *time_controls;     /* presets, scale, play */
  GtkWidget             *time_scale;
  GtkWidget             *time_play;
  GtkWidget             *time_dates;
  gboolean               time_on;
  gboolean               time_updating;
  gint32                 time_span_first;   /* the needs' first and last days */
  gint32                 time_span_last;
  gint32                 time_length;       /* the window, in days; 0: the span */
  gint32                 time_end;          /* the window's last day */
  gint32                 time_first;        /* its first, as shown */
  gboolean               time_shown_on;     /* what the map was last told */
  gint32                 time_shown_end;
  gint32                 time_custom_first; /* a range set as such, or G_MININT32 */
  guint                  time_source;       /* playing */
  guint                  time_interval;     /* ms a step */
  /* What the area's summary is of, to count again for other days */
  gint64                 summary_area;
  SteadGeometry         *summary_geom;
  char                  *summary_title;

  /* stead-map-view-pick.c */
  SteadMapViewPickFunc   pick_func;         /* the next click picks a position */
  gpointer               pick_data;
  GDestroyNotify         pick_destroy;
  GtkWidget             *pick_hint;
  GtkWidget             *pick_label;
};

/* stead-map-view-time.c */
void      stead_map_view_time_init            (SteadMapView     *self);
void      stead_map_view_time_dispose         (SteadMapView     *self);
void      stead_map_view_time_update_span     (SteadMapView     *self);
const gint32 *stead_map_view_time_days        (SteadMapView     *self,
                                               gint32           *days);
STEAD_PRIVATE_API
void      stead_map_view_set_time_range       (SteadMapView     *self,
                                               gboolean          on,
                                               gint32            first,
                                               gint32            last);
STEAD_PRIVATE_API
gboolean  stead_map_view_get_time_range       (SteadMapView     *self,
                                               gint32           *first,
                                               gint32           *last);
STEAD_PRIVATE_API
void      stead_map_view_time_play            (SteadMapView     *self,
                                               gboolean          play);
STEAD_PRIVATE_API
gboolean  stead_map_view_time_is_playing      (SteadMapView     *self);
STEAD_PRIVATE_API
void      stead_map_view_time_set_interval    (SteadMapView     *self,
                                               guint             ms);
void      stead_map_view_remember_summary     (SteadMapView     *self,
                                               gint64            area_fid,
                                               SteadGeometry    *geom,
                                               const char       *title);
void      stead_map_view_refresh_summary      (SteadMapView     *self);
void      stead_map_view_refresh_shading      (SteadMapView     *self);

/* stead-map-view.c */
gboolean  stead_map_view_is_on_map            (SteadMapView     *self,
                                               double            x,
                                               double            y);
void      stead_map_view_show_summary         (SteadMapView     *self,
                                               const char       *title,
                                               SteadAreaSummary *summary);
void      stead_map_view_emit_area_drawn      (SteadMapView     *self,
                                               SteadGeometry    *polygon);
GtkWidget *stead_map_view_control_button      (const char       *icon,
                                               const char       *action,
                                               const char       *label);
void      stead_map_view_update_online_layer  (SteadMapView     *self);

/* stead-map-view-network.c */
void      stead_map_view_network_init         (SteadMapView     *self);
void      stead_map_view_network_dispose      (SteadMapView     *self);
void      stead_map_view_network_update       (SteadMapView     *self);
void      stead_map_view_network_watch        (SteadMapView     *self,
                                               SteadTileDownloader *tiles);
/* For tests: the monitor that says whether there is a network. */
STEAD_PRIVATE_API
void      stead_map_view_set_network_monitor  (SteadMapView     *self,
                                               GNetworkMonitor  *monitor);

/* Plugins' rows in the panel of an area row the user chose; removed by
 * their @data. */
void      stead_map_view_add_area_rows        (SteadMapView     *self,
                                               const char       *heading,
                                               const char * const *columns,
                                               SteadMapAreaRowsFunc func,
                                               gpointer          data);
void      stead_map_view_remove_area_rows     (SteadMapView     *self,
                                               gpointer          data);

/* stead-map-view-layers.c */
void      stead_map_view_layers_init          (SteadMapView     *self);
void      stead_map_view_layers_dispose       (SteadMapView     *self);
void      stead_map_view_layers_update_legend (SteadMapView     *self);

/* stead-map-view-sketch.c */
void      stead_map_view_sketch_class_init    (GtkWidgetClass   *widget_class);
void      stead_map_view_sketch_init          (SteadMapView     *self,
                                               GtkBox           *controls);
void      stead_map_view_sketch_dispose       (SteadMapView     *self);
gboolean  stead_map_view_sketch_is_drawing    (SteadMapView     *self);
void      stead_map_view_sketch_hide_drawn    (SteadMapView     *self);
void      stead_map_view_sketch_press         (SteadMapView     *self,
                                               GtkGestureClick  *gesture,
                                               int               n_press,
                                               double            x,
                                               double            y);
void      stead_map_view_sketch_click         (SteadMapView     *self,
                                               double            x,
                                               double            y);
void      stead_map_view_sketch_path          (SteadMapView     *self,
                                               cairo_t          *cr,
                                               const SteadCoord *coords,
                                               gsize             n);

/* stead-map-view-empty.c */
void      stead_map_view_empty_init           (SteadMapView     *self);
void      stead_map_view_empty_update         (SteadMapView     *self);

/* stead-map-view-search.c */
void      stead_map_view_search_class_init    (GtkWidgetClass   *widget_class);
void      stead_map_view_search_init          (SteadMapView     *self,
                                               GtkBox           *controls);

/* stead-map-view-select.c */
void      stead_map_view_select_init          (SteadMapView     *self);
void      stead_map_view_select_dispose       (SteadMapView     *self);
void      stead_map_view_select_at            (SteadMapView     *self,
                                               double            lon,
                                               double            lat,
                                               double            x,
                                               double            y);
void      stead_map_view_select_outline       (SteadMapView     *self,
                                               SteadGeometry    *area);
void      stead_map_view_select_outline_area  (SteadMapView     *self,
                                               gint64            fid);
void      stead_map_view_select_draw_outline  (SteadMapView     *self,
                                               cairo_t          *cr);

/* stead-map-view-export.c */
void      stead_map_view_export_class_init    (GtkWidgetClass   *widget_class);
void      stead_map_view_export_dispose       (SteadMapView     *self);

/* stead-map-view-pick.c */
gboolean  stead_map_view_pick_click           (SteadMapView     *self,
                                               double            x,
                                               double            y);
void      stead_map_view_pick_dispose         (SteadMapView     *self);

/* stead-map-view-popover.c */
void      stead_map_view_popover_show         (SteadMapView     *self,
                                               SteadPointLayer  *layer,
                                               gint64            fid,
                                               double            x,
                                               double            y);
void      stead_map_view_popover_show_members (SteadMapView     *self,
                                               SteadPointLayer  *layer,
                                               const SteadPointCluster *cluster,
                                               double            x,
                                               double            y);
void      stead_map_view_popover_present      (SteadMapView     *self);
void      stead_map_view_popover_dispose      (SteadMapView     *self);

G_END_DECLS
