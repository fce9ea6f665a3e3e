// Command pulumi-language-python is a minimal Pulumi language host for Python programs.
//
// The upstream host (module github.com/pulumi/pulumi/sdk/python/cmd/pulumi-language-python/v3)
// cannot be fetched from the Go module proxy this project can reach, so this small replacement
// implements just what `pulumi preview/up/refresh/destroy` need. The real work is done by the
// upstream script pulumi-language-python-exec (shipped in the sdk/v3 module), which must sit
// beside this binary: we only start it with the right arguments and environment.
//
// GeneratePackage (`pulumi package gen-sdk --language python`, `pulumi package add`) writes a
// Python SDK with Pulumi's own Python code generator (internal/gensdk).
//
// Not supported: installing dependencies, reporting required plugins (the dynamic provider
// pulumi-resource-pulumi-python is found on PATH or beside `pulumi` by the engine), toolchains
// other than a plain virtualenv, program code generation and packing. RunPlugin runs Python
// plugin directories, which is how the engine starts a policy pack (runplugin.go).
package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"

	"github.com/novita-pulumi/tools/pulumi-cli/internal/gensdk"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/plugin"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc"
	"google.golang.org/protobuf/types/known/emptypb"
	"google.golang.org/protobuf/types/known/structpb"
)

// version is reported to the engine; it matches the pinned CLI (scripts/ensure-pulumi.sh).
const version = "3.274.1"

// exitBail is the exit code pulumi-language-python-exec uses once it has logged the program's
// error through the engine: we must then answer Bail so that the engine prints nothing more.
const exitBail = 32

type host struct {
	pulumirpc.UnimplementedLanguageRuntimeServer

	engine     string // the engine's gRPC address, our last command-line argument
	execScript string // path of pulumi-language-python-exec

	mu   sync.Mutex
	root string // root directory from Handshake, a fallback when a request carries none
}

func main() {
	// The engine puts flags of its own before the engine address (--tracing ADDR, -v=N,
	// --logtostderr, and -root/-virtualenv/... for the upstream host). We need none of them,
	// and `flag` would fail on unknown ones, so we only take the last argument.
	if len(os.Args) < 2 || strings.HasPrefix(os.Args[len(os.Args)-1], "-") {
		fatal(errors.New("usage: pulumi-language-python [flags...] ENGINE_ADDRESS"))
	}
	h := &host{engine: os.Args[len(os.Args)-1], execScript: findExecScript()}
	exitOnInterrupt()

	lis, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fatal(err)
	}
	// The engine sends the whole stack config in RunRequest: allow more than gRPC's 4 MiB default.
	srv := grpc.NewServer(grpc.MaxRecvMsgSize(400 * 1024 * 1024))
	pulumirpc.RegisterLanguageRuntimeServer(srv, h)

	// Handshake with the engine: the first line on stdout is the port; everything we print after
	// it (the program's own output) is shown to the user as diagnostics.
	fmt.Printf("%d\n", lis.Addr().(*net.TCPAddr).Port)
	if err := srv.Serve(lis); err != nil {
		fatal(err)
	}
}

// exitOnInterrupt makes SIGINT and SIGTERM end the host, as they do by default. The engine stops
// its language host with SIGINT once the program is done, and kills it only 5 s later; a host
// started with SIGINT ignored (every process below a background job of a non-interactive shell,
// `make test &`, or nohup) inherited that, so each `up` and `preview` took 5 s longer. Asking for
// the signal is what un-ignores it (os/signal: "Notify ... will no longer be ignored").
func exitOnInterrupt() {
	signals := make(chan os.Signal, 1)
	signal.Notify(signals, os.Interrupt, syscall.SIGTERM)
	go func() {
		<-signals
		os.Exit(0)
	}()
}

func fatal(err error) {
	fmt.Fprintf(os.Stderr, "pulumi-language-python: %v\n", err)
	os.Exit(1)
}

// findExecScript returns pulumi-language-python-exec from beside this binary, else from PATH.
func findExecScript() string {
	const name = "pulumi-language-python-exec"
	if self, err := os.Executable(); err == nil {
		if p := filepath.Join(filepath.Dir(self), name); fileExists(p) {
			return p
		}
	}
	if p, err := exec.LookPath(name); err == nil {
		return p
	}
	return name // Run will report that it is missing
}

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

