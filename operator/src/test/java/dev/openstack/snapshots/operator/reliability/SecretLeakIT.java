package dev.openstack.snapshots.operator.reliability;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.openstack.snapshots.operator.api.DeletionPolicy;
import dev.openstack.snapshots.operator.api.OpenStackSnapshot;
import dev.openstack.snapshots.operator.api.SnapshotRestoration;
import dev.openstack.snapshots.operator.api.SnapshotState;
import dev.openstack.snapshots.operator.cinder.BlockStorage;
import dev.openstack.snapshots.operator.cinder.NewSnapshot;
import dev.openstack.snapshots.operator.cinder.openstack.OpenStackClouds;
import dev.openstack.snapshots.operator.cloud.OpenStackSettings;
import dev.openstack.snapshots.operator.testing.OperatorHarness;
import dev.openstack.snapshots.simulator.controls.SimulatorControls;
import dev.openstack.snapshots.simulator.faults.FaultRule;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Secrets and tokens never reach logs, status, events or exception messages (TEAM.md, ARCHITECTURE §3).
 * Distinctive credentials go through the operator's good and bad paths; everything it emits is
 * captured — its log output, every version of every object it writes, every Event, every exception the
 * Clouds/adapter layer throws — and searched for the password, the application-credential secret, a
 * wrong password and every token the simulated Keystone issued.
 */
class SecretLeakIT {

    private static final String PASSWORD = "Canary-Pw-7c1d9e";
    private static final String APP_SECRET = "Canary-AppCred-93f2b8";
    private static final String WRONG_PASSWORD = "Canary-Wrong-5521aa";
    private static final String APP_ID = "5f0c2b7e9d8a4c1e8f6a3b2d1c0e9f8a";
    /** A password written into auth_url's user information (http://user:password@host), issue 14. */
    private static final String URL_PASSWORD = "Canary-UrlUserinfo-4b8e06";

    static final OutputCapture output = OutputCapture.install();
    static final OperatorHarness h = OperatorHarness.start(
            OperatorHarness.withoutQuotas().withPassword(PASSWORD).withApplicationCredential(APP_ID, "canary-app", APP_SECRET),
            OperatorHarness.TEST_SETTINGS);
    static final ConcurrentLinkedQueue<String> written = new ConcurrentLinkedQueue<>();
    static final List<Watch> watches = List.of(
            h.client().resources(OpenStackSnapshot.class).inAnyNamespace().watch(recorder()),
            h.client().resources(SnapshotRestoration.class).inAnyNamespace().watch(recorder()),
            h.client().v1().events().inAnyNamespace().watch(recorder()));
    static final List<String> thrown = new ArrayList<>();

    @AfterAll
    static void stop() {
        watches.forEach(Watch::close);
        try {
            h.close();
        } finally {
            output.close();
        }
    }

    private static <T extends HasMetadata> Watcher<T> recorder() {
        return new Watcher<>() {
            @Override
            public void eventReceived(Action action, T resource) {
                written.add(h.client().getKubernetesSerialization().asJson(resource));
            }

            @Override
            public void onClose(WatcherException cause) {
            }
        };
    }

