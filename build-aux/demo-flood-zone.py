#!/usr/bin/env python3
# demo-flood-zone.py DATA-DIR: writes DATA-DIR/flood-zone.geojson, the demo
# area's illustrative flood zone: corridors along the Severn (650 m each
# side) and the Avon (450 m), cut to the real borough boundary of
# DATA-DIR/district-2013.geojson and pulled 40 m inside it, so that the
# zone lies inside the boundary whatever the rounding. The Severn's line
# south of the town follows the 2013 ward boundaries that run down the
# river (Highnam with Haw Bridge against Tewkesbury Town with Mitton,
# Tewkesbury Prior's Park and Coombe Hill); north of it, the borough
# boundary. It is not an Environment Agency flood zone. Needs python3-gdal;
# run it again only to redraw the zone (the output is in the repository).
import json
import math
import os
import sys

from osgeo import ogr

SEVERN = [(-2.181, 52.045), (-2.178, 52.025), (-2.166, 52.003), (-2.1749, 51.9961),
          (-2.1768, 51.9953), (-2.1755, 51.9916), (-2.1752, 51.9884), (-2.176, 51.9856),
          (-2.1771, 51.9839), (-2.1847, 51.9805), (-2.188, 51.9784), (-2.1919, 51.9731),
          (-2.1943, 51.969), (-2.2016, 51.9636), (-2.2111, 51.9592), (-2.2136, 51.9532),
          (-2.2179, 51.9507), (-2.2255, 51.9503), (-2.2274, 51.947), (-2.2274, 51.9435),
          (-2.2289, 51.9393), (-2.224, 51.9352), (-2.2225, 51.9326), (-2.2311, 51.9296),
          (-2.2444, 51.926)]
AVON = [(-2.137, 52.029), (-2.143, 52.019), (-2.150, 52.007), (-2.158, 51.998),
        (-2.168, 51.995)]
# Degrees of longitude are shorter than degrees of latitude here.
SQUASH = math.cos(math.radians(52.0))
METRES_PER_DEGREE = 111320.0


def corridor(points, metres):
    line = ogr.Geometry(ogr.wkbLineString)
    for x, y in points:
        line.AddPoint_2D(x * SQUASH, y)
    # Keep the buffer: the ring belongs to it.
    polygon = line.Buffer(metres / METRES_PER_DEGREE, 8)
    buffered = polygon.GetGeometryRef(0)
    ring = ogr.Geometry(ogr.wkbLinearRing)
    for i in range(buffered.GetPointCount()):
        ring.AddPoint_2D(buffered.GetX(i) / SQUASH, buffered.GetY(i))
    out = ogr.Geometry(ogr.wkbPolygon)
    out.AddGeometry(ring)
    return out


def main(data_dir):
    with open(os.path.join(data_dir, 'district-2013.geojson'), encoding='utf-8') as f:
        district = json.load(f)
    boundary = ogr.CreateGeometryFromJson(json.dumps(district['features'][0]['geometry']))
    zone = corridor(SEVERN, 650).Union(corridor(AVON, 450)).Intersection(boundary)
    zone = zone.Buffer(-40 / METRES_PER_DEGREE).SimplifyPreserveTopology(0.0003)
    if zone.GetGeometryName() != 'POLYGON' or zone.GetGeometryCount() != 1:
        sys.exit('the zone is not one polygon without holes: redraw it')
    ring = zone.GetGeometryRef(0)
    coords = [[round(ring.GetX(i), 5), round(ring.GetY(i), 5)]
              for i in range(ring.GetPointCount())]
    check = ogr.CreateGeometryFromJson(json.dumps({'type': 'Polygon', 'coordinates': [coords]}))
    if not check.IsValid() or not boundary.Contains(check):
        sys.exit('the rounded zone is not a valid polygon inside the boundary')
    feature = {
        'type': 'Feature',
        'properties': {
            'code': 'DEMO-H01',
            'name': 'Severn and Avon flood zone (illustrative)',
            'note': 'Drawn for the Stead demo along the Severn and the Avon; '
                    'not an Environment Agency flood zone',
        },
        'geometry': {'type': 'Polygon', 'coordinates': [coords]},
    }
    out = {'type': 'FeatureCollection', 'name': 'flood-zone', 'features': [feature]}
    with open(os.path.join(data_dir, 'flood-zone.geojson'), 'w', encoding='utf-8') as f:
        json.dump(out, f, separators=(',', ':'))
        f.write('\n')


if __name__ == '__main__':
    main(sys.argv[1])
