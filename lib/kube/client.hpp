#pragma once
// A small Kubernetes API client over lib/net: GET of JSON objects, lists
// read page by page (limit/continue, as kubectl's 500-item chunks) and
// watches. Credentials as kube/client_config.hpp resolved them; an exec
// plugin's credential is kept until it expires, and asked for again once
// when the server answers 401. Failures are one line naming the context and
// user: the server unreachable, 401 and 403, anything but 2xx.
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "core/error.hpp"
#include "kube/client_config.hpp"

namespace kratix::kube {

class ExecCredential;

// A non-2xx answer. The message is ready to print; status() and reason()
// (the Status object's, e.g. "NotFound") let callers say better.
class ApiError : public Error {
 public:
  ApiError(const std::string& message, long status, std::string reason, std::string server_message)
      : Error(message), status_(status), reason_(std::move(reason)), server_message_(std::move(server_message)) {}
  long status() const { return status_; }
  const std::string& reason() const { return reason_; }
  const std::string& server_message() const { return server_message_; }

 private:
  long status_;
  std::string reason_;
  std::string server_message_;
};

using Query = std::vector<std::pair<std::string, std::string>>;

// "a=b&c=d" with both sides percent-encoded.
std::string encode_query(const Query& query);

struct ListOptions {
  std::string label_selector;
  std::string accept = "application/json";  // e.g. PartialObjectMetadataList
  int page_size = 500;
};

class Client {
 public:
  explicit Client(ClientConfig config);
  ~Client();
  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;

  const ClientConfig& config() const { return config_; }

  // GET `path` (under the server, starting with '/'), parsed JSON.
  nlohmann::json get(const std::string& path, const Query& query = {}, const std::string& accept = "application/json");

  // Every item of the list at `path`, given to `each` in order (it may move
  // from it); returns the list's resourceVersion. A continue token that
  // expired mid-way (410) starts one full list again.
  std::string list(const std::string& path, const ListOptions& options,
                   const std::function<void(nlohmann::json& item)>& each);

  // Watches `path` from `resource_version`: each event's type ("ADDED",
  // "MODIFIED", "DELETED", "BOOKMARK", "ERROR") and object go to `on_event`
  // until it returns false or the server ends the watch. Returns the last
  // resourceVersion seen.
  std::string watch(const std::string& path, const std::string& resource_version,
                    const std::function<bool(const std::string& type, nlohmann::json& object)>& on_event);

 private:
  net::Request request(const std::string& url, const std::string& accept);
  net::Response send(const std::string& path, const Query& query, const std::string& accept, net::Sink* sink = nullptr,
                     bool stream = false);
  [[noreturn]] void fail(const net::Response& response, const std::string& path) const;

  ClientConfig config_;
  std::unique_ptr<ExecCredential> exec_;
};

}  // namespace kratix::kube
