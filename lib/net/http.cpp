#include "net/http.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <memory>
#include <thread>

#include "core/error.hpp"
#include "core/version.hpp"
#include "net/curl_api.hpp"

namespace kratix::net {

namespace {

constexpr std::size_t kErrorBodyLimit = std::size_t{64} * 1024;

std::string env_first(const char* a, const char* b) {
  for (const char* name : {a, b}) {
    const char* v = std::getenv(name);
    if (v != nullptr && *v != '\0') return v;
  }
  return {};
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char ch) { return std::tolower(ch); });
  return s;
}

std::string scheme_of(std::string_view url) {
  auto p = url.find("://");
  return p == std::string_view::npos ? std::string() : lower(std::string(url.substr(0, p)));
}

std::string human_size(double bytes) {
  char buf[32];
  if (bytes >= 1024.0 * 1024.0)
    std::snprintf(buf, sizeof buf, "%.1f MiB", bytes / (1024.0 * 1024.0));
  else
    std::snprintf(buf, sizeof buf, "%.0f KiB", bytes / 1024.0);
  return buf;
}

// How long a connection may take to open and a transfer may stall:
// 15 s and 30 s, or KRATIX_HTTP_TIMEOUT seconds for both.
struct Timeouts {
  long connect_ms = 15000;
  long stall_s = 30;
};

Timeouts timeouts() {
  static const Timeouts t = [] {
    Timeouts out;
    const char* v = std::getenv("KRATIX_HTTP_TIMEOUT");
    if (v == nullptr || *v == '\0') return out;
    const std::string s(v);
    const bool digits =
        s.size() <= 4 && std::all_of(s.begin(), s.end(), [](unsigned char ch) { return std::isdigit(ch); });
    const long seconds = digits ? std::stol(s) : 0;
    if (seconds < 1 || seconds > 3600)
      throw Error("KRATIX_HTTP_TIMEOUT=" + s + " is not a number of seconds from 1 to 3600; fix it or unset it");
    out.connect_ms = seconds * 1000;
    out.stall_s = seconds;
    return out;
  }();
  return t;
}

// State of one attempt, shared with curl's callbacks.
struct Transfer {
  const CurlApi* c = nullptr;
  CURL* handle = nullptr;
  Sink* sink = nullptr;
  Response* response = nullptr;
  std::uint64_t max_bytes = 0;
  std::uint64_t received = 0;
  bool too_big = false;
  std::exception_ptr failure;  // thrown by the sink; rethrown after curl returns
  std::string progress;
  std::chrono::steady_clock::time_point last_draw{};
  bool drew = false;
};

std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user) {
  auto* t = static_cast<Transfer*>(user);
  const std::size_t n = size * count;
  long status = 0;
  t->c->easy_getinfo(t->handle, CURLINFO_RESPONSE_CODE, &status);
  if (status < 200 || status >= 300) {
    std::string& body = t->response->body;
    if (body.size() < kErrorBodyLimit) body.append(data, std::min(n, kErrorBodyLimit - body.size()));
    return n;
  }
  t->received += n;
  if (t->max_bytes != 0 && t->received > t->max_bytes) {
    t->too_big = true;
    return 0;
  }
  try {
    if (t->sink != nullptr)
      t->sink->write(std::string_view(data, n));
    else
      t->response->body.append(data, n);
  } catch (...) {
    t->failure = std::current_exception();
    return 0;
  }
  return n;
}

std::size_t on_header(char* data, std::size_t size, std::size_t count, void* user) {
  auto* t = static_cast<Transfer*>(user);
  const std::size_t n = size * count;
  std::string_view line(data, n);
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.remove_suffix(1);
  if (line.rfind("HTTP/", 0) == 0) {
    t->response->headers.clear();  // a new response (after a redirect or a 100)
  } else if (auto colon = line.find(':'); colon != std::string_view::npos) {
    std::string_view value = line.substr(colon + 1);
    while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
    t->response->headers[lower(std::string(line.substr(0, colon)))] = std::string(value);
  }
  return n;
}

int on_progress(void* user, curl_off_t total, curl_off_t now, curl_off_t, curl_off_t) {
  auto* t = static_cast<Transfer*>(user);
  auto clock = std::chrono::steady_clock::now();
  if (t->drew && clock - t->last_draw < std::chrono::milliseconds(100)) return 0;
  if (now == 0 && !t->drew) return 0;
  t->last_draw = clock;
  t->drew = true;
  constexpr int width = 30;
  std::string bar;
  if (total > 0) {
    int filled = static_cast<int>(width * static_cast<double>(now) / static_cast<double>(total));
    filled = std::clamp(filled, 0, width);
    bar = "[" + std::string(filled, '=') + std::string(width - filled, ' ') + "] " +
          human_size(static_cast<double>(now)) + " / " + human_size(static_cast<double>(total));
  } else {
    bar = human_size(static_cast<double>(now));
  }
  std::fprintf(stderr, "\r\033[K%s %s", t->progress.c_str(), bar.c_str());
  std::fflush(stderr);
  return 0;
}

