package dev.openstack.snapshots.operator.cinder.openstack;

import dev.openstack.snapshots.operator.cloud.CloudConfigurationException;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.openstack4j.api.identity.EndpointURLResolver;
import org.openstack4j.api.types.ServiceType;
import org.openstack4j.model.identity.URLResolverParams;
import org.openstack4j.model.identity.v3.Endpoint;
import org.openstack4j.model.identity.v3.Service;
import org.openstack4j.model.identity.v3.Token;

/**
 * Finds Cinder in the token's catalog: a service of type {@code volumev3} or {@code block-storage}
 * with an endpoint of the cloud's interface in its region.
 *
 * <p>Why not openstack4j's resolver: when it finds no match and no region is set, it silently returns
 * the Keystone URL, so a Cinder GET goes to Keystone, answers 404, and openstack4j reads that as "the
 * snapshot is gone". This resolver fails with a {@link CloudConfigurationException} naming the region
 * and the interface instead, and it is installed as openstack4j's resolver so no other lookup happens.
 */
final class BlockStorageEndpoint implements EndpointURLResolver {

    private static final Set<String> TYPES = Set.of("volumev3", "block-storage");

    private final String cloudName;
    private final String region;
    private final String endpointInterface;

    /** @param region null: the catalog must offer block storage in exactly one region */
    BlockStorageEndpoint(String cloudName, String region, String endpointInterface) {
        this.cloudName = cloudName;
        this.region = region;
        this.endpointInterface = endpointInterface.toLowerCase(Locale.ROOT);
    }

    /** The block-storage URL for this cloud's region and interface, or a CloudConfigurationException. */
    String resolve(Token token) {
        Set<String> regions = new TreeSet<>();
        String found = null;
        if (token.getCatalog() != null) {
            for (Service service : token.getCatalog()) {
                if (service.getType() == null || !TYPES.contains(service.getType().toLowerCase(Locale.ROOT))) {
                    continue;
                }
                for (Endpoint endpoint : service.getEndpoints()) {
                    if (endpoint.getIface() == null || endpoint.getUrl() == null
                            || !endpointInterface.equals(endpoint.getIface().name().toLowerCase(Locale.ROOT))) {
                        continue;
                    }
                    String endpointRegion = endpoint.getRegionId() != null ? endpoint.getRegionId() : endpoint.getRegion();
                    regions.add(String.valueOf(endpointRegion));
                    if (region == null || region.equals(endpointRegion) || region.equals(endpoint.getRegion())) {
                        if (found == null || "volumev3".equalsIgnoreCase(service.getType())) {
                            found = endpoint.getUrl().toString();
                        }
                    }
                }
            }
        }
        if (region == null && regions.size() > 1) {
            throw new CloudConfigurationException("cloud '" + cloudName + "': the catalog offers block storage (" + endpointInterface
                    + " interface) in several regions " + regions + "; set region_name in clouds.yaml");
        }
        if (found == null) {
            throw new CloudConfigurationException("cloud '" + cloudName + "': the Keystone catalog has no block-storage endpoint"
                    + " (type volumev3 or block-storage) for region '" + (region == null ? "(any)" : region) + "' and interface '"
                    + endpointInterface + "'" + (regions.isEmpty() ? "" : "; that interface exists in region(s) " + regions));
        }
        return found.endsWith("/") ? found.substring(0, found.length() - 1) : found;
    }

    @Override
    public String findURLV3(URLResolverParams params) {
        if (params.type != ServiceType.BLOCK_STORAGE) {
            throw new IllegalStateException("the Cinder adapter resolves only block storage, not " + params.type);
        }
        return resolve(params.token);
    }

    @Override
    public String findURLV2(URLResolverParams params) {
        throw new IllegalStateException("Keystone v2 is not supported");
    }
}
