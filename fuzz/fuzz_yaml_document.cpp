// The layout-keeping YAML document: parse a stream of documents, make one
// edit (set, create, remove or append at a path chosen by the input, in one
// of its documents; in flow collections too), then read the result back with
// yaml-cpp and check that it means what the edit meant: the same edit applied
// to yaml-cpp's own reading of the input. The result must also be a stream
// kratix can parse again.
#include <algorithm>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "fuzz_check.hpp"
#include "util/nesting.hpp"
#include "util/yaml_load.hpp"
#include "yamledit/document.hpp"
#include "yamledit/emit.hpp"

namespace {

using kratix::yamledit::Document;
using kratix::yamledit::Node;
using kratix::yamledit::Path;
using kratix::yamledit::Stream;

YAML::Node value_for(unsigned kind, unsigned variant) {
  using kratix::yamledit::string_node;
  static const char* const strings[] = {"plain text", "123",           "true",         "",    " leading space", "a: b",
                                        "#hash",      "multi\nline\n", "trailing\n\n", "x,y]"};
  switch (kind % 8) {
    case 0: return string_node(strings[variant % (sizeof strings / sizeof *strings)]);
    case 1: return YAML::Node(static_cast<int>(variant % 1000));
    case 2: {
      YAML::Node m(YAML::NodeType::Map);
      m["a"] = 1;
      m["b"] = string_node(strings[variant % (sizeof strings / sizeof *strings)]);
      return m;
    }
    case 3: {
      YAML::Node s(YAML::NodeType::Sequence);
      s.push_back(1);
      s.push_back(string_node("true"));
      if (variant % 2) s.SetStyle(YAML::EmitterStyle::Flow);
      return s;
    }
    case 4: return YAML::Node(variant % 2 ? YAML::NodeType::Map : YAML::NodeType::Sequence);
    case 5: {
      YAML::Node m(YAML::NodeType::Map);
      YAML::Node inner(YAML::NodeType::Sequence);
      inner.push_back(string_node("x"));
      m["list"] = inner;
      return m;
    }
    case 6: {  // a flow mapping holding a string that needs quoting in flow
      YAML::Node m(YAML::NodeType::Map);
      m["k"] = string_node(strings[variant % (sizeof strings / sizeof *strings)]);
      m["n"] = YAML::Node(YAML::NodeType::Null);
      m.SetStyle(YAML::EmitterStyle::Flow);
      return m;
    }
    default: {  // nested collections: block style, or one line inside a flow collection
      YAML::Node m(YAML::NodeType::Map);
      YAML::Node inner(YAML::NodeType::Sequence);
      inner.push_back(string_node("-"));
      inner.push_back(YAML::Node(YAML::NodeType::Map));
      m["nested"] = inner;
      return m;
    }
  }
}

// The input's choices, one byte at a time (0 once they run out).
struct Choices {
  const uint8_t* at;
  size_t left;
  unsigned next() {
    if (left == 0) return 0;
    --left;
    return *at++;
  }
};

// A path to an existing node, walking the structure as the input says.
Path pick_path(const Document& d, Choices& in) {
  Path path;
  const Node* n = d.find(path);
  while (n != nullptr && (in.next() & 1) != 0) {
    const unsigned k = in.next();
    if (n->kind == Node::Kind::Map && !n->entries.empty()) {
      const auto& e = n->entries[k % n->entries.size()];
      path.emplace_back(e.key);
      n = e.value;
    } else if (n->kind == Node::Kind::Seq && !n->items.empty()) {
      path.emplace_back(static_cast<size_t>(k % n->items.size()));
      n = n->items[k % n->items.size()].value;
    } else {
      break;
    }
  }
  return path;
}

// yaml-cpp's tree with the same edit; false when yaml-cpp cannot express it
// (then the meaning is not checked).
bool mirror(const YAML::Node& root, const Path& path, unsigned op, const YAML::Node& value) {
  if (path.empty()) return false;
  YAML::Node parent = root;
  for (size_t i = 0; i + 1 < path.size(); ++i) {
    YAML::Node next;
    if (const auto* key = std::get_if<std::string>(&path[i])) {
      if (!parent.IsMap() && !parent.IsNull()) return false;
      next = parent[*key];
    } else {
      if (!parent.IsSequence()) return false;
      next = parent[std::get<size_t>(path[i])];
    }
    parent.reset(next);
  }
  const auto& last = path.back();
  const std::string* key = std::get_if<std::string>(&last);
  // yaml-cpp's operator[] throws on a scalar (a tagged empty value is one);
  // kratix turns such a null into a mapping: not compared.
  if (key ? !parent.IsMap() && !parent.IsNull() : !parent.IsSequence()) return false;
  if (op == 2) {  // remove
    return key ? parent.IsMap() && parent.remove(*key) : parent.IsSequence() && parent.remove(std::get<size_t>(last));
  }
  if (op == 3) {  // append
    YAML::Node list = key ? YAML::Node(parent[*key]) : YAML::Node(parent[std::get<size_t>(last)]);
    if (!list || list.IsNull()) {
      YAML::Node fresh(YAML::NodeType::Sequence);
      fresh.push_back(YAML::Clone(value));
      if (key)
        parent[*key] = fresh;
      else
        parent[std::get<size_t>(last)] = fresh;
      return true;
    }
    if (!list.IsSequence()) return false;
    list.push_back(YAML::Clone(value));
    return true;
  }
  if (key)
    parent[*key] = YAML::Clone(value);
  else
    parent[std::get<size_t>(last)] = YAML::Clone(value);
  return true;
}

bool is_null(const YAML::Node& n) { return kratix::fuzz::kind(n) == kratix::schema::ValueKind::Null; }

std::vector<YAML::Node> not_null(const std::vector<YAML::Node>& docs) {
  std::vector<YAML::Node> out;
  for (const auto& d : docs)
    if (!is_null(d)) out.push_back(d);
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  // The edit comes from the input's last 16 bytes, the text from the rest.
  constexpr size_t kEditBytes = 16;
  if (size < kEditBytes) return 0;
  const std::string text(reinterpret_cast<const char*>(data), size - kEditBytes);
  Choices in{data + size - kEditBytes, kEditBytes};
  const unsigned op = in.next() % 4;
  const unsigned kind = in.next();
  const unsigned variant = in.next();
  Stream stream;
  std::vector<YAML::Node> before;
  try {
    stream = Stream::parse(text, "fuzz.yaml");
    before = kratix::util::load_all(text, "fuzz.yaml");
    for (const auto& doc : before) kratix::util::check_yaml_nesting(doc, "fuzz.yaml");
  } catch (const kratix::Error&) {
    return 0;
  } catch (const YAML::Exception&) {
    kratix::fuzz::broken("Stream::parse accepted what yaml-cpp rejects", text);
  }
  // Empty documents: yaml-cpp reads one wherever a "---" starts one (and at
  // a "..." with none open), kratix keeps only those with something in them
  // (a final "---" is no document). So the documents that are not null are
  // compared, in order.
  std::vector<bool> null_doc(stream.size());
  try {
    for (size_t i = 0; i < stream.size(); ++i) null_doc[i] = is_null(stream[i].value({}));
  } catch (const kratix::Error&) {
    return 0;  // an alias without its anchor, aliases expanding too far: refused
  }
  const std::vector<YAML::Node> before_docs = not_null(before);
  KRATIX_FUZZ_CHECK(static_cast<size_t>(std::count(null_doc.begin(), null_doc.end(), false)) == before_docs.size(),
                    "kratix read " + std::to_string(stream.size()) + " documents, yaml-cpp " +
                        std::to_string(before.size()) + " (other documents are not null)\n--- text\n" + text);
  const size_t which = in.next() % stream.size();
  Document& d = stream[which];
  Path path = pick_path(d, in);
  if (op == 1) path.emplace_back(std::string("fuzz-new"));
  const YAML::Node value = value_for(kind, variant);
  bool changed = true;
  try {
    if (op == 2) {
      if (path.empty()) return 0;
      changed = d.remove(path);
    } else if (op == 3) {
      d.append(path, value);
    } else {
      changed = d.set(path, value);
    }
  } catch (const kratix::Error&) {
    return 0;  // refused (anchors, a path through a scalar, ...): nothing to check
  }
  const std::string edited = stream.text();
  std::vector<YAML::Node> after;
  try {
    after = kratix::util::load_all(edited, "fuzz.yaml");
  } catch (const YAML::Exception& e) {
    kratix::fuzz::broken("the edited text is not YAML",
                         e.what() + std::string("\n--- before\n") + text + "\n--- after\n" + edited);
  } catch (const kratix::Error& e) {
    kratix::fuzz::broken("the edited text is not YAML",
                         e.describe() + "\n--- before\n" + text + "\n--- after\n" + edited);
  }
  try {
    Stream::parse(edited, "fuzz.yaml");
  } catch (const kratix::Error& e) {
    kratix::fuzz::broken("kratix cannot read its own edit", e.describe() + "\n--- after\n" + edited);
  }
  // The edited document's place among those that are not null.
  const size_t place =
      static_cast<size_t>(std::count(null_doc.begin(), null_doc.begin() + static_cast<long>(which), false));
  YAML::Node expected = null_doc[which] ? YAML::Node(YAML::NodeType::Null) : YAML::Clone(before_docs[place]);
  if (!changed || !mirror(expected, path, op, value)) return 0;
  std::vector<YAML::Node> want = before_docs;
  if (null_doc[which] && !is_null(expected))
    want.insert(want.begin() + static_cast<long>(place), expected);
  else if (!null_doc[which] && is_null(expected))
    want.erase(want.begin() + static_cast<long>(place));
  else if (!null_doc[which])
    want[place] = expected;
  const std::vector<YAML::Node> got = not_null(after);
  KRATIX_FUZZ_CHECK(got.size() == want.size(), "the edit made " + std::to_string(got.size()) +
                                                   " documents that are not null of " + std::to_string(want.size()) +
                                                   "\n--- before\n" + text + "\n--- after\n" + edited);
  for (size_t i = 0; i < want.size(); ++i)
    KRATIX_FUZZ_CHECK(kratix::fuzz::same_meaning(want[i], got[i]),
                      "document " + std::to_string(i) + " (edited: " + std::to_string(which) + ") path " +
                          kratix::yamledit::to_string(path) + " op " + std::to_string(op) + "; differs at " +
                          kratix::fuzz::difference(want[i], got[i]) + "\n--- before\n" + text + "\n--- after\n" +
                          edited + "\n--- expected\n" + kratix::fuzz::dump(want[i]));
  return 0;
}
