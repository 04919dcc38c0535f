package dev.openstack.snapshots.operator.api.validation;

import static dev.openstack.snapshots.operator.api.validation.ObjectEdit.remove;
import static dev.openstack.snapshots.operator.api.validation.ObjectEdit.set;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The validation case table: what the CRDs must accept and reject (ARCHITECTURE.md section 1), with the message the
 * API server gives. Two judges read it: {@link CrdValidationTest} (the OpenAPI and CEL checks in process) and, in the
 * e2e module, a real kube-apiserver through {@code kubectl --dry-run=server}. They must agree on every case.
 */
public final class ValidationCases {

    private ValidationCases() {
    }

    /** Every case, in table order. */
    public static List<ValidationCase> all() {
        return Stream.of(openStackSnapshotCreate(), openStackSnapshotUpdate(), snapshotRestorationCreate(),
                snapshotRestorationUpdate(), snapshotRestorationIntoClaimUpdate(), openStackSnapshotScheduleCreate()).flatMap(List::stream).toList();
    }

    private static final String CREDENTIALS = """
              cloudCredentialsRef:
                secretName: openstack-clouds
                cloudName: openstack
            """;

    private static final JsonNode SNAPSHOT = CrdValidation.yaml("""
            apiVersion: blockstorage.openstack.dev/v1alpha1
            kind: OpenStackSnapshot
            metadata: {name: pg, namespace: team-a}
            spec:
            """ + CREDENTIALS + """
              sourceVolume:
                id: 0b7c1e9a-5d43-4f8e-9a61-000000000001
            """);

    private static final JsonNode IMPORTED = ObjectEdit.apply(SNAPSHOT,
            remove("spec.sourceVolume"), set("spec.backendID", "9e8d2c41-7b1a-4c55-8f0e-000000000002"));

    private static final JsonNode RESTORATION = CrdValidation.yaml("""
            apiVersion: blockstorage.openstack.dev/v1alpha1
            kind: SnapshotRestoration
            metadata: {name: pg-restored, namespace: team-a}
            spec:
              snapshotRef: {name: pg}
              volume: {name: pg-restored, sizeGiB: 20}
            """);

    private static final JsonNode CLAIM_RESTORATION = ObjectEdit.apply(RESTORATION,
            remove("spec.volume"), set("spec.persistentVolumeClaim", Map.of("name", "pg-data", "sizeGiB", 20)));

    private static final JsonNode SCHEDULE = CrdValidation.yaml("""
            apiVersion: blockstorage.openstack.dev/v1alpha1
            kind: OpenStackSnapshotSchedule
            metadata: {name: nightly, namespace: team-a}
            spec:
            """ + CREDENTIALS + """
              sourceVolume: {name: pg-data}
              schedule: "0 3 * * *"
              retention: {keepFor: 168h, maxCount: 7}
            """);

    private static final String ONE_SOURCE = "spec: Invalid value: \"object\": exactly one of sourceVolume or backendID must be set";
    private static final String ONE_VOLUME_FIELD = "spec.sourceVolume: Invalid value: \"object\": exactly one of id, name or persistentVolumeClaimName must be set";
    private static final String METADATA_LENGTHS = "spec.metadata: Invalid value: \"object\": metadata keys and values must be at most 255 characters";
    private static final String METADATA_RESERVED = "spec.metadata: Invalid value: \"object\": metadata keys starting with k8s-owner- are reserved for the operator";
    private static final String ONE_SCHEDULE_SOURCE = "spec: Invalid value: \"object\": exactly one of sourceVolume or persistentVolumeClaimSelector must be set";

