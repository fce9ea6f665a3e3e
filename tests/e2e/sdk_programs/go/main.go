// Command sdk-program deploys an endpoint with a registry credential and a network volume
// through the native provider with the generated Go SDK, by an inline Automation API program:
// up, preview (expected empty), destroy. It prints one JSON line for the test (see ../README.md).
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"

	"github.com/pulumi/pulumi/sdk/v3/go/auto"
	"github.com/pulumi/pulumi/sdk/v3/go/common/apitype"
	"github.com/pulumi/pulumi/sdk/v3/go/common/workspace"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/config"

	"github.com/novita-pulumi/novita-pulumi/sdk/go/novita"
)

func program(ctx *pulumi.Context) error {
	clusters, err := novita.GetClusters(ctx, &novita.GetClustersArgs{SupportsNetworkStorage: pulumi.BoolRef(true)})
	if err != nil {
		return err
	}
	if len(clusters.Clusters) == 0 {
		return fmt.Errorf("no cluster supports network volumes")
	}
	volume, err := novita.NewNetworkVolume(ctx, "models", &novita.NetworkVolumeArgs{
		ClusterId: pulumi.String(clusters.Clusters[0].Id),
		SizeGb:    pulumi.Int(50),
	})
	if err != nil {
		return err
	}
	credential, err := novita.NewRegistryCredential(ctx, "registry", &novita.RegistryCredentialArgs{
		Username: pulumi.String("go-bot"),
		Password: config.RequireSecret(ctx, "registryPassword"),
	})
	if err != nil {
		return err
	}
	endpoint, err := novita.NewEndpoint(ctx, "inference", &novita.EndpointArgs{
		Image: novita.EndpointImageArgs{
			Image:  pulumi.String("registry.example.com/acme/go-server:1.0"),
			AuthId: credential.ID().ToStringOutput(),
		},
		Products: pulumi.StringArray{pulumi.String("SL-serverless-1")},
		WorkerConfig: novita.EndpointWorkerConfigArgs{
			MinNum: pulumi.Int(1), MaxNum: pulumi.Int(2), FreeTimeout: pulumi.Int(60),
			MaxConcurrent: pulumi.Int(4), RequestTimeout: pulumi.Int(120),
		},
		Policy:      novita.EndpointPolicyArgs{Type: novita.EndpointPolicyTypeQueue, Value: pulumi.Int(10)},
		Ports:       novita.EndpointPortArray{novita.EndpointPortArgs{Port: pulumi.Int(8000)}},
		HealthCheck: novita.EndpointHealthCheckArgs{Path: pulumi.String("/health")},
		ClusterId:   volume.ClusterId,
		VolumeMounts: novita.EndpointVolumeMountArray{novita.EndpointVolumeMountArgs{
			Type: novita.EndpointVolumeMountTypeNetwork, Id: volume.ID().ToStringOutput(),
			MountPath: pulumi.String("/models"),
		}},
	})
	if err != nil {
		return err
	}
	ctx.Export("endpointId", endpoint.ID())
	ctx.Export("state", endpoint.State)
	ctx.Export("volumeId", volume.ID())
	ctx.Export("credentialId", credential.ID())
	return nil
}

func changes(summary map[string]int) map[string]int {
	out := map[string]int{}
	for op, n := range summary {
		if op != "same" && n > 0 {
			out[op] = n
		}
	}
	return out
}

func opChanges(summary map[apitype.OpType]int) map[string]int {
	plain := map[string]int{}
	for op, n := range summary {
		plain[string(op)] = n
	}
	return changes(plain)
}

func run(ctx context.Context) error {
	const projectName = "novita-go"
	project := workspace.Project{
		Name:    projectName,
		Runtime: workspace.NewProjectRuntimeInfo("go", nil),
		Plugins: &workspace.Plugins{Providers: []workspace.PluginOptions{
			{Name: "novita", Path: os.Getenv("NOVITA_PLUGIN_DIR")},
		}},
	}
	stack, err := auto.UpsertStackInlineSource(ctx, "test", projectName, program, auto.Project(project))
	if err != nil {
		return err
	}
	for key, value := range map[string]auto.ConfigValue{
		"novita:apiUrl":    {Value: os.Getenv("NOVITA_TEST_API_URL")},
		"novita:apiKey":    {Value: os.Getenv("NOVITA_TEST_API_KEY"), Secret: true},
		"registryPassword": {Value: os.Getenv("NOVITA_TEST_REGISTRY_PASSWORD"), Secret: true},
	} {
		if err := stack.SetConfig(ctx, key, value); err != nil {
			return err
		}
	}
	up, err := stack.Up(ctx)
	if err != nil {
		return err
	}
	outputs := map[string]any{}
	for key, output := range up.Outputs {
		outputs[key] = output.Value
	}
	preview, err := stack.Preview(ctx)
	if err != nil {
		return err
	}
	destroy, err := stack.Destroy(ctx)
	if err != nil {
		return err
	}
	report, err := json.Marshal(map[string]any{
		"up":      changes(*up.Summary.ResourceChanges),
		"outputs": outputs,
		"preview": opChanges(preview.ChangeSummary),
		"destroy": changes(*destroy.Summary.ResourceChanges),
	})
	if err != nil {
		return err
	}
	fmt.Println(string(report))
	return nil
}

func main() {
	if err := run(context.Background()); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
