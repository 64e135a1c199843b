#!/usr/bin/env python3
# area-views.py WS.gpkg: GDAL runs the need_area and resource_area views
# of a workspace (as `ogrinfo -sql` does: SQLite with GDAL's functions,
# none of Stead's), and they list exactly the pairs GEOS finds, point by
# point, with OGR's own geometries: an oracle that shares no code with
# Stead. Prints what differs; exit 1 if anything does.
import sys

from osgeo import gdal, ogr

gdal.UseExceptions()


def geometries(ds, layer_name):
    layer = ds.GetLayerByName(layer_name)
    return {f.GetFID(): f.GetGeometryRef().Clone() for f in layer
            if f.GetGeometryRef() is not None}


def expected_pairs(points, areas):
    pairs = set()
    for area_fid, area in areas.items():
        min_x, max_x, min_y, max_y = area.GetEnvelope()
        for point_fid, point in points.items():
            x, y = point.GetX(), point.GetY()
            if min_x <= x <= max_x and min_y <= y <= max_y and area.Contains(point):
                pairs.add((point_fid, area_fid))
    return pairs


def view_pairs(ds, sql):
    layer = ds.ExecuteSQL(sql)
    try:
        return {(f.GetField(0), f.GetField(1)) for f in layer}
    finally:
        ds.ReleaseResultSet(layer)


def main(path):
    ds = gdal.OpenEx(path, gdal.OF_VECTOR | gdal.OF_READONLY)
    areas = geometries(ds, "area")
    status = 0
    for table, view, column in (("need", "need_area", "need"),
                                ("resource", "resource_area", "resource")):
        points = geometries(ds, table)
        want = expected_pairs(points, areas)
        got = view_pairs(ds, "SELECT %s, area FROM %s" % (column, view))
        if got != want:
            status = 1
            print("%s differs from GEOS: %d missing %s, %d extra %s" % (
                view, len(want - got), sorted(want - got)[:10],
                len(got - want), sorted(got - want)[:10]))
        elif not want:
            status = 1
            print("%s: nothing lies in any area of %s; nothing was compared" % (view, path))
        else:
            print("%s: %d %s-area pairs, as GEOS finds them" % (view, len(got), table))
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