    public static List<ValidationCase> openStackSnapshotCreate() {
        return create(SNAPSHOT, List.of(
                valid(),
                valid(remove("spec.sourceVolume.id"), set("spec.sourceVolume.name", "pg-data")),
                valid(remove("spec.sourceVolume.id"), set("spec.sourceVolume.persistentVolumeClaimName", "pg-data")),
                valid(remove("spec.sourceVolume"), set("spec.backendID", "9e8d2c41-7b1a-4c55-8f0e-000000000002")),
                valid(set("spec.name", "n".repeat(255)), set("spec.description", "d".repeat(255))),
                valid(set("spec.metadata", Map.of("k".repeat(255), "v".repeat(255)))),
                valid(set("spec.metadata", entries(128))),
                valid(set("spec.keptUntil", "2030-01-01T00:00:00Z"), set("spec.deletionPolicy", "Retain"), set("spec.force", true)),
                invalid(ONE_SOURCE, set("spec.backendID", "9e8d2c41-7b1a-4c55-8f0e-000000000002")),
                invalid(ONE_SOURCE, remove("spec.sourceVolume")),
                invalid(ONE_VOLUME_FIELD, set("spec.sourceVolume.name", "pg-data")),
                invalid(ONE_VOLUME_FIELD, set("spec.sourceVolume", Map.of())),
                invalid(ONE_VOLUME_FIELD, set("spec.sourceVolume", Map.of("id", "x", "name", "y", "persistentVolumeClaimName", "z"))),
                invalid("spec.sourceVolume.id: Invalid value: \"\": spec.sourceVolume.id in body should be at least 1 chars long",
                        set("spec.sourceVolume.id", "")),
                invalid("spec.name: Too long: may not be more than 255 bytes", set("spec.name", "n".repeat(256))),
                invalid("spec.description: Too long: may not be more than 255 bytes", set("spec.description", "d".repeat(256))),
                invalid("spec.backendID: Too long: may not be more than 36 bytes",
                        remove("spec.sourceVolume"), set("spec.backendID", "b".repeat(37))),
                invalid(METADATA_LENGTHS, set("spec.metadata", Map.of("k".repeat(256), "v"))),
                invalid(METADATA_LENGTHS, set("spec.metadata", Map.of("k", "v".repeat(256)))),
                invalid(METADATA_RESERVED, set("spec.metadata", Map.of("k8s-owner-uid", "x"))),
                invalid("spec.metadata: Too many: 129: must have at most 128 items", set("spec.metadata", entries(129))),
                invalid("spec.cloudCredentialsRef: Required value", remove("spec.cloudCredentialsRef")),
                invalid("spec.cloudCredentialsRef.cloudName: Required value", remove("spec.cloudCredentialsRef.cloudName")),
                invalid("spec.deletionPolicy: Unsupported value: \"Keep\": supported values: \"Delete\", \"Retain\"",
                        set("spec.deletionPolicy", "Keep")),
                invalid("spec.keptUntil: Invalid value: \"next week\": spec.keptUntil in body should match",
                        set("spec.keptUntil", "next week")),
                invalid("spec.force: Invalid value: \"string\": spec.force in body must be of type boolean",
                        set("spec.force", "yes")),
                invalid("unknown field \"spec.sourceVolume.uuid\"", set("spec.sourceVolume.uuid", "x")),
                invalid("spec: Required value", remove("spec"))));
    }

    public static List<ValidationCase> openStackSnapshotUpdate() {
        String immutableSource = "spec.sourceVolume: Invalid value: \"object\": sourceVolume is immutable";
        return concat(update(SNAPSHOT, List.of(
                valid(),
                valid(set("spec.name", "renamed"), set("spec.description", "new"), set("spec.metadata", Map.of("a", "b")),
                        set("spec.keptUntil", "2031-01-01T00:00:00Z"), set("spec.deletionPolicy", "Retain")),
                invalid(immutableSource, set("spec.sourceVolume.id", "0b7c1e9a-5d43-4f8e-9a61-000000000099")),
                invalid(immutableSource, remove("spec.sourceVolume.id"), set("spec.sourceVolume.name", "pg-data")),
                invalid("spec.cloudCredentialsRef: Invalid value: \"object\": cloudCredentialsRef is immutable",
                        set("spec.cloudCredentialsRef.secretName", "other")),
                invalid("spec.cloudCredentialsRef: Invalid value: \"object\": cloudCredentialsRef is immutable",
                        set("spec.cloudCredentialsRef.cloudName", "other")),
                invalid("spec: Invalid value: \"object\": sourceVolume and backendID cannot be added or removed after creation",
                        remove("spec.sourceVolume"), set("spec.backendID", "9e8d2c41-7b1a-4c55-8f0e-000000000002")))),
                update(IMPORTED, List.of(
                        valid(set("spec.description", "adopted")),
                        invalid("spec.backendID: Invalid value: \"string\": backendID is immutable",
                                set("spec.backendID", "9e8d2c41-7b1a-4c55-8f0e-000000000003")))));
    }

