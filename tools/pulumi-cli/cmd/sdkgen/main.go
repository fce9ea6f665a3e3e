// Command sdkgen writes a Pulumi SDK for one language from a package schema, with Pulumi's own
// code generators and no engine or language host:
//
//	sdkgen --schema schema.json --lang python|nodejs|go --out DIR [--version 0.2.0]
//
// Only Python has a language host here (ours), so this is how the TypeScript and Go SDKs are
// made; scripts/gen-sdks.sh builds and runs it for all three.
package main

import (
	"flag"
	"fmt"
	"os"
	"slices"
	"strings"

	"github.com/hashicorp/hcl/v2"

	"github.com/novita-pulumi/tools/pulumi-cli/internal/gensdk"
)

func main() {
	// A flag set of our own: Pulumi's packages register glog's flags on the global one.
	flags := flag.NewFlagSet("sdkgen", flag.ExitOnError)
	schemaPath := flags.String("schema", "", "path of the package schema (JSON)")
	lang := flags.String("lang", "", fmt.Sprintf("SDK language, one of %v", gensdk.Languages))
	out := flags.String("out", "", "directory to write the SDK into")
	version := flags.String("version", "", "package version, overriding the schema's")
	_ = flags.Parse(os.Args[1:]) // ExitOnError: never returns an error
	if *schemaPath == "" || *out == "" || !slices.Contains(gensdk.Languages, *lang) || flags.NArg() > 0 {
		flags.Usage()
		os.Exit(2)
	}

	data, err := os.ReadFile(*schemaPath)
	if err != nil {
		fatal(err)
	}
	files, diags, err := gensdk.Generate(data, *lang, gensdk.Options{Tool: "novita-sdkgen", Version: *version})
	for _, d := range diags {
		severity := "warning"
		if d.Severity == hcl.DiagError {
			severity = "error"
		}
		// d.Error() would start with "<nil>:": schema diagnostics carry no source range.
		fmt.Fprintf(os.Stderr, "sdkgen: %s: %s: %s\n", *schemaPath, severity, strings.TrimSpace(d.Summary+" "+d.Detail))
	}
	if err != nil {
		fatal(err)
	}
	if err := gensdk.Write(*out, files); err != nil {
		fatal(err)
	}
	fmt.Fprintf(os.Stderr, "sdkgen: wrote %d files of the %s SDK into %s\n", len(files), *lang, *out)
}

func fatal(err error) {
	fmt.Fprintf(os.Stderr, "sdkgen: %v\n", err)
	os.Exit(1)
}
