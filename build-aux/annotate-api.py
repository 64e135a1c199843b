#!/usr/bin/env python3
# annotate-api.py MACRO HEADER…: puts MACRO (STEAD_AVAILABLE_IN_1_0 or
# STEAD_PRIVATE_API) before every function declaration and G_DECLARE_*
# of the headers that has no visibility macro yet.
import re
import sys

macro = sys.argv[1]
ANNOTATED = re.compile(r'^\s*(STEAD_AVAILABLE_IN_\w+|STEAD_PRIVATE_API|STEAD_DEPRECATED\w*)\s*$')

for path in sys.argv[2:]:
    lines = open(path, encoding='utf-8').read().split('\n')
    out = []
    depth = 0
    in_comment = False
    in_macro = False
    pending = None   # index in out where the current statement starts
    statement = ''
    in_macro_call = False
    for line in lines:
        stripped = line.strip()
        if in_macro_call:           # the rest of a G_DECLARE_* over lines
            out.append(line)
            in_macro_call = ')' not in stripped
            continue
        if in_comment:
            out.append(line)
            if '*/' in line:
                in_comment = False
            continue
        if in_macro:
            out.append(line)
            in_macro = line.rstrip().endswith('\\')
            continue
        if depth == 0 and pending is None:
            if stripped.startswith('/*') and '*/' not in stripped:
                in_comment = True
                out.append(line)
                continue
            if stripped.startswith('#'):
                in_macro = line.rstrip().endswith('\\')
                out.append(line)
                continue
            if stripped == '' or stripped.startswith('/*') or stripped.startswith('//') or ANNOTATED.match(line) \
               or stripped in ('G_BEGIN_DECLS', 'G_END_DECLS'):
                out.append(line)
                continue
            if re.match(r'^G_DECLARE_\w+\s*\(', stripped):
                prev = next((l for l in reversed(out) if l.strip()), '')
                if not ANNOTATED.match(prev):
                    out.append(macro)
                out.append(line)
                in_macro_call = ')' not in stripped
                continue
            if re.match(r'^[A-Z_][A-Z0-9_]*\s*\(.*\)\s*$', stripped):
                out.append(line)      # G_DEFINE_AUTOPTR_CLEANUP_FUNC (…) and the like
                continue
            pending = len(out)
            statement = ''
        out.append(line)
        code = re.sub(r'/\*.*?\*/', '', line)
        statement += ' ' + code
        depth += code.count('{') - code.count('}')
        if depth == 0 and (code.rstrip().endswith(';') or code.rstrip().endswith('}')):
            s = statement.strip()
            is_function = ('(' in s and not s.startswith(('typedef', 'static', 'struct', 'enum', 'union', '#'))
                           and not re.match(r'^[A-Z_][A-Z0-9_]*\s*\(', s) and '{' not in s and '=' not in s.split('(')[0])
            if is_function:
                prev = next((l for l in reversed(out[:pending]) if l.strip()), '')
                if not ANNOTATED.match(prev):
                    out.insert(pending, macro)
            pending = None
    with open(path, 'w', encoding='utf-8') as f:
        f.write('\n'.join(out))
