package org.syncline.persistence.internal.secret;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.AclEntry;
import java.nio.file.attribute.AclEntryPermission;
import java.nio.file.attribute.AclEntryType;
import java.nio.file.attribute.AclFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The file holding the AES key that encrypts secrets in the database. The key never goes into the
 * database: every workbench and engine sharing a database needs a copy of this file.
 *
 * <p>{@link #loadOrCreate(Path)} creates the file on first use, readable and writable by its owner
 * only (POSIX mode 600, or an owner-only ACL on Windows). When two processes create it at once,
 * one wins and both use its key.
 */
public final class KeyFile {

    private static final Logger LOG = LoggerFactory.getLogger(KeyFile.class);
    private static final int KEY_BYTES = 32;

    private KeyFile() {
    }

    /** Reads the key from {@code file}, creating the file with a new random key if it does not exist. */
    public static SecretKey loadOrCreate(Path file) throws IOException {
        if (!Files.exists(file)) {
            create(file);
        }
        byte[] key = Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).strip());
        if (key.length != KEY_BYTES) {
            throw new IOException("The key file " + file + " is damaged: it should hold a " + (KEY_BYTES * 8) + "-bit key.");
        }
        return new SecretKeySpec(key, "AES");
    }

    private static void create(Path file) throws IOException {
        Path folder = file.toAbsolutePath().getParent();
        Files.createDirectories(folder);
        byte[] key = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(key);
        Path temporary = createOwnerOnly(folder);
        try {
            Files.writeString(temporary, Base64.getEncoder().encodeToString(key), StandardCharsets.US_ASCII);
            publish(temporary, file);
            LOG.info("Created the secret key file {}; copy it to every machine that opens this database.", file);
        } catch (FileAlreadyExistsException raced) {
            LOG.debug("Another process created {} first; using its key.", file);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /**
     * Gives the written key its name unless another process gave that name first. A hard link fails
     * atomically when the name exists; {@link Files#move} checks first and then renames, which could
     * replace a key another process has just read.
     */
    private static void publish(Path temporary, Path file) throws IOException {
        try {
            Files.createLink(file, temporary);
        } catch (FileAlreadyExistsException raced) {
            throw raced;
        } catch (UnsupportedOperationException | FileSystemException noHardLinks) {
            Files.move(temporary, file);
        }
    }

    private static Path createOwnerOnly(Path folder) throws IOException {
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return Files.createTempFile(folder, ".secret", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        Path temporary = Files.createTempFile(folder, ".secret", ".tmp");
        AclFileAttributeView acl = Files.getFileAttributeView(temporary, AclFileAttributeView.class);
        if (acl != null) {
            UserPrincipal owner = Files.getOwner(temporary);
            acl.setAcl(List.of(AclEntry.newBuilder().setType(AclEntryType.ALLOW).setPrincipal(owner)
                    .setPermissions(EnumSet.allOf(AclEntryPermission.class)).build()));
        }
        return temporary;
    }
}
