// oracle-apiserver runs the real Kubernetes apiextensions-apiserver (the part
// of kube-apiserver that serves CustomResourceDefinitions and custom
// resources) on 127.0.0.1, backed by an embedded etcd, for the end-to-end
// tests. Both listen on ports the OS chooses. Once the server answers
// /healthz it prints one line on stdout:
//
//	ready https://127.0.0.1:PORT
//
// and it runs until stdin closes or it gets SIGTERM/SIGINT; then it stops
// etcd and removes its data directory.
//
// Users: client certificates signed by --client-ca-file, and bearer tokens
// from --token-auth-file (kube-apiserver's CSV format: token,user,uid,"group1,group2").
// Every authenticated user may do everything, except users in two groups the
// tests use to see refusals: "test:forbidden" may do nothing, "test:no-crds"
// may not touch apiextensions.k8s.io (CustomResourceDefinitions); anonymous
// requests are refused.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	"github.com/spf13/pflag"
	"go.etcd.io/etcd/server/v3/embed"
	extensionsapiserver "k8s.io/apiextensions-apiserver/pkg/apiserver"
	"k8s.io/apiextensions-apiserver/pkg/cmd/server/options"
	generatedopenapi "k8s.io/apiextensions-apiserver/pkg/generated/openapi"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apiserver/pkg/apis/apiserver"
	"k8s.io/apiserver/pkg/authentication/authenticator"
	"k8s.io/apiserver/pkg/authentication/request/bearertoken"
	"k8s.io/apiserver/pkg/authentication/request/union"
	"k8s.io/apiserver/pkg/authentication/token/tokenfile"
	"k8s.io/apiserver/pkg/authorization/authorizer"
	discoveryendpoint "k8s.io/apiserver/pkg/endpoints/discovery/aggregated"
	openapinamer "k8s.io/apiserver/pkg/endpoints/openapi"
	genericapiserver "k8s.io/apiserver/pkg/server"
	"k8s.io/apiserver/pkg/util/compatibility"
	utilfeature "k8s.io/apiserver/pkg/util/feature"
	"k8s.io/apiserver/pkg/util/openapi"
	"k8s.io/client-go/kubernetes"
	basecompatibility "k8s.io/component-base/compatibility"
	"k8s.io/klog/v2"
)

func main() {
	dataDir := flag.String("data-dir", "", "where etcd and the serving certificates live (default: a new temporary directory, removed at exit)")
	clientCA := flag.String("client-ca-file", "", "PEM CA bundle; client certificates it signed authenticate as their CN (user) and O (groups)")
	tokenFile := flag.String("token-auth-file", "", "CSV of bearer tokens: token,user,uid[,\"group1,group2\"]")
	verbose := flag.Bool("verbose", false, "the servers' own logs on stderr")
	flag.Parse()
	if err := run(*dataDir, *clientCA, *tokenFile, *verbose); err != nil {
		fmt.Fprintln(os.Stderr, "oracle-apiserver:", err)
		os.Exit(1)
	}
}

