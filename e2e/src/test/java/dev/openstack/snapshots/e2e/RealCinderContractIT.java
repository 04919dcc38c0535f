package dev.openstack.snapshots.e2e;

import dev.openstack.snapshots.operator.testing.admin.CinderAdmin;
import dev.openstack.snapshots.operator.testing.admin.CloudEntry;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.openstack.snapshots.operator.cinder.contract.BlockStorageContract;
import dev.openstack.snapshots.operator.cinder.contract.ContractTarget;
import dev.openstack.snapshots.operator.cloud.CloudsYaml;
import dev.openstack.snapshots.operator.cinder.openstack.OpenStackClouds;
import dev.openstack.snapshots.operator.cloud.OpenStackSettings;
import java.time.Clock;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Cinder port's contract suite, unchanged, against the real cloud: the port is the production
 * adapter logged in as {@code E2E_CLOUD}; the suite's admin helper is the admin cloud's user, scoped to
 * the same project (it makes the plain volumes, attaches them, resets statuses and, only with
 * {@code E2E_MUTATE_QUOTAS=true}, lowers the project's snapshot quota for one case).
 */
@ExtendWith(RealCloudCondition.class)
class RealCinderContractIT extends BlockStorageContract {

    private static ContractTarget shared;

    @Override
    protected ContractTarget target() {
        if (shared == null) {
            E2eSettings settings = E2eSettings.fromEnvironment().orElseThrow();
            assumeTrue(settings.adminCloud().isPresent(),
                    "the contract suite needs an admin of the project (E2E_ADMIN_CLOUD); skipped");
            CloudEntry cloud = settings.entry();
            CloudEntry admin = settings.clouds().entry(settings.adminCloud().get());
            assumeTrue(cloud.projectName() != null && !admin.isApplicationCredential(),
                    "the contract's admin helper logs in with a password to the project by name");
            shared = new ContractTarget(
                    new OpenStackClouds(OpenStackSettings.defaults(), Clock.systemUTC())
                            .connect(CloudsYaml.parse(settings.clouds().yamlOf(settings.cloud()), settings.cloud(), null)),
                    CinderAdmin.login(admin.inProject(cloud.projectName())),
                    settings.mutateQuotas());
        }
        return shared;
    }
}
