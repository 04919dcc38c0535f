package dev.openstack.snapshots.simulator.keystone;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The one user, project, domain and application credential the simulated Keystone knows. Ids are derived from the
 * names, so a restarted standalone simulator keeps the same project id.
 */
public record Identity(String userName, String userId, String password, String projectName, String projectId,
                       String domainName, String domainId, String appCredentialId, String appCredentialName,
                       String appCredentialSecret) {

    public static Identity of(String user, String password, String project, String domain,
                              String appCredId, String appCredName, String appCredSecret) {
        String domainId = "Default".equals(domain) ? "default" : hexId("domain:" + domain);
        return new Identity(user, hexId("user:" + user), password, project, hexId("project:" + project),
                domain, domainId, appCredId, appCredName, appCredSecret);
    }

    private static String hexId(String seed) {
        return UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8)).toString().replace("-", "");
    }

    boolean domainMatches(String id, String name) {
        return (id != null && id.equals(domainId)) || (name != null && name.equals(domainName));
    }
}