bool transient(CURLcode rc) {
  switch (rc) {
    case CURLE_COULDNT_CONNECT:
    case CURLE_OPERATION_TIMEDOUT:
    case CURLE_PARTIAL_FILE:
    case CURLE_RECV_ERROR:
    case CURLE_SEND_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM: return true;
    default: return false;
  }
}

bool transient(long status) {
  return status == 408 || status == 429 || (status >= 500 && status <= 599 && status != 501);
}

std::string describe(CURLcode rc, const std::string& detail, const Request& r, int attempts) {
  const std::string host = url_authority(r.url);
  const std::string where = url_for_humans(r.url);
  const std::string tries = attempts > 1 ? " (" + std::to_string(attempts) + " attempts)" : "";
  switch (rc) {
    case CURLE_COULDNT_RESOLVE_HOST:
      return "cannot resolve " + host + " (" + where + "); check the URL and your network or proxy settings";
    case CURLE_COULDNT_RESOLVE_PROXY:
      return "cannot resolve the proxy for " + where + "; check HTTP_PROXY / HTTPS_PROXY";
    case CURLE_COULDNT_CONNECT:
      return "cannot connect to " + host + tries + ": " + detail + "; check that the URL is right and the server is up";
    case CURLE_OPERATION_TIMEDOUT:
      if (r.timeout.count() > 0)
        return host + " did not answer within " + std::to_string(r.timeout.count()) + " ms" + tries + " (" + where +
               "); try again, check your network, or allow longer";
      return host + " did not answer in time" + tries + " (" + where +
             "); try again, check your network, or allow longer with KRATIX_HTTP_TIMEOUT=SECONDS";
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_ISSUER_ERROR:
      if (detail.find("wrong version number") != std::string::npos)  // OpenSSL met a plain-HTTP answer
        return "TLS connection to " + host +
               " failed: the server speaks plain HTTP, not HTTPS; use an http:// URL, "
               "or --plain-http for an OCI registry";
      if (!r.tls_advice.empty()) return "TLS connection to " + host + " failed: " + detail + "; " + r.tls_advice;
      return "TLS connection to " + host + " failed: " + detail +
             "; pass --ca-file with the CA that signed the server's certificate (and --cert-file/--key-file if it "
             "wants a client certificate), or --insecure-skip-tls-verify";
    case CURLE_PARTIAL_FILE:
    case CURLE_RECV_ERROR:
    case CURLE_GOT_NOTHING:
      return "the download of " + where + " was cut short" + tries + ": " + detail + "; try again";
    case CURLE_TOO_MANY_REDIRECTS: return where + " redirects too many times; check the URL";
    case CURLE_UNSUPPORTED_PROTOCOL: return where + ": only http:// and https:// URLs can be fetched (" + detail + ")";
    default: return "fetching " + where + " failed: " + detail;
  }
}

// One handle for the whole run, so requests to the same host reuse the connection.
CURL* shared_handle(const CurlApi& c) {
  static CURL* handle = c.easy_init();
  if (handle == nullptr) throw Error("libcurl could not start a transfer (out of memory?)");
  return handle;
}

// What a Request sets beyond chart fetching's needs (the Kubernetes client):
// certificates in memory, an explicit proxy, a time limit, streaming. Set
// after the common options, so these win.
void set_extras(const CurlApi& c, CURL* h, const Request& r) {
  const auto set = [&](CURLoption option, auto value) {
    if (const CURLcode rc = c.easy_setopt(h, option, value); rc != CURLE_OK)
      throw Error(url_for_humans(r.url) + ": libcurl refused transfer option " + std::to_string(option) + " (" +
                  c.easy_strerror(rc) + "); check that libcurl is Debian's libcurl4");
  };
  const auto blob = [&](CURLoption option, const std::string& pem) {
    curl_blob b{const_cast<char*>(pem.data()), pem.size(), CURL_BLOB_COPY};
    set(option, &b);
  };
  if (!r.tls.ca_pem.empty()) blob(CURLOPT_CAINFO_BLOB, r.tls.ca_pem);
  if (!r.tls.cert_pem.empty()) blob(CURLOPT_SSLCERT_BLOB, r.tls.cert_pem);
  if (!r.tls.key_pem.empty()) blob(CURLOPT_SSLKEY_BLOB, r.tls.key_pem);
  if (r.proxy) {
    set(CURLOPT_PROXY, r.proxy->c_str());
    set(CURLOPT_NOPROXY, "");
  }
  if (r.timeout.count() > 0) set(CURLOPT_TIMEOUT_MS, static_cast<long>(r.timeout.count()));
  if (r.stream) set(CURLOPT_LOW_SPEED_TIME, 0L);
}

}  // namespace

