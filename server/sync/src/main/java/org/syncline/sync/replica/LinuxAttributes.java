package org.syncline.sync.replica;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.NativeLong;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * POSIX ACLs and user extended attributes of Linux, through the path-based calls that never follow
 * a symbolic link ({@code llistxattr}, {@code lgetxattr}, {@code lsetxattr}, {@code lremovexattr}).
 *
 * <p>Kept: {@value #ACCESS_ACL}, {@value #DEFAULT_ACL} (folders) and every {@code user.*}
 * attribute. Left alone on both sides:
 * <ul>
 *   <li>{@code security.*}: SELinux and Smack labels and file capabilities belong to the target
 *       host's security policy (a label from another host can be wrong or meaningless there, and
 *       copying capabilities would hand out privileges); the target's policy labels new files;</li>
 *   <li>{@code trusted.*}: readable and settable only with {@code CAP_SYS_ADMIN}; it is private
 *       data of administrators' tools, not of the file's owner;</li>
 *   <li>anything else ({@code system.nfs4_acl}, {@code system.richacl}, ...): no portable meaning.</li>
 * </ul>
 * Reading an entry without attributes costs one {@code llistxattr}. Thread-safe: each thread has
 * its own native buffer.
 */
final class LinuxAttributes implements NativeAttributes {

    static final String ACCESS_ACL = ExtendedAttributes.LINUX_ACCESS_ACL;
    static final String DEFAULT_ACL = ExtendedAttributes.LINUX_DEFAULT_ACL;
    /** {@code XATTR_LIST_MAX} and {@code XATTR_SIZE_MAX}: no list or value can be longer. */
    private static final int MAX = 65536;
    /** Names are raw bytes; ISO-8859-1 maps each byte to one character and back. */
    private static final Charset NAMES = StandardCharsets.ISO_8859_1;

    private final Libc libc;
    /** The charset in which the JDK encodes file names (it follows the locale). */
    private final Charset pathCharset;
    private final ThreadLocal<Memory> buffers = ThreadLocal.withInitial(() -> new Memory(MAX));

    LinuxAttributes(Libc libc) {
        this.libc = libc;
        Charset charset;
        try {
            charset = Charset.forName(System.getProperty("sun.jnu.encoding", "UTF-8"));
        } catch (IllegalArgumentException e) {
            charset = Charset.defaultCharset();
        }
        this.pathCharset = charset;
    }

    /** Whether an attribute of this name travels with its file. */
    static boolean kept(String name) {
        return ExtendedAttributes.copied(ExtendedAttributes.Kind.LINUX, name);
    }

    @Override
    public ExtendedAttributes.Kind kind() {
        return ExtendedAttributes.Kind.LINUX;
    }

    @Override
    public ExtendedAttributes read(Path path) throws IOException {
        byte[] file = cString(path.toString(), pathCharset);
        List<String> names = list(path, file);
        if (names.isEmpty()) {
            return ExtendedAttributes.none(ExtendedAttributes.Kind.LINUX);
        }
        Memory buffer = buffers.get();
        Map<String, byte[]> values = new TreeMap<>();
        for (String name : names) {
            long length;
            try {
                length = libc.lgetxattr(file, cString(name, NAMES), buffer, new NativeLong(MAX)).longValue();
            } catch (LastErrorException e) {
                if (e.getErrorCode() == Libc.ENODATA) {
                    continue;
                }
                throw failure(path, e, "cannot read its " + describe(name));
            }
            values.put(name, buffer.getByteArray(0, (int) length));
        }
        return ExtendedAttributes.of(ExtendedAttributes.Kind.LINUX, values);
    }

    @Override
    public boolean write(Path path, ExtendedAttributes attributes, Target target) throws IOException {
        Map<String, byte[]> wanted = attributes.values();
        byte[] file = cString(path.toString(), pathCharset);
        List<String> present = switch (target) {
            case EXISTING -> list(path, file);
            case NEW_FILE -> List.of(ACCESS_ACL);
            case NEW_FOLDER -> List.of(ACCESS_ACL, DEFAULT_ACL);
        };
        boolean allKept = true;
        for (String name : present) {
            if (!wanted.containsKey(name)) {
                remove(path, file, name);
            }
        }
        for (Map.Entry<String, byte[]> attribute : wanted.entrySet()) {
            allKept &= set(path, file, attribute.getKey(), attribute.getValue());
        }
        return allKept;
    }

    /** The kept names on an entry; none when its file system has no extended attributes. */
    private List<String> list(Path path, byte[] file) throws IOException {
        Memory buffer = buffers.get();
        long length;
        try {
            length = libc.llistxattr(file, buffer, new NativeLong(MAX)).longValue();
        } catch (LastErrorException e) {
            if (e.getErrorCode() == Libc.EOPNOTSUPP) {
                return List.of();
            }
            throw failure(path, e, "cannot list its ACLs and extended attributes");
        }
        List<String> names = new ArrayList<>();
        byte[] bytes = buffer.getByteArray(0, (int) length);
        int start = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                String name = new String(bytes, start, i - start, NAMES);
                if (kept(name)) {
                    names.add(name);
                }
                start = i + 1;
            }
        }
        return names;
    }

    /** Sets one attribute; {@code false} when the file system cannot hold it. */
    private boolean set(Path path, byte[] file, String name, byte[] value) throws IOException {
        try {
            libc.lsetxattr(file, cString(name, NAMES), value, new NativeLong(value.length), 0);
            return true;
        } catch (LastErrorException e) {
            if (e.getErrorCode() == Libc.EOPNOTSUPP) {
                return false;
            }
            throw failure(path, e, "cannot set its " + describe(name));
        }
    }

    /** Removes one attribute if it is there (a file system without such attributes has none to remove). */
    private void remove(Path path, byte[] file, String name) throws IOException {
        try {
            libc.lremovexattr(file, cString(name, NAMES));
        } catch (LastErrorException e) {
            if (e.getErrorCode() != Libc.ENODATA && e.getErrorCode() != Libc.EOPNOTSUPP) {
                throw failure(path, e, "cannot remove its " + describe(name));
            }
        }
    }

    /** An ACL in the user's words, or the attribute's name. */
    private static String describe(String name) {
        return switch (name) {
            case ACCESS_ACL -> "ACL (" + ACCESS_ACL + ")";
            case DEFAULT_ACL -> "default ACL (" + DEFAULT_ACL + ")";
            default -> "extended attribute " + name;
        };
    }

    private static IOException failure(Path path, LastErrorException e, String what) {
        int errno = e.getErrorCode();
        return switch (errno) {
            case Libc.ENOENT -> new NoSuchFileException(path.toString());
            case Libc.EPERM -> new AccessDeniedException(path.toString(), null,
                    what + ": operation not permitted (immutable or append-only file, or not its owner)");
            case Libc.EACCES -> new AccessDeniedException(path.toString(), null, what + ": permission denied");
            default -> new FileSystemException(path.toString(), null, what + ": " + reason(errno));
        };
    }

    private static String reason(int errno) {
        return switch (errno) {
            case Libc.E2BIG, Libc.ERANGE -> "the value is too large for this file system";
            case Libc.ENOSPC -> "no space left for it on the file system";
            case Libc.EDQUOT -> "the disk quota is exceeded";
            case Libc.EINVAL -> "the file system rejected the value as invalid";
            case Libc.ENOTDIR, Libc.ELOOP -> "a folder on its path is not a folder";
            default -> "error " + errno;
        };
    }

    private static byte[] cString(String text, Charset charset) {
        byte[] bytes = text.getBytes(charset);
        return Arrays.copyOf(bytes, bytes.length + 1);
    }
}
