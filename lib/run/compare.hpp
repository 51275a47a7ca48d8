#pragma once
// How `kratix test` compares what a pipeline wrote with what a test case
// expects: YAML by meaning, everything else byte for byte.
#include <filesystem>
#include <string>
#include <vector>

#include "run/value.hpp"

namespace kratix::run {

struct Comparison {
  bool equal = true;
  std::string message;  // why not, in a few words
  std::string diff;     // unified diff (of the normalised YAML for YAML files)
};

bool is_yaml_file(const std::filesystem::path& path);

// A YAML stream as compared: empty documents dropped, `creationTimestamp:
// null` (at any depth) and an empty or null top-level `status` removed (what
// kubectl and kratix-cli add); key order, quoting, comments and layout do not
// count, because the values are compared.
std::vector<Json> normalise_stream(std::vector<Json> docs);
// The text diffs are made of: each document as sorted YAML, "---" between.
std::string normalised_text(const std::vector<Json>& docs);

// Two files with the same name: .yaml/.yml by meaning (bytes when either is
// not YAML), others by bytes. Names are for the diff header.
Comparison compare_files(const std::filesystem::path& expected, const std::filesystem::path& actual,
                         const std::string& expected_name, const std::string& actual_name);

// An object's status: as above, plus `conditions` compared by type whatever
// their order (Kratix merges them through a Go map) and without their
// lastTransitionTime (a time of the run).
Json normalise_status(Json status);
Comparison compare_status(const Json& expected, const Json& actual, const std::string& expected_name);

}  // namespace kratix::run
