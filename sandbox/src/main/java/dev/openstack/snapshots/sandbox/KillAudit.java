package dev.openstack.snapshots.sandbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Cinder held against Kubernetes at the end of a kill campaign: exactly one Cinder snapshot per live OpenStackSnapshot,
 * at most one volume per live SnapshotRestoration (exactly one when its snapshot is still there), and nothing for
 * objects that are gone.
 *
 * @param duplicates Cinder snapshots or volumes beyond the first of a live object
 * @param leaks Cinder snapshots or volumes whose owner is gone or unknown, and untagged ones
 * @param lost live objects without the Cinder snapshot or volume they should have
 * @param findings one line per problem
 */
record KillAudit(int duplicates, int leaks, int lost, List<String> findings) {

    /** How many Cinder resources a live object must own at the end. */
    enum Expect {
        /** An OK snapshot; a restoration of a snapshot that is still there. */
        ONE,
        /** A snapshot born expired (keptUntil already past when the operator first saw it): Erred/Expired, nothing made. */
        NONE,
        /** A restoration whose snapshot went before its volume was made: it may have one, or none. */
        AT_MOST_ONE
    }

    /** A live object at the end. */
    record Live(String kind, String name, String uid, Expect expect) {
    }

    /**
     * @param live the objects still in Kubernetes, by uid
     * @param ledger every object the workload made, by uid (to name the owners of leaks)
     */
    static KillAudit of(Map<String, Live> live, Map<String, KillWorkload.Made> ledger, CinderInventory cinder) {
        List<String> findings = new ArrayList<>();
        int[] duplicates = {0};
        int[] leaks = {0};
        int lost = 0;
        judge("snapshot", cinder.snapshotsByOwner(), live, ledger, KillWorkload.SNAPSHOT, findings, duplicates, leaks);
        judge("volume", cinder.volumesByOwner(), live, ledger, KillWorkload.RESTORATION, findings, duplicates, leaks);
        for (String id : cinder.untaggedSnapshots()) {
            leaks[0]++;
            findings.add("leak: Cinder snapshot " + id + " carries no owner tag");
        }
        for (String id : cinder.untaggedVolumes()) {
            leaks[0]++;
            findings.add("leak: Cinder volume " + id + " carries no owner tag");
        }
        for (Live object : live.values()) {
            Map<String, List<String>> owned = object.kind().equals(KillWorkload.SNAPSHOT) ? cinder.snapshotsByOwner()
                    : cinder.volumesByOwner();
            if (object.expect() == Expect.ONE && !owned.containsKey(object.uid())) {
                lost++;
                findings.add("lost: " + object.kind() + " " + object.name() + " has nothing in Cinder");
            }
        }
        return new KillAudit(duplicates[0], leaks[0], lost, List.copyOf(findings));
    }

    private static void judge(String what, Map<String, List<String>> byOwner, Map<String, Live> live,
            Map<String, KillWorkload.Made> ledger, String ownerKind, List<String> findings, int[] duplicates, int[] leaks) {
        byOwner.forEach((uid, ids) -> {
            Live owner = live.get(uid);
            if (owner != null && owner.kind().equals(ownerKind) && owner.expect() == Expect.NONE) {
                leaks[0] += ids.size();
                findings.add("leak: " + ids.size() + " Cinder " + what + (ids.size() > 1 ? "s " : " ") + ids + " of " + ownerKind
                        + " " + owner.name() + ", which says nothing was created");
            } else if (owner != null && owner.kind().equals(ownerKind)) {
                if (ids.size() > 1) {
                    duplicates[0] += ids.size() - 1;
                    findings.add("duplicate: " + ownerKind + " " + owner.name() + " owns " + ids.size() + " Cinder " + what + "s " + ids);
                }
            } else {
                leaks[0] += ids.size();
                KillWorkload.Made made = ledger.get(uid);
                String whose = made == null ? "unknown owner uid " + uid
                        : made.kind() + " " + made.name() + (made.expiring() ? " (expired)" : " (deleted)");
                findings.add("leak: " + ids.size() + " Cinder " + what + (ids.size() > 1 ? "s " : " ") + ids + " of " + whose);
            }
        });
    }
}
