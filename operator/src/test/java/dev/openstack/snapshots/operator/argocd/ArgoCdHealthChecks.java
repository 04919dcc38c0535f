package dev.openstack.snapshots.operator.argocd;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The health checks of config/argocd/health/ (the one source of truth) and the three forms they ship in: a kustomize
 * patch of argocd-cm, values for the argo-cd Helm chart, and an argocd-operator {@code ArgoCD} resource.
 */
final class ArgoCdHealthChecks {

    static final String GROUP = "blockstorage.openstack.dev";
    static final String KUSTOMIZE_PATCH = "argocd-cm-health-patch.yaml";
    static final String HELM_VALUES = "argo-cd-chart-values.yaml";
    static final String ARGOCD_CR = "argocd-cr-health-checks.yaml";
    /** Our own chart's values end with the checks, for `helm show values` (relative to config/argocd). */
    static final String CHART_VALUES = "../../charts/openstack-snapshot-operator/values.yaml";
    private static final String CHART_VALUES_TAIL = "argocd:\n  healthChecks:";
    private static final String GENERATED = "# Generated from config/argocd/health/*.lua by ArgoCdHealthChecksTest (-Dargocd.write=true); edit the .lua.\n";

    record Check(String kind, String lua) {
    }

    private ArgoCdHealthChecks() {
    }

    static List<Check> checks(Path argocd) throws IOException {
        String cinderObject = Files.readString(argocd.resolve("health/snapshot-or-restoration.lua"));
        String schedule = Files.readString(argocd.resolve("health/schedule.lua"));
        return List.of(new Check("OpenStackSnapshot", cinderObject), new Check("SnapshotRestoration", cinderObject),
                new Check("OpenStackSnapshotSchedule", schedule));
    }

    /** The generated files, by path relative to config/argocd; {@code chartValues} is the chart's values.yaml now. */
    static Map<String, String> forms(List<Check> checks, String chartValues) {
        Map<String, String> forms = new LinkedHashMap<>();
        int tail = chartValues.indexOf(CHART_VALUES_TAIL);
        if (tail < 0) {
            throw new IllegalStateException(CHART_VALUES + " must end with 'argocd:' / '  healthChecks:'");
        }
        forms.put(CHART_VALUES, chartValues.substring(0, tail) + CHART_VALUES_TAIL + "\n"
                + checks.stream().map(c -> "    " + GROUP + "_" + c.kind() + ": |\n" + indent(c.lua(), "      "))
                        .collect(Collectors.joining()));
        forms.put(KUSTOMIZE_PATCH, GENERATED + """
                # A patch of Argo CD's own argocd-cm (whatever its namespace): see kustomization.yaml beside it.
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: argocd-cm
                data:
                """ + keys(checks, "  "));
        forms.put(HELM_VALUES, GENERATED + """
                # Values for the argo-cd Helm chart (argo/argo-cd): helm upgrade argocd argo/argo-cd -f argo-cd-chart-values.yaml
                configs:
                  cm:
                """ + keys(checks, "    "));
        forms.put(ARGOCD_CR, GENERATED + """
                # For Argo CD installed by argocd-operator (or OpenShift GitOps), which owns argocd-cm and would overwrite a
                # patch: merge spec.resourceHealthChecks into your ArgoCD resource (name and namespace are yours).
                apiVersion: argoproj.io/v1beta1
                kind: ArgoCD
                metadata:
                  name: argocd
                spec:
                  resourceHealthChecks:
                """ + checks.stream().map(c -> "    - group: " + GROUP + "\n      kind: " + c.kind() + "\n      check: |\n"
                        + indent(c.lua(), "        ")).collect(Collectors.joining()));
        return forms;
    }

    private static String keys(List<Check> checks, String indent) {
        return checks.stream().map(c -> indent + "resource.customizations.health." + GROUP + "_" + c.kind() + ": |\n"
                + indent(c.lua(), indent + "  ")).collect(Collectors.joining());
    }

    private static String indent(String text, String indent) {
        return text.lines().map(l -> l.isEmpty() ? "" : indent + l).collect(Collectors.joining("\n", "", "\n"));
    }
}