    @Test
    void noPasswordSecretOrTokenLeavesTheOperator() {
        SimulatorControls sim = h.simulator().controls();
        String volume = h.admin().createVolume("leak-source", 1);

        // a successful lifecycle with a password: create, edit, token expiry and re-authentication, restore, delete
        String ok = h.newNamespace();
        OpenStackSnapshot s = h.snapshotOf(ok, "s", volume);
        s.getSpec().setDescription("first");
        h.create(s);
        h.awaitState(ok, "s", SnapshotState.OK);
        sim.expireTokens();
        h.edit(ok, "s", o -> {
            o.getSpec().setDescription("second");
            return o;
        });
        h.await(ok, "s", o -> "second".equals(o.getStatus() == null ? null : cinderDescription(o)));
        SnapshotRestoration r = OperatorHarness.restorationOf(ok, "r", "s", DeletionPolicy.Delete);
        h.client().resource(r).create();
        h.waiting().until(() -> {
            SnapshotRestoration live = h.client().resource(r).get();
            return live.getStatus() != null && live.getStatus().getState() == SnapshotState.OK;
        });
        h.client().resource(r).delete();
        h.waiting().until(() -> h.client().resource(r).get() == null);
        h.delete(ok, "s");
        h.awaitGone(ok, "s");

        // the same with an application credential
        String app = h.newNamespace();
        secret(app, "app-clouds", appCredentialYaml("appcred", APP_SECRET));
        OpenStackSnapshot viaApp = h.snapshotOf(app, "s", volume);
        viaApp.getSpec().getCloudCredentialsRef().setSecretName("app-clouds");
        viaApp.getSpec().getCloudCredentialsRef().setCloudName("appcred");
        h.create(viaApp);
        h.awaitState(app, "s", SnapshotState.OK);
        h.delete(app, "s");
        h.awaitGone(app, "s");

        // bad credentials and configurations, each ending Erred
        erredWith("wrong-password", h.cloudsYaml(OperatorHarness.CLOUD, WRONG_PASSWORD), OperatorHarness.CLOUD, volume);
        erredWith("wrong-app-secret", appCredentialYaml(OperatorHarness.CLOUD, WRONG_PASSWORD), OperatorHarness.CLOUD, volume);
        erredWith("unknown-cloud", h.cloudsYaml(OperatorHarness.CLOUD, PASSWORD), "elsewhere", volume);
        erredWith("malformed", h.cloudsYaml(OperatorHarness.CLOUD, PASSWORD).replace("password: " + PASSWORD,
                "password: [" + PASSWORD + " {"), OperatorHarness.CLOUD, volume);
        sim.addFault(FaultRule.status("keystone.auth", 1, 401));
        erredWith("keystone-401", h.cloudsYaml(OperatorHarness.CLOUD, PASSWORD), OperatorHarness.CLOUD, volume);

        // a password in auth_url's user information: ignored (Keystone takes credentials from auth), never shown,
        // whether the cloud answers, refuses the password, or cannot be reached
        String inUrl = h.newNamespace();
        secret(inUrl, "userinfo", withUserinfo(h.cloudsYaml(OperatorHarness.CLOUD, PASSWORD), h.simulator().authUrl()));
        OpenStackSnapshot viaUserinfo = h.snapshotOf(inUrl, "s", volume);
        viaUserinfo.getSpec().getCloudCredentialsRef().setSecretName("userinfo");
        h.create(viaUserinfo);
        h.awaitState(inUrl, "s", SnapshotState.OK);
        erredWith("userinfo-wrong-password", withUserinfo(h.cloudsYaml(OperatorHarness.CLOUD, WRONG_PASSWORD),
                h.simulator().authUrl()), OperatorHarness.CLOUD, volume);
        String unreachable = "http://127.0.0.1:9/v3";
        String unreachableYaml = withUserinfo(h.cloudsYaml(OperatorHarness.CLOUD, PASSWORD)
                .replace(h.simulator().authUrl(), unreachable), unreachable);
        String down = h.newNamespace();
        secret(down, "userinfo", unreachableYaml);
        OpenStackSnapshot viaDown = h.snapshotOf(down, "s", volume);
        viaDown.getSpec().getCloudCredentialsRef().setSecretName("userinfo");
        h.create(viaDown);
        h.await(down, "s", o -> o.getStatus() != null && o.getStatus().getErrorMessage() != null
                && o.getStatus().getErrorMessage().contains("127.0.0.1:9"));
        capture(() -> new OpenStackClouds(OpenStackSettings.defaults(), Clock.systemUTC())
                .blockStorage(secretFor("direct-userinfo", unreachableYaml), OperatorHarness.CLOUD).snapshots().list(null, 1));

        // Cinder errors: a 500 that recovers, a 413, a refused delete
        String cinder = h.newNamespace();
        sim.addFault(FaultRule.status("snapshot.create", 2, 500));
        h.create(h.snapshotOf(cinder, "recovers", volume));
        h.awaitState(cinder, "recovers", SnapshotState.OK);
        sim.addFault(FaultRule.status("snapshot.create", 1, 413));
        h.create(h.snapshotOf(cinder, "quota", volume));
        h.awaitState(cinder, "quota", SnapshotState.Erred);
        sim.addFault(FaultRule.status("snapshot.delete", 1, 400));
        h.delete(cinder, "recovers");
        h.awaitGone(cinder, "recovers");
        h.delete(cinder, "quota");
        h.awaitGone(cinder, "quota");

        // the Clouds/adapter layer on its own
        OpenStackClouds clouds = new OpenStackClouds(OpenStackSettings.defaults(), Clock.systemUTC());
        capture(() -> clouds.blockStorage(secretFor("direct-1", h.cloudsYaml("c", WRONG_PASSWORD)), "c").snapshots().list(null, 10));
        capture(() -> clouds.blockStorage(secretFor("direct-2", appCredentialYaml("c", WRONG_PASSWORD)), "c").snapshots().list(null, 10));
        capture(() -> clouds.blockStorage(secretFor("direct-3", h.cloudsYaml("c", PASSWORD)), "other"));
        capture(() -> clouds.blockStorage(secretFor("direct-4", "clouds: {c: {auth: {password: " + PASSWORD + "}}}"), "c"));
        capture(() -> clouds.blockStorage(secretFor("direct-5", "clouds:\n  c: [" + PASSWORD + "\n"), "c"));
        BlockStorage good = clouds.blockStorage(secretFor("direct-6", h.cloudsYaml("c", PASSWORD)), "c");
        for (int status : new int[] {400, 401, 403, 404, 413, 429, 500, 503}) {
            // twice: a 401 makes the adapter re-authenticate and try once more
            sim.addFault(new FaultRule("snapshot.*", 2, status, "injected " + status, 0, false));
            capture(() -> good.snapshots().create(new NewSnapshot(volume, "x", "d", false, Map.of())));
            sim.clearFaults();
        }
        sim.addFault(FaultRule.status("keystone.auth", 1, 500));
        capture(() -> clouds.blockStorage(secretFor("direct-7", h.cloudsYaml("c", PASSWORD)), "c").snapshots().list(null, 1));
        sim.addFault(FaultRule.status("keystone.auth", 1, 400));
        capture(() -> clouds.blockStorage(secretFor("direct-8", appCredentialYaml("c", APP_SECRET)), "c").snapshots().list(null, 1));

        assertFalse(thrown.isEmpty());
        assertTrue(written.stream().anyMatch(w -> w.contains("Erred")), "the watches saw the operator's writes");
        List<String> secrets = new ArrayList<>(List.of(PASSWORD, APP_SECRET, WRONG_PASSWORD, URL_PASSWORD));
        List<String> tokens = sim.issuedTokens();
        assertTrue(tokens.size() >= 5, "Keystone issued tokens: " + tokens.size());
        secrets.addAll(tokens);
        String log = output.text();
        assertTrue(log.contains("Keystone token issued"), "the operator's log is captured");
        for (String secret : secrets) {
            String shown = secret.length() > 12 ? secret.substring(0, 12) + "..." : secret;
            assertFalse(log.contains(secret), "the log shows " + shown);
            written.forEach(w -> assertFalse(w.contains(secret), "an object or Event shows " + shown + ": " + w));
            thrown.forEach(t -> assertFalse(t.contains(secret), "an exception shows " + shown + ": " + t));
        }
    }

