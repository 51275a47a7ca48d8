#pragma once
#include <string>
#include <string_view>

namespace kratix::promise {

// LIFECYCLE/ACTION/PIPELINE, e.g. resource/configure/instance.
struct WorkflowRef {
  std::string lifecycle;  // promise | resource
  std::string action;     // configure | delete
  std::string pipeline;   // the Pipeline's metadata.name

  std::string to_string() const { return lifecycle + "/" + action + "/" + pipeline; }
};

// Parses and checks a LIFECYCLE/ACTION/PIPELINE argument; UsageError when bad.
WorkflowRef parse_workflow_ref(std::string_view text);

// The default container name for an image, as kratix-cli makes it: the image
// without its tag, '/' and '.' turned into '-', trimmed of '-'; longer than 63
// characters it is cut to 55 and suffixed with '-' and 7 hex characters of the
// SHA-1 of the full name. Unlike kratix-cli, a registry port stays in the name
// (localhost:5000/img -> localhost-5000-img), a digest is dropped, and '_' and
// upper case become valid ('-', lower case).
std::string default_container_name(std::string_view image);

}  // namespace kratix::promise