std::string Response::header(const std::string& lower_name) const {
  auto it = headers.find(lower_name);
  return it == headers.end() ? std::string() : it->second;
}

std::string url_authority(std::string_view url) {
  auto p = url.find("://");
  std::string_view rest = p == std::string_view::npos ? url : url.substr(p + 3);
  rest = rest.substr(0, rest.find_first_of("/?#"));
  if (auto at = rest.rfind('@'); at != std::string_view::npos) rest = rest.substr(at + 1);
  return std::string(rest);
}

bool same_origin(std::string_view a, std::string_view b) {
  struct Origin {
    std::string scheme, host, port;
    bool operator==(const Origin&) const = default;
  };
  auto origin = [](std::string_view url) {
    Origin o{scheme_of(url), lower(url_authority(url)), ""};
    // The port after the host ("[::1]:5000": after the bracket), else the scheme's.
    const auto bracket = o.host.rfind(']');
    const auto colon = o.host.rfind(':');
    if (colon != std::string::npos && (bracket == std::string::npos || colon > bracket)) {
      o.port = o.host.substr(colon + 1);
      o.host.erase(colon);
    }
    if (o.port.empty()) o.port = o.scheme == "https" ? "443" : o.scheme == "http" ? "80" : "";
    return o;
  };
  const Origin x = origin(a), y = origin(b);
  return !x.scheme.empty() && !x.host.empty() && x == y;
}

std::string url_for_humans(std::string_view url) {
  std::string s(url.substr(0, url.find_first_of("?#")));
  auto p = s.find("://");
  if (p != std::string::npos) {
    auto end = s.find('/', p + 3);
    auto at = s.rfind('@', end == std::string::npos ? s.size() : end);
    if (at != std::string::npos && at > p) s.erase(p + 3, at - p - 2);
  }
  return s;
}

std::string resolve_url(std::string_view base, std::string_view ref) {
  if (ref.find("://") != std::string_view::npos) return std::string(ref);
  std::string b(base.substr(0, base.find_first_of("?#")));
  if (!ref.empty() && ref.front() == '/') {
    auto p = b.find("://");
    auto end = p == std::string::npos ? std::string::npos : b.find('/', p + 3);
    return (end == std::string::npos ? b : b.substr(0, end)) + std::string(ref);
  }
  while (ref.rfind("./", 0) == 0) ref.remove_prefix(2);
  if (b.empty() || b.back() != '/') b += '/';
  return b + std::string(ref);
}

