package dev.openstack.snapshots.operator.api.generation;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crdv2.generator.CRDPostProcessor;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What fabric8's CRD generator leaves undone, applied to each generated CRD:
 * <ul>
 * <li>printer columns in the order the {@code @AdditionalPrinterColumn} annotations are declared (the generator sorts
 * them by name, so {@code kubectl get} would start with AGE);</li>
 * <li>{@code status.conditions} in the metav1.Condition shape ({@link ConditionSchema}): the generator renders
 * fabric8's Condition bean as a loose object;</li>
 * <li>descriptions of the root, spec and status from {@code @JsonClassDescription} of the kind, spec and status classes:
 * the generator has no class-level descriptions, and {@code kubectl explain <kind>} prints the root's;</li>
 * <li>no {@code priority: 0} on printer columns: the API server drops zero priorities, so the stored CRD would differ
 * from the applied one and a second server-side applier (Argo CD after a first {@code kubectl apply --server-side})
 * would conflict on the atomic {@code spec.versions} list (seen on kube-apiserver 1.34).</li>
 * </ul>
 */
public final class CrdFinishing implements CRDPostProcessor {

    private final Map<String, Class<?>> classesByKind = new LinkedHashMap<>();

    public CrdFinishing(List<Class<? extends HasMetadata>> kinds) {
        kinds.forEach(k -> classesByKind.put(HasMetadata.getKind(k), k));
    }

    @Override
    public HasMetadata process(HasMetadata resource, String crdSpecVersion) {
        CustomResourceDefinition crd = (CustomResourceDefinition) resource;
        Class<?> kind = classesByKind.get(crd.getSpec().getNames().getKind());
        if (kind == null) {
            throw new IllegalStateException("no API class for the generated CRD of " + crd.getSpec().getNames().getKind());
        }
        for (CustomResourceDefinitionVersion version : crd.getSpec().getVersions()) {
            version.setAdditionalPrinterColumns(inDeclaredOrder(version.getAdditionalPrinterColumns(), kind));
            JSONSchemaProps root = version.getSchema().getOpenAPIV3Schema();
            root.setDescription(classDescription(kind));
            JSONSchemaProps spec = root.getProperties().get("spec");
            JSONSchemaProps status = root.getProperties().get("status");
            if (spec != null) {
                spec.setDescription(classDescription(typeArgument(kind, 0)));
            }
            if (status != null) {
                status.setDescription(classDescription(typeArgument(kind, 1)));
                JSONSchemaProps conditions = status.getProperties().get("conditions");
                if (conditions != null) {
                    status.getProperties().put("conditions", ConditionSchema.list(conditions.getDescription()));
                }
            }
        }
        return crd;
    }

    private static List<CustomResourceColumnDefinition> inDeclaredOrder(List<CustomResourceColumnDefinition> columns,
            Class<?> kind) {
        List<String> declared = Arrays.stream(kind.getAnnotationsByType(AdditionalPrinterColumn.class))
                .map(AdditionalPrinterColumn::name).toList();
        columns.forEach(c -> {
            if (!declared.contains(c.getName())) {
                throw new IllegalStateException(kind.getSimpleName() + ": printer column " + c.getName()
                        + " is not declared with @AdditionalPrinterColumn, so its place is unknown");
            }
        });
        columns.forEach(c -> c.setPriority(c.getPriority() != null && c.getPriority() == 0 ? null : c.getPriority()));
        return columns.stream().sorted(Comparator.comparingInt(c -> declared.indexOf(c.getName()))).toList();
    }

    private static String classDescription(Class<?> type) {
        JsonClassDescription description = type.getAnnotation(JsonClassDescription.class);
        if (description == null || description.value().isBlank()) {
            throw new IllegalStateException(type.getName() + " needs a @JsonClassDescription: kubectl explain shows it");
        }
        return description.value();
    }

    /** The spec (0) or status (1) class of a {@code CustomResource<Spec, Status>}. */
    private static Class<?> typeArgument(Class<?> kind, int index) {
        Type type = kind.getGenericSuperclass();
        if (type instanceof ParameterizedType parameterized
                && parameterized.getActualTypeArguments()[index] instanceof Class<?> argument) {
            return argument;
        }
        throw new IllegalStateException(kind.getName() + " must extend CustomResource<Spec, Status> directly");
    }
}