    public static List<ValidationCase> snapshotRestorationCreate() {
        String metadataRule = "spec.volume.metadata: Invalid value: \"object\": metadata keys must be 1-255 characters";
        return create(RESTORATION, List.of(
                valid(),
                valid(remove("spec.volume")),
                valid(set("spec.volume.sizeGiB", 1), set("spec.deletionPolicy", "Delete"),
                        set("spec.volume.metadata", Map.of("app", "postgres")), set("spec.volume.volumeType", "ssd")),
                invalid("spec.snapshotRef: Required value", remove("spec.snapshotRef")),
                invalid("spec.snapshotRef.name: Required value", set("spec.snapshotRef", Map.of())),
                invalid("spec.volume.sizeGiB: Invalid value: 0: spec.volume.sizeGiB in body should be greater than or equal to 1",
                        set("spec.volume.sizeGiB", 0)),
                invalid("spec.volume.sizeGiB: Invalid value: \"string\": spec.volume.sizeGiB in body must be of type integer",
                        set("spec.volume.sizeGiB", "20Gi")),
                // issue 14: one past Integer (and Cinder's largest volume) used to pass and stop the operator
                valid(set("spec.volume.sizeGiB", 2147483647L)),
                invalid("spec.volume.sizeGiB: Invalid value: 3000000000: spec.volume.sizeGiB in body should be less than or equal to 2147483647",
                        set("spec.volume.sizeGiB", 3000000000L)),
                invalid("spec.volume.name: Too long: may not be more than 255 bytes", set("spec.volume.name", "n".repeat(256))),
                invalid(metadataRule, set("spec.volume.metadata", Map.of("k8s-owner-uid", "x"))),
                invalid(metadataRule, set("spec.volume.metadata", Map.of("k", "v".repeat(256)))),
                invalid(metadataRule, set("spec.volume.metadata", Map.of("", "v"))),
                invalid("spec.volume.metadata: Too many: 129: must have at most 128 items", set("spec.volume.metadata", entries(129))),
                invalid("spec.deletionPolicy: Unsupported value: \"Orphan\"", set("spec.deletionPolicy", "Orphan")),
                invalid("spec: Required value", remove("spec")),
                // issue 12: restore into a PersistentVolumeClaim, instead of (never beside) a bare volume
                valid(remove("spec.volume"), set("spec.persistentVolumeClaim", Map.of("name", "pg-data"))),
                valid(remove("spec.volume"), set("spec.persistentVolumeClaim", Map.of("name", "pg-data",
                        "storageClassName", "cinder", "accessModes", List.of("ReadWriteOnce", "ReadOnlyMany"),
                        "volumeMode", "Block", "sizeGiB", 30, "fsType", "xfs", "availabilityZone", "nova",
                        "labels", Map.of("app", "pg"), "annotations", Map.of("note", "restored")))),
                invalid("spec: Invalid value: \"object\": at most one of volume or persistentVolumeClaim may be set",
                        set("spec.persistentVolumeClaim", Map.of("name", "pg-data"))),
                invalid("spec.persistentVolumeClaim.name: Required value", remove("spec.volume"),
                        set("spec.persistentVolumeClaim", Map.of("sizeGiB", 2))),
                invalid("spec.persistentVolumeClaim.name: Invalid value: \"Not_A_Name\"", remove("spec.volume"),
                        set("spec.persistentVolumeClaim", Map.of("name", "Not_A_Name"))),
                invalid("spec.persistentVolumeClaim.accessModes[0]: Unsupported value: \"RWO\"", remove("spec.volume"),
                        set("spec.persistentVolumeClaim", Map.of("name", "c", "accessModes", List.of("RWO")))),
                invalid("spec.persistentVolumeClaim.accessModes: Invalid value: 0: spec.persistentVolumeClaim.accessModes in body should have at least 1 items", remove("spec.volume"),
                        set("spec.persistentVolumeClaim", Map.of("name", "c", "accessModes", List.of()))),
                invalid("spec.persistentVolumeClaim.volumeMode: Unsupported value: \"Raw\"", remove("spec.volume"),
                        set("spec.persistentVolumeClaim", Map.of("name", "c", "volumeMode", "Raw"))),
                invalid("spec.persistentVolumeClaim.sizeGiB: Invalid value: 0", remove("spec.volume"),
                        set("spec.persistentVolumeClaim", Map.of("name", "c", "sizeGiB", 0)))));
    }

