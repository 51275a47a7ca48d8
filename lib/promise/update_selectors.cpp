#include "promise/update_selectors.hpp"

#include <cctype>

#include "core/error.hpp"
#include "promise/names.hpp"
#include "promise/promise_dir.hpp"
#include "yamledit/emit.hpp"

namespace kratix::promise {

namespace {

std::optional<std::string> check_label_name(const std::string& s, const char* what) {
  if (s.size() > 63) return std::string(what) + " must be no more than 63 characters";
  for (char c : s) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_' && c != '.')
      return std::string(what) + " may only contain letters, digits, '-', '_' and '.'";
  }
  if (!s.empty() &&
      (!std::isalnum(static_cast<unsigned char>(s.front())) || !std::isalnum(static_cast<unsigned char>(s.back()))))
    return std::string(what) + " must start and end with a letter or digit";
  return std::nullopt;
}

}  // namespace

std::optional<std::string> check_label(const std::string& key, const std::string& value) {
  std::string name = key;
  auto slash = key.find('/');
  if (slash != std::string::npos) {
    if (auto why = check_dns1123_subdomain(key.substr(0, slash))) return "the key's prefix: " + *why;
    name = key.substr(slash + 1);
  }
  if (name.empty()) return "the key's name must not be empty";
  if (auto why = check_label_name(name, "the key's name")) return why;
  return check_label_name(value, "the value");
}

UpdateResult update_destination_selectors(const std::filesystem::path& dir, const std::vector<std::string>& labels) {
  if (labels.empty()) throw UsageError("give KEY=VALUE to set a destination selector or KEY- to remove one");
  PromiseDir p = PromiseDir::open(dir);
  yamledit::Document& d = p.flat_promise("destination selectors");
  const yamledit::Path labels_path{"spec", "destinationSelectors", size_t{0}, "matchLabels"};
  for (const auto& arg : labels) {
    auto eq = arg.find('=');
    if (eq != std::string::npos) {
      std::string key = arg.substr(0, eq), value = arg.substr(eq + 1);
      if (auto why = check_label(key, value))
        throw UsageError("destination selector '" + arg + "' is not a valid label: " + *why + "; e.g. environment=dev");
      if (!d.has({"spec", "destinationSelectors"}) || !d.has({"spec", "destinationSelectors", size_t{0}})) {
        YAML::Node selector(YAML::NodeType::Map);
        selector["matchLabels"][key] = yamledit::string_node(value);
        d.append({"spec", "destinationSelectors"}, selector);
      } else {
        yamledit::Path key_path = labels_path;
        key_path.push_back(key);
        d.set(key_path, yamledit::string_node(value));
      }
    } else if (!arg.empty() && arg.back() == '-' && arg.size() > 1) {
      yamledit::Path key_path = labels_path;
      key_path.push_back(arg.substr(0, arg.size() - 1));
      // What the last label leaves empty goes too: the selector when it is the
      // only one (then the list, as before the first label was set), else just
      // its label; so that KEY=VALUE then KEY- gives back the same file.
      const yamledit::Node* list = d.find({"spec", "destinationSelectors"});
      bool only = list && list->kind == yamledit::Node::Kind::Seq && list->items.size() == 1;
      d.remove(key_path, only ? 1 : 4);
    } else {
      throw UsageError("invalid destination selector '" + arg + "'; use KEY=VALUE to set one or KEY- to remove one");
    }
  }
  UpdateResult r;
  r.files = p.save();
  r.messages.push_back("Promise destination selector updated");
  return r;
}

UpdateResult update_required_promises(const std::filesystem::path& dir, const std::vector<std::string>& entries) {
  if (entries.empty()) throw UsageError("give NAME@VERSION to require a Promise or NAME- to stop requiring it");
  PromiseDir p = PromiseDir::open(dir);
  yamledit::Document& d = p.flat_promise("required promises");
  const yamledit::Path list{"spec", "requiredPromises"};
  auto index_of = [&](const std::string& name) -> std::optional<size_t> {
    if (!d.has(list)) return std::nullopt;
    YAML::Node v = d.value(list);
    if (!v.IsSequence())
      throw Error(d.location(list), "spec.requiredPromises is not a list; make it a list of {name, version}");
    for (size_t i = 0; i < v.size(); ++i) {
      if (v[i]["name"] && v[i]["name"].IsScalar() && v[i]["name"].Scalar() == name) return i;
    }
    return std::nullopt;
  };
  for (const auto& arg : entries) {
    auto at = arg.find('@');
    if (at != std::string::npos) {
      std::string name = arg.substr(0, at), version = arg.substr(at + 1);
      if (auto why = check_dns1123_label(name))
        throw UsageError("required promise '" + arg + "': the name is not valid: " + *why);
      if (version.empty() || version.find_first_of(" \t") != std::string::npos)
        throw UsageError("required promise '" + arg + "': give the version after '@', e.g. " + name + "@v1.0.0");
      if (auto i = index_of(name)) {
        d.set({"spec", "requiredPromises", *i, "version"}, yamledit::string_node(version));
      } else {
        YAML::Node entry(YAML::NodeType::Map);
        entry["name"] = yamledit::string_node(name);
        entry["version"] = yamledit::string_node(version);
        d.append(list, entry);
      }
    } else if (arg.size() > 1 && arg.back() == '-') {
      // The last one takes the list with it.
      if (auto i = index_of(arg.substr(0, arg.size() - 1))) d.remove({"spec", "requiredPromises", *i}, 1);
    } else {
      throw UsageError("invalid required promise '" + arg + "'; use NAME@VERSION to add one or NAME- to remove one");
    }
  }
  UpdateResult r;
  r.files = p.save();
  r.messages.push_back("Promise required promises updated");
  return r;
}

}  // namespace kratix::promise
