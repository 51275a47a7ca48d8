#pragma once
#include <nlohmann/json.hpp>

#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "yamledit/lines.hpp"
#include "yamledit/node.hpp"

namespace kratix::helm {

// What a value of values.yaml is, as Helm reads it (YAML 1.1 scalars, as
// sigs.k8s.io/yaml resolves them: yes/no/on/off are booleans, 0x1F and 017
// integers).
enum class ValueKind { Null, Boolean, Integer, Number, String, Object, Array };

// One key of a mapping, merge keys (<<: *base) resolved: `entry` is where
// the key is written (its position and comments), in the mapping itself or,
// when `merged`, in the mapping a merge key brought it from.
struct Member {
  std::string key;
  const yamledit::Node* value;
  const yamledit::Node::Entry* entry;
  bool merged = false;
};

// A chart's values.yaml read once by the project's block scanner (yamledit):
// its values, the position of every key and the comments around it. Only the
// first YAML document counts, as for Helm. Aliases are followed; a malformed
// file throws kratix::Error "FILE:LINE:COL: ...".
class ValuesFile {
 public:
  ValuesFile(std::string text, std::string filename);
  ValuesFile(const ValuesFile&) = delete;
  ValuesFile& operator=(const ValuesFile&) = delete;

  const yamledit::Node& root() const { return *tree_.root; }
  std::string_view text() const { return text_; }
  const yamledit::LineTable& lines() const { return lines_; }
  const yamledit::Tree& tree() const { return tree_; }

  // n itself, or the node its alias names.
  const yamledit::Node& deref(const yamledit::Node& n) const;
  ValueKind kind(const yamledit::Node& n) const;
  // A mapping's keys in order, merge keys resolved (its own keys win, then
  // the merged maps in the order written).
  std::vector<Member> members(const yamledit::Node& map) const;
  // A sequence's items, aliases followed.
  std::vector<const yamledit::Node*> items(const yamledit::Node& seq) const;
  // The value as JSON, as Helm would read it (merge keys resolved).
  nlohmann::ordered_json json(const yamledit::Node& n) const;
  // The string a scalar stands for (decoded).
  std::string scalar(const yamledit::Node& n) const;
  SourceLocation where(size_t pos) const;

 private:
  nlohmann::ordered_json json(const yamledit::Node& n, size_t& budget, int depth) const;
  void merge_into(const yamledit::Node& source, std::vector<Member>& out, int depth) const;

  std::string text_;
  std::string file_;
  yamledit::LineTable lines_;
  yamledit::Tree tree_;
};

// Whether a plain scalar's text reads as null, a boolean, an integer or a
// number in YAML 1.1 (Helm's reading), and its JSON value.
ValueKind plain_kind(std::string_view s);
nlohmann::ordered_json plain_json(std::string_view s);

}  // namespace kratix::helm
