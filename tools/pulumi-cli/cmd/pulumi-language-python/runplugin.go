package main

import (
	"errors"

	"os/exec"
	"path/filepath"
	"sync"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc"
)

// RunPlugin runs a plugin written in Python: the engine asks for it to start a policy pack given
// as a directory (`pulumi preview --policy-pack DIR`, a PulumiPolicy.yaml with `runtime: python`).
// The directory's __main__.py runs as `python -u DIR ARGS...` in req's working directory and
// environment; its stdout and stderr are streamed back (the engine reads the port the pack's
// gRPC server prints first), then its exit code.
//
// The interpreter is chosen as for programs (the `virtualenv` runtime option, $PULUMI_PYTHON_CMD,
// python3 on PATH), except that a plugin directory inside a virtualenv (a pack shipped in an
// installed wheel, e.g. .venv/lib/python3.11/site-packages/novita_provider/policy/pack) runs
// with that virtualenv's interpreter when no option names one: that is where its imports are.
func (h *host) RunPlugin(req *pulumirpc.RunPluginRequest,
	server grpc.ServerStreamingServer[pulumirpc.RunPluginResponse],
) error {
	info := req.GetInfo()
	dir := info.GetProgramDirectory()
	if dir == "" {
		dir = req.GetProgram() //nolint:staticcheck // only a fallback for engines that send no Info
	}
	if dir == "" {
		return errors.New("RunPlugin: no plugin directory in the request")
	}
	opts := info.GetOptions()
	py, env, err := python(opts, h.rootDir(info))
	if err != nil {
		return err
	}
	if venv, _ := opts.AsMap()["virtualenv"].(string); venv == "" {
		if found := enclosingVirtualenv(dir); found != "" {
			py = filepath.Join(found, "bin", "python")
		}
	}

	program := dir
	if entry := info.GetEntryPoint(); entry != "" && entry != "." {
		program = filepath.Join(dir, entry)
	}
	cmd := exec.CommandContext(server.Context(), py, append([]string{"-u", program}, req.GetArgs()...)...)
	cmd.Dir = req.GetPwd()
	cmd.Env = append(env, req.GetEnv()...)
	var sendMu sync.Mutex
	send := func(resp *pulumirpc.RunPluginResponse) error {
		sendMu.Lock()
		defer sendMu.Unlock()
		return server.Send(resp)
	}
	cmd.Stdout = streamWriter(func(b []byte) error {
		return send(&pulumirpc.RunPluginResponse{Output: &pulumirpc.RunPluginResponse_Stdout{Stdout: b}})
	})
	cmd.Stderr = streamWriter(func(b []byte) error {
		return send(&pulumirpc.RunPluginResponse{Output: &pulumirpc.RunPluginResponse_Stderr{Stderr: b}})
	})

	code := int32(0)
	var exitErr *exec.ExitError
	switch err := cmd.Run(); {
	case err == nil:
	case errors.As(err, &exitErr):
		code = int32(exitErr.ExitCode())
	default: // could not start at all
		return err
	}
	return send(&pulumirpc.RunPluginResponse{Output: &pulumirpc.RunPluginResponse_Exitcode{Exitcode: code}})
}

// enclosingVirtualenv is the nearest directory at or above dir that holds a pyvenv.cfg and a
// bin/python, or "".
func enclosingVirtualenv(dir string) string {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return ""
	}
	for {
		if fileExists(filepath.Join(dir, "pyvenv.cfg")) && fileExists(filepath.Join(dir, "bin", "python")) {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

// streamWriter adapts a send function to an io.Writer (each Write a copy: gRPC may hold the
// buffer after Send returns).
type streamWriter func([]byte) error

func (w streamWriter) Write(p []byte) (int, error) {
	if err := w(append([]byte(nil), p...)); err != nil {
		return 0, err
	}
	return len(p), nil
}