    public static List<ValidationCase> snapshotRestorationUpdate() {
        return update(RESTORATION, List.of(
                valid(),
                valid(set("spec.deletionPolicy", "Delete")),
                invalid("spec.snapshotRef: Invalid value: \"object\": snapshotRef is immutable", set("spec.snapshotRef.name", "other")),
                invalid("spec: Invalid value: \"object\": persistentVolumeClaim cannot be added or removed after creation",
                        remove("spec.volume"), set("spec.persistentVolumeClaim", Map.of("name", "c")))));
    }

    public static List<ValidationCase> snapshotRestorationIntoClaimUpdate() {
        return update(CLAIM_RESTORATION, List.of(
                valid(set("spec.deletionPolicy", "Delete")),
                invalid("spec.persistentVolumeClaim: Invalid value: \"object\": persistentVolumeClaim is immutable",
                        set("spec.persistentVolumeClaim.name", "other")),
                invalid("spec: Invalid value: \"object\": persistentVolumeClaim cannot be added or removed after creation",
                        remove("spec.persistentVolumeClaim"))));
    }

    public static List<ValidationCase> openStackSnapshotScheduleCreate() {
        String cron = "spec.schedule: Invalid value: ";
        return create(SCHEDULE, List.of(
                valid(),
                valid(set("spec.schedule", "*/15 * * * *")),
                valid(set("spec.schedule", "30 2 1,15 JAN-JUN MON-FRI"), set("spec.timeZone", "Europe/Berlin")),
                valid(remove("spec.sourceVolume"), set("spec.persistentVolumeClaimSelector", Map.of("matchLabels", Map.of("backup", "daily")))),
                valid(remove("spec.sourceVolume"), set("spec.persistentVolumeClaimSelector", Map.of("matchExpressions",
                        List.of(Map.of("key", "backup", "operator", "In", "values", List.of("daily", "hourly")))))),
                valid(remove("spec.retention"), set("spec.suspend", true)),
                valid(set("spec.snapshotTemplate", Map.of("labels", Map.of("team", "a"), "metadata", Map.of("app", "pg"),
                        "description", "nightly", "force", true, "deletionPolicy", "Retain"))),
                invalid(cron + "\"every night\"", set("spec.schedule", "every night")),
                invalid(cron + "\"0 0 3 * * *\"", set("spec.schedule", "0 0 3 * * *")),
                invalid(cron + "\"61 3 * * *\"", set("spec.schedule", "61 3 * * *")),
                invalid(cron + "\"0 24 * * *\"", set("spec.schedule", "0 24 * * *")),
                invalid(cron + "\"0 3 * *\"", set("spec.schedule", "0 3 * *")),
                invalid("spec.schedule: Required value", remove("spec.schedule")),
                invalid(ONE_SCHEDULE_SOURCE, set("spec.persistentVolumeClaimSelector", Map.of("matchLabels", Map.of("backup", "daily")))),
                invalid(ONE_SCHEDULE_SOURCE, remove("spec.sourceVolume")),
                invalid(ONE_VOLUME_FIELD, set("spec.sourceVolume.id", "0b7c1e9a-5d43-4f8e-9a61-000000000001")),
                invalid("spec.retention.maxCount: Invalid value: 0: spec.retention.maxCount in body should be greater than or equal to 1",
                        set("spec.retention.maxCount", 0)),
                invalid("spec.retention.maxCount: Invalid value: 3000000000: spec.retention.maxCount in body should be less than or equal to 2147483647",
                        set("spec.retention.maxCount", 3000000000L)),
                invalid("spec.retention.keepFor: Invalid value: \"7d\"", set("spec.retention.keepFor", "7d")),
                invalid("spec.timeZone: Invalid value: \"Mars Standard\"", set("spec.timeZone", "Mars Standard")),
                invalid("spec.snapshotTemplate.labels: Invalid value: \"object\": label keys under blockstorage.openstack.dev/ are set by the operator",
                        set("spec.snapshotTemplate", Map.of("labels", Map.of("blockstorage.openstack.dev/schedule", "x")))),
                invalid("spec.snapshotTemplate.metadata: Invalid value: \"object\": metadata keys starting with k8s-owner- are reserved",
                        set("spec.snapshotTemplate", Map.of("metadata", Map.of("k8s-owner-uid", "x")))),
                invalid("spec.snapshotTemplate.description: Too long: may not be more than 255 bytes",
                        set("spec.snapshotTemplate", Map.of("description", "d".repeat(256)))),
                invalid("spec.persistentVolumeClaimSelector.matchExpressions[0].operator: Unsupported value: \"Matches\"",
                        remove("spec.sourceVolume"), set("spec.persistentVolumeClaimSelector", Map.of("matchExpressions",
                                List.of(Map.of("key", "backup", "operator", "Matches"))))),
                invalid("spec: Required value", remove("spec"))));
    }

