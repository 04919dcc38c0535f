package dev.openstack.snapshots.operator.testing;

import dev.openstack.snapshots.operator.OperatorAssembly;
import dev.openstack.snapshots.operator.OperatorSettings;
import dev.openstack.snapshots.operator.api.CloudCredentialsRef;
import dev.openstack.snapshots.operator.api.DeletionPolicy;
import dev.openstack.snapshots.operator.api.OpenStackSnapshot;
import dev.openstack.snapshots.operator.api.OpenStackSnapshotSpec;
import dev.openstack.snapshots.operator.api.RestoredVolumeSpec;
import dev.openstack.snapshots.operator.api.SnapshotReference;
import dev.openstack.snapshots.operator.api.SnapshotRestoration;
import dev.openstack.snapshots.operator.api.SnapshotRestorationSpec;
import dev.openstack.snapshots.operator.api.SnapshotState;
import dev.openstack.snapshots.operator.api.SourceVolume;
import dev.openstack.snapshots.operator.cinder.BlockStorage;
import dev.openstack.snapshots.operator.cinder.CinderSnapshot;
import dev.openstack.snapshots.operator.cinder.OwnerTags;
import dev.openstack.snapshots.operator.cinder.Page;
import dev.openstack.snapshots.operator.cinder.openstack.OpenStackClouds;
import dev.openstack.snapshots.operator.cloud.OpenStackSettings;
import dev.openstack.snapshots.operator.testing.admin.CinderAdmin;
import dev.openstack.snapshots.simulator.CinderSimulator;
import dev.openstack.snapshots.simulator.SimulatorConfig;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimStatusBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;

/**
 * The whole product in one test JVM ({@link InProcessStack}: fabric8's Kubernetes mock server with our CRDs
 * installed, the Cinder simulator over HTTP, and the operator assembled as in production with the real
 * openstack4j adapter) on a {@link MutableClock}, and what tests do with it. One per test class; one namespace per test.
 *
 * <pre>
 * static final OperatorHarness h = OperatorHarness.start();
 * String ns = h.newNamespace();                 // with Secret "openstack-clouds", cloud "sim"
 * String volume = h.admin().createVolume("data", 1);
 * h.create(h.snapshotOf(ns, "s1", volume));
 * h.awaitState(ns, "s1", SnapshotState.OK);
 * </pre>
 */
public final class OperatorHarness implements AutoCloseable {

    public static final String SECRET = "openstack-clouds";
    public static final String CLOUD = "sim";
    public static final OperatorSettings TEST_SETTINGS = OperatorSettings.defaults()
            .withPollIntervals(Duration.ofMillis(150), Duration.ofSeconds(2))
            .withRetry(Duration.ofMillis(200), Duration.ofSeconds(2));

    private static final AtomicInteger NAMESPACES = new AtomicInteger();

    private final MockKubernetesApi kubernetes;
    private final InProcessStack stack;
    private final KubernetesClient client;
    private final CinderSimulator simulator;
    private final CinderAdmin admin;
    private final MutableClock clock = new MutableClock();
    private final OpenStackClouds testClouds;

    private OperatorHarness(SimulatorConfig simulatorConfig, OperatorSettings settings,
            List<Class<? extends HasMetadata>> kinds) {
        List<CustomResourceDefinition> crds = kinds.stream().map(GeneratedCrds::generate).toList();
        this.simulator = CinderSimulator.start(simulatorConfig);
        this.kubernetes = new MockKubernetesApi(crds);
        this.stack = new InProcessStack(kubernetes, simulator, clock, settings);
        this.client = stack.client();
        this.admin = CinderAdmin.of(simulator);
        this.testClouds = new OpenStackClouds(OpenStackSettings.defaults(), Clock.systemUTC());
    }

    /** Mock Kubernetes + simulator (50 ms transitions) + operator with {@link #TEST_SETTINGS}. */
    public static OperatorHarness start() {
        return start(SimulatorConfig.defaults().withTransitionDelay(Duration.ofMillis(50)), TEST_SETTINGS);
    }

    /** Like {@link #start()}, with no Cinder quotas: for suites that create more than the default quota allows. */
    public static OperatorHarness startWithoutQuotas() {
        return start(withoutQuotas(), TEST_SETTINGS);
    }

    /** The simulator of {@link #start()} with no Cinder quotas, to refine further. */
    public static SimulatorConfig withoutQuotas() {
        return SimulatorConfig.defaults().withTransitionDelay(Duration.ofMillis(50)).withQuotas(-1, -1, -1);
    }

