package dev.openstack.snapshots.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** What the benchmark reads from kube-apiserver's /metrics: requests by verb and (sub)resource, over a phase. */
class ApiServerRequestsTest {

    private static String metrics(long statusPuts, long finalizerPatches, long events, long gets) {
        return """
                # HELP apiserver_request_total [STABLE] Counter of apiserver requests
                # TYPE apiserver_request_total counter
                apiserver_request_total{code="200",component="apiserver",dry_run="",group="blockstorage.openstack.dev",resource="openstacksnapshots",scope="resource",subresource="status",verb="PUT",version="v1alpha1"} %d
                apiserver_request_total{code="409",component="apiserver",dry_run="",group="blockstorage.openstack.dev",resource="openstacksnapshots",scope="resource",subresource="status",verb="PUT",version="v1alpha1"} 1
                apiserver_request_total{code="200",component="apiserver",dry_run="",group="blockstorage.openstack.dev",resource="openstacksnapshots",scope="resource",subresource="",verb="PATCH",version="v1alpha1"} %d
                apiserver_request_total{code="201",component="apiserver",dry_run="",group="",resource="events",scope="resource",subresource="",verb="POST",version="v1"} %d
                apiserver_request_total{code="200",component="apiserver",dry_run="",group="blockstorage.openstack.dev",resource="openstacksnapshots",scope="resource",subresource="",verb="GET",version="v1alpha1"} %d
                apiserver_request_total{code="201",component="apiserver",dry_run="",group="blockstorage.openstack.dev",resource="openstacksnapshots",scope="resource",subresource="",verb="POST",version="v1alpha1"} 10
                apiserver_request_duration_seconds_count{verb="PUT"} 99
                """.formatted(statusPuts, finalizerPatches, events, gets);
    }

    @Test
    void aPhaseIsTheDifferenceOfTwoReadingsSplitByWhatWasWritten() {
        ApiServerRequests before = ApiServerRequests.parse(metrics(5, 2, 3, 7));
        ApiServerRequests after = ApiServerRequests.parse(metrics(25, 12, 18, 9));
        ApiServerRequests phase = after.since(before);

        assertEquals(20, phase.statusWrites("openstacksnapshots"), "all codes of PUT status, 409s included");
        assertEquals(10, phase.objectWrites("openstacksnapshots"));
        assertEquals(15, phase.eventWrites());
        assertEquals(2, phase.reads());
        assertEquals(45, phase.allWrites(), "the creates did not change between the readings");
        assertEquals(6, before.statusWrites("openstacksnapshots"), "5 PUTs answered 200 and one 409");
    }
}