    private static ValidationCase valid(ObjectEdit... edits) {
        return new ValidationCase(null, null, null, null, edits);
    }

    private static ValidationCase invalid(String expected, ObjectEdit... edits) {
        return new ValidationCase(null, null, null, expected, edits);
    }

    /** Creates of the base object with each case's edits. */
    private static List<ValidationCase> create(JsonNode base, List<ValidationCase> cases) {
        return cases.stream().map(c -> new ValidationCase(base.path("kind").asText(), ObjectEdit.apply(base, c.edits()),
                null, c.expected(), c.edits())).toList();
    }

    /** Updates of the base object (as stored) to the base object with each case's edits. */
    private static List<ValidationCase> update(JsonNode old, List<ValidationCase> cases) {
        return cases.stream().map(c -> new ValidationCase(old.path("kind").asText(), ObjectEdit.apply(old, c.edits()),
                old, c.expected(), c.edits())).toList();
    }

    @SafeVarargs
    private static List<ValidationCase> concat(List<ValidationCase>... lists) {
        List<ValidationCase> all = new ArrayList<>();
        for (List<ValidationCase> list : lists) {
            all.addAll(list);
        }
        return all;
    }

    private static Map<String, String> entries(int count) {
        Map<String, String> entries = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            entries.put("key-" + i, "value");
        }
        return entries;
    }

    /**
     * One object sent to its kind's CRD. {@code old} null: a create, else an update from {@code old}.
     * {@code expected} null: accepted; otherwise rejected with exactly one error starting with {@code expected}.
     */
    public record ValidationCase(String kind, JsonNode object, JsonNode old, String expected, ObjectEdit[] edits) {

        private static final String UNKNOWN_FIELD = "unknown field \"";

        public boolean accepted() {
            return expected == null;
        }

        public boolean isUpdate() {
            return old != null;
        }

        /** The field the rejection names, as the API server prints it ({@code spec.sourceVolume}); null if accepted. */
        public String field() {
            if (expected == null) {
                return null;
            }
            if (expected.startsWith(UNKNOWN_FIELD)) {
                return expected.substring(UNKNOWN_FIELD.length(), expected.length() - 1);
            }
            return expected.substring(0, expected.indexOf(": "));
        }

        @Override
        public String toString() {
            return kind + ": " + (expected == null ? "accepts " : "rejects ") + (old == null ? "create " : "update ")
                    + (edits.length == 0 ? "unchanged" : List.of(edits));
        }
    }
}
