#include "yamledit/to_yaml.hpp"

#include "yamledit/scalar.hpp"

namespace kratix::yamledit {

namespace {

constexpr size_t kMaxValues = 1000000;
constexpr int kMaxDepth = 512;

bool blank_or_flow(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ',' || c == '[' || c == ']' || c == '{' || c == '}';
}

std::string_view name_at(std::string_view text, size_t pos) {
  size_t e = pos + 1;
  while (e < text.size() && !blank_or_flow(text[e])) ++e;
  return text.substr(pos + 1, e - pos - 1);
}

std::string tag_of(std::string_view tag) {
  if (tag.starts_with("!!")) return "tag:yaml.org,2002:" + std::string(tag.substr(2));
  if (tag.starts_with("!<") && tag.ends_with(">")) return std::string(tag.substr(2, tag.size() - 3));
  return std::string(tag);
}

}  // namespace

YAML::Node ToYaml::operator()(const Node& n) const {
  size_t budget = kMaxValues;
  return build(n, budget, 0);
}

const Node* ToYaml::anchor_named(std::string_view name, size_t before) const {
  const Node* found = nullptr;
  for (const Node* a : tree.anchors) {
    if (a->anchor >= before) break;
    if (name_at(text, a->anchor) == name) found = a;
  }
  return found;
}

const Node& ToYaml::anchored(std::string_view name, size_t at) const {
  const Node* found = anchor_named(name, at);
  // An alias's name runs to a blank: in "*b: v" it is "b:", as yaml-cpp reads it.
  if (!found && name.size() > 1 && name.ends_with(':'))
    throw Error(where(at), "the alias *" + std::string(name) + " has no anchor before it; as a key, write *" +
                               std::string(name.substr(0, name.size() - 1)) + " : with a space before the ':'");
  if (!found)
    throw Error(where(at), "the alias *" + std::string(name) + " has no anchor before it; define &" +
                               std::string(name) + " first");
  return *found;
}

YAML::Node ToYaml::build(const Node& n, size_t& budget, int depth) const {
  if (budget == 0 || depth > kMaxDepth)
    throw Error(where(n.begin), "aliases here expand to too many values; write the values out");
  --budget;
  using Kind = Node::Kind;
  switch (n.kind) {
    case Kind::Null: return YAML::Node(YAML::NodeType::Null);
    case Kind::Alias: return build(anchored(text.substr(n.begin + 1, n.end - n.begin - 1), n.begin), budget, depth + 1);
    case Kind::Scalar: {
      std::string value = scalar_value(text, n);
      if (n.style == Node::Style::Plain && n.tag == kNone &&
          (value == "null" || value == "Null" || value == "NULL" || value == "~"))
        return YAML::Node(YAML::NodeType::Null);
      YAML::Node out(value);
      if (n.tag != kNone)
        out.SetTag(tag_of(text.substr(n.tag, n.tag_len)));
      else
        out.SetTag(n.style == Node::Style::Plain ? "?" : "!");
      return out;
    }
    case Kind::Map: {
      YAML::Node out(YAML::NodeType::Map);
      if (n.is_flow()) out.SetStyle(YAML::EmitterStyle::Flow);
      for (const auto& e : n.entries) {
        // An alias as a key ("*b: v") is its anchor's value, as for any alias.
        if (!e.text_key && e.key_begin < text.size() && text[e.key_begin] == '*') {
          const Node& key = anchored(name_at(text, e.key_begin), e.key_begin);
          out.force_insert(build(key, budget, depth + 1), build(*e.value, budget, depth + 1));
          continue;
        }
        out[e.key] = build(*e.value, budget, depth + 1);
      }
      return out;
    }
    case Kind::Seq: {
      YAML::Node out(YAML::NodeType::Sequence);
      if (n.is_flow()) out.SetStyle(YAML::EmitterStyle::Flow);
      for (const auto& i : n.items) out.push_back(build(*i.value, budget, depth + 1));
      return out;
    }
  }
  return YAML::Node();
}

}  // namespace kratix::yamledit
