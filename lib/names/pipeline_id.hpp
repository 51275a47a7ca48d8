#pragma once
// Kratix names a pipeline's resources (its service account, the labels of its
// Job) with the pipeline id `<promise>-<lifecycle>-<action>-<pipeline>`, and
// its admission webhook refuses a Promise whose pipeline id is longer than 60
// characters.
#include <cstddef>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

namespace kratix::names {

inline constexpr std::size_t kMaxPipelineId = 60;

std::string pipeline_id(std::string_view promise, std::string_view lifecycle, std::string_view action,
                        std::string_view pipeline);

// The first of `candidates` whose pipeline id fits in kMaxPipelineId; nullopt
// when none does.
std::optional<std::string> fitting_pipeline_name(std::string_view promise, std::string_view lifecycle,
                                                 std::string_view action,
                                                 std::initializer_list<std::string_view> candidates);

}  // namespace kratix::names
