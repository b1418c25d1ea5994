package dev.grove.internal;

import java.util.Locale;

/** JDBC URLs as they may be shown and recorded: without a user name or password. */
public final class JdbcUrls {
    private JdbcUrls() {
    }

    /** The URL without credentials in its user-info part or its query string (user, password, sslpassword). */
    public static String withoutCredentials(String url) {
        String out = url.replaceAll("//[^/@?]*@", "//");
        int q = out.indexOf('?');
        if (q < 0) {
            return out;
        }
        StringBuilder kept = new StringBuilder();
        for (String param : out.substring(q + 1).split("&")) {
            String key = param.split("=", 2)[0].toLowerCase(Locale.ROOT);
            if (key.equals("password") || key.equals("user") || key.equals("sslpassword")) {
                continue;
            }
            kept.append(kept.length() == 0 ? "?" : "&").append(param);
        }
        return out.substring(0, q) + kept;
    }
}
