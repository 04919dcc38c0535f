package dev.openstack.snapshots.simulator.schema;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openstack.snapshots.simulator.errors.CinderFault;
import dev.openstack.snapshots.simulator.errors.PythonRepr;

/**
 * The first schema error, as python-jsonschema reports it: where (the last path element), on what value, and why.
 */
public record Violation(String field, JsonNode instance, String message) {

    /** Cinder's rendering in {@code cinder/api/validation/validators.py}. */
    public CinderFault toFault() {
        if (field == null) {
            return CinderFault.badRequest(message);
        }
        return CinderFault.badRequest("Invalid input for field/attribute " + field + ". Value: "
                + PythonRepr.str(instance) + ". " + message);
    }
}
