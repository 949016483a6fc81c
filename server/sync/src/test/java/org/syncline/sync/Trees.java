package org.syncline.sync;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Declares and reads real folder trees for scenario tests: a tree is a map from relative path to
 * content, where a path ending in {@code /} is a folder and a content starting with
 * {@value #LINK} a symbolic link to the rest.
 */
public final class Trees {

    /** A fixed, old time so that tests control which version is newer. */
    public static final long T0 = 1_600_000_000_000L;

    /** What a symbolic link's content starts with, followed by its target. */
    public static final String LINK = "-> ";

    private Trees() {
    }

    /** Creates the given files (content) and folders (trailing {@code /}) under {@code root}, all at time {@code mtime}. */
    public static void write(Path root, Map<String, String> tree, long mtime) throws IOException {
        Files.createDirectories(root);
        for (Map.Entry<String, String> entry : tree.entrySet()) {
            Path path = root.resolve(entry.getKey());
            if (entry.getKey().endsWith("/")) {
                Files.createDirectories(path);
            } else {
                Files.createDirectories(path.getParent());
                if (Files.isSymbolicLink(path)) {
                    Files.delete(path);
                }
                if (entry.getValue().startsWith(LINK)) {
                    Files.deleteIfExists(path);
                    Files.createSymbolicLink(path, Path.of(entry.getValue().substring(LINK.length())));
                } else {
                    Files.writeString(path, entry.getValue());
                }
                Files.getFileAttributeView(path, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                        .setTimes(FileTime.fromMillis(mtime), null, null);
            }
        }
    }

    /** Writes one file with a given modification time. */
    public static void put(Path root, String path, String content, long mtime) throws IOException {
        write(root, Map.of(path, content), mtime);
    }

    /** The tree under {@code root} (files with content, folders with a trailing {@code /}, links as {@value #LINK} and their target), archive folder excluded. */
    public static Map<String, String> read(Path root) throws IOException {
        return read(root, false);
    }

    /** The tree under {@code root}; with {@code withArchive} the {@code .syncline-archive} folder too. */
    public static Map<String, String> read(Path root, boolean withArchive) throws IOException {
        Map<String, String> tree = new TreeMap<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                String relative = root.relativize(dir).toString();
                if (!withArchive && relative.equals(".syncline-archive")) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                if (!relative.isEmpty()) {
                    tree.put(relative + "/", "");
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                tree.put(root.relativize(file).toString(), attrs.isSymbolicLink() ? LINK + Files.readSymbolicLink(file)
                        : attrs.isRegularFile() ? new String(Files.readAllBytes(file), StandardCharsets.UTF_8) : "<other>");
                return FileVisitResult.CONTINUE;
            }
        });
        return tree;
    }

    /** Deletes {@code root} and everything in it (links, not what they point to). */
    public static void deleteTree(Path root) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            for (Path path : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    /** A tree literal: alternating paths and contents. */
    public static Map<String, String> tree(String... pathsAndContents) {
        Map<String, String> tree = new TreeMap<>();
        for (int i = 0; i < pathsAndContents.length; i += 2) {
            tree.put(pathsAndContents[i], pathsAndContents[i + 1]);
        }
        return tree;
    }
}
