#include "docs/manpage.hpp"

#include <functional>

namespace kratix::docs {

namespace {

// Escapes text for roff: backslashes, and a leading '.' or '\'' on a line.
std::string roff(const std::string& text) {
  std::string out;
  bool line_start = true;
  for (char c : text) {
    if (line_start && (c == '.' || c == '\'')) out += "\\&";
    if (c == '\\')
      out += "\\e";
    else if (c == '-')
      out += "\\-";
    else
      out += c;
    line_start = (c == '\n');
  }
  return out;
}

std::string upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

std::string page(const completion::Command& c, const std::vector<std::string>& path, const std::string& version,
                 const std::vector<std::string>& see_also) {
  std::string words, dashed;
  for (const auto& p : path) {
    words += (words.empty() ? "" : " ") + p;
    dashed += (dashed.empty() ? "" : "-") + p;
  }
  std::string out = ".TH \"" + upper(dashed) + "\" 1 \"\" \"kratix " + version + "\" \"kratix manual\"\n";
  out += ".SH NAME\n" + roff(dashed) + " \\- " + roff(c.description) + "\n";
  out += ".SH SYNOPSIS\n.B " + roff(words) + "\n";
  if (!c.subcommands.empty()) out += "COMMAND\n";
  for (const auto& p : c.positionals)
    out += (p.required ? roff(upper(p.name)) : "[" + roff(upper(p.name)) + "]") + "\n";
  if (!c.flags.empty()) out += "[OPTIONS]\n";
  out += ".SH DESCRIPTION\n" + roff(c.description) + ".\n";
  if (!c.positionals.empty()) {
    out += ".SH ARGUMENTS\n";
    for (const auto& p : c.positionals) out += ".TP\n.B " + roff(upper(p.name)) + "\n" + roff(p.description) + "\n";
  }
  if (!c.subcommands.empty()) {
    out += ".SH COMMANDS\n";
    for (const auto& s : c.subcommands)
      out += ".TP\n.B " + roff(s.name) + "\n" + roff(s.description) + " (see \\fB" + roff(dashed + "-" + s.name) +
             "\\fR(1))\n";
  }
  if (!c.flags.empty()) {
    out += ".SH OPTIONS\n";
    for (const auto& f : c.flags) {
      out += ".TP\n.B ";
      if (!f.short_name.empty()) out += "\\-" + roff(f.short_name) + ", ";
      out += "\\-\\-" + roff(f.long_name);
      if (f.takes_value) out += " \\fIVALUE\\fR";
      out += "\n" + roff(f.description);
      if (!f.choices.empty()) {
        std::string list;
        for (const auto& ch : f.choices) list += (list.empty() ? "" : ", ") + ch;
        out += " (one of: " + roff(list) + ")";
      }
      out += "\n";
    }
  }
  if (!c.footer.empty()) {
    out += ".SH NOTES\n.nf\n" + roff(c.footer) + "\n.fi\n";
  }
  out += ".SH EXIT STATUS\n0 on success, 1 on failure, 2 on a usage error.\n";
  if (!see_also.empty()) {
    out += ".SH SEE ALSO\n";
    std::string refs;
    for (const auto& s : see_also) refs += (refs.empty() ? "" : ",\n") + ("\\fB" + roff(s) + "\\fR(1)");
    out += refs + "\n";
  }
  return out;
}

}  // namespace

std::vector<std::pair<std::string, std::string>> man_pages(const completion::Command& root,
                                                           const std::string& version) {
  std::vector<std::pair<std::string, std::string>> pages;
  std::function<void(const completion::Command&, std::vector<std::string>)> walk = [&](const completion::Command& c,
                                                                                       std::vector<std::string> path) {
    path.push_back(c.name);
    std::vector<std::string> see_also;
    if (path.size() > 1) {
      std::string parent;
      for (size_t i = 0; i + 1 < path.size(); ++i) parent += (parent.empty() ? "" : "-") + path[i];
      see_also.push_back(parent);
    }
    std::string dashed;
    for (const auto& p : path) dashed += (dashed.empty() ? "" : "-") + p;
    for (const auto& s : c.subcommands) see_also.push_back(dashed + "-" + s.name);
    pages.emplace_back(dashed + ".1", page(c, path, version, see_also));
    for (const auto& s : c.subcommands) walk(s, path);
  };
  walk(root, {});
  return pages;
}

}  // namespace kratix::docs
