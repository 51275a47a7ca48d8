"""docs/development.md's module map is true: its table names every lib/
module, and each module's "uses" are exactly the modules its #include lines
reach; with the edges marked (cycle) taken out, the modules form no cycle."""
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
    """{module: (uses, cycle edges)} from the map's table rows
    | `name/` | owns | `a`, `b` (cycle) |  ("—" for none)."""
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
        uses, cycles = set(), set()
        for item in (i.strip() for i in m.group(2).split(",")):
            name = re.match(r"^`([a-z0-9_]+)`(\s*\(cycle\))?$", item)
            if name:
                uses.add(name.group(1))
                if name.group(2):
                    cycles.add(name.group(1))
            elif item not in ("—", "-", ""):
                raise AssertionError(f"docs/development.md: cannot read {item!r} in the uses of {m.group(1)}/")
        table[m.group(1)] = (uses, cycles)
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
            listed = self.doc[module][0]
            with self.subTest(module=module):
                self.assertEqual(sorted(uses - listed), [],
                                 f"lib/{module} includes these, which the map does not list as its uses")
                self.assertEqual(sorted(listed - uses), [],
                                 f"the map says lib/{module} uses these, and it includes none of them")

    def test_no_cycle_but_the_marked_ones(self):
        graph = {m: uses - self.doc.get(m, (set(), set()))[1] for m, uses in self.code.items()}
        cycle = find_cycle(graph)
        self.assertIsNone(cycle, f"lib/ modules use each other in a cycle: {' -> '.join(cycle or [])}; "
                                 "break it (or, for a known one being removed, mark its edge (cycle) in the map)")
        for module, (_, cycles) in sorted(self.doc.items()):
            for target in sorted(cycles):
                with self.subTest(edge=f"{module} -> {target}"):
                    graph_with = {m: set(g) for m, g in graph.items()}
                    graph_with.setdefault(module, set()).add(target)
                    self.assertIsNotNone(find_cycle(graph_with),
                                         f"{module} -> {target} is marked (cycle) but closes none: drop the mark")


if __name__ == "__main__":
    unittest.main()