    private static String cinderDescription(OpenStackSnapshot o) {
        return o.getStatus().getBackendID() == null ? null
                : h.cinder().snapshots().get(o.getStatus().getBackendID()).map(c -> c.description()).orElse(null);
    }

    /** Left in place: deleting needs working credentials (or the unlink annotation) to rule out a leak. */
    private static void erredWith(String name, String cloudsYaml, String cloudName, String volume) {
        String ns = h.newNamespace();
        secret(ns, "bad", cloudsYaml);
        OpenStackSnapshot s = h.snapshotOf(ns, name, volume);
        s.getSpec().getCloudCredentialsRef().setSecretName("bad");
        s.getSpec().getCloudCredentialsRef().setCloudName(cloudName);
        h.create(s);
        h.awaitState(ns, name, SnapshotState.Erred);
    }

    /** The clouds.yaml with {@code authUrl} carrying user information: {@code http://demo:<URL_PASSWORD>@host...}. */
    private static String withUserinfo(String cloudsYaml, String authUrl) {
        String withUser = authUrl.replace("://", "://demo:" + URL_PASSWORD + "@");
        assertTrue(cloudsYaml.contains(authUrl));
        return cloudsYaml.replace(authUrl, withUser);
    }

    private static void secret(String ns, String name, String cloudsYaml) {
        h.client().secrets().inNamespace(ns).resource(new SecretBuilder().withNewMetadata().withName(name).endMetadata()
                .addToStringData("clouds.yaml", cloudsYaml).build()).create();
    }

    private static Secret secretFor(String uid, String cloudsYaml) {
        Secret secret = new SecretBuilder().withNewMetadata().withName(uid).withNamespace("direct").withUid(uid)
                .withResourceVersion("1").endMetadata()
                .addToData("clouds.yaml", java.util.Base64.getEncoder().encodeToString(cloudsYaml.getBytes())).build();
        return secret;
    }

    private static String appCredentialYaml(String cloudName, String secret) {
        return """
                clouds:
                  %s:
                    auth_type: v3applicationcredential
                    auth:
                      auth_url: %s
                      application_credential_id: %s
                      application_credential_secret: %s
                    region_name: %s
                """.formatted(cloudName, h.simulator().authUrl(), APP_ID, secret, h.simulator().region());
    }

    /** Runs a call that must fail and keeps everything its exception says, causes and stack included. */
    private static void capture(Supplier<?> call) {
        try {
            call.get();
        } catch (RuntimeException e) {
            StringWriter text = new StringWriter();
            e.printStackTrace(new PrintWriter(text));
            thrown.add(text + " | " + e);
            return;
        }
        throw new AssertionError("expected the call to fail");
    }

    private static void capture(Runnable call) {
        capture(() -> {
            call.run();
            return null;
        });
    }
}
