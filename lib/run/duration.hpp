#pragma once
#include <chrono>
#include <optional>
#include <string_view>

namespace kratix::run {

// A duration written as Go's time.ParseDuration reads it ("30s", "1h30m",
// "1.5m", "300ms"; units ns, us, µs, ms, s, m, h; "0" alone needs no unit),
// which is how Kratix reads workflow-control.yaml's retryAfter. nullopt when
// Go would refuse it.
std::optional<std::chrono::nanoseconds> parse_go_duration(std::string_view text);

}  // namespace kratix::run