func run(dataDir, clientCA, tokenFile string, verbose bool) error {
	klogFlags := flag.NewFlagSet("klog", flag.ContinueOnError)
	klog.InitFlags(klogFlags)
	_ = klogFlags.Set("v", "0")
	_ = klogFlags.Set("stderrthreshold", "ERROR")
	_ = klogFlags.Set("logtostderr", "false")
	if verbose {
		_ = klogFlags.Set("logtostderr", "true")
		_ = klogFlags.Set("stderrthreshold", "INFO")
	} else {
		klog.SetOutput(io.Discard)
	}

	if dataDir == "" {
		d, err := os.MkdirTemp("", "oracle-apiserver-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(d)
		dataDir = d
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go func() {
		signals := make(chan os.Signal, 1)
		signal.Notify(signals, syscall.SIGTERM, syscall.SIGINT)
		<-signals
		cancel()
	}()
	go func() {
		_, _ = io.Copy(io.Discard, os.Stdin) // the parent closing our stdin means stop
		cancel()
	}()

	etcdURL, stopEtcd, err := startEtcd(filepath.Join(dataDir, "etcd"))
	if err != nil {
		return fmt.Errorf("etcd: %w", err)
	}
	defer stopEtcd()

	server, err := newServer(dataDir, etcdURL, clientCA, tokenFile)
	if err != nil {
		return err
	}
	errCh := make(chan error, 1)
	go func() { errCh <- server.GenericAPIServer.PrepareRun().RunWithContext(ctx) }()

	client, err := kubernetes.NewForConfig(server.GenericAPIServer.LoopbackClientConfig)
	if err != nil {
		return err
	}
	// Readiness: poll /readyz over the loopback client until it says ok (/readyz would also wait for informers of a
	// kube-apiserver this server does not have).
	for {
		select {
		case err := <-errCh:
			return err
		case <-ctx.Done():
			return nil
		default:
		}
		status := 0
		client.CoreV1().RESTClient().Get().AbsPath("/healthz").Do(ctx).StatusCode(&status)
		if status == 200 {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	fmt.Printf("ready https://%s\n", server.GenericAPIServer.SecureServingInfo.Listener.Addr().String())
	return <-errCh
}

func startEtcd(dir string) (string, func(), error) {
	// etcd advertises the URLs it is given, so they need real ports: ask the
	// OS for two, then hand them to etcd.
	ports, err := freePorts(2)
	if err != nil {
		return "", nil, err
	}
	client, _ := url.Parse(fmt.Sprintf("http://127.0.0.1:%d", ports[0]))
	peer, _ := url.Parse(fmt.Sprintf("http://127.0.0.1:%d", ports[1]))
	cfg := embed.NewConfig()
	cfg.Dir = dir
	cfg.LogLevel = "error"
	cfg.LogOutputs = []string{"stderr"}
	cfg.ListenClientUrls = []url.URL{*client}
	cfg.AdvertiseClientUrls = []url.URL{*client}
	cfg.ListenPeerUrls = []url.URL{*peer}
	cfg.AdvertisePeerUrls = []url.URL{*peer}
	cfg.InitialCluster = cfg.Name + "=" + peer.String()
	e, err := embed.StartEtcd(cfg)
	if err != nil {
		return "", nil, err
	}
	select {
	case <-e.Server.ReadyNotify():
	case err := <-e.Err():
		e.Close()
		return "", nil, err
	}
	return client.String(), e.Close, nil
}

func freePorts(n int) ([]int, error) {
	var ports []int
	var listeners []net.Listener
	defer func() {
		for _, l := range listeners {
			l.Close()
		}
	}()
	for i := 0; i < n; i++ {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			return nil, err
		}
		listeners = append(listeners, l)
		ports = append(ports, l.Addr().(*net.TCPAddr).Port)
	}
	return ports, nil
}

func newServer(dataDir, etcdURL, clientCA, tokenFile string) (*extensionsapiserver.CustomResourceDefinitions, error) {
	// The delegated authentication and authorization of a standalone
	// apiextensions-apiserver expect a kube-apiserver; they get a kubeconfig
	// that is never used, and are replaced below.
	unused := filepath.Join(dataDir, "unused.kubeconfig")
	if err := os.WriteFile(unused, []byte("apiVersion: v1\nkind: Config\nclusters: [{name: none, cluster: {server: 'http://127.0.0.1:1'}}]\ncontexts: [{name: none, context: {cluster: none, user: none}}]\ncurrent-context: none\nusers: [{name: none, user: {}}]\n"), 0o600); err != nil {
		return nil, err
	}
	s := options.NewCustomResourceDefinitionsServerOptions(os.Stdout, os.Stderr)
	featureGate := utilfeature.DefaultMutableFeatureGate
	effectiveVersion := compatibility.DefaultBuildEffectiveVersion()
	registry := basecompatibility.NewComponentGlobalsRegistry()
	if err := registry.Register(basecompatibility.DefaultKubeComponent, effectiveVersion, featureGate); err != nil {
		return nil, err
	}
	s.ServerRunOptions.ComponentGlobalsRegistry = registry
	fs := pflag.NewFlagSet("oracle-apiserver", pflag.ContinueOnError)
	s.AddFlags(fs)
	args := []string{
		"--etcd-servers", etcdURL,
		"--etcd-prefix", "/oracle",
		"--authentication-skip-lookup",
		"--authentication-kubeconfig", unused,
		"--authorization-kubeconfig", unused,
		"--kubeconfig", unused,
		"--enable-priority-and-fairness=false",
		"--disable-admission-plugins", "NamespaceLifecycle,MutatingAdmissionWebhook,ValidatingAdmissionWebhook,ValidatingAdmissionPolicy,MutatingAdmissionPolicy",
		"--bind-address", "127.0.0.1",
		"--cert-dir", filepath.Join(dataDir, "certs"),
	}
	if clientCA != "" {
		args = append(args, "--client-ca-file", clientCA)
	}
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	if err := registry.Set(); err != nil {
		return nil, err
	}
	s.RecommendedOptions.Authentication.Anonymous = &apiserver.AnonymousAuthConfig{Enabled: false}
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	s.RecommendedOptions.SecureServing.Listener = listener
	s.RecommendedOptions.SecureServing.BindPort = listener.Addr().(*net.TCPAddr).Port
	s.APIEnablement.RuntimeConfig.Set("api/all=true")
	if err := s.Complete(); err != nil {
		return nil, err
	}
	if err := s.Validate(); err != nil {
		return nil, err
	}
	config, err := s.Config()
	if err != nil {
		return nil, err
	}
	if tokenFile != "" {
		tokens, err := tokenfile.NewCSV(tokenFile)
		if err != nil {
			return nil, err
		}
		authenticators := []authenticator.Request{bearertoken.New(tokens)}
		if config.GenericConfig.Authentication.Authenticator != nil {
			authenticators = append(authenticators, config.GenericConfig.Authentication.Authenticator)
		}
		config.GenericConfig.Authentication.Authenticator = union.New(authenticators...)
	}
	config.GenericConfig.Authorization.Authorizer = testAuthorizer()
	getOpenAPIDefinitions := openapi.GetOpenAPIDefinitionsWithoutDisabledFeatures(generatedopenapi.GetOpenAPIDefinitions)
	namer := openapinamer.NewDefinitionNamer(extensionsapiserver.Scheme)
	config.GenericConfig.OpenAPIConfig = genericapiserver.DefaultOpenAPIConfig(getOpenAPIDefinitions, namer)
	server, err := config.Complete().New(genericapiserver.NewEmptyDelegate())
	if err != nil {
		return nil, err
	}
	// The apiextensions-apiserver leaves /apis to kube-aggregator; serve it
	// here from the server's own (aggregated) discovery, CRD groups included.
	gs := server.GenericAPIServer
	wrapped := discoveryendpoint.WrapAggregatedDiscoveryToHandler(gs.DiscoveryGroupManager, gs.AggregatedDiscoveryGroupManager, gs.PeerAggregatedDiscoveryManager)
	gs.Handler.GoRestfulContainer.Add(wrapped.GenerateWebService("/apis", metav1.APIGroupList{}))
	// kubectl's discovery starts at /api (the core group, which a
	// kube-apiserver serves): answer that there are no core versions here.
	server.GenericAPIServer.Handler.NonGoRestfulMux.HandleFunc("/api", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"kind":"APIVersions","versions":[],"serverAddressByClientCIDRs":null}`))
	})
	return server, nil
}

// testAuthorizer allows everything but what the "test:forbidden" and
// "test:no-crds" groups are refused (see the package comment).
func testAuthorizer() authorizer.Authorizer {
	return authorizer.AuthorizerFunc(func(ctx context.Context, a authorizer.Attributes) (authorizer.Decision, string, error) {
		if a.GetUser() == nil {
			return authorizer.DecisionNoOpinion, "no user", nil
		}
		for _, g := range a.GetUser().GetGroups() {
			if g == "test:forbidden" {
				return authorizer.DecisionDeny, "the test server refuses group test:forbidden", nil
			}
			if g == "test:no-crds" && a.IsResourceRequest() && a.GetAPIGroup() == "apiextensions.k8s.io" {
				return authorizer.DecisionDeny, "the test server refuses CRDs to group test:no-crds", nil
			}
		}
		return authorizer.DecisionAllow, "", nil
	})
}
