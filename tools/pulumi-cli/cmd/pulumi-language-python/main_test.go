package main

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"github.com/pulumi/pulumi/sdk/v3/proto/go/codegen"
)

func TestGeneratePackageWritesThePythonSDK(t *testing.T) {
	schema, err := os.ReadFile("../../../sdkgen/testdata/schema.json")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	resp, err := (&host{}).GeneratePackage(context.Background(),
		&pulumirpc.GeneratePackageRequest{Directory: dir, Schema: string(schema)})
	if err != nil || len(resp.GetDiagnostics()) > 0 {
		t.Fatalf("GeneratePackage: %v %v", err, resp.GetDiagnostics())
	}
	for _, f := range []string{"pyproject.toml", "pulumi_novita/__init__.py", "pulumi_novita/endpoint.py"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Error(err)
		}
	}
}

func TestGeneratePackageReturnsSchemaErrorsAsDiagnostics(t *testing.T) {
	bad := `{"name": "novita", "resources": {"novita:index:X": {"properties": {"a": {"$ref": "#/types/novita:index:Missing"}}}}}`
	resp, err := (&host{}).GeneratePackage(context.Background(),
		&pulumirpc.GeneratePackageRequest{Directory: t.TempDir(), Schema: bad})
	if err != nil {
		t.Fatalf("want diagnostics, not an error: %v", err)
	}
	diags := resp.GetDiagnostics()
	if len(diags) == 0 || diags[0].GetSeverity() != codegen.DiagnosticSeverity_DIAG_ERROR {
		t.Fatalf("want an error diagnostic, got %v", diags)
	}
}
