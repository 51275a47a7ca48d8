"""docs/development.md's module map is true: its table names every lib/
module, and each module's "uses" are exactly the modules its #include lines
reach; the modules form no cycle (no edge may be excused from that)."""
import os
import re
import unittest

SRC = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
LIB = os.path.join(SRC, "lib")
DOC = os.path.join(SRC, "docs", "development.md")
INCLUDE = re.compile(r'^\s*#\s*include\s+"([a-z0-9_]+)/[^"]+"', re.M)


def modules_in_code():
    """{module: set of other lib/ modules it includes} from lib/*/ sources."""
    mods = sorted(d for d in os.listdir(LIB) if os.path.isdir(os.path.join(LIB, d)) and d != "cmake")
    uses = {}
    for m in mods:
        found = set()
        for root, _, files in os.walk(os.path.join(LIB, m)):
            for f in files:
                if f.endswith((".cpp", ".hpp")):
                    with open(os.path.join(root, f), encoding="utf-8") as fh:
                        found |= set(INCLUDE.findall(fh.read()))
        uses[m] = {u for u in found if u in mods and u != m}
    return uses


def modules_in_doc():
    """{module: uses} from the map's table rows
    | `name/` | owns | `a`, `b` |  ("—" for none)."""
    with open(DOC, encoding="utf-8") as fh:
        text = fh.read()
    heading = "### Modules of lib/"
    if heading not in text:
        raise AssertionError(f"docs/development.md has no section '{heading}'")
    lines = text.split(heading, 1)[1].splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("|"))
    end = next((i for i in range(start, len(lines)) if not lines[i].startswith("|")), len(lines))
    table = {}
    for line in lines[start:end]:
        m = re.match(r"^\|\s*`([a-z0-9_]+)/`\s*\|.*\|\s*([^|]*?)\s*\|\s*$", line)
        if not m:
            continue
        uses = set()
        for item in (i.strip() for i in m.group(2).split(",")):
            name = re.match(r"^`([a-z0-9_]+)`$", item)
            if name:
                uses.add(name.group(1))
            elif item not in ("—", "-", ""):
                raise AssertionError(f"docs/development.md: cannot read {item!r} in the uses of {m.group(1)}/ "
                                     "(a use is a module name in backquotes; no edge is marked as an allowed cycle)")
        table[m.group(1)] = uses
    return table


def find_cycle(graph):
    """One cycle of the graph as a list of nodes, or None."""
    state = {}

    def visit(node, path):
        state[node] = "open"
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == "open":
                return path[path.index(nxt):] + [nxt]
            if nxt not in state:
                found = visit(nxt, path + [nxt])
                if found:
                    return found
        state[node] = "done"
        return None
    for start in sorted(graph):
        if start not in state:
            found = visit(start, [start])
            if found:
                return found
    return None


class ArchitectureMapTest(unittest.TestCase):
    def setUp(self):
        self.code = modules_in_code()
        self.doc = modules_in_doc()

    def test_every_module_is_in_the_map_and_no_other(self):
        self.assertEqual(sorted(set(self.code) - set(self.doc)), [],
                         "lib/ modules missing from docs/development.md's map: add a row for each")
        self.assertEqual(sorted(set(self.doc) - set(self.code)), [],
                         "docs/development.md's map lists modules lib/ does not have: remove their rows")

    def test_uses_are_the_includes(self):
        for module, uses in sorted(self.code.items()):
            if module not in self.doc:
                continue
            listed = self.doc[module]
            with self.subTest(module=module):
                self.assertEqual(sorted(uses - listed), [],
                                 f"lib/{module} includes these, which the map does not list as its uses")
                self.assertEqual(sorted(listed - uses), [],
                                 f"the map says lib/{module} uses these, and it includes none of them")

    def test_no_cycle_between_modules(self):
        cycle = find_cycle(self.code)
        self.assertIsNone(cycle, f"lib/ modules use each other in a cycle: {' -> '.join(cycle or [])}; "
                                 "break it: move what both need to a module below them")

    def test_the_cycle_finder_finds_cycles(self):
        self.assertEqual(find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}), ["a", "b", "c", "a"])
        self.assertEqual(find_cycle({"a": {"a"}}), ["a", "a"])
        self.assertIsNone(find_cycle({"a": {"b", "c"}, "b": {"c"}, "c": set()}))


if __name__ == "__main__":
    unittest.main()
