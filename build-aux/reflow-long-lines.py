#!/usr/bin/env python3
# reflow-long-lines.py FILE…: rewraps, with clang-format and the tree's
# .clang-format, only the statements that hold a line over 100 columns,
# then puts back what clang-format 14 cannot say of GNOME style:
# _("…") and g_autoptr(T) without a space, "char * const".
import re
import subprocess
import sys

LIMIT = 100

def long_lines(path):
    with open(path, encoding='utf-8') as f:
        return [i + 1 for i, line in enumerate(f.read().split('\n')) if len(line) > LIMIT]

def tidy(text):
    text = re.sub(r'(?<![\w])(N_|NC_|C_|_) \(', r'\1(', text)
    text = re.sub(r'\b(g_autoptr|g_auto|g_autolist|g_autoslist|g_autoqueue) \(', r'\1(', text)
    text = re.sub(r'(\w) \*const\b', r'\1 * const', text)
    return text

for path in sys.argv[1:]:
    lines = long_lines(path)
    if not lines:
        continue
    subprocess.run(['clang-format', '-i', '--style=file'] + ['--lines=%d:%d' % (n, n) for n in lines] + [path],
                   check=True)
    with open(path, encoding='utf-8') as f:
        text = f.read()
    with open(path, 'w', encoding='utf-8') as f:
        f.write(tidy(text))
