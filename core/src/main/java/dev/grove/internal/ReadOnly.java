package dev.grove.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/**
 * Whether Grove must treat a file or folder as read-only: not writable for this process, or (on
 * POSIX) carrying no write permission bit at all. Someone who marked it read-only meant it, even
 * for a superuser who could write it anyway.
 */
public final class ReadOnly {
    private ReadOnly() {
    }

    public static boolean is(Path p) {
        if (!Files.isWritable(p)) {
            return true;
        }
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p);
            return !perms.contains(PosixFilePermission.OWNER_WRITE) && !perms.contains(PosixFilePermission.GROUP_WRITE)
                    && !perms.contains(PosixFilePermission.OTHERS_WRITE);
        } catch (UnsupportedOperationException | IOException e) {
            return false;
        }
    }
}
