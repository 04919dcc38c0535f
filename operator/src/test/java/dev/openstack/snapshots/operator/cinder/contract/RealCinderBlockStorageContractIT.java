package dev.openstack.snapshots.operator.cinder.contract;

import dev.openstack.snapshots.operator.cloud.CloudsYaml;
import dev.openstack.snapshots.operator.cloud.OpenStackClouds;
import dev.openstack.snapshots.operator.cloud.OpenStackSettings;
import java.time.Clock;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * The contract against a real Keystone + Cinder, only when CONTRACT_AUTH_URL is set (e.g. the loopback
 * stack: CONTRACT_AUTH_URL=http://127.0.0.1:5000/v3 CONTRACT_PASSWORD=secret). User, project and domain
 * default to admin / admin / Default, region to RegionOne. The quota case runs only with CONTRACT_QUOTAS=true.
 */
@EnabledIfEnvironmentVariable(named = "CONTRACT_AUTH_URL", matches = ".+")
class RealCinderBlockStorageContractIT extends BlockStorageContract {

    private static ContractTarget shared;

    @Override
    protected ContractTarget target() {
        if (shared == null) {
            String authUrl = System.getenv("CONTRACT_AUTH_URL");
            String user = env("CONTRACT_USER", "admin");
            String password = System.getenv("CONTRACT_PASSWORD");
            String project = env("CONTRACT_PROJECT", "admin");
            String domain = env("CONTRACT_DOMAIN", "Default");
            String region = env("CONTRACT_REGION", "RegionOne");
            String yaml = "clouds:\n  real:\n    auth:\n      auth_url: " + authUrl + "\n      username: " + user
                    + "\n      password: '" + password + "'\n      project_name: " + project + "\n      user_domain_name: " + domain
                    + "\n      project_domain_name: " + domain + "\n    region_name: " + region + "\n";
            shared = new ContractTarget(
                    new OpenStackClouds(OpenStackSettings.defaults(), Clock.systemUTC()).connect(CloudsYaml.parse(yaml, "real", null)),
                    CinderAdmin.login(authUrl, user, password, project, domain, region),
                    Boolean.parseBoolean(System.getenv("CONTRACT_QUOTAS")));
        }
        return shared;
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
