package dev.openstack.snapshots.operator.cloud;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A clouds.yaml {@code auth_url}, checked once where it enters: HTTP or HTTPS with a host, else the cloud is
 * misconfigured (retrying cannot fix an {@code ftp://} URL). User information ({@code http://user:password@host})
 * is dropped: Keystone v3 takes credentials from {@code auth}, and a URL is shown in logs, status and events, where
 * a password must never appear. Every message about an auth_url the parser refuses shows it through
 * {@link #redacted(String)}.
 */
final class AuthUrl {

    /** user information in any URL-like text: {@code scheme://<userinfo>@}. */
    private static final Pattern USERINFO = Pattern.compile("(?<=://)[^/?#@\\s]*@");

    private AuthUrl() {
    }

    /** The URL without user information or trailing slash, ending in {@code /v3}. */
    static String parse(String cloudName, String raw) {
        URI uri;
        try {
            uri = new URI(raw.trim());
        } catch (URISyntaxException e) {
            throw invalid(cloudName, raw, "is not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw invalid(cloudName, raw, "must be an http or https URL");
        }
        if (uri.getHost() == null) {
            throw invalid(cloudName, raw, "must be an http or https URL with a host");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("/+$", "");
        String url = scheme + "://" + (uri.getHost().contains(":") && !uri.getHost().startsWith("[")
                ? "[" + uri.getHost() + "]" : uri.getHost())
                + (uri.getPort() < 0 ? "" : ":" + uri.getPort()) + path;
        // clouds.yaml often omits the version; the SDK discovers it, we only speak v3.
        return url.endsWith("/v3") ? url : url + "/v3";
    }

    /** {@code text} with the user information of every URL in it replaced by {@code ***}. */
    static String redacted(String text) {
        return text == null ? null : USERINFO.matcher(text).replaceAll("***@");
    }

    private static CloudConfigurationException invalid(String cloudName, String raw, String problem) {
        return new CloudConfigurationException("cloud '" + cloudName + "': auth_url " + problem + " (got '"
                + redacted(raw) + "')");
    }
}
