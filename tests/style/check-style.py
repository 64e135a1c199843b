#!/usr/bin/env python3
# check-style.py [--report] SRCDIR: the house style a tool can check.
#
# - No line over 100 columns in C sources and headers.
# - Every static function in app/ and plugins/ carries its file's prefix:
#   the file name's first two or more words ("stead-map-view-layers.c":
#   stead_map_view_layers_, stead_map_view_ or stead_map_), or that of a
#   class the file defines.
# - po/POTFILES.in lists every file with translatable strings.
# Prints each problem as FILE:LINE: what, and exits 1 if there is one.
import os
import re
import subprocess
import sys

LIMIT = 100
report = '--report' in sys.argv
srcdir = [a for a in sys.argv[1:] if not a.startswith('--')][0]
os.chdir(srcdir)

def tracked(*patterns):
    out = subprocess.run(['git', 'ls-files', '--'] + list(patterns), capture_output=True, text=True)
    if out.returncode == 0 and out.stdout.strip():
        return out.stdout.split()
    # Not a git checkout (a tarball): walk the tree.
    found = []
    for top in ('app', 'plugins', 'tests', 'bench', 'data'):
        for root, _, files in os.walk(top):
            found += [os.path.join(root, f) for f in files]
    return [f for f in found if any(re.fullmatch(p.replace('*', '.*'), f) for p in patterns)]

problems = []
sources = [f for f in tracked('app/*', 'plugins/*', 'tests/*', 'bench/*') if f.endswith(('.c', '.h'))]

for path in sources:
    with open(path, encoding='utf-8') as f:
        lines = f.read().split('\n')
    for n, line in enumerate(lines, 1):
        if len(line.expandtabs(8)) > LIMIT:
            problems.append('%s:%d: line of %d columns (at most %d)' % (path, n, len(line), LIMIT))

    if not path.endswith('.c') or not path.startswith(('app/', 'plugins/')):
        continue
    words = os.path.basename(path)[:-2].replace('-', '_').split('_')
    prefixes = tuple('_'.join(words[:k]) + '_' for k in range(2, len(words) + 1))
    if len(words) == 1:
        prefixes = (words[0] + '_',)
    # The classes the file defines (a private row class, say) carry their own.
    prefixes += tuple(m.group(1) + '_' for m in re.finditer(
        r'G_(?:DEFINE|DECLARE)_[A-Z_]*TYPE[A-Z_]*\s*\(\s*\w+\s*,\s*([a-z_0-9]+)', '\n'.join(lines)))
    for n, line in enumerate(lines, 1):
        if line.startswith('static ') and n < len(lines):
            m = re.match(r'^([a-z_][a-z0-9_]*) \(', lines[n])
            if m and not m.group(1).startswith(prefixes) and m.group(1) != 'main':
                problems.append('%s:%d: static %s () lacks the file\'s prefix (%s)' %
                                (path, n + 1, m.group(1), prefixes[-1]))

translatable = re.compile(r'(?<![\w])(N?_|C_|NC_)\s*\(|g_dn?gettext\s*\(|translatable="yes"')
with open('po/POTFILES.in', encoding='utf-8') as f:
    listed = set(l.strip() for l in f if l.strip() and not l.startswith('#'))
for path in tracked('app/*', 'plugins/*'):
    if not path.endswith(('.c', '.ui')):
        continue
    with open(path, encoding='utf-8') as f:
        if translatable.search(f.read()) and path not in listed:
            problems.append('%s: has translatable strings but is not in po/POTFILES.in' % path)
for path in listed:
    if not os.path.exists(path):
        problems.append('po/POTFILES.in: %s does not exist' % path)

if report:
    kinds = {}
    for p in problems:
        k = 'long line' if 'columns' in p else 'prefix' if 'prefix' in p else 'POTFILES'
        kinds[k] = kinds.get(k, 0) + 1
    print(kinds)
else:
    for p in problems:
        print(p)
sys.exit(1 if problems else 0)
