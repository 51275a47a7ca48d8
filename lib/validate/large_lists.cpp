#include "validate/large_lists.hpp"

#include "core/error.hpp"
#include "yamledit/document.hpp"

namespace kratix::validate {

namespace {

bool has_anchor(const yamledit::Node* n, int depth) {
  if (!n) return false;
  if (n->anchored || depth > 256) return true;
  for (const auto& e : n->entries) {
    if (has_anchor(e.value, depth + 1)) return true;
  }
  for (const auto& i : n->items) {
    if (has_anchor(i.value, depth + 1)) return true;
  }
  return false;
}

}  // namespace

std::optional<std::vector<DependencyItem>> take_out_dependencies(std::string& text, const std::string& file,
                                                                 size_t threshold) {
  if (text.size() < threshold) return std::nullopt;
  std::optional<yamledit::Document> doc;
  try {
    doc.emplace(yamledit::Document::parse(text, file));
  } catch (const Error&) {
    return std::nullopt;  // yaml-cpp gives the error, as for any file
  }
  const yamledit::Node* deps = doc->find({std::string("spec"), std::string("dependencies")});
  if (!deps || deps->kind != yamledit::Node::Kind::Seq || deps->anchored || deps->end - deps->begin < threshold)
    return std::nullopt;
  std::vector<DependencyItem> items;
  for (size_t i = 0; i < deps->items.size(); ++i) {
    const yamledit::Node* v = deps->items[i].value;
    yamledit::Path at{std::string("spec"), std::string("dependencies"), i};
    DependencyItem item;
    SourceLocation where = doc->location(at);
    item.line = where.line;
    item.column = where.column;
    using K = yamledit::Node::Kind;
    item.object = v && v->kind == K::Map;  // block or flow ({...})
    // scalar() has no string for a plain null (~, null).
    item.null = !v || v->kind == K::Null || (v->kind == K::Scalar && !doc->scalar(at));
    if (v && v->kind == K::Map) {
      auto at_key = [&](std::initializer_list<const char*> keys) {
        yamledit::Path p = at;
        for (const char* k : keys) p.emplace_back(std::string(k));
        return p;
      };
      item.kind = doc->scalar(at_key({"kind"})).value_or("");
      // The scanner reads inside flow mappings ({name: x}) as inside block ones.
      item.name = doc->scalar(at_key({"metadata", "name"})).value_or("");
      item.namespace_ = doc->scalar(at_key({"metadata", "namespace"})).value_or("");
    } else if (v && v->is_flow()) {
      return std::nullopt;  // a [...] item: rare; let yaml-cpp read it
    }
    items.push_back(std::move(item));
  }
  if (has_anchor(deps, 0)) return std::nullopt;  // an alias after the list may name something in it
  // Keep only the line breaks: every later line keeps its number and columns.
  std::string breaks;
  for (size_t i = deps->begin; i < deps->end; ++i) {
    if (text[i] == '\n') breaks += '\n';
  }
  text.replace(deps->begin, deps->end - deps->begin, breaks);
  return items;
}

}  // namespace kratix::validate
