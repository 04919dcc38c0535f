package dev.openstack.snapshots.simulator.cinder;

import dev.openstack.snapshots.simulator.store.Attachment;
import dev.openstack.snapshots.simulator.store.Snapshot;
import dev.openstack.snapshots.simulator.store.Volume;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** JSON views of volumes and snapshots, field for field (and in the order) Cinder 21 renders them. */
public final class CinderViews {

    private static final DateTimeFormatter CINDER_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS").withZone(ZoneOffset.UTC);
    private static final String USER_ID = "95bad41972364e7b84a72ec21066f08a";
    private static final String VOLUME_TYPE_ID = "4214170b-ed7a-4944-a765-1f301abe83c5";
    private static final String SERVICE_UUID = "586d99e5-8418-40f4-874b-797bf0672287";

    private final String projectId;
    private final String userId;

    public CinderViews(String projectId, String userId) {
        this.projectId = projectId;
        this.userId = userId != null ? userId : USER_ID;
    }

    static String time(Instant t) {
        return t == null ? null : CINDER_TIME.format(t);
    }

    public Map<String, Object> snapshot(Snapshot s, Microversion mv, boolean detail, boolean justCreated) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", s.id());
        m.put("created_at", time(justCreated ? s.createdAtPrecise() : s.createdAt()));
        m.put("updated_at", time(s.updatedAt()));
        m.put("name", s.name());
        m.put("description", s.description());
        m.put("volume_id", s.volumeId());
        m.put("status", s.status());
        m.put("size", s.size());
        m.put("metadata", new LinkedHashMap<>(s.metadata()));
        if (mv.atLeast(14)) {
            m.put("group_snapshot_id", null);
        }
        if (mv.atLeast(41)) {
            m.put("user_id", userId);
        }
        if (mv.atLeast(65)) {
            m.put("consumes_quota", true);
        }
        if (detail) {
            m.put("os-extended-snapshot-attributes:project_id", projectId);
            m.put("os-extended-snapshot-attributes:progress", "creating".equals(s.status()) ? "0%" : "100%");
        }
        return m;
    }

    public Map<String, Object> volumeSummary(Volume v, String baseUrl) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", v.id());
        m.put("name", v.name());
        m.put("links", links(v, baseUrl));
        return m;
    }

    /** {@code adminFields}: show and list add the os-vol-* attributes; the create answer has none. */
    public Map<String, Object> volume(Volume v, Microversion mv, String baseUrl, boolean justCreated) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", v.id());
        m.put("status", v.status());
        m.put("size", v.size());
        m.put("availability_zone", "nova");
        m.put("created_at", time(justCreated ? v.createdAtPrecise() : v.createdAt()));
        m.put("updated_at", time(v.updatedAt()));
        m.put("name", v.name());
        m.put("description", v.description());
        m.put("volume_type", "__DEFAULT__");
        m.put("snapshot_id", v.snapshotId());
        m.put("source_volid", null);
        m.put("metadata", new LinkedHashMap<>(v.metadata()));
        m.put("links", links(v, baseUrl));
        m.put("user_id", userId);
        m.put("bootable", "false");
        m.put("encrypted", false);
        m.put("replication_status", null);
        m.put("consistencygroup_id", null);
        m.put("multiattach", false);
        List<Object> attachments = new ArrayList<>();
        for (Attachment a : v.attachments()) {
            Map<String, Object> am = new LinkedHashMap<>();
            am.put("id", v.id());
            am.put("attachment_id", a.attachmentId());
            am.put("volume_id", v.id());
            am.put("server_id", null);
            am.put("host_name", a.hostName());
            am.put("device", a.device());
            am.put("attached_at", time(a.attachedAt()));
            attachments.add(am);
        }
        m.put("attachments", attachments);
        m.put("migration_status", null);
        if (mv.atLeast(13)) {
            m.put("group_id", null);
        }
        if (mv.atLeast(21)) {
            m.put("provider_id", null);
        }
        if (mv.atLeast(48)) {
            m.put("shared_targets", false);
            m.put("service_uuid", SERVICE_UUID);
        }
        if (mv.atLeast(61)) {
            m.put("cluster_name", null);
        }
        if (mv.atLeast(63)) {
            m.put("volume_type_id", VOLUME_TYPE_ID);
        }
        if (mv.atLeast(65)) {
            m.put("consumes_quota", true);
        }
        if (!justCreated) {
            m.put("os-vol-tenant-attr:tenant_id", projectId);
            m.put("os-vol-mig-status-attr:migstat", null);
            m.put("os-vol-mig-status-attr:name_id", null);
            m.put("os-vol-host-attr:host", "simulator@fake#fake");
        }
        return m;
    }

    private List<Object> links(Volume v, String baseUrl) {
        return List.of(link("self", baseUrl + "/volume/v3/" + projectId + "/volumes/" + v.id()),
                link("bookmark", baseUrl + "/volume/" + projectId + "/volumes/" + v.id()));
    }

    static Map<String, Object> link(String rel, String href) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rel", rel);
        m.put("href", href);
        return m;
    }
}
