#pragma once
#include <optional>
#include <string>

namespace kratix::validate {

// Go's time.ParseDuration (how Kratix reads reconciliation intervals): an
// optional sign, then one or more decimal numbers each with a unit (ns, us,
// µs, ms, s, m, h), e.g. "1h30m", "+10m", ".5h"; "0" alone. Seconds, or
// nothing when the text is not a duration.
std::optional<double> parse_duration(const std::string& text);

}  // namespace kratix::validate
