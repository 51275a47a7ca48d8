#pragma once
// A Terraform module's interface: its variable and output blocks, read from
// every .tf file of the module's root directory (override files applied as
// Terraform does), with type constraints parsed and defaults converted to
// their type the way Terraform converts them.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/error.hpp"

namespace kratix::tf {

struct ObjectAttribute;

// A type constraint: string, number, bool, any, list(T), set(T), map(T),
// tuple([T...]), object({name = T, other = optional(T, default)}).
struct Type {
  enum class Kind { String, Number, Bool, Any, List, Set, Map, Tuple, Object };
  Kind kind = Kind::Any;
  std::vector<Type> elements;               // List, Set, Map: one; Tuple: one per element
  std::vector<ObjectAttribute> attributes;  // Object, in the order written
  std::string str() const;                  // as Terraform writes it
};

struct ObjectAttribute {
  std::string name;
  Type type;
  bool optional = false;
  std::optional<nlohmann::json> default_value;  // optional(T, default), converted to T
};

struct Validation {
  std::string condition;      // its source, whitespace folded
  std::string error_message;  // its text (or source, when it interpolates)
};

// NOLINTNEXTLINE(bugprone-exception-escape): nlohmann::json moves are noexcept; the check cannot tell
struct Variable {
  std::string name;
  SourceLocation where;
  std::optional<Type> type;  // none when the block has no type
  bool has_default = false;
  nlohmann::json default_value;  // converted to the type; null for `default = null`
  std::string description;
  bool sensitive = false;
  std::optional<bool> nullable;
  std::vector<Validation> validations;
};

struct Output {
  std::string name;
  SourceLocation where;
  std::string description;
  bool sensitive = false;
};

struct ModuleInterface {
  std::vector<Variable> variables;  // variables.tf first, then the other files by name; each in written order
  std::vector<Output> outputs;
};

// Reads the module whose root files are `files` (file name -> content; only
// *.tf files are read). `label` prefixes file names in messages (a directory).
// kratix::Error with FILE:LINE:COL for syntax errors, unknown types, defaults
// that are not literals or do not convert, and variables declared twice.
ModuleInterface read_module_interface(const std::map<std::string, std::string>& files, const std::string& label);

// Converts a value to a type as Terraform does for defaults (numbers and bools
// to strings and back, objects to maps and objects, optional attributes
// filled). Throws kratix::Error at `where`, naming `what`, when it cannot.
nlohmann::json convert_value(const nlohmann::json& value, const Type& type, const SourceLocation& where,
                             const std::string& what);

}  // namespace kratix::tf