Response get(const Request& r, Sink* sink) {
  const CurlApi& c = curl();
  CURL* h = shared_handle(c);
  const std::string scheme = scheme_of(r.url);
  if (scheme != "http" && scheme != "https")
    throw Error(url_for_humans(r.url) + ": only http:// and https:// URLs can be fetched");

  const Timeouts limits = timeouts();
  for (int attempt = 0;; ++attempt) {
    c.easy_reset(h);
    Response response;
    Transfer t;
    t.c = &c;
    t.handle = h;
    t.sink = sink;
    t.response = &response;
    t.max_bytes = r.max_bytes;
    t.progress = r.progress;
    if (sink != nullptr && attempt > 0) sink->restart();

    char errbuf[CURL_ERROR_SIZE] = {0};
    // Every option is checked: one libcurl refuses (an over-long URL, an
    // option it was built without) must not leave the transfer half set up.
    const auto set = [&](CURLoption option, auto value) {
      if (const CURLcode rc = c.easy_setopt(h, option, value); rc != CURLE_OK)
        throw Error(url_for_humans(r.url).substr(0, 200) +
                    (option == CURLOPT_URL ? std::string(": libcurl refused the URL (")
                                           : ": libcurl refused transfer option " + std::to_string(option) + " (") +
                    c.easy_strerror(rc) + "); " +
                    (option == CURLOPT_URL ? "it is malformed or too long, check where it came from"
                                           : "check the flags, and that libcurl is Debian's libcurl4"));
    };
    const std::string agent = "kratix/" + std::string(version());
    set(CURLOPT_URL, r.url.c_str());
    set(CURLOPT_ERRORBUFFER, errbuf);
    set(CURLOPT_USERAGENT, agent.c_str());
    set(CURLOPT_NOSIGNAL, 1L);
    set(CURLOPT_FOLLOWLOCATION, 1L);
    set(CURLOPT_MAXREDIRS, 10L);
    set(CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
    set(CURLOPT_CONNECTTIMEOUT_MS, limits.connect_ms);
    set(CURLOPT_LOW_SPEED_LIMIT, 1L);  // abort a transfer stalled (no byte) for stall_s
    set(CURLOPT_LOW_SPEED_TIME, limits.stall_s);
    // Large reads: a 1.5 MB index in a dozen callbacks rather than a hundred.
    set(CURLOPT_BUFFERSIZE, 256L * 1024);
    set(CURLOPT_WRITEFUNCTION, &on_body);
    set(CURLOPT_WRITEDATA, &t);
    set(CURLOPT_HEADERFUNCTION, &on_header);
    set(CURLOPT_HEADERDATA, &t);
    // Proxies as Helm (Go) reads them; an empty CURLOPT_PROXY means none.
    const std::string proxy =
        scheme == "https" ? env_first("HTTPS_PROXY", "https_proxy") : env_first("HTTP_PROXY", "http_proxy");
    set(CURLOPT_PROXY, proxy.c_str());
    const std::string no_proxy = env_first("NO_PROXY", "no_proxy");
    if (!no_proxy.empty()) set(CURLOPT_NOPROXY, no_proxy.c_str());
    // Credentials go to the request's own host only: libcurl drops them when a
    // redirect changes host, port or scheme (CURLOPT_UNRESTRICTED_AUTH stays off).
    if (r.basic) {
      set(CURLOPT_HTTPAUTH, static_cast<long>(CURLAUTH_BASIC));
      set(CURLOPT_USERNAME, r.basic->first.c_str());
      set(CURLOPT_PASSWORD, r.basic->second.c_str());
    } else if (!r.bearer.empty()) {
      set(CURLOPT_HTTPAUTH, static_cast<long>(CURLAUTH_BEARER));
      set(CURLOPT_XOAUTH2_BEARER, r.bearer.c_str());
    }
    if (!r.tls.ca_file.empty()) set(CURLOPT_CAINFO, r.tls.ca_file.c_str());
    if (!r.tls.cert_file.empty()) set(CURLOPT_SSLCERT, r.tls.cert_file.c_str());
    if (!r.tls.key_file.empty()) set(CURLOPT_SSLKEY, r.tls.key_file.c_str());
    if (r.tls.insecure) {
      set(CURLOPT_SSL_VERIFYPEER, 0L);
      set(CURLOPT_SSL_VERIFYHOST, 0L);
    }
    if (r.compressed) set(CURLOPT_ACCEPT_ENCODING, "");
    std::unique_ptr<curl_slist, decltype(c.slist_free_all)> headers(nullptr, c.slist_free_all);
    for (const auto& line : r.headers) {
      curl_slist* more = c.slist_append(headers.get(), line.c_str());
      if (more == nullptr) throw Error("libcurl could not add a header (out of memory?)");
      static_cast<void>(headers.release());  // `more` is the same list, grown (or a new one)
      headers.reset(more);
    }
    if (headers) set(CURLOPT_HTTPHEADER, headers.get());
    if (!r.progress.empty()) {
      set(CURLOPT_NOPROGRESS, 0L);
      set(CURLOPT_XFERINFOFUNCTION, &on_progress);
      set(CURLOPT_XFERINFODATA, &t);
    }
    set_extras(c, h, r);

    const CURLcode rc = c.easy_perform(h);
    headers.reset();
    if (t.drew) std::fputs("\r\033[K", stderr);
    if (t.failure) std::rethrow_exception(t.failure);
    if (t.too_big)
      throw Error(url_for_humans(r.url) + " is larger than " + std::to_string(r.max_bytes >> 20) +
                  " MiB, more than a chart can be; check the URL");
    const auto wait = r.backoff * (1 << std::min(attempt, 6));
    if (rc != CURLE_OK) {
      if (transient(rc) && attempt < r.retries) {
        std::this_thread::sleep_for(wait);
        continue;
      }
      std::string detail = errbuf[0] != '\0' ? errbuf : c.easy_strerror(rc);
      throw Error(describe(rc, detail, r, attempt + 1));
    }
    c.easy_getinfo(h, CURLINFO_RESPONSE_CODE, &response.status);
    char* effective = nullptr;
    c.easy_getinfo(h, CURLINFO_EFFECTIVE_URL, &effective);
    if (effective != nullptr) response.url = effective;
    if (transient(response.status) && attempt < r.retries) {
      auto delay = wait;
      // Retry-After in seconds, when the server asks for a short pause.
      const std::string after = response.header("retry-after");
      if (!after.empty() && std::all_of(after.begin(), after.end(), ::isdigit) && after.size() < 3)
        delay = std::max(delay, std::chrono::milliseconds(std::stoi(after) * 1000));
      std::this_thread::sleep_for(std::min(delay, std::chrono::milliseconds(10000)));
      continue;
    }
    return response;
  }
}

}  // namespace kratix::net
