package dev.openstack.snapshots.operator.cloud;

/**
 * One entry of a clouds.yaml, validated. {@code regionName} may be null (then the catalog must offer
 * block storage in exactly one region). {@code caCertificatePem} is the Secret's {@code cacert}, or null.
 */
public record CloudSettings(
        String cloudName,
        String authUrl,
        KeystoneCredentials credentials,
        String regionName,
        String endpointInterface,
        boolean verifyTls,
        String caCertificatePem) {

    @Override
    public String toString() {
        return "CloudSettings[cloud=" + cloudName + ", authUrl=" + authUrl + ", auth=" + credentials.authType()
                + ", region=" + regionName + ", interface=" + endpointInterface + ", verify=" + verifyTls + "]";
    }
}
