package dev.openstack.snapshots.operator.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Validates objects against one checked-in CRD (crds/) the way the API server would on create and update:
 * defaults, the OpenAPI constraints, then the CEL rules. The mock Kubernetes server of the other tests
 * enforces none of this, and no real API server runs here.
 */
public final class CrdValidation {

    private static final YAMLMapper YAML = new YAMLMapper();

    private final CustomResourceDefinition crd;
    private final SchemaNode root;
    private final CelRules rules;

    private CrdValidation(CustomResourceDefinition crd) {
        this.crd = crd;
        CustomResourceDefinitionVersion version = crd.getSpec().getVersions().stream()
                .filter(CustomResourceDefinitionVersion::getStorage).findFirst().orElseThrow();
        this.root = new SchemaNode(version.getSchema().getOpenAPIV3Schema());
        this.rules = new CelRules(root);
    }

    public static CrdValidation load(Path crdYaml) {
        try {
            return parse(Files.readString(crdYaml));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static CrdValidation parse(String crdYaml) {
        return new CrdValidation(Serialization.unmarshal(crdYaml, CustomResourceDefinition.class));
    }

    /** The CRD of this kind among the checked-in ones. */
    public static CrdValidation forKind(String kind) {
        return checkedIn().stream().filter(v -> v.kind().equals(kind)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no CRD for kind " + kind + " in " + crdDirectory()));
    }

    public static List<CrdValidation> checkedIn() {
        try (Stream<Path> files = Files.list(crdDirectory())) {
            return files.filter(p -> p.getFileName().toString().endsWith("-v1.yml")).sorted()
                    .map(CrdValidation::load).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Path crdDirectory() {
        return repositoryRoot().resolve("crds");
    }

    public static Path repositoryRoot() {
        return Path.of(System.getProperty("basedir", ".")).toAbsolutePath().getParent();
    }

    public String kind() {
        return crd.getSpec().getNames().getKind();
    }

    public String apiVersion() {
        return crd.getSpec().getGroup() + "/" + crd.getSpec().getVersions().get(0).getName();
    }

    public List<FieldError> validateCreate(JsonNode object) {
        return validate(object, null);
    }

    /** Update: transition rules (those using oldSelf) run against the old object's values. */
    public List<FieldError> validateUpdate(JsonNode object, JsonNode old) {
        return validate(object, prepared(old));
    }

    /** Every rule that does not compile, with the compiler's message. */
    public List<String> compileProblems() {
        return rules.compileProblems();
    }

    /** {@code "<path>: <rule>"} for every rule of the CRD. */
    public List<String> ruleLocations() {
        return rules.locations();
    }

    /** Schema nodes the API server's CEL cost estimator would need bounded; see {@link CelCostBounds}. */
    public List<String> unboundedForCel() {
        return CelCostBounds.unbounded(root);
    }

    private List<FieldError> validate(JsonNode object, JsonNode old) {
        ObjectNode candidate = prepared(object);
        List<FieldError> errors = new ArrayList<>();
        OpenApiConstraints.check(root, body(candidate), "", errors);
        rules.evaluate(root, body(candidate), old == null ? null : body((ObjectNode) old), "", errors);
        return errors;
    }

    /** A defaulted copy without status: with a status subresource, create and update ignore status. */
    private ObjectNode prepared(JsonNode object) {
        ObjectNode copy = (ObjectNode) object.deepCopy();
        if (crd.getSpec().getVersions().get(0).getSubresources() != null
                && crd.getSpec().getVersions().get(0).getSubresources().getStatus() != null) {
            copy.remove("status");
        }
        OpenApiConstraints.applyDefaults(root, copy);
        return copy;
    }

    /** The part the schema describes: apiVersion, kind and metadata are validated by the API server itself. */
    private static ObjectNode body(ObjectNode object) {
        ObjectNode body = object.deepCopy();
        body.remove(List.of("apiVersion", "kind", "metadata"));
        return body;
    }

    public static JsonNode yaml(String text) {
        try {
            return YAML.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every document of a multi-document YAML file. */
    public static List<JsonNode> yamlDocuments(Path file) {
        try (MappingIterator<JsonNode> documents = YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
            return documents.readAll().stream().filter(d -> d != null && !d.isMissingNode() && !d.isNull()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
