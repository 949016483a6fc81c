package org.syncline.sync.replica;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.AclEntry;
import java.nio.file.attribute.AclEntryFlag;
import java.nio.file.attribute.AclEntryPermission;
import java.nio.file.attribute.AclEntryType;
import java.nio.file.attribute.AclFileAttributeView;
import java.nio.file.attribute.DosFileAttributeView;
import java.nio.file.attribute.DosFileAttributes;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * NTFS owner and ACL, and the DOS flags, through the portable {@link AclFileAttributeView} and
 * {@link DosFileAttributeView}. <strong>Untested</strong>: this project has no Windows machine, so
 * neither reading, encoding nor applying has run on NTFS. Known from the JDK's documentation:
 * <ul>
 *   <li>the ACL read includes inherited entries, and {@code java.nio} has no flag for them: they
 *       arrive on the target as explicit entries, and the target's inheritance does not apply;</li>
 *   <li>principals travel by name ({@code DOMAIN\\user}) and are looked up on the target; a name
 *       that does not resolve there fails the file;</li>
 *   <li>giving a file another owner needs the restore privilege (run the agent as a backup
 *       operator or administrator); without it the file fails with access denied;</li>
 *   <li>the system ACL (auditing) and alternate data streams are not copied.</li>
 * </ul>
 * Values: {@value ExtendedAttributes#WINDOWS_OWNER} is the owner's name;
 * {@value ExtendedAttributes#WINDOWS_ACL} one line per entry, {@code TYPE\tname\tPERMISSION,...\tFLAG,...};
 * {@value ExtendedAttributes#WINDOWS_DOS_FLAGS} the set flags separated by commas; all UTF-8.
 */
final class WindowsAttributes implements NativeAttributes {

    private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;

    @Override
    public ExtendedAttributes.Kind kind() {
        return ExtendedAttributes.Kind.WINDOWS;
    }

    @Override
    public ExtendedAttributes read(Path path) throws IOException {
        Map<String, byte[]> values = new TreeMap<>();
        AclFileAttributeView acl = Files.getFileAttributeView(path, AclFileAttributeView.class, NOFOLLOW);
        if (acl != null && Files.getFileStore(path).supportsFileAttributeView(AclFileAttributeView.class)) {
            values.put(ExtendedAttributes.WINDOWS_OWNER, utf8(acl.getOwner().getName()));
            values.put(ExtendedAttributes.WINDOWS_ACL, utf8(acl.getAcl().stream().map(WindowsAttributes::line)
                    .collect(Collectors.joining("\n"))));
        }
        DosFileAttributes dos = Files.readAttributes(path, DosFileAttributes.class, NOFOLLOW);
        List<String> flags = new ArrayList<>();
        if (dos.isReadOnly()) {
            flags.add("readonly");
        }
        if (dos.isHidden()) {
            flags.add("hidden");
        }
        if (dos.isSystem()) {
            flags.add("system");
        }
        if (dos.isArchive()) {
            flags.add("archive");
        }
        values.put(ExtendedAttributes.WINDOWS_DOS_FLAGS, utf8(String.join(",", flags)));
        return ExtendedAttributes.of(ExtendedAttributes.Kind.WINDOWS, values);
    }

    /** Owner, then ACL (which replaces the whole discretionary ACL, inherited entries included), then DOS flags. */
    @Override
    public boolean write(Path path, ExtendedAttributes attributes, Target target) throws IOException {
        boolean kept = true;
        byte[] owner = attributes.get(ExtendedAttributes.WINDOWS_OWNER);
        byte[] entries = attributes.get(ExtendedAttributes.WINDOWS_ACL);
        if (owner != null || entries != null) {
            AclFileAttributeView acl = Files.getFileAttributeView(path, AclFileAttributeView.class, NOFOLLOW);
            if (acl == null || !Files.getFileStore(path).supportsFileAttributeView(AclFileAttributeView.class)) {
                kept = false;
            } else {
                UserPrincipalLookupService lookup = path.getFileSystem().getUserPrincipalLookupService();
                if (owner != null) {
                    acl.setOwner(lookup.lookupPrincipalByName(text(owner)));
                }
                if (entries != null) {
                    acl.setAcl(parse(text(entries), lookup));
                }
            }
        }
        byte[] flags = attributes.get(ExtendedAttributes.WINDOWS_DOS_FLAGS);
        if (flags != null) {
            Set<String> set = Set.of(text(flags).split(","));
            DosFileAttributeView dos = Files.getFileAttributeView(path, DosFileAttributeView.class, NOFOLLOW);
            dos.setHidden(set.contains("hidden"));
            dos.setSystem(set.contains("system"));
            dos.setArchive(set.contains("archive"));
            dos.setReadOnly(set.contains("readonly"));
        }
        return kept;
    }

    /** One entry as a line of the {@value ExtendedAttributes#WINDOWS_ACL} value. */
    static String line(AclEntry entry) {
        return entry.type() + "\t" + entry.principal().getName() + "\t"
                + entry.permissions().stream().map(Enum::name).sorted().collect(Collectors.joining(",")) + "\t"
                + entry.flags().stream().map(Enum::name).sorted().collect(Collectors.joining(","));
    }

    /** The entries of an {@value ExtendedAttributes#WINDOWS_ACL} value, principals looked up by name. */
    static List<AclEntry> parse(String text, UserPrincipalLookupService lookup) throws IOException {
        List<AclEntry> acl = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            String[] fields = line.split("\t", -1);
            if (fields.length != 4) {
                throw new IllegalArgumentException("malformed ACL entry \"" + line + "\"; nothing was changed");
            }
            Set<AclEntryPermission> permissions = EnumSet.noneOf(AclEntryPermission.class);
            for (String name : fields[2].split(",")) {
                if (!name.isEmpty()) {
                    permissions.add(AclEntryPermission.valueOf(name));
                }
            }
            Set<AclEntryFlag> flags = EnumSet.noneOf(AclEntryFlag.class);
            for (String name : fields[3].split(",")) {
                if (!name.isEmpty()) {
                    flags.add(AclEntryFlag.valueOf(name));
                }
            }
            acl.add(AclEntry.newBuilder().setType(AclEntryType.valueOf(fields[0]))
                    .setPrincipal(lookup.lookupPrincipalByName(fields[1]))
                    .setPermissions(permissions).setFlags(flags).build());
        }
        return acl;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
