#pragma once
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "promise/layout.hpp"

namespace kratix::promise {

// The group/version/kind/plural of a Promise's API.
struct ApiNames {
  std::string group;
  std::string kind;
  std::string version = "v1alpha1";
  std::string plural;  // empty: lower(kind) + "s"

  std::string plural_or_default() const;
  std::string singular() const;
  std::string crd_name() const;  // <plural>.<group>
};

// Everything a new Promise directory is made from. The *_yaml fields are YAML
// text at column 0; the scaffolds indent them into place.
struct PromiseScaffold {
  std::string name;
  ApiNames api;
  std::string api_yaml;                    // the whole CRD; empty: made from api and spec_schema_yaml
  std::string spec_schema_yaml;            // schema of `spec`; empty: an open object with default {}
  std::string dependencies_yaml;           // a YAML sequence; empty: no dependencies
  std::string destination_selectors_yaml;  // a YAML sequence; flat layout only
  std::string promise_configure_yaml;      // a YAML sequence of Pipelines; empty: []
  std::string resource_configure_yaml;     // likewise
  std::string example_spec_yaml;           // body of example-resource's spec; empty: none
  std::string command;                     // the command line that made it, for the README
  std::string readme_notes;                // extra README paragraphs (markdown), may be empty
  std::string example_name;                // metadata.name of the example; empty: example-NAME
  std::string example_namespace;           // its metadata.namespace; empty: none
  struct ExtraFile {
    std::filesystem::path path;  // relative to the Promise directory
    std::string content;
    bool executable = false;
  };
  std::vector<ExtraFile> extra_files;  // written with the Promise (container sources, resources)
};

using RenderedFile = std::pair<std::filesystem::path, std::string>;  // relative path, content

// The files of a new Promise directory in the given layout.
std::vector<RenderedFile> render_promise(const PromiseScaffold& scaffold, Layout layout);

struct WriteOptions {
  std::filesystem::path dir = ".";
  Layout layout = Layout::Flat;
  bool force = false;
};

// Refuses (kratix::Error) a --dir that is a file, or that holds Promise files
// of either layout (or any of `more`) unless force: the checks
// write_new_promise makes, for commands that want to fail before slow work.
void check_new_promise_target(const WriteOptions& options, const std::vector<std::filesystem::path>& more = {});

// Renders and writes a new Promise directory, creating `dir` when missing.
// Refuses (kratix::Error, nothing written) when a Promise file of either layout
// is already there, unless force; with force, the files of the other layout are
// removed so the directory is unambiguous. All-or-nothing.
std::vector<std::filesystem::path> write_new_promise(const PromiseScaffold& scaffold, const WriteOptions& options);

}  // namespace kratix::promise
