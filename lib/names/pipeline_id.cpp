#include "names/pipeline_id.hpp"

namespace kratix::names {

std::string pipeline_id(std::string_view promise, std::string_view lifecycle, std::string_view action,
                        std::string_view pipeline) {
  std::string id(promise);
  for (std::string_view part : {lifecycle, action, pipeline}) (id += '-') += part;
  return id;
}

std::optional<std::string> fitting_pipeline_name(std::string_view promise, std::string_view lifecycle,
                                                 std::string_view action,
                                                 std::initializer_list<std::string_view> candidates) {
  for (std::string_view name : candidates)
    if (pipeline_id(promise, lifecycle, action, name).size() <= kMaxPipelineId) return std::string(name);
  return std::nullopt;
}

}  // namespace kratix::names
