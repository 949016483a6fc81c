package org.syncline.sync.cli;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Properties;

/**
 * How {@code syncline sync --engine} reaches the engine of its installation: the engine writes its
 * API address and a random access token to {@code $SYNCLINE_HOME/data/engine.access} when it
 * starts (readable by its own user only) and deletes it when it stops. Whoever can read the file
 * may run sync commands in the engine, with the engine's rights; the token proves it.
 *
 * @param api the base address of the engine's REST API, e.g. {@code http://127.0.0.1:9032/api/}
 * @param token the secret the engine expects as {@code Authorization: Bearer TOKEN}
 * @param pid the engine's process id, to tell the user which process it was
 */
public record EngineAccess(URI api, String token, long pid) {

    /**
     * This installation's home folder, as its database settings find it: {@code SYNCLINE_HOME} (the
     * launcher sets it), else the system property {@code syncline.home}, else {@code ~/.syncline}.
     */
    public static Path home() {
        return home(System.getenv());
    }

    /** The installation's home folder for a process with {@code environment}; see {@link #home()}. */
    public static Path home(java.util.Map<String, String> environment) {
        String home = environment.get("SYNCLINE_HOME");
        if (home == null || home.isBlank()) {
            home = System.getProperty("syncline.home");
        }
        return home == null || home.isBlank() ? Path.of(System.getProperty("user.home"), ".syncline") : Path.of(home);
    }

    /** The access file of an installation whose home folder ({@code SYNCLINE_HOME}) is {@code home}. */
    public static Path file(Path home) {
        return home.resolve("data").resolve("engine.access");
    }

    /** A new access for an engine listening at {@code api}, with a fresh 256-bit token. */
    public static EngineAccess create(URI api) {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        return new EngineAccess(api, Base64.getUrlEncoder().withoutPadding().encodeToString(secret),
                ProcessHandle.current().pid());
    }

    /** The API address of an engine bound to {@code host} (null or blank: all interfaces, reached on loopback). */
    public static URI api(String host, int port) {
        String reach = host == null || host.isBlank() || host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host;
        try {
            return new URI("http", null, reach, port, "/api/", null, null);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("cannot make an address of host '" + host + "' and port " + port, e);
        }
    }

    /** Whether {@code presented} is this access's token, in time independent of where they differ. */
    public boolean accepts(String presented) {
        return presented != null && MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8),
                presented.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Writes the file readable and writable by this process's user only (on POSIX file systems),
     * replacing an older one at once: a reader sees the old file or the new one, whole.
     */
    public void write(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Path temporary = file.resolveSibling(file.getFileName() + "." + pid + ".tmp");
        Files.deleteIfExists(temporary);
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(temporary);
        }
        Properties properties = new Properties();
        properties.setProperty("api", api.toString());
        properties.setProperty("token", token);
        properties.setProperty("pid", Long.toString(pid));
        try (Writer writer = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
            properties.store(writer, "Syncline engine access: who can read this can run sync commands in the engine");
        }
        try {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Deletes {@code file} if it is still this access's (a newer engine may have replaced it). */
    public void delete(Path file) throws IOException {
        try {
            if (read(file).equals(this)) {
                Files.deleteIfExists(file);
            }
        } catch (EngineUnavailableException e) {
            // gone or replaced by something unreadable: not ours to delete
        }
    }

    /**
     * Reads an access file.
     *
     * @throws EngineUnavailableException with a message for the user when there is none, it cannot
     *     be read, or it is not an access file
     */
    public static EngineAccess read(Path file) throws EngineUnavailableException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (NoSuchFileException e) {
            throw new EngineUnavailableException("no engine of this installation is running (" + file
                    + " does not exist): start it with 'syncline engine', or run without --engine");
        } catch (AccessDeniedException e) {
            throw new EngineUnavailableException("cannot read " + file + ": the engine runs as another user;"
                    + " run this command as that user, or without --engine");
        } catch (IOException | IllegalArgumentException e) {
            throw new EngineUnavailableException("cannot read " + file + " (" + e.getMessage() + ")");
        }
        String api = properties.getProperty("api");
        String token = properties.getProperty("token");
        String pid = properties.getProperty("pid", "0");
        try {
            if (api == null || token == null || token.isBlank()) {
                throw new IllegalArgumentException("api or token missing");
            }
            URI address = new URI(api);
            if (!"http".equals(address.getScheme()) && !"https".equals(address.getScheme())) {
                throw new IllegalArgumentException("api is not an http address: " + api);
            }
            return new EngineAccess(address, token, Long.parseLong(pid.trim()));
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new EngineUnavailableException(file + " is not an engine access file (" + e.getMessage()
                    + "); restart the engine to write it again");
        }
    }
}
