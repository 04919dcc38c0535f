package dev.openstack.snapshots.sandbox;

import dev.openstack.snapshots.operator.testing.MockKubernetesApi;
import io.fabric8.kubernetes.api.model.APIGroupBuilder;
import io.fabric8.kubernetes.api.model.APIGroupListBuilder;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceBuilder;
import io.fabric8.kubernetes.api.model.APIResourceListBuilder;
import io.fabric8.kubernetes.api.model.APIVersionsBuilder;
import io.fabric8.kubernetes.api.model.GroupVersionForDiscoveryBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;

/**
 * The API discovery documents kubectl reads before anything else (/api, /apis and one list per group version).
 * fabric8's CRUD mock server stores objects but does not describe its API, so the sandbox answers these itself,
 * for the core kinds the operator uses and for our CRDs, and hands every other request to the CRUD dispatcher.
 */
final class Discovery extends Dispatcher {

    private static final List<String> VERBS = List.of("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch");

    private final Map<String, String> documents = new HashMap<>();
    private final Dispatcher crud;

    /**
     * The sandbox's Kubernetes API: the operator tests' mock server ({@link MockKubernetesApi}, with the API server's
     * compare-and-set on status) with our CRDs from crds/ installed and these discovery documents in front.
     */
    static MockKubernetesApi mockApi() {
        List<CustomResourceDefinition> crds = Bundled.files("crds").stream()
                .map(f -> Serialization.unmarshal(f.getValue(), CustomResourceDefinition.class)).toList();
        return new MockKubernetesApi(crds, crud -> new Discovery(crud, crds));
    }

    Discovery(Dispatcher crud, List<CustomResourceDefinition> crds) {
        this.crud = crud;
        answer("/api", new APIVersionsBuilder().withVersions("v1").build());
        answer("/api/v1", new APIResourceListBuilder().withGroupVersion("v1")
                .withResources(core("namespaces", "Namespace", false, "ns"), core("secrets", "Secret", true),
                        core("persistentvolumeclaims", "PersistentVolumeClaim", true, "pvc"),
                        core("persistentvolumes", "PersistentVolume", false, "pv"), core("events", "Event", true, "ev"))
                .build());
        APIGroupListBuilder groups = new APIGroupListBuilder().addToGroups(group("apiextensions.k8s.io", "v1"));
        answer("/apis/apiextensions.k8s.io/v1", new APIResourceListBuilder()
                .withGroupVersion("apiextensions.k8s.io/v1")
                .withResources(new APIResourceBuilder().withName("customresourcedefinitions").withKind("CustomResourceDefinition")
                        .withSingularName("customresourcedefinition").withNamespaced(false).withShortNames("crd", "crds")
                        .withVerbs(VERBS).build())
                .build());
        String group = crds.get(0).getSpec().getGroup();
        String version = crds.get(0).getSpec().getVersions().get(0).getName();
        groups.addToGroups(group(group, version));
        List<APIResource> resources = new ArrayList<>();
        for (CustomResourceDefinition crd : crds) {
            var names = crd.getSpec().getNames();
            resources.add(new APIResourceBuilder().withName(names.getPlural()).withSingularName(names.getSingular())
                    .withKind(names.getKind()).withNamespaced("Namespaced".equals(crd.getSpec().getScope()))
                    .withShortNames(names.getShortNames()).withCategories(names.getCategories()).withVerbs(VERBS).build());
            resources.add(new APIResourceBuilder().withName(names.getPlural() + "/status").withSingularName("")
                    .withKind(names.getKind()).withNamespaced(true).withVerbs("get", "patch", "update").build());
        }
        answer("/apis/" + group + "/" + version, new APIResourceListBuilder()
                .withGroupVersion(group + "/" + version).withResources(resources).build());
        answer("/apis", groups.build());
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        String path = request.getPath().replaceFirst("\\?.*$", "");
        String document = "GET".equals(request.getMethod()) ? documents.get(path) : null;
        if (document == null) {
            return crud.dispatch(request);
        }
        return new MockResponse().setResponseCode(200).addHeader("Content-Type", "application/json").setBody(document);
    }

    @Override
    public void shutdown() {
        crud.shutdown();
    }

    private void answer(String path, Object document) {
        documents.put(path, Serialization.asJson(document));
    }

    private static APIResource core(String plural, String kind, boolean namespaced, String... shortNames) {
        return new APIResourceBuilder().withName(plural).withSingularName(kind.toLowerCase()).withKind(kind)
                .withNamespaced(namespaced).withShortNames(shortNames).withVerbs(VERBS).build();
    }

    private static io.fabric8.kubernetes.api.model.APIGroup group(String name, String version) {
        var gv = new GroupVersionForDiscoveryBuilder().withGroupVersion(name + "/" + version).withVersion(version).build();
        return new APIGroupBuilder().withName(name).withVersions(gv).withPreferredVersion(gv).build();
    }
}
