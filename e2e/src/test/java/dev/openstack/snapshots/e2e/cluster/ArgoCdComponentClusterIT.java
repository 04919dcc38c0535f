package dev.openstack.snapshots.e2e.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * config/argocd as a user includes it (a kustomize Component beside Argo CD's own install) with the kustomize the
 * control plane's tools are built with: the health keys land in Argo CD's argocd-cm, in whatever namespace it is,
 * and the keys already there stay.
 */
@ExtendWith(RealClusterCondition.class)
class ArgoCdComponentClusterIT {

    @Test
    void componentPatchesArgoCdsOwnConfigMapInItsNamespace() throws IOException {
        Path repository = RealCluster.fromEnvironment().orElseThrow().repository();
        Path dir = Files.createTempDirectory("argocd-component");
        Files.writeString(dir.resolve("argocd-cm.yaml"), """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: argocd-cm
                  namespace: gitops
                data:
                  url: https://argocd.example.com
                """);
        Files.writeString(dir.resolve("kustomization.yaml"), """
                apiVersion: kustomize.config.k8s.io/v1beta1
                kind: Kustomization
                resources: [argocd-cm.yaml]
                components: [%s]
                """.formatted(dir.relativize(repository.resolve("config/argocd"))));
        String built = Commands.run(List.of(tool(), "build", dir.toString()), null, Duration.ofMinutes(1))
                .requireSuccess().stdout();
        JsonNode cm = new YAMLMapper().readTree(built);
        assertEquals("gitops", cm.path("metadata").path("namespace").asText());
        assertEquals("https://argocd.example.com", cm.path("data").path("url").asText(), "Argo CD's own keys stay");
        for (String kind : List.of("OpenStackSnapshot", "SnapshotRestoration", "OpenStackSnapshotSchedule")) {
            String lua = cm.path("data").path("resource.customizations.health.blockstorage.openstack.dev_" + kind).asText();
            assertTrue(lua.contains("hs.status"), kind + " check missing from " + built);
        }
        String snapshotLua = Files.readString(repository.resolve("config/argocd/health/snapshot-or-restoration.lua"));
        assertEquals(snapshotLua, cm.path("data").path("resource.customizations.health.blockstorage.openstack.dev_OpenStackSnapshot").asText());
    }

    private static String tool() {
        String path = System.getenv("KUSTOMIZE");
        return path == null || path.isBlank() ? "kustomize" : path;
    }
}
