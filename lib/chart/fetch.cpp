#include "chart/fetch.hpp"

#include <cstdlib>
#include <functional>
#include <optional>
#include <set>

#include <yaml-cpp/yaml.h>

#include "archive/archive_api.hpp"
#include "archive/chart_archive.hpp"
#include "chart/oci.hpp"
#include "chart/repo_index.hpp"
#include "chart/semver.hpp"
#include "core/error.hpp"
#include "fs/atomic_write.hpp"
#include "util/digest.hpp"
#include "util/dynlib.hpp"
#include "util/suggest.hpp"

namespace stdfs = std::filesystem;

namespace kratix::chart {

namespace {

constexpr std::uint64_t kMaxChartBytes = 128ull << 20;
const std::set<std::string> kWanted{"Chart.yaml", "values.yaml", "values.schema.json"};

bool starts_with(const std::string& s, const char* prefix) { return s.rfind(prefix, 0) == 0; }

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::string base_name(const std::string& url) {
  std::string path = net::url_for_humans(url);
  return path.substr(path.rfind('/') + 1);
}

// A top-level scalar of Chart.yaml ("name", "version"); "" when it has none.
std::string chart_yaml_field(const std::string& chart_yaml, const char* key) {
  try {
    const YAML::Node n = YAML::Load(chart_yaml);
    if (n.IsMap() && n[key] && n[key].IsScalar()) return n[key].Scalar();
  } catch (const YAML::Exception&) {}
  return {};
}

std::string version_in_chart_yaml(const std::string& chart_yaml) { return chart_yaml_field(chart_yaml, "version"); }

// A single chart (a .tgz URL, a local directory or .tgz) is one version of one
// chart: --chart-version and --chart-name, when given, must describe it.
ChartFiles pinned(ChartFiles c, const FetchOptions& o) {
  if (!o.version.empty() && c.version != o.version) {
    const Constraint wanted = Constraint::parse(o.version);
    const auto have = Version::parse(c.version);
    if (!have || !wanted.matches(*have))
      throw Error(c.source + " is version " + (c.version.empty() ? "(none)" : c.version) +
                  " of its chart, which does not match --chart-version " + o.version +
                  "; pass the chart that has that version, or drop --chart-version");
  }
  if (!o.name.empty()) {
    const std::string name = chart_yaml_field(c.chart_yaml, "name");
    if (name != o.name)
      throw Error(c.source + " is chart " + (name.empty() ? "(unnamed)" : name) + ", not --chart-name " + o.name +
                  "; fix --chart-name or drop it (it is needed only with a chart repository URL)");
  }
  return c;
}

ChartFiles from_archive(const std::string& bytes, const std::string& source) {
  archive::ChartArchive a = archive::read_chart_archive(bytes, source, kWanted);
  ChartFiles c;
  c.source = source;
  c.chart_yaml = a.files["Chart.yaml"];
  c.values_yaml = a.files["values.yaml"];
  if (auto it = a.files.find("values.schema.json"); it != a.files.end()) c.values_schema_json = it->second;
  c.version = version_in_chart_yaml(c.chart_yaml);
  return c;
}

void check_digest(const std::string& bytes, const std::string& expected, const std::string& what,
                  const std::string& from) {
  if (expected.empty()) return;
  const std::string got = util::sha256_hex(bytes);
  if (got != expected)
    throw Error(what + " has sha256 " + got + " but " + from + " says " + expected +
                "; the download is corrupt or the chart was changed, try again");
}

// The digest-keyed cache: charts/sha256/<hex>.tgz. Failures to write it are not errors.
class Cache {
 public:
  explicit Cache(const FetchOptions& o)
      : enabled_(!o.no_cache), dir_(o.cache_dir.empty() ? default_cache_dir() : o.cache_dir) {}

  // The archive whose sha256 is `hex`: from the cache, or from `download`
  // (checked against `hex`, then kept). `what`/`from` name both in a mismatch.
  std::string fetch(const std::string& hex, const std::function<std::string()>& download, const std::string& what,
                    const std::string& from) const {
    if (auto hit = get(hex)) return std::move(*hit);
    std::string bytes = download();
    check_digest(bytes, hex, what, from);
    put(hex, bytes);
    return bytes;
  }

 private:
  std::optional<std::string> get(const std::string& hex) const {
    if (!enabled_ || hex.empty()) return std::nullopt;
    std::error_code ec;
    const stdfs::path p = path(hex);
    if (!stdfs::is_regular_file(p, ec)) return std::nullopt;
    std::string bytes = fs::read_file(p);
    if (util::sha256_hex(bytes) != hex) return std::nullopt;  // damaged: fetch again
    return bytes;
  }

