package dev.openstack.snapshots.simulator.store;

import java.time.Instant;

/** A legacy (os-attach) attachment: no server, a host name and a mountpoint shown as {@code device}. */
public record Attachment(String attachmentId, String hostName, String device, Instant attachedAt) {
}