    public static OperatorHarness start(SimulatorConfig simulatorConfig, OperatorSettings settings) {
        return new OperatorHarness(simulatorConfig, settings, List.of(OpenStackSnapshot.class, SnapshotRestoration.class));
    }

    /** Like {@link #start()} with further CRDs installed (for kinds other helpers add to the assembly). */
    @SafeVarargs
    public static OperatorHarness startWithKinds(Class<? extends HasMetadata>... more) {
        List<Class<? extends HasMetadata>> kinds = new ArrayList<>(List.of(OpenStackSnapshot.class, SnapshotRestoration.class));
        kinds.addAll(List.of(more));
        return new OperatorHarness(SimulatorConfig.defaults().withTransitionDelay(Duration.ofMillis(50)), TEST_SETTINGS,
                kinds);
    }

    public KubernetesClient client() {
        return client;
    }

    /** The mock Kubernetes API server: its recorded requests show what the operator asks of the API. */
    public KubernetesMockServer server() {
        return kubernetes.server();
    }

    public CinderSimulator simulator() {
        return simulator;
    }

    /** The cloud administrator of the simulated project: plain volumes, attachments, status resets. */
    public CinderAdmin admin() {
        return admin;
    }

    public MutableClock clock() {
        return clock;
    }

    public OperatorAssembly operator() {
        return stack.operator();
    }

    /** Stops the operator and starts a fresh one on the same Kubernetes and Cinder (a restart). */
    public void restartOperator() {
        stack.restartOperator();
    }

    public void stopOperator() {
        stack.stopOperator();
    }

    public void startOperator() {
        stack.startOperator();
    }

    // ---- Kubernetes side