  void put(const std::string& hex, const std::string& bytes) const {
    if (!enabled_ || hex.empty()) return;
    try {
      std::error_code ec;
      stdfs::create_directories(path(hex).parent_path(), ec);
      fs::atomic_write(path(hex), bytes);
    } catch (const Error&) {}
  }

  stdfs::path path(const std::string& hex) const { return dir_ / "charts" / "sha256" / (hex + ".tgz"); }
  bool enabled_;
  stdfs::path dir_;
};

std::string lower_hex_digest(std::string d) {
  if (starts_with(d, "sha256:")) d.erase(0, 7);
  for (auto& ch : d) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return d;
}

std::string progress_label(const FetchOptions& o, const std::string& what) {
  return o.progress ? "Downloading " + what : std::string();
}

std::string download(const FetchOptions& o, const std::string& url, bool with_credentials, const std::string& label) {
  net::Request r;
  r.url = url;
  r.tls = o.tls;
  r.max_bytes = kMaxChartBytes;
  r.progress = progress_label(o, label);
  if (with_credentials && o.credentials) r.basic = *o.credentials;
  net::Response resp = net::get(r);
  const std::string where = net::url_for_humans(url);
  if (resp.status == 401 || resp.status == 403)
    throw Error(where + " needs credentials (HTTP " + std::to_string(resp.status) +
                "); pass --username and --password (or KRATIX_CHART_USERNAME/KRATIX_CHART_PASSWORD)");
  if (resp.status == 404) throw Error(where + " was not found (HTTP 404); check the URL");
  if (resp.status / 100 != 2) throw Error(where + " answered HTTP " + std::to_string(resp.status));
  return std::move(resp.body);
}

// Passes the index to `inner` and, once its first bytes arrive (libcurl is
// open then), starts loading libarchive for the chart that follows.
class PreloadingSink : public net::Sink {
 public:
  explicit PreloadingSink(net::Sink& inner) : inner_(inner) {}
  void restart() override { inner_.restart(); }
  void write(std::string_view chunk) override {
    if (!preload_) preload_.emplace([] { (void)archive::libarchive(); });
    inner_.write(chunk);
  }

