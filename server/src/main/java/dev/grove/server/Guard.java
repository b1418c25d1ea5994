package dev.grove.server;

import io.javalin.http.Context;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Map;

/**
 * Who may do what. Writes always need the bearer token; reads and predictions need it too unless
 * the server is bound to a loopback address or reads were opened on purpose. A loopback server
 * also answers only requests addressed to a loopback name ({@code Host} header), so a web page
 * that rebinds its own domain to 127.0.0.1 cannot read the API from a visitor's browser.
 */
final class Guard {
    private static final String REALM = "Bearer realm=\"grove\"";

    private final byte[] token;
    private final boolean loopback;
    private final boolean readsOpen;

    Guard(String token, String host, boolean openReads, boolean readsNeedToken) {
        this.token = token.getBytes(StandardCharsets.UTF_8);
        this.loopback = isLoopback(host);
        this.readsOpen = !readsNeedToken && (openReads || loopback);
    }

    static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    boolean readsOpen() {
        return readsOpen;
    }

    /** Refuses the request unless it may call a route of this access. */
    void check(Context ctx, Access access) {
        switch (access) {
            case OPEN -> { }
            case READ -> {
                if (!readsOpen) {
                    requireToken(ctx, "this server wants the token for reads too (it is bound beyond this machine, "
                            + "or was told so)");
                }
            }
            case WRITE -> requireToken(ctx, "this request changes state");
        }
    }

    /** Every request, first: a loopback server answers only to a loopback name. */
    void checkHost(Context ctx) {
        if (!loopback) {
            return;
        }
        String host = ctx.header("Host");
        if (host == null || !isLoopbackName(host)) {
            throw new ApiException(403, "this server listens on a loopback address and answers only requests to "
                    + "localhost, 127.0.0.1 or [::1], not to '" + (host == null ? "" : host) + "'");
        }
    }

    private static boolean isLoopbackName(String hostHeader) {
        String h = hostHeader.trim().toLowerCase(Locale.ROOT);
        if (h.startsWith("[")) { // [::1]:8080
            int end = h.indexOf(']');
            return end > 0 && h.substring(1, end).equals("::1") && (end == h.length() - 1 || h.charAt(end + 1) == ':');
        }
        int colon = h.indexOf(':');
        String name = colon >= 0 ? h.substring(0, colon) : h;
        return name.equals("localhost") || name.equals("127.0.0.1");
    }

    private void requireToken(Context ctx, String why) {
        String header = ctx.header("Authorization");
        if (header == null || header.isBlank()) {
            throw new ApiException(401, why + ": send the server's token as 'Authorization: Bearer TOKEN' (GROVE_TOKEN, "
                    + "--token-file, or the token grove serve printed when it started)", Map.of("WWW-Authenticate", REALM),
                    Map.of());
        }
        String h = header.trim();
        boolean bearer = h.regionMatches(true, 0, "Bearer ", 0, 7);
        byte[] given = (bearer ? h.substring(7).trim() : "").getBytes(StandardCharsets.UTF_8);
        if (!bearer || !MessageDigest.isEqual(given, token)) { // constant time: the comparison leaks nothing
            throw new ApiException(401, "the token does not match this server's; send 'Authorization: Bearer TOKEN' "
                    + "with the token it was started with", Map.of("WWW-Authenticate", REALM + ", error=\"invalid_token\""),
                    Map.of());
        }
    }
}
