#pragma once
#include <map>
#include <string>
#include <string_view>

namespace kratix::scaffold {

using Values = std::map<std::string, std::string, std::less<>>;

// Renders a scaffold template. The syntax is deliberately small:
//   {{ name }}               the value of `name`
//   {{ name | indent N }}    the value with every non-empty line indented N spaces
//   {{#if name}} ... {{/if}} the enclosed text when `name` is non-empty
//   {{#unless name}} ... {{/unless}}  the enclosed text when `name` is empty
// A line holding nothing but a block tag disappears with its newline.
// An unknown name or unbalanced tag throws kratix::Error naming the template.
std::string render(std::string_view template_name, std::string_view text, const Values& values);

// Indents every non-empty line of text by n spaces.
std::string indent(std::string_view text, int n);

}  // namespace kratix::scaffold
