package dev.openstack.snapshots.operator.schedule;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LabelSelectorMatchTest {

    @Test
    void matchLabelsMustAllBePresentWithTheirValues() {
        LabelSelector selector = new LabelSelectorBuilder().addToMatchLabels("backup", "daily")
                .addToMatchLabels("tier", "db").build();
        assertTrue(LabelSelectorMatch.matches(selector, Map.of("backup", "daily", "tier", "db", "x", "y")));
        assertFalse(LabelSelectorMatch.matches(selector, Map.of("backup", "daily")));
        assertFalse(LabelSelectorMatch.matches(selector, Map.of("backup", "weekly", "tier", "db")));
        assertFalse(LabelSelectorMatch.matches(selector, null));
    }

    @Test
    void expressionsFollowKubernetesSemantics() {
        LabelSelector selector = new LabelSelectorBuilder()
                .addNewMatchExpression().withKey("backup").withOperator("In").withValues("daily", "hourly").endMatchExpression()
                .addNewMatchExpression().withKey("env").withOperator("NotIn").withValues("dev").endMatchExpression()
                .addNewMatchExpression().withKey("app").withOperator("Exists").endMatchExpression()
                .addNewMatchExpression().withKey("skip").withOperator("DoesNotExist").endMatchExpression()
                .build();
        assertTrue(LabelSelectorMatch.matches(selector, Map.of("backup", "hourly", "app", "pg")));
        assertTrue(LabelSelectorMatch.matches(selector, Map.of("backup", "daily", "app", "pg", "env", "prod")));
        assertFalse(LabelSelectorMatch.matches(selector, Map.of("backup", "weekly", "app", "pg")));
        assertFalse(LabelSelectorMatch.matches(selector, Map.of("backup", "daily", "app", "pg", "env", "dev")));
        assertFalse(LabelSelectorMatch.matches(selector, Map.of("backup", "daily")));
        assertFalse(LabelSelectorMatch.matches(selector, Map.of("backup", "daily", "app", "pg", "skip", "")));
    }

    @Test
    void anEmptySelectorSelectsEverything() {
        assertTrue(LabelSelectorMatch.matches(new LabelSelector(), Map.of("a", "b")));
        assertTrue(LabelSelectorMatch.matches(new LabelSelector(), Map.of()));
    }
}
