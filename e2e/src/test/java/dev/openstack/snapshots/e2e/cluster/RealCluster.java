package dev.openstack.snapshots.e2e.cluster;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A real Kubernetes control plane (e2e/kubernetes-on-loopback.sh, or any cluster) named by an admin kubeconfig:
 * {@code -De2e.kubeconfig} or {@code E2E_KUBECONFIG}. kubectl and kustomize are the binaries named by
 * {@code KUBECTL} and {@code KUSTOMIZE} (the script's {@code env} exports them), else the ones on PATH.
 */
public final class RealCluster {

    /** The operator's namespace and ServiceAccount, as config/default installs them. */
    public static final String OPERATOR_NAMESPACE = "openstack-snapshot-system";
    public static final String OPERATOR_ACCOUNT = "openstack-snapshot-operator";
    private static final List<String> CRDS = List.of("openstacksnapshots.blockstorage.openstack.dev",
            "snapshotrestorations.blockstorage.openstack.dev", "openstacksnapshotschedules.blockstorage.openstack.dev");

    private static RealCluster installed;

    private final Path kubeconfig;
    private final Path repository;

    private RealCluster(Path kubeconfig, Path repository) {
        this.kubeconfig = kubeconfig;
        this.repository = repository;
    }

    public static Optional<RealCluster> fromEnvironment() {
        String file = System.getProperty("e2e.kubeconfig", System.getenv("E2E_KUBECONFIG"));
        if (file == null || file.isBlank()) {
            return Optional.empty();
        }
        Path path = Paths.get(file);
        if (!Files.isReadable(path)) {
            throw new IllegalStateException("E2E_KUBECONFIG names " + path + ", which cannot be read");
        }
        return Optional.of(new RealCluster(path, repositoryRoot()));
    }

    /** The checkout: the e2e module's parent (Maven runs the tests in the module's directory). */
    private static Path repositoryRoot() {
        Path dir = Paths.get(System.getProperty("e2e.repository", "..")).toAbsolutePath().normalize();
        if (!Files.isDirectory(dir.resolve("config/default"))) {
            throw new IllegalStateException("no config/default under " + dir + ": set -De2e.repository to the checkout");
        }
        return dir;
    }

    public Path repository() {
        return repository;
    }

    public Path kubeconfig() {
        return kubeconfig;
    }

    /** A client acting as the cluster's admin (the tests' own view, never the operator's). */
    public KubernetesClient admin() {
        try {
            return new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(Files.readString(kubeconfig))).build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Installs the operator as a user would, once per JVM: {@code kustomize build config/default | kubectl apply
     * --server-side -f -}, unchanged, and waits until the CRDs are Established. The Deployment is accepted but
     * never runs (no kubelet); the operator runs as a process beside it ({@link OperatorProcess}).
     */
    public synchronized RealCluster installOperator() {
        if (installed == null) {
            apply();
            installed = this;
        }
        return this;
    }

    /** Applies config/default once more, as the next sync of a GitOps tool does. */
    public void installAgain() {
        apply();
    }

    private void apply() {
        kubectl(kustomizeBuild("config/default"), "apply", "--server-side", "--field-manager=e2e-install", "-f", "-").requireSuccess();
        awaitCrdsEstablished();
    }

    /** What {@code kustomize build DIR} prints for a directory of the checkout. */
    public String kustomizeBuild(String directory) {
        return Commands.run(List.of(tool("KUSTOMIZE", "kustomize"), "build", repository.resolve(directory).toString()),
                null, Duration.ofMinutes(1)).requireSuccess().stdout();
    }

    /** Waits until the three CRDs are Established (served), as after an install. */
    public void awaitCrdsEstablished() {
        List<String> wait = new ArrayList<>(List.of("wait", "--for=condition=Established", "--timeout=60s"));
        CRDS.forEach(crd -> wait.add("crd/" + crd));
        kubectl(null, wait.toArray(String[]::new)).requireSuccess();
    }

    /** kubectl as the admin, with {@code stdin} (or none) as its input. */
    public Commands.Result kubectl(String stdin, String... args) {
        List<String> command = new ArrayList<>(List.of(tool("KUBECTL", "kubectl"), "--kubeconfig", kubeconfig.toString()));
        command.addAll(List.of(args));
        return Commands.run(command, stdin, Duration.ofMinutes(2));
    }

    /**
     * A kubeconfig that authenticates as {@code namespace/account} with a token from {@code kubectl create token},
     * so that whatever uses it may do exactly what RBAC grants that account.
     */
    public Path serviceAccountKubeconfig(String namespace, String account, Path file) {
        String token = kubectl(null, "create", "token", account, "-n", namespace, "--duration=24h")
                .requireSuccess().stdout().trim();
        String server = kubectl(null, "config", "view", "--minify", "-o", "jsonpath={.clusters[0].cluster.server}")
                .requireSuccess().stdout().trim();
        String ca = kubectl(null, "config", "view", "--minify", "--raw", "--flatten",
                "-o", "jsonpath={.clusters[0].cluster.certificate-authority-data}").requireSuccess().stdout().trim();
        String yaml = String.join("\n",
                "apiVersion: v1",
                "kind: Config",
                "clusters:",
                "- name: cluster",
                "  cluster: {server: \"" + server + "\", certificate-authority-data: \"" + ca + "\"}",
                "users:",
                "- name: " + account,
                "  user: {token: \"" + token + "\"}",
                "contexts:",
                "- name: " + account,
                "  context: {cluster: cluster, user: " + account + ", namespace: " + namespace + "}",
                "current-context: " + account,
                "");
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    private static String tool(String variable, String fallback) {
        String path = System.getenv(variable);
        return path == null || path.isBlank() ? fallback : path;
    }
}
