#!/usr/bin/env python3
# prefix-statics.py FILE.c…: gives every static function of a file its
# file's prefix (see tests/style/check-style.py), renaming its uses in the
# file and in the .ui templates of the same folder that bind it by name.
import os
import re
import sys

TYPE_MACRO = re.compile(r'G_(?:DEFINE|DECLARE)_[A-Z_]*TYPE[A-Z_]*\s*\(\s*\w+\s*,\s*([a-z_0-9]+)')

def prefixes(path, text):
    """The prefixes a static function of @path may carry, and the one to give it."""
    words = os.path.basename(path)[:-2].replace('-', '_').split('_')
    if len(words) == 1:
        ok = [words[0] + '_']
    else:
        ok = ['_'.join(words[:k]) + '_' for k in range(2, len(words) + 1)]
    # The classes the file defines (a private row class, say) carry their own.
    ok += [m.group(1) + '_' for m in TYPE_MACRO.finditer(text)]
    return tuple(ok), words

def new_name(words, name):
    """stead_cap_child in stead-import-cap.c: stead_import_cap_child."""
    parts = name.split('_')
    if parts[0] == words[0]:
        parts = parts[1:]
    for k in range(min(len(words) - 1, len(parts)), 0, -1):
        if words[-k:] == parts[:k]:
            parts = parts[k:]
            break
    return '_'.join(words + parts)

for path in sys.argv[1:]:
    with open(path, encoding='utf-8') as f:
        text = f.read()
    lines = text.split('\n')
    ok, words = prefixes(path, text)
    names = []
    for n, line in enumerate(lines[:-1]):
        if line.startswith('static '):
            m = re.match(r'^([a-z_][a-z0-9_]*) \(', lines[n + 1])
            if m and not m.group(1).startswith(ok) and m.group(1) != 'main':
                names.append(m.group(1))
    if not names:
        continue
    renames = {}
    for name in sorted(set(names)):
        new = new_name(words, name)
        if re.search(r'\b%s\b' % re.escape(new), text):
            print('%s: %s -> %s exists already; left' % (path, name, new), file=sys.stderr)
            continue
        renames[name] = new
    pattern = re.compile(r'\b(%s)\b' % '|'.join(re.escape(n) for n in sorted(renames, key=len, reverse=True)))
    # Not inside strings: split on string literals and rename the code parts only.
    parts = re.split(r'("(?:[^"\\\n]|\\.)*")', text)
    for i in range(0, len(parts), 2):
        parts[i] = pattern.sub(lambda m: renames[m.group(1)], parts[i])
    text = ''.join(parts)
    # Re-align the continuation lines of renamed definitions.
    out = text.split('\n')
    for n in range(len(out) - 1):
        m = re.match(r'^([a-z_][a-z0-9_]*) \((.*)$', out[n])
        if m and m.group(1) in renames.values() and not out[n].rstrip().endswith((')', ');')):
            col = len(m.group(1)) + 2
            k = n + 1
            while k < len(out) and out[k].startswith(' ') and not out[k].startswith('{'):
                out[k] = ' ' * col + out[k].lstrip()
                if ')' in out[k]:
                    break
                k += 1
    with open(path, 'w', encoding='utf-8') as f:
        f.write('\n'.join(out))
    folder = os.path.dirname(path)
    for ui in os.listdir(folder or '.'):
        if ui.endswith('.ui'):
            uipath = os.path.join(folder, ui)
            with open(uipath, encoding='utf-8') as f:
                u = f.read()
            u2 = re.sub(r'handler="([a-z_0-9]+)"', lambda m: 'handler="%s"' % renames.get(m.group(1), m.group(1)), u)
            if u2 != u:
                with open(uipath, 'w', encoding='utf-8') as f:
                    f.write(u2)
    print('%s: %d renamed' % (path, len(renames)))
