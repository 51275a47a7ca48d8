#include "tf/variables.hpp"

#include <memory>

#include "tf/hcl.hpp"
#include "tf/type_expr.hpp"

namespace kratix::tf {

using nlohmann::json;

namespace {

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// override.tf and *_override.tf change blocks declared elsewhere (Terraform's override files).
bool is_override(const std::string& name) { return name == "override.tf" || ends_with(name, "_override.tf"); }

std::string where_text(const SourceLocation& w) {
  return w.file + ":" + std::to_string(w.line) + ":" + std::to_string(w.column);
}

// One variable or output block with the attributes that apply after overrides.
struct Decl {
  std::string name;
  SourceLocation where;
  std::vector<std::pair<const Attribute*, const File*>> attributes;
  std::vector<std::pair<const Block*, const File*>> validations;

  const std::pair<const Attribute*, const File*>* attribute(const std::string& n) const {
    for (const auto& a : attributes)
      if (a.first->name == n) return &a;
    return nullptr;
  }
  void set(const Attribute* a, const File* f) {
    for (auto& existing : attributes) {
      if (existing.first->name == a->name) {
        existing = {a, f};
        return;
      }
    }
    attributes.emplace_back(a, f);
  }
};

std::string literal_string(const std::pair<const Attribute*, const File*>& a, const std::string& what) {
  const Expr& e = a.first->value;
  if (e.kind == Expr::Kind::String && !e.interpolated) return e.text;
  throw Error(a.second->location(e.begin), what + " must be a literal string");
}

bool literal_bool(const std::pair<const Attribute*, const File*>& a, const std::string& what) {
  const Expr& e = a.first->value;
  if (e.kind == Expr::Kind::Bool) return e.text == "true";
  throw Error(a.second->location(e.begin), what + " must be true or false");
}

Variable variable_from(const Decl& d) {
  Variable v;
  v.name = d.name;
  v.where = d.where;
  const std::string of = " of variable " + d.name;
  if (const auto* t = d.attribute("type")) v.type = parse_type(t->first->value, *t->second);
  if (const auto* a = d.attribute("description")) v.description = literal_string(*a, "the description" + of);
  if (const auto* a = d.attribute("sensitive")) v.sensitive = literal_bool(*a, "sensitive" + of);
  if (const auto* a = d.attribute("nullable")) v.nullable = literal_bool(*a, "nullable" + of);
  if (const auto* a = d.attribute("default")) {
    const SourceLocation where = a->second->location(a->first->value.begin);
    v.has_default = true;
    v.default_value = literal_value(a->first->value, *a->second, "the default" + of);
    if (v.type) v.default_value = convert_value(v.default_value, *v.type, where, "the default" + of);
    if (v.default_value.is_null() && v.nullable == false)
      throw Error(where, "variable " + d.name +
                             " has nullable = false and default = null; give it a real default or drop nullable");
  }
  for (const auto& [block, file] : d.validations) {
    Validation val;
    if (const Attribute* c = block->body.attribute("condition")) val.condition = file->source_of(c->value);
    if (const Attribute* m = block->body.attribute("error_message")) {
      const Expr& e = m->value;
      val.error_message = e.kind == Expr::Kind::String && !e.interpolated ? e.text : file->source_of(e);
    }
    if (val.condition.empty())
      throw Error(file->location(block->offset), "this validation block of variable " + d.name + " has no condition");
    v.validations.push_back(std::move(val));
  }
  return v;
}

Output output_from(const Decl& d) {
  Output o;
  o.name = d.name;
  o.where = d.where;
  if (const auto* a = d.attribute("description")) {
    const Expr& e = a->first->value;
    o.description = e.kind == Expr::Kind::String ? e.text : "";
  }
  if (const auto* a = d.attribute("sensitive"))
    o.sensitive = a->first->value.kind == Expr::Kind::Bool && a->first->value.text == "true";
  return o;
}

class Collector {
 public:
  explicit Collector(std::string kind) : kind_(std::move(kind)) {}

  void add(const Block& b, const File& f, bool override_file) {
    const SourceLocation where = f.location(b.offset);
    if (b.labels.size() != 1)
      throw Error(where, "a " + kind_ + " block takes exactly one name: " + kind_ + " \"NAME\" { ... }");
    const std::string& name = b.labels[0];
    Decl* existing = nullptr;
    for (auto& d : decls_)
      if (d.name == name) existing = &d;
    if (override_file) {
      if (existing == nullptr)
        throw Error(where, "override file declares " + kind_ + " " + name +
                               ", which no other file of the module declares; override files only change blocks");
      for (const auto& a : b.body.attributes) existing->set(&a, &f);
      bool first = true;
      for (const auto& blk : b.body.blocks) {
        if (blk.type != "validation") continue;
        if (first) existing->validations.clear();
        first = false;
        existing->validations.emplace_back(&blk, &f);
      }
      return;
    }
    if (existing != nullptr)
      throw Error(where, kind_ + " " + name + " is declared twice (first at " + where_text(existing->where) +
                             "); remove or rename one");
    Decl d;
    d.name = name;
    d.where = where;
    for (const auto& a : b.body.attributes) d.attributes.emplace_back(&a, &f);
    for (const auto& blk : b.body.blocks)
      if (blk.type == "validation") d.validations.emplace_back(&blk, &f);
    decls_.push_back(std::move(d));
  }
  const std::vector<Decl>& decls() const { return decls_; }

 private:
  std::string kind_;
  std::vector<Decl> decls_;
};

}  // namespace

ModuleInterface read_module_interface(const std::map<std::string, std::string>& files, const std::string& label) {
  // variables.tf and outputs.tf first (where readers look), then the others in Terraform's order.
  std::vector<std::string> names;
  for (const char* first : {"variables.tf", "outputs.tf"})
    if (files.count(first) != 0) names.emplace_back(first);
  for (const auto& [name, text] : files)
    if (ends_with(name, ".tf") && name != "variables.tf" && name != "outputs.tf") names.push_back(name);
  std::vector<std::unique_ptr<File>> parsed;
  for (const auto& name : names)
    parsed.push_back(std::make_unique<File>(label.empty() ? name : label + "/" + name, files.at(name)));
  Collector variables("variable");
  Collector outputs("output");
  for (bool overrides : {false, true}) {
    for (const auto& f : parsed) {
      const std::string base = f->name().substr(f->name().rfind('/') + 1);
      if (is_override(base) != overrides) continue;
      for (const auto& b : f->body().blocks) {
        if (b.type == "variable") variables.add(b, *f, overrides);
        if (b.type == "output") outputs.add(b, *f, overrides);
      }
    }
  }
  ModuleInterface m;
  for (const auto& d : variables.decls()) m.variables.push_back(variable_from(d));
  for (const auto& d : outputs.decls()) m.outputs.push_back(output_from(d));
  return m;
}

}  // namespace kratix::tf