    /** A fresh namespace with a clouds.yaml Secret {@value #SECRET} for the simulator (cloud {@value #CLOUD}). */
    public String newNamespace() {
        String ns = "t" + NAMESPACES.incrementAndGet();
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build()).create();
        client.secrets().inNamespace(ns).resource(cloudsSecret(SECRET, CLOUD, simulator.password())).create();
        return ns;
    }

    /** A clouds.yaml Secret pointing at the simulator, with the given cloud name and password. */
    public Secret cloudsSecret(String name, String cloudName, String password) {
        return new SecretBuilder().withNewMetadata().withName(name).endMetadata()
                .addToStringData("clouds.yaml", cloudsYaml(cloudName, password)).build();
    }

    public String cloudsYaml(String cloudName, String password) {
        return SimulatorClouds.yaml(simulator, cloudName, password);
    }

    /** An OpenStackSnapshot of volume {@code volumeId} using the namespace's default Secret. */
    public OpenStackSnapshot snapshotOf(String namespace, String name, String volumeId) {
        OpenStackSnapshotSpec spec = new OpenStackSnapshotSpec();
        spec.setCloudCredentialsRef(new CloudCredentialsRef(SECRET, CLOUD));
        spec.setSourceVolume(SourceVolume.byId(volumeId));
        OpenStackSnapshot s = new OpenStackSnapshot();
        s.getMetadata().setNamespace(namespace);
        s.getMetadata().setName(name);
        s.setSpec(spec);
        return s;
    }

    /** A SnapshotRestoration of OpenStackSnapshot {@code snapshot} into a volume with the defaults. */
    public static SnapshotRestoration restorationOf(String namespace, String name, String snapshot, DeletionPolicy policy) {
        SnapshotRestoration r = new SnapshotRestoration();
        r.getMetadata().setNamespace(namespace);
        r.getMetadata().setName(name);
        SnapshotRestorationSpec spec = new SnapshotRestorationSpec();
        spec.setSnapshotRef(new SnapshotReference(snapshot));
        spec.setVolume(new RestoredVolumeSpec());
        spec.setDeletionPolicy(policy);
        r.setSpec(spec);
        return r;
    }

    /**
     * A claim bound as Kubernetes binds one: a 1Gi PersistentVolume of CSI driver {@code csiDriver} on
     * {@code volumeHandle} whose claimRef names the claim by namespace, name and uid, and the claim naming the PV,
     * phase {@code Bound}.
     */
    public PersistentVolumeClaim claim(String namespace, String claimName, String pvName, String csiDriver,
            String volumeHandle) {
        return claim(namespace, claimName, pvName, csiDriver, volumeHandle, Map.of());
    }

    /** As {@link #claim(String, String, String, String, String)}, with labels on the claim. */
    public PersistentVolumeClaim claim(String namespace, String claimName, String pvName, String csiDriver,
            String volumeHandle, Map<String, String> labels) {
        PersistentVolumeClaim pvc = client.persistentVolumeClaims().inNamespace(namespace).resource(
                new PersistentVolumeClaimBuilder().withNewMetadata().withName(claimName).withLabels(labels).endMetadata()
                        .withNewSpec().withAccessModes("ReadWriteOnce").withVolumeName(pvName)
                        .withNewResources().withRequests(Map.of("storage", new Quantity("1Gi"))).endResources()
                        .endSpec().build()).create();
        client.persistentVolumes().resource(new PersistentVolumeBuilder().withNewMetadata().withName(pvName)
                .endMetadata().withNewSpec().addToCapacity("storage", new Quantity("1Gi")).withAccessModes("ReadWriteOnce")
                .withNewCsi().withDriver(csiDriver).withVolumeHandle(volumeHandle).endCsi()
                .withNewClaimRef().withKind("PersistentVolumeClaim").withNamespace(namespace).withName(claimName)
                .withUid(pvc.getMetadata().getUid()).endClaimRef().endSpec().build()).create();
        pvc.setStatus(new PersistentVolumeClaimStatusBuilder().withPhase("Bound").build());
        return client.persistentVolumeClaims().inNamespace(namespace).resource(pvc).updateStatus();
    }

    public OpenStackSnapshot create(OpenStackSnapshot snapshot) {
        return client.resource(snapshot).create();
    }

    public OpenStackSnapshot get(String namespace, String name) {
        return client.resources(OpenStackSnapshot.class).inNamespace(namespace).withName(name).get();
    }

    /** Edits the object as a user would (kubectl edit): only spec and metadata. */
    public OpenStackSnapshot edit(String namespace, String name, UnaryOperator<OpenStackSnapshot> change) {
        return client.resources(OpenStackSnapshot.class).inNamespace(namespace).withName(name).edit(change);
    }

    public void delete(String namespace, String name) {
        client.resources(OpenStackSnapshot.class).inNamespace(namespace).withName(name).delete();
    }

    public OpenStackSnapshot await(String namespace, String name, Predicate<OpenStackSnapshot> condition) {
        waiting().until(() -> {
            OpenStackSnapshot s = get(namespace, name);
            return s != null && condition.test(s);
        });
        return get(namespace, name);
    }

    public OpenStackSnapshot awaitState(String namespace, String name, SnapshotState state) {
        return await(namespace, name, s -> s.getStatus() != null && s.getStatus().getState() == state);
    }

    public void awaitGone(String namespace, String name) {
        waiting().until(() -> get(namespace, name) == null);
    }

    /**
     * Events recorded for the object, oldest first: by timestamp, then by name (the operator's event
     * names sort in emission order), because the API lists them in no particular order.
     */
    public List<Event> events(String namespace, String name) {
        return client.v1().events().inNamespace(namespace).list().getItems().stream()
                .filter(e -> name.equals(e.getInvolvedObject().getName()))
                .sorted(java.util.Comparator.comparing((Event e) -> java.time.Instant.parse(e.getFirstTimestamp()))
                        .thenComparing(e -> e.getMetadata().getName()))
                .toList();
    }

    public List<String> eventReasons(String namespace, String name) {
        return events(namespace, name).stream().map(Event::getReason).toList();
    }

    public static ConditionFactory waiting() {
        return Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50));
    }

    // ---- Cinder side, read through the real adapter

    /** The test's own connection to the simulated project. */
    public BlockStorage cinder() {
        Secret secret = cloudsSecret("test-view", CLOUD, simulator.password());
        secret.getMetadata().setNamespace("test");
        secret.getMetadata().setUid("test-view");
        secret.getMetadata().setResourceVersion("1");
        return testClouds.blockStorage(secret, CLOUD);
    }

    /** Every snapshot in the simulated project. */
    public List<CinderSnapshot> cinderSnapshots() {
        List<CinderSnapshot> all = new ArrayList<>();
        String marker = null;
        do {
            Page<CinderSnapshot> page = cinder().snapshots().list(marker, 100);
            all.addAll(page.items());
            marker = page.nextMarker();
        } while (marker != null);
        return all;
    }

    /** The Cinder snapshots carrying this object's owner tag (exactly one when nothing leaked or doubled). */
    public List<CinderSnapshot> cinderSnapshotsOf(OpenStackSnapshot snapshot) {
        return cinderSnapshots().stream()
                .filter(s -> snapshot.getMetadata().getUid().equals(s.metadata().get(OwnerTags.UID))).toList();
    }

    public List<CinderSnapshot> cinderSnapshotsOfVolume(String volumeId) {
        return cinderSnapshots().stream().filter(s -> volumeId.equals(s.volumeId())).toList();
    }

    @Override
    public void close() {
        stack.close();
    }
}
