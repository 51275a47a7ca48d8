#pragma once
// Type constraints and literal values from HCL expressions (lib/tf inside).
#include <string>

#include <nlohmann/json.hpp>

#include "tf/hcl.hpp"
#include "tf/variables.hpp"

namespace kratix::tf {

// The type constraint an expression spells; kratix::Error at the expression
// when it is not one (naming the forms that are).
Type parse_type(const Expr& expr, const File& file);

// The value of a literal expression (null, bools, numbers, strings without
// interpolation, lists and objects of those); kratix::Error naming `what`
// otherwise, as Terraform requires literals for defaults.
nlohmann::json literal_value(const Expr& expr, const File& file, const std::string& what);

}  // namespace kratix::tf