// python picks the interpreter: the `virtualenv` runtime option of Pulumi.yaml (relative to the
// project root), else $PULUMI_PYTHON_CMD, else python3 on PATH. It also returns the environment
// for the child process; with a virtualenv it is activated the way `source bin/activate` would.
func python(opts *structpb.Struct, root string) (string, []string, error) {
	env := os.Environ()
	if venv, _ := opts.AsMap()["virtualenv"].(string); venv != "" {
		if !filepath.IsAbs(venv) {
			venv = filepath.Join(root, venv)
		}
		py := filepath.Join(venv, "bin", "python")
		if !fileExists(py) {
			return "", nil, fmt.Errorf("the 'virtualenv' option in Pulumi.yaml is %q, but %s does not exist; "+
				"create it with: python3 -m venv %s && %s -m pip install -r requirements.txt", venv, py, venv, py)
		}
		activated := []string{"VIRTUAL_ENV=" + venv, "PATH=" + filepath.Join(venv, "bin") +
			string(os.PathListSeparator) + os.Getenv("PATH")}
		for _, kv := range env {
			if !strings.HasPrefix(kv, "PYTHONHOME=") && !strings.HasPrefix(kv, "PATH=") &&
				!strings.HasPrefix(kv, "VIRTUAL_ENV=") {
				activated = append(activated, kv)
			}
		}
		return py, activated, nil
	}
	cmd := os.Getenv("PULUMI_PYTHON_CMD")
	if cmd == "" {
		cmd = "python3"
	}
	py, err := exec.LookPath(cmd)
	if err != nil {
		return "", nil, fmt.Errorf("could not find a Python interpreter (%s): %w", cmd, err)
	}
	return py, env, nil
}

