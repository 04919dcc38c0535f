package dev.openstack.snapshots.operator.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.openstack.snapshots.operator.unreadable.OperatorClient;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.kubernetes.model.annotation.Plural;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each kind names its plural. Without the annotation fabric8 derives it with regular expressions in the constructor
 * of every instance, and the operator makes one per watch event and per answer (8 % of its CPU in the benchmark).
 */
class NamedPluralsTest {

    static List<Class<? extends HasMetadata>> kinds() {
        return OperatorClient.KINDS;
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void theKindNamesThePluralItsCrdHas(Class<? extends HasMetadata> kind) throws IOException {
        Plural plural = kind.getAnnotation(Plural.class);
        assertNotNull(plural, kind.getSimpleName() + " names no @Plural");
        String crdName = HasMetadata.getFullResourceName(kind);
        CustomResourceDefinition crd = Serialization.unmarshal(
                Files.readString(CrdFiles.checkedInDirectory().resolve(crdName + "-v1.yml")), CustomResourceDefinition.class);
        assertEquals(crd.getSpec().getNames().getPlural(), plural.value());
    }
}
