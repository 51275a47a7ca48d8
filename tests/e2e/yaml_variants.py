"""Variants of a YAML file for the edit corpus tests.

The same bytes with other conventions (CRLF line ends, no final newline, a
byte order mark), and the same documents written in other styles: every
mapping in flow style, 4-space indentation, sequences flush with or indented
under their key, a comment after every value. The styled ones are written here
from what PyYAML reads (so the original's comments are not in them); their
scalars are written by PyYAML itself, so they read back as the same values."""
import json

import yaml

INF = 10 ** 9
# PyYAML with its libyaml parser (the same constructors as safe_load, faster).
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_all(text):
    return list(yaml.load_all(text, Loader=LOADER))


def load(text):
    return yaml.load(text, Loader=LOADER)


def _dump(value):
    text = yaml.safe_dump(value, default_flow_style=True, width=INF, allow_unicode=True)
    if text.endswith("\n...\n"):
        text = text[:-5]
    return text.rstrip("\n")


def _quoted(text):
    # A JSON string is a YAML double-quoted scalar on one line.
    return json.dumps(text, ensure_ascii=False)


def block_scalar(value):
    """One-line text of a scalar in block context."""
    if isinstance(value, str) and ("\n" in value or "\r" in value):
        return _quoted(value)
    return _dump(value)


def flow_scalar(value):
    """One-line text of a scalar inside [ ] or { }."""
    if isinstance(value, str) and ("\n" in value or "\r" in value):
        return _quoted(value)
    return _dump([value])[1:-1]


def _literal_ok(value):
    if not isinstance(value, str) or "\n" not in value or value[0] in " \n":
        return False
    if any(ord(c) < 0x20 and c != "\n" for c in value) or "\ufeff" in value:
        return False
    return all(not line.endswith((" ", "\t")) for line in value.split("\n"))


def _literal(value, indent):
    body = value.rstrip("\n")
    trailing = len(value) - len(body)
    header = "|-" if trailing == 0 else "|" if trailing == 1 else "|+"
    lines = [(" " * indent + line) if line else "" for line in body.split("\n")]
    return header, lines + [""] * max(0, trailing - 1)


def _block(value, indent, step, indent_seqs, comment, out):
    pad = " " * indent
    note = "  # note" if comment else ""

    def entry(head, v, child, seq_child):
        if isinstance(v, (dict, list)) and v:
            out.append(head + note)
            _block(v, seq_child if isinstance(v, list) else child, step, indent_seqs, comment, out)
        elif _literal_ok(v):
            header, lines = _literal(v, child)
            out.append(f"{head} {header}{note}")
            out.extend(lines)
        else:
            inline = "{}" if v == {} else "[]" if v == [] else block_scalar(v)
            out.append(f"{head} {inline}{note}")

    if isinstance(value, dict):
        for k, v in value.items():
            entry(pad + block_scalar(k) + ":", v, indent + step, indent + (step if indent_seqs else 0))
    else:
        for v in value:
            if isinstance(v, dict) and v:
                sub = []
                _block(v, indent + 2, step, indent_seqs, comment, sub)
                out.append(pad + "- " + sub[0][indent + 2:])
                out.extend(sub[1:])
            else:
                entry(pad + "-", v, indent + 2, indent + 2)


def _flow(value, indent):
    if isinstance(value, dict):
        items = [f"{flow_scalar(k)}: {_flow(v, indent + 2)}" for k, v in value.items()]
        open_, close = "{", "}"
    elif isinstance(value, list):
        items = [_flow(v, indent + 2) for v in value]
        open_, close = "[", "]"
    else:
        return flow_scalar(value)
    one_line = open_ + ", ".join(items) + close
    leaves = all(not isinstance(v, (dict, list)) or not v for v in (value.values() if isinstance(value, dict) else value))
    if not items or (leaves and len(one_line) < 100 and "\n" not in one_line):
        return one_line
    inner = " " * (indent + 2)
    return open_ + "\n" + ",\n".join(inner + i for i in items) + "\n" + " " * indent + close


def _documents(text, write):
    docs = [d for d in load_all(text) if d is not None]
    return "---\n".join(write(d) for d in docs)


def _styled(step, indent_seqs, comment):
    def write(doc):
        if not isinstance(doc, (dict, list)) or not doc:
            return block_scalar(doc) + "\n"
        out = []
        _block(doc, 0, step, indent_seqs, comment, out)
        return "\n".join(out) + "\n"

    return lambda text: _documents(text, write)


def _no_final_newline(text):
    return text.rstrip("\r\n")


VARIANTS = {
    "original": lambda text: text,
    "flow": lambda text: _documents(text, lambda d: _flow(d, 0) + "\n"),
    "indent-4": _styled(4, True, False),
    "sequences-flush": _styled(2, False, False),
    "sequences-indented": _styled(2, True, False),
    "crlf": lambda text: text.replace("\r\n", "\n").replace("\n", "\r\n"),
    "no-final-newline": _no_final_newline,
    "bom": lambda text: "\ufeff" + text,
    "comments": _styled(2, False, True),
}
