// An endpoint with a registry credential and a network volume, deployed through the native
// provider with the generated TypeScript SDK, by an inline Automation API program: up, preview
// (expected empty), destroy. Prints one JSON line for the test to check (see ../README.md).
import * as pulumi from "@pulumi/pulumi";
import { LocalWorkspace, ProjectSettings } from "@pulumi/pulumi/automation";
import * as novita from "@novita-pulumi/novita";

function env(name: string): string {
    const value = process.env[name];
    if (!value) {
        throw new Error(`${name} is not set`);
    }
    return value;
}

async function program(): Promise<Record<string, pulumi.Output<unknown>>> {
    const config = new pulumi.Config();
    const clusters = novita.getClustersOutput({ supportsNetworkStorage: true }).clusters;
    const volume = new novita.NetworkVolume("models", {
        clusterId: clusters.apply((found) => found[0].id),
        sizeGb: 50,
    });
    const credential = new novita.RegistryCredential("registry", {
        username: "ts-bot",
        password: config.requireSecret("registryPassword"),
    });
    const endpoint = new novita.Endpoint("inference", {
        image: { image: "registry.example.com/acme/ts-server:1.0", authId: credential.id },
        products: ["SL-serverless-1"],
        workerConfig: { minNum: 1, maxNum: 2, freeTimeout: 60, maxConcurrent: 4, requestTimeout: 120 },
        policy: { type: novita.EndpointPolicyType.Queue, value: 10 },
        ports: [{ port: 8000 }],
        healthCheck: { path: "/health" },
        clusterId: volume.clusterId,
        volumeMounts: [{ type: novita.EndpointVolumeMountType.Network, id: volume.id, mountPath: "/models" }],
    });
    return { endpointId: endpoint.id, state: endpoint.state, volumeId: volume.id, credentialId: credential.id };
}

function changes(summary: Record<string, number> | undefined): Record<string, number> {
    return Object.fromEntries(Object.entries(summary ?? {}).filter(([op, n]) => op !== "same" && n > 0));
}

async function main(): Promise<void> {
    const projectName = "novita-ts";
    // The type lacks `plugins`, but the Pulumi.yaml the workspace writes keeps every key.
    const projectSettings: ProjectSettings & { plugins: object } = {
        name: projectName,
        runtime: "nodejs",
        plugins: { providers: [{ name: "novita", path: env("NOVITA_PLUGIN_DIR") }] },
    };
    const stack = await LocalWorkspace.createOrSelectStack(
        { stackName: "test", projectName, program },
        { projectSettings },
    );
    await stack.setConfig("novita:apiUrl", { value: env("NOVITA_TEST_API_URL") });
    await stack.setConfig("novita:apiKey", { value: env("NOVITA_TEST_API_KEY"), secret: true });
    await stack.setConfig("registryPassword", { value: env("NOVITA_TEST_REGISTRY_PASSWORD"), secret: true });

    const up = await stack.up();
    const outputs = Object.fromEntries(Object.entries(up.outputs).map(([k, v]) => [k, v.value]));
    const preview = await stack.preview();
    const destroy = await stack.destroy();
    console.log(
        JSON.stringify({
            up: changes(up.summary.resourceChanges),
            outputs,
            preview: changes(preview.changeSummary),
            destroy: changes(destroy.summary.resourceChanges),
        }),
    );
}

main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
});
