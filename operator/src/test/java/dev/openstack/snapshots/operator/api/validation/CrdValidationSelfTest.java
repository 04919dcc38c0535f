package dev.openstack.snapshots.operator.api.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The checker itself can fail: broken rules, unbounded maps and transition rules are caught as Kubernetes would. */
class CrdValidationSelfTest {

    private static final CrdValidation WIDGETS = CrdValidation.parse(widgets("""
            x-kubernetes-validations:
            - rule: "!has(self.color) || self.color != 'red'"
              message: no red widgets
            - rule: "self.size + 1 > 0"
            properties:
              color:
                type: string
                maxLength: 10
                x-kubernetes-validations:
                - {rule: "self == oldSelf", message: color is immutable}
              size: {type: integer, default: 3}
              tags:
                type: object
                additionalProperties: {type: string}
                x-kubernetes-validations:
                - {rule: "self.all(k, k != '')", message: no empty keys}
            """));

    @Test
    void aRuleWithATypeErrorDoesNotCompileAndTheOthersDo() {
        assertEquals(List.of(), WIDGETS.compileProblems());
        CrdValidation typed = CrdValidation.parse(widgetsWithColorRule("self + 1 > 0"));
        assertEquals(1, typed.compileProblems().size(), typed.compileProblems().toString());
        assertTrue(typed.compileProblems().get(0).startsWith("spec.color: self + 1 > 0 -> "));
    }

    @Test
    void rulesRunWithDefaultsAndHasSeesAbsentFields() {
        assertEquals(List.of(), shown(WIDGETS.validateCreate(CrdValidation.yaml("spec: {}"))));
        assertEquals(List.of("spec: Invalid value: \"object\": no red widgets"),
                shown(WIDGETS.validateCreate(CrdValidation.yaml("spec: {color: red}"))));
    }

    @Test
    void transitionRulesRunOnlyOnUpdateWithAnOldValue() {
        assertEquals(List.of(), shown(WIDGETS.validateCreate(CrdValidation.yaml("spec: {color: blue}"))));
        assertEquals(List.of(), shown(WIDGETS.validateUpdate(CrdValidation.yaml("spec: {color: blue}"),
                CrdValidation.yaml("spec: {}"))));
        assertEquals(List.of("spec.color: Invalid value: \"string\": color is immutable"),
                shown(WIDGETS.validateUpdate(CrdValidation.yaml("spec: {color: blue}"),
                        CrdValidation.yaml("spec: {color: green}"))));
    }

    @Test
    void aMapARuleIteratesWithoutMaxPropertiesIsReported() {
        assertEquals(List.of("spec.tags: no maxProperties"), WIDGETS.unboundedForCel());
    }

    private static String widgetsWithColorRule(String colorRule) {
        return widgets("""
                properties:
                  color:
                    type: string
                    x-kubernetes-validations:
                    - {rule: "%s"}
                """.formatted(colorRule));
    }

    /** A CRD of kind Widget whose {@code spec} object schema is {@code specSchema} (YAML, without indentation). */
    private static String widgets(String specSchema) {
        return """
                apiVersion: apiextensions.k8s.io/v1
                kind: CustomResourceDefinition
                metadata: {name: widgets.example.dev}
                spec:
                  group: example.dev
                  names: {kind: Widget, plural: widgets}
                  scope: Namespaced
                  versions:
                  - name: v1
                    served: true
                    storage: true
                    schema:
                      openAPIV3Schema:
                        type: object
                        properties:
                          spec:
                            type: object
                """ + specSchema.indent(12);
    }

    private static List<String> shown(List<FieldError> errors) {
        return errors.stream().map(FieldError::toString).toList();
    }
}