func (h *host) rootDir(info *pulumirpc.ProgramInfo) string {
	if r := info.GetRootDirectory(); r != "" {
		return r
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.root
}

func (h *host) Handshake(_ context.Context, req *pulumirpc.LanguageHandshakeRequest,
) (*pulumirpc.LanguageHandshakeResponse, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.root = req.GetRootDirectory()
	return &pulumirpc.LanguageHandshakeResponse{}, nil
}

func (h *host) Run(ctx context.Context, req *pulumirpc.RunRequest) (*pulumirpc.RunResponse, error) {
	info := req.GetInfo()
	root := h.rootDir(info)
	py, env, err := python(info.GetOptions(), root)
	if err != nil {
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}

	// The program: a directory (entry point ".", run through its __main__.py) or a file in it.
	program := req.GetProgram() //nolint:staticcheck // only a fallback for engines that send no Info
	if info.GetProgramDirectory() != "" {
		program = filepath.Join(info.GetProgramDirectory(), info.GetEntryPoint())
	}
	if program == "" {
		program = "."
	}

	args := []string{"-u", h.execScript,
		"--monitor", req.GetMonitorAddress(),
		"--engine", h.engine,
		"--project", req.GetProject(),
		"--stack", req.GetStack(),
		"--dry_run", strconv.FormatBool(req.GetDryRun()),
		"--parallel", strconv.Itoa(int(req.GetParallel())),
	}
	// Optional ones: the script's argparse leaves them None when absent, which the SDK expects.
	for _, kv := range [][2]string{{"--pwd", req.GetPwd()}, {"--organization", req.GetOrganization()},
		{"--root_directory", root}} {
		if kv[1] != "" {
			args = append(args, kv[0], kv[1])
		}
	}
	args = append(append(args, program), req.GetArgs()...)

	// The SDK reads config from these variables; both must be valid JSON even when empty.
	config, secretKeys := req.GetConfig(), req.GetConfigSecretKeys()
	if config == nil {
		config = map[string]string{}
	}
	if secretKeys == nil {
		secretKeys = []string{}
	}
	configJSON, _ := json.Marshal(config)
	secretKeysJSON, _ := json.Marshal(secretKeys)

	// CommandContext: if the engine goes away mid-run, the program is killed too.
	cmd := exec.CommandContext(ctx, py, args...)
	cmd.Env = append(env, "PULUMI_CONFIG="+string(configJSON), "PULUMI_CONFIG_SECRET_KEYS="+string(secretKeysJSON))
	cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr

	var exitErr *exec.ExitError
	switch err := cmd.Run(); {
	case err == nil:
		return &pulumirpc.RunResponse{}, nil
	case errors.As(err, &exitErr) && exitErr.ExitCode() == exitBail:
		return &pulumirpc.RunResponse{Bail: true}, nil
	case errors.As(err, &exitErr) && exitErr.ExitCode() > 0:
		return &pulumirpc.RunResponse{
			Error: fmt.Sprintf("Program exited with non-zero exit code: %d", exitErr.ExitCode())}, nil
	default: // killed by a signal, or could not start at all
		return &pulumirpc.RunResponse{Error: fmt.Sprintf("running %s %s: %v", py, h.execScript, err)}, nil
	}
}

func (h *host) GetPluginInfo(context.Context, *emptypb.Empty) (*pulumirpc.PluginInfo, error) {
	return &pulumirpc.PluginInfo{Version: version}, nil
}

func (h *host) GetRequiredPlugins(context.Context, *pulumirpc.GetRequiredPluginsRequest,
) (*pulumirpc.GetRequiredPluginsResponse, error) {
	return &pulumirpc.GetRequiredPluginsResponse{}, nil
}

func (h *host) GetRequiredPackages(context.Context, *pulumirpc.GetRequiredPackagesRequest,
) (*pulumirpc.GetRequiredPackagesResponse, error) {
	return &pulumirpc.GetRequiredPackagesResponse{}, nil
}

func (h *host) GetProgramDependencies(context.Context, *pulumirpc.GetProgramDependenciesRequest,
) (*pulumirpc.GetProgramDependenciesResponse, error) {
	return &pulumirpc.GetProgramDependenciesResponse{}, nil
}

func (h *host) RuntimeOptionsPrompts(context.Context, *pulumirpc.RuntimeOptionsRequest,
) (*pulumirpc.RuntimeOptionsResponse, error) {
	return &pulumirpc.RuntimeOptionsResponse{}, nil
}

func (h *host) About(ctx context.Context, req *pulumirpc.AboutRequest) (*pulumirpc.AboutResponse, error) {
	py, _, err := python(req.GetInfo().GetOptions(), h.rootDir(req.GetInfo()))
	if err != nil {
		return nil, err
	}
	out, err := exec.CommandContext(ctx, py, "--version").Output()
	if err != nil {
		return nil, fmt.Errorf("%s --version: %w", py, err)
	}
	v := strings.TrimPrefix(strings.TrimSpace(string(out)), "Python ")
	return &pulumirpc.AboutResponse{Executable: py, Version: v}, nil
}

// InstallDependencies (`pulumi install`, `pulumi new`) installs nothing: it tells the user so and
// succeeds, so that commands which call it on the way keep working.
func (h *host) InstallDependencies(_ *pulumirpc.InstallDependenciesRequest,
	stream grpc.ServerStreamingServer[pulumirpc.InstallDependenciesResponse],
) error {
	return stream.Send(&pulumirpc.InstallDependenciesResponse{
		Stdout: []byte("pulumi-language-python (minimal host): not installing dependencies; " +
			"pip install them into the project's virtualenv yourself\n"),
	})
}

// GeneratePackage writes the Python SDK for req's schema into req's directory. Packages the schema
// refers to are loaded through the engine's schema loader, as the upstream host does.
func (h *host) GeneratePackage(_ context.Context, req *pulumirpc.GeneratePackageRequest,
) (*pulumirpc.GeneratePackageResponse, error) {
	opts := gensdk.Options{Tool: "pulumi-language-python", ExtraFiles: req.GetExtraFiles()}
	if target := req.GetLoaderTarget(); target != "" {
		loader, err := schema.NewLoaderClient(target)
		if err != nil {
			return nil, err
		}
		defer loader.Close()
		opts.Loader = schema.NewCachedLoader(loader)
	}
	files, diags, err := gensdk.Generate([]byte(req.GetSchema()), "python", opts)
	resp := &pulumirpc.GeneratePackageResponse{Diagnostics: plugin.HclDiagnosticsToRPCDiagnostics(diags)}
	if err != nil {
		if diags.HasErrors() {
			return resp, nil // the engine prints the diagnostics, which say more than err
		}
		return nil, err
	}
	if err := gensdk.Write(req.GetDirectory(), files); err != nil {
		return nil, err
	}
	return resp, nil
}