 private:
  net::Sink& inner_;
  std::optional<util::Preload> preload_;
};

ChartFiles from_repository(const FetchOptions& o) {
  // The repository URL, or the URL of its index.yaml itself.
  std::string repo = o.url;
  std::string index_url;
  const std::string bare = o.url.substr(0, o.url.find_first_of("?#"));
  const auto scheme_end = bare.find("://");
  const auto slash = bare.rfind('/');
  const std::string file = slash == std::string::npos ? std::string() : bare.substr(slash + 1);
  if (scheme_end != std::string::npos && slash > scheme_end + 2 && (file == "index.yaml" || file == "index.yml")) {
    repo = bare.substr(0, slash + 1);
    index_url = o.url;
  } else {
    index_url = net::resolve_url(repo, "index.yaml");
  }
  const std::string source = net::url_for_humans(repo);
  IndexScanner scanner(o.name, net::url_for_humans(index_url));
  net::Request r;
  r.url = index_url;
  r.tls = o.tls;
  r.compressed = true;
  r.progress = progress_label(o, "index.yaml");
  if (o.credentials) r.basic = *o.credentials;
  PreloadingSink sink(scanner);
  net::Response resp = net::get(r, &sink);
  if (resp.status == 401 || resp.status == 403)
    throw Error(source + " needs credentials (HTTP " + std::to_string(resp.status) +
                "); pass --username and --password (or KRATIX_CHART_USERNAME/KRATIX_CHART_PASSWORD)");
  if (resp.status == 404)
    throw Error(net::url_for_humans(index_url) + " was not found (HTTP 404); is " + source +
                " a chart repository? For a single chart pass its .tgz URL");
  if (resp.status / 100 != 2)
    throw Error(net::url_for_humans(index_url) + " answered HTTP " + std::to_string(resp.status));
  scanner.finish();
  if (!scanner.found()) {
    std::string hint;
    if (auto near = util::closest(o.name, scanner.chart_names())) {
      hint = "; did you mean " + *near + "?";
    } else if (!scanner.chart_names().empty()) {
      std::vector<std::string> names = scanner.chart_names();
      std::sort(names.begin(), names.end());
      std::string list;
      for (std::size_t i = 0; i < names.size() && i < 10; ++i) list += (i ? ", " : "") + names[i];
      hint = "; it has " + list + (names.size() > 10 ? ", ..." : "");
    }
    throw Error("chart " + o.name + " is not in the repository " + source + hint);
  }
  const IndexEntry& e = select_version(scanner.entries(), o.name, o.version, source);
  if (e.urls.empty()) throw Error(source + ": chart " + o.name + " " + e.version + " has no download URL in the index");
  const std::string url = net::resolve_url(repo, e.urls.front());
  const std::string digest = lower_hex_digest(e.digest);
  // Credentials go to the repository's own host only, as Helm does by default.
  const bool same_host = net::same_origin(url, repo);
  const std::string bytes = Cache(o).fetch(
      digest, [&] { return download(o, url, same_host, base_name(url)); }, net::url_for_humans(url),
      "the repository index");
  ChartFiles c = from_archive(bytes, base_name(url));
  c.version = e.version;
  return c;
}

ChartFiles from_oci(const FetchOptions& o) {
  RegistryOptions ro;
  ro.tls = o.tls;
  ro.plain_http = o.plain_http;
  ro.credentials = o.credentials;
  OciReference ref = parse_oci_reference(o.url);
  OciClient client(ref, ro);
  OciChart chart = client.resolve(o.version);
  const std::string digest = lower_hex_digest(chart.layer_digest);
  const std::string label = ref.name() + (chart.version.empty() ? "" : "-" + chart.version) + ".tgz";
  const std::string bytes = Cache(o).fetch(
      digest, [&] { return client.download(chart, progress_label(o, label)); },
      "the chart layer of oci://" + ref.registry + "/" + ref.repository, "its manifest");
  ChartFiles c = from_archive(bytes, label);
  if (!chart.version.empty()) c.version = chart.version;
  return c;
}

}  // namespace

stdfs::path default_cache_dir() {
  if (const char* x = std::getenv("XDG_CACHE_HOME"); x != nullptr && *x == '/') return stdfs::path(x) / "kratix";
  if (const char* home = std::getenv("HOME"); home != nullptr && *home != '\0')
    return stdfs::path(home) / ".cache" / "kratix";
  return stdfs::temp_directory_path() / "kratix-cache";
}

ChartFiles read_chart_directory(const stdfs::path& dir) {
  if (!stdfs::is_regular_file(dir / "Chart.yaml"))
    throw Error(dir.string() +
                " is not a Helm chart (no Chart.yaml); pass a chart directory, a .tgz or a URL with --chart-url");
  ChartFiles c;
  c.source = dir.string();
  c.chart_yaml = fs::read_file(dir / "Chart.yaml");
  if (stdfs::exists(dir / "values.yaml")) c.values_yaml = fs::read_file(dir / "values.yaml");
  if (stdfs::exists(dir / "values.schema.json")) c.values_schema_json = fs::read_file(dir / "values.schema.json");
  c.version = version_in_chart_yaml(c.chart_yaml);
  return c;
}

ChartFiles fetch_chart(const FetchOptions& o) {
  const std::string& url = o.url;
  if (starts_with(url, "oci://")) {
    if (!o.name.empty())
      throw UsageError("--chart-name is for chart repositories; an oci:// reference names the chart itself (oci://" +
                       std::string("REGISTRY/PATH/") + o.name + ")");
    return from_oci(o);
  }
  if (starts_with(url, "http://") || starts_with(url, "https://")) {
    const std::string path = net::url_for_humans(url);
    if (!o.name.empty()) return from_repository(o);
    if (ends_with(path, ".tgz") || ends_with(path, ".tar.gz")) {
      if (!o.version.empty()) Constraint::parse(o.version);  // a bad constraint fails before the download
      std::string bytes = download(o, url, true, base_name(url));
      return pinned(from_archive(bytes, base_name(url)), o);
    }
    throw UsageError("--chart-url " + path +
                     " looks like a chart repository: add --chart-name (and optionally "
                     "--chart-version), or pass the chart's .tgz URL");
  }
  if (url.find("://") != std::string::npos)
    throw UsageError("--chart-url " + url + ": use oci://, https://, http:// or a local path");
  std::error_code ec;
  const bool dir = stdfs::is_directory(url, ec);
  if (dir || stdfs::is_regular_file(url, ec))
    return pinned(dir ? read_chart_directory(url) : from_archive(fs::read_file(url), url), o);
  throw Error("--chart-url " + url + ": no such file or directory; pass a chart directory, a .tgz, or a URL");
}

}  // namespace kratix::chart
