package dev.openstack.snapshots.operator.testing.admin;

/** One cloud of a clouds.yaml, as far as {@link KeystoneLogin} needs it: the credentials of a {@link CinderAdmin}. */
public record CloudEntry(
        String name,
        String authType,
        String authUrl,
        String username,
        String password,
        String projectName,
        String projectId,
        String userDomainName,
        String projectDomainName,
        String applicationCredentialId,
        String applicationCredentialSecret,
        String regionName,
        String endpointInterface) {

    public boolean isApplicationCredential() {
        return authType.toLowerCase().contains("applicationcredential");
    }

    /** The same credentials scoped to another project (by name, in the project domain of this entry). */
    public CloudEntry inProject(String otherProjectName) {
        return new CloudEntry(name + "@" + otherProjectName, authType, authUrl, username, password, otherProjectName, null,
                userDomainName, projectDomainName, applicationCredentialId, applicationCredentialSecret, regionName,
                endpointInterface);
    }

    @Override
    public String toString() {
        return "CloudEntry[" + name + ", " + authType + ", " + authUrl + "]";
    }
}
