#include "kube/client.hpp"

#include "kube/exec_credential.hpp"

namespace kratix::kube {

namespace {

std::string in_quotes(const std::string& s) { return "\"" + s + "\""; }

std::string percent_encode(const std::string& s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

std::string reason_phrase(long status) {
  switch (status) {
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 406: return "Not Acceptable";
    case 409: return "Conflict";
    case 410: return "Gone";
    case 422: return "Unprocessable Entity";
    case 429: return "Too Many Requests";
    case 500: return "Internal Server Error";
    case 502: return "Bad Gateway";
    case 503: return "Service Unavailable";
    case 504: return "Gateway Timeout";
    default: return "HTTP " + std::to_string(status);
  }
}

// Thrown from the watch sink to end a watch early; not an error.
struct StopWatch {};

// Splits a watch stream into its JSON lines.
class WatchSink : public net::Sink {
 public:
  explicit WatchSink(const std::function<bool(const std::string&, nlohmann::json&)>& on_event) : on_event_(on_event) {}
  void restart() override { buffer_.clear(); }
  void write(std::string_view chunk) override {
    buffer_.append(chunk);
    size_t start = 0;
    for (size_t nl; (nl = buffer_.find('\n', start)) != std::string::npos; start = nl + 1) {
      std::string_view line(buffer_.data() + start, nl - start);
      if (line.find_first_not_of(" \r\t") == std::string_view::npos) continue;
      auto event = nlohmann::json::parse(line, nullptr, false);
      if (event.is_discarded() || !event.is_object() || !event.contains("object")) {
        malformed = true;
        throw StopWatch{};
      }
      const std::string type = event.value("type", std::string());
      nlohmann::json& object = event["object"];
      if (type == "ERROR") {
        error = std::move(object);
        throw StopWatch{};
      }
      if (object.is_object() && object.contains("metadata"))
        last_version = object["metadata"].value("resourceVersion", last_version);
      if (!on_event_(type, object)) throw StopWatch{};
    }
    buffer_.erase(0, start);
  }
  std::string last_version;
  nlohmann::json error;
  bool malformed = false;

 private:
  const std::function<bool(const std::string&, nlohmann::json&)>& on_event_;
  std::string buffer_;
};

}  // namespace

std::string encode_query(const Query& query) {
  std::string out;
  for (const auto& [key, value] : query)
    out += (out.empty() ? "" : "&") + percent_encode(key) + "=" + percent_encode(value);
  return out;
}

Client::Client(ClientConfig config) : config_(std::move(config)) {
  if (config_.exec) exec_ = std::make_unique<ExecCredential>(*config_.exec, config_.cluster_info, config_.user);
}

Client::~Client() = default;

net::Request Client::request(const std::string& url, const std::string& accept) {
  net::Request r;
  r.url = url;
  r.headers = {"Accept: " + accept};
  r.tls = config_.tls;
  r.tls_advice =
      "set certificate-authority(-data) of the cluster in the kubeconfig (or pass --certificate-authority) to the CA "
      "that signed the API server's certificate, or pass --insecure-skip-tls-verify";
  if (config_.basic) r.basic = config_.basic;
  r.bearer = config_.token;
  if (exec_) {
    const ExecResult& creds = exec_->get();
    r.bearer = creds.token;
    if (!creds.cert_pem.empty()) {
      r.tls.cert_pem = creds.cert_pem;
      r.tls.key_pem = creds.key_pem;
    }
  }
  r.proxy = config_.proxy;
  if (!r.proxy) {
    // Go's proxy rules, which kubectl follows: never a proxy for the loopback.
    const std::string host = net::url_authority(url);
    if (host.starts_with("127.") || host.starts_with("localhost") || host.starts_with("[::1]")) r.proxy = "";
  }
  r.timeout = config_.timeout;
  r.retries = config_.timeout.count() > 0 ? 0 : 1;
  r.compressed = config_.compressed;
  return r;
}

net::Response Client::send(const std::string& path, const Query& query, const std::string& accept, net::Sink* sink,
                           bool stream) {
  std::string url = config_.server + path;
  if (!query.empty()) url += "?" + encode_query(query);
  for (int attempt = 0;; ++attempt) {
    net::Response response;
    try {
      net::Request r = request(url, accept);
      r.stream = stream;
      response = net::get(r, sink);
    } catch (const ApiError&) {
      throw;
    } catch (const Error& e) {
      throw Error(config_.describe() + ": " + e.what());
    }
    // An exec plugin's token the server refuses is asked for again, once (as client-go does).
    if (response.status == 401 && exec_ && attempt == 0) {
      exec_->refresh();
      continue;
    }
    if (response.status < 200 || response.status >= 300) fail(response, path);
    return response;
  }
}

void Client::fail(const net::Response& response, const std::string& path) const {
  auto status = nlohmann::json::parse(response.body, nullptr, false);
  std::string message, reason;
  if (status.is_object() && status.value("kind", std::string()) == "Status") {
    message = status.value("message", std::string());
    reason = status.value("reason", std::string());
  } else {
    message = response.body.substr(0, response.body.find('\n'));
    if (message.size() > 200) message = message.substr(0, 200) + "...";
  }
  const std::string code = std::to_string(response.status) + " " + reason_phrase(response.status);
  const std::string who = "user " + in_quotes(config_.user) + " of " + config_.describe();
  std::string text;
  if (response.status == 401) {
    std::string why;
    if (config_.user.empty())
      why = "; the context names no user, so no credentials were sent: add a user to the context or pass --token";
    else if (!config_.user_known)
      why = "; the context names user " + in_quotes(config_.user) +
            ", which the kubeconfig does not have, so no credentials were sent: add it or pass --user";
    else
      why = "; the credentials of user " + in_quotes(config_.user) +
            " are wrong or expired: log in again, or fix them in " +
            (config_.origin.empty() ? std::string("the kubeconfig") : config_.origin.string());
    text = "the API server " + config_.server + " (" + config_.describe() + ") refused the request: " + code + why;
  } else if (response.status == 403) {
    text = who + " is not allowed to read this: " + (message.empty() ? code : message) +
           "; ask a cluster admin for access, or use another --context or --user";
  } else {
    text = "the API server " + config_.server + " (" + config_.describe() + ") answered " + code + " for " + path +
           (message.empty() ? "" : ": " + message);
  }
  throw ApiError(text, response.status, reason, message);
}

nlohmann::json Client::get(const std::string& path, const Query& query, const std::string& accept) {
  net::Response response = send(path, query, accept);
  auto j = nlohmann::json::parse(response.body, nullptr, false);
  if (j.is_discarded())
    throw Error("the API server " + config_.server + " (" + config_.describe() + ") answered " + path +
                " with something that is not JSON; is the server a Kubernetes API server?");
  return j;
}

std::string Client::list(const std::string& path, const ListOptions& o,
                         const std::function<void(nlohmann::json&)>& each) {
  std::string token;
  bool chunked = o.page_size > 0;
  while (true) {
    Query query;
    if (!o.label_selector.empty()) query.emplace_back("labelSelector", o.label_selector);
    if (chunked) query.emplace_back("limit", std::to_string(o.page_size));
    if (!token.empty()) query.emplace_back("continue", token);
    nlohmann::json page;
    try {
      page = get(path, query, o.accept);
    } catch (const ApiError& e) {
      if (e.status() != 410 || token.empty()) throw;
      // The continue token expired: read the whole list in one go instead, as client-go's pager does.
      token.clear();
      chunked = false;
      continue;
    }
    auto items = page.find("items");
    if (items == page.end() || !(items->is_array() || items->is_null()))
      throw Error("the API server " + config_.server + " (" + config_.describe() + ") answered " + path +
                  " with something that is not a list");
    if (items->is_array())
      for (auto& item : *items) each(item);
    const nlohmann::json& meta = page.contains("metadata") ? page["metadata"] : nlohmann::json::object();
    token = meta.is_object() ? meta.value("continue", std::string()) : std::string();
    if (token.empty()) return meta.is_object() ? meta.value("resourceVersion", std::string()) : std::string();
  }
}

std::string Client::watch(const std::string& path, const std::string& resource_version,
                          const std::function<bool(const std::string&, nlohmann::json&)>& on_event) {
  WatchSink sink(on_event);
  sink.last_version = resource_version;
  Query query = {{"watch", "1"}, {"allowWatchBookmarks", "true"}};
  if (!resource_version.empty()) query.emplace_back("resourceVersion", resource_version);
  try {
    send(path, query, "application/json", &sink, true);
  } catch (const StopWatch&) {}
  if (sink.malformed)
    throw Error("the API server " + config_.server + " sent a watch event that is not JSON for " + path);
  if (sink.error.is_object()) {
    const long code = sink.error.value("code", 0L);
    const std::string message = sink.error.value("message", std::string());
    throw ApiError("the watch of " + path + " ended: " + message, code, sink.error.value("reason", std::string()),
                   message);
  }
  return sink.last_version;
}

}  // namespace kratix::kube
