package gensdk

import (
	"os"
	"strings"
	"testing"

	"golang.org/x/mod/modfile"
)

// The hand-written draft schema (tools/sdkgen/testdata) until the generated one is checked in.
const draftSchema = "../../../sdkgen/testdata/schema.json"

func generate(t *testing.T, lang string, opts Options) map[string][]byte {
	t.Helper()
	data, err := os.ReadFile(draftSchema)
	if err != nil {
		t.Fatal(err)
	}
	files, diags, err := Generate(data, lang, opts)
	if err != nil {
		t.Fatalf("%s: %v %v", lang, err, diags)
	}
	return files
}

func mustContain(t *testing.T, files map[string][]byte, name string, want ...string) {
	t.Helper()
	got, ok := files[name]
	if !ok {
		t.Fatalf("no %s among the generated files", name)
	}
	for _, w := range want {
		if !strings.Contains(string(got), w) {
			t.Errorf("%s does not contain %q", name, w)
		}
	}
}

func TestPythonSDK(t *testing.T) {
	files := generate(t, "python", Options{})
	mustContain(t, files, "pulumi_novita/endpoint.py", "class Endpoint(pulumi.CustomResource)",
		`replace_on_changes=["appName", "clusterId", "products[*]", "rootfsSize"]`)
	mustContain(t, files, "pulumi_novita/registry_credential.py", `additional_secret_outputs=["password"]`)
	mustContain(t, files, "pulumi_novita/get_clusters.py", "def get_clusters(")
}

func TestNodejsSDK(t *testing.T) {
	files := generate(t, "nodejs", Options{Version: "1.2.3"})
	mustContain(t, files, "endpoint.ts", "export class Endpoint extends pulumi.CustomResource")
	mustContain(t, files, "package.json", `"version": "1.2.3"`)
}

func TestGoSDK(t *testing.T) {
	files := generate(t, "go", Options{})
	mustContain(t, files, "go.mod", "module github.com/novita-pulumi/sdk/go",
		pulumiSDKModule+" "+PulumiSDKVersion) // raised from the generator's older default
	mustContain(t, files, "novita/endpoint.go", "func NewEndpoint(", "pulumi.ReplaceOnChanges")
	mustContain(t, files, "novita/registryCredential.go", "pulumi.AdditionalSecretOutputs")
}

func TestInvalidSchemaAndLanguage(t *testing.T) {
	bad := []byte(`{"name": "novita", "resources": {"novita:index:X": {"properties": {"a": {"$ref": "#/types/novita:index:Missing"}}}}}`)
	if _, diags, err := Generate(bad, "python", Options{}); err == nil || !diags.HasErrors() {
		t.Errorf("a dangling $ref was accepted: %v %v", err, diags)
	}
	if _, _, err := Generate([]byte(`{"name": "novita"}`), "java", Options{}); err == nil {
		t.Error("an unknown language was accepted")
	}
	if _, _, err := Generate([]byte(`{"name": "novita"}`), "go", Options{}); err == nil {
		t.Error("a Go SDK without a version was generated")
	}
}

func TestPulumiSDKVersionIsThePinnedOne(t *testing.T) {
	data, err := os.ReadFile("../../go.mod")
	if err != nil {
		t.Fatal(err)
	}
	mf, err := modfile.Parse("go.mod", data, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range mf.Require {
		if r.Mod.Path == pulumiSDKModule {
			if r.Mod.Version != PulumiSDKVersion {
				t.Errorf("go.mod pins %s %s, PulumiSDKVersion is %s", r.Mod.Path, r.Mod.Version, PulumiSDKVersion)
			}
			return
		}
	}
	t.Errorf("go.mod does not require %s", pulumiSDKModule)
}
