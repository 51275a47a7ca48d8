#pragma once
#include <map>
#include <string>
#include <string_view>

namespace kratix::helm {

class ValuesFile;

// The description of each key of a Helm values.yaml, from its comments, keyed
// by dotted path ("datadog.apiKey"; list items add "[]": "tolerations[].key").
// The comments are those the block scanner (yamledit) placed, so text inside
// block scalars is never taken for a comment. Understood, strongest first:
//   # -- text              helm-docs, on the lines right above the key
//   # path.to.key -- text  older helm-docs, anywhere in the file
//   ## @param path.to.key text   Bitnami readme-generator
//   # plain text           comment lines right above the key (no blank line
//   ## plain text          between), with one '#' or more; lines that look like
//                          commented-out YAML ("# key: value", "# - item"),
//                          "@annotation" lines and rulers ("# ----") are left out
//   key: value  # text     a comment after the value on the key's line
// A helm-docs description continues on the following "# " lines; "## "
// lines, blank lines and "# @annotation" lines end it. Texts are joined with
// single spaces.
std::map<std::string, std::string> values_comments(std::string_view values_yaml);

// The same, with the helm-docs type annotations: "# -- (string) text" (also in
// "# path -- (int) text") documents the key's type, which matters for keys
// whose value is null. A known annotation (string, int, float, bool, list,
// object and their helm-docs spellings, also with "tpl/") is taken out of the
// description; `types` maps the path to it as written ("string", "tpl/list").
struct ValuesDocs {
  std::map<std::string, std::string> descriptions;
  std::map<std::string, std::string> types;
};
ValuesDocs values_docs(std::string_view values_yaml);
ValuesDocs values_docs(const ValuesFile& values);

}  // namespace kratix::helm
