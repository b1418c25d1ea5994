package dev.grove.server;

import dev.grove.InvalidRequestException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;

/** The bearer token: generated (32 random bytes, URL-safe Base64), or read from a file and checked. */
public final class Tokens {
    /** Fewer characters than this is too easy to guess for a secret that guards writes. */
    static final int MIN_LENGTH = 16;

    private Tokens() {
    }

    /** A fresh random token. */
    public static String generate() {
        byte[] b = new byte[32];
        new SecureRandom().nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /**
     * The token in {@code file}: its content, surrounding white space removed.
     *
     * @throws InvalidRequestException when it cannot be read, or is not a usable token
     */
    public static String read(Path file) {
        String t;
        try {
            t = Files.readString(file, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new InvalidRequestException("cannot read the token file " + file + ": " + e.getMessage());
        }
        return check(t, "the token file " + file);
    }

    /** {@code token} when it is usable: at least {@value #MIN_LENGTH} characters, printable ASCII, no spaces. */
    public static String check(String token, String from) {
        if (token.length() < MIN_LENGTH) {
            throw new InvalidRequestException(from + " holds a token of " + token.length() + " characters; use at least "
                    + MIN_LENGTH + " (e.g. from 'openssl rand -hex 32')");
        }
        if (!token.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new InvalidRequestException(from + " holds a token with spaces, control or non-ASCII characters; "
                    + "an HTTP header cannot carry it unchanged");
        }
        return token;
    }
}
