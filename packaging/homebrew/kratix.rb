# Homebrew formula for kratix. packaging/make-release fills in url and sha256.
class Kratix < Formula
  desc "Build Kratix Promises: self-service platform APIs for Kubernetes"
  homepage "https://kratix.io"
  url "https://downloads.invalid/kratix/kratix-0.1.0.tar.gz"
  sha256 "0000000000000000000000000000000000000000000000000000000000000000"
  license "MIT"

  depends_on "cli11" => :build
  depends_on "cmake" => :build
  depends_on "nlohmann-json" => :build
  depends_on "pkgconf" => :build
  depends_on "libarchive"
  depends_on "re2"
  depends_on "yaml-cpp"
  uses_from_macos "curl"

  def install
    system "cmake", "-S", ".", "-B", "build", "-DKRATIX_BUILD_TESTS=OFF", *std_cmake_args
    system "cmake", "--build", "build"
    # Installs bin/kratix, one man page per command, and the bash, zsh and fish
    # completions in Homebrew's standard places.
    system "cmake", "--install", "build"
  end

  test do
    assert_match version.to_s, shell_output("#{bin}/kratix --version")
    system bin/"kratix", "init", "promise", "postgresql", "--group", "myorg.com", "--kind", "Database",
           "--dir", testpath/"postgresql"
    promise = (testpath/"postgresql/promise.yaml").read
    assert_match "kind: Promise", promise
    assert_match "name: databases.myorg.com", promise
    assert_predicate testpath/"postgresql/example-resource.yaml", :exist?
    assert_predicate testpath/"postgresql/README.md", :exist?
    assert_predicate man1/"kratix-init-promise.1", :exist?
    assert_predicate bash_completion/"kratix", :exist?
  end
end
