package org.syncline.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged installation: its layout, its script's checks, its error handling. */
class DistributionIT {

    private final Installation installation = new Installation();

    @TempDir
    Path dir;

    @Test
    void installationHasScriptLibrariesAndConfiguration() throws Exception {
        Set<PosixFilePermission> mode = Files.getPosixFilePermissions(installation.script());
        assertTrue(mode.contains(PosixFilePermission.OWNER_EXECUTE), mode.toString());
        assertTrue(mode.contains(PosixFilePermission.OTHERS_EXECUTE), mode.toString());
        assertTrue(Files.isRegularFile(installation.home.resolve("conf/syncline.properties")));
        assertTrue(Files.isRegularFile(installation.home.resolve("conf/logback.xml")));
        try (Stream<Path> jars = Files.list(installation.home.resolve("lib"))) {
            List<String> names = jars.map(p -> p.getFileName().toString()).toList();
            for (String module : List.of("cli", "engine", "agent", "thrift")) {
                String jar = "syncline-" + module + "-" + installation.version + ".jar";
                assertTrue(names.contains(jar), jar + " in " + names);
            }
            assertTrue(names.stream().anyMatch(n -> n.startsWith("libthrift-0.20.0")), names.toString());
            assertTrue(names.stream().noneMatch(n -> n.startsWith("jakarta.servlet-api-5")), names.toString());
        }
    }

    @Test
    void librariesAreNotSignedSoTheirClassesCanBeCachedAndTheEclipseOnesKeepTheirContent() throws Exception {
        try (Stream<Path> jars = Files.list(installation.home.resolve("lib"))) {
            for (Path jar : jars.filter(p -> p.toString().endsWith(".jar")).toList()) {
                try (JarFile file = new JarFile(jar.toFile())) {
                    List<String> signatures = file.stream().map(JarEntry::getName)
                            .filter(n -> n.startsWith("META-INF/") && n.matches("(?i).*\\.(SF|RSA|DSA|EC)")).toList();
                    assertEquals(List.of(), signatures, jar.getFileName() + " is still signed");
                    Manifest manifest = file.getManifest();
                    if (jar.getFileName().toString().startsWith("org.eclipse.emf.ecore-")) {
                        assertEquals("org.eclipse.emf.ecore;singleton:=true",
                                manifest.getMainAttributes().getValue("Bundle-SymbolicName"));
                        assertTrue(manifest.getEntries().isEmpty(), "no per-entry digests left: " + manifest.getEntries().size());
                        assertTrue(file.getEntry("plugin.properties") != null, "resources are kept");
                        assertTrue(file.getEntry("org/eclipse/emf/ecore/EObject.class") != null, "classes are kept");
                    }
                }
            }
        }
    }

    @Test
    void archivesHoldOneTopFolderWithTheScript() throws Exception {
        String top = "syncline-" + installation.version + "/";
        assertTrue(Files.isRegularFile(installation.archives.resolve("syncline-" + installation.version + ".tar.gz")));
        try (ZipFile zip = new ZipFile(installation.archives
                .resolve("syncline-" + installation.version + ".zip").toFile())) {
            assertTrue(zip.getEntry(top + "bin/syncline") != null, "bin/syncline in the zip");
            assertTrue(zip.getEntry(top + "conf/syncline.properties") != null);
            assertTrue(zip.stream().allMatch(e -> e.getName().startsWith(top)));
        }
    }

    @Test
    void startUpCacheIsRecordedThenBuiltThenUsedAndABrokenOneIsIgnored() throws Exception {
        assumeTrue(Runtime.version().feature() >= 24, "ahead-of-time caches need Java 24");
        Path cache = dir.resolve("cache");
        Map<String, String> environment = Map.of("SYNCLINE_CDS_DIR", cache.toString());
        String name = cacheName("version");
        Path output = dir.resolve("out.txt");

        assertEquals(0, installation.runWith(environment, output, "version"));
        String expected = Files.readString(output);
        assertTrue(expected.startsWith("Syncline " + installation.version + "\n"), expected);
        assertTrue(Files.size(cache.resolve(name + ".aotconf")) > 0, "the first run records the classes it loads");
        assertFalse(Files.exists(cache.resolve(name + ".aot")));

        assertEquals(0, installation.runWith(environment, output, "version"));
        assertEquals(expected, Files.readString(output), "nothing but the output, also while the cache is built");
        assertTrue(Files.size(cache.resolve(name + ".aot")) > 0, "the second run builds the cache");

        assertEquals(0, installation.runWith(environment, output, "version"));
        assertEquals(expected, Files.readString(output));

        Files.writeString(cache.resolve(name + ".aot"), "not a cache");
        assertEquals(0, installation.runWith(environment, output, "version"));
        assertEquals(expected, Files.readString(output), "a broken cache is ignored without a word");
    }

    @Test
    void aSyncKeepingItsStateInFilesHasItsOwnStartUpCache() throws Exception {
        assumeTrue(Runtime.version().feature() >= 24, "ahead-of-time caches need Java 24");
        Path cache = dir.resolve("cache");
        Path source = sourceWithOneFile();
        Path output = dir.resolve("out.txt");

        assertEquals(0, installation.runWith(Map.of("SYNCLINE_CDS_DIR", cache.toString()), output, "sync",
                source.toString(), dir.resolve("target").toString(), "--state-dir", dir.resolve("state").toString()),
                () -> Installation.read(output));

        assertEquals("content", Files.readString(dir.resolve("target/file.txt")));
        try (Stream<Path> files = Files.list(cache)) {
            assertEquals(List.of(cacheName("sync-files") + ".aotconf"),
                    files.map(p -> p.getFileName().toString()).toList());
        }
    }

    @Test
    void aStartUpCacheIsBuiltFromAnOrdinaryRunNotFromOneThatCreatedTheSchemaOrFailedToStart() throws Exception {
        assumeTrue(Runtime.version().feature() >= 24, "ahead-of-time caches need Java 24");
        Path cache = dir.resolve("cache");
        Path source = sourceWithOneFile();
        Path record = cache.resolve(cacheName("sync") + ".aotconf");
        Path built = cache.resolve(cacheName("sync") + ".aot");
        Map<String, String> environment = Map.of("SYNCLINE_CDS_DIR", cache.toString(),
                "SYNCLINE_HOME", dir.resolve("home").toString());
        Path output = dir.resolve("out.txt");
        String[] sync = {"sync", source.toString(), dir.resolve("target").toString()};

        assertEquals(2, installation.runWith(environment, output, "sync", source.toString(), "--no-such-option"));
        assertEquals(0, installation.runWith(environment, output, sync), () -> Installation.read(output));
        assertFalse(Files.exists(built), "a run that stopped on bad usage is recorded again by the next");
        assertTrue(Files.size(record) > 0);
        assertEquals(0, installation.runWith(environment, output, sync), () -> Installation.read(output));
        assertFalse(Files.exists(built), "the run that created the database's schema is recorded again by the next");
        assertEquals(0, installation.runWith(environment, output, sync), () -> Installation.read(output));
        assertTrue(Files.size(built) > 0, "an ordinary run's record is built into the cache");

        Map<String, String> logged = new HashMap<>(environment);
        logged.put("SYNCLINE_JAVA_OPTS", "-Xlog:class+load=info:file=" + dir.resolve("classes.txt"));
        assertEquals(0, installation.runWith(logged, output, sync), () -> Installation.read(output));
        List<String> classes = Files.readAllLines(dir.resolve("classes.txt"));
        assertTrue(classes.stream().anyMatch(line -> line.contains("org.syncline.store.DatabaseSyncStateStore source: shared objects file")),
                "the database's classes come from the cache");
        assertEquals(List.of(), classes.stream().filter(line -> line.contains(" liquibase.")).limit(3).toList(),
                "nothing of Liquibase is in the cache nor loaded");
    }

    @Test
    void aSyncShowsEachProblemOnceAndItsProgressWhenAsked() throws Exception {
        Path source = Files.createDirectories(dir.resolve("source"));
        for (int i = 0; i < 3; i++) {
            Files.writeString(source.resolve("file-" + i + ".txt"), "content " + i);
        }
        Path output = dir.resolve("out.txt");
        String[] sync = {"sync", source.toString(), dir.resolve("target").toString(), "--state-dir", dir.resolve("state").toString()};
        assertEquals(0, installation.run(output, sync), () -> Installation.read(output));
        Files.delete(source.resolve("file-0.txt"));
        Files.delete(source.resolve("file-1.txt"));

        List<String> withWarning = new ArrayList<>(List.of(sync));
        withWarning.addAll(List.of("--warn-deletes", "2", "--progress", "--progress-interval", "0"));
        assertEquals(0, installation.run(output, withWarning.toArray(String[]::new)), () -> Installation.read(output));
        String text = Files.readString(output);
        assertEquals(1, text.split("the plan deletes 2 entries", -1).length - 1, text);
        assertTrue(text.lines().anyMatch(line -> line.startsWith("WARNING  GUARD")), text);
        assertTrue(text.lines().anyMatch(line -> line.matches("Progress: 2 of 2 actions, now file-[01]\\.txt")), text);
        assertTrue(text.contains("Number of entries deleted: 2"), text);
    }

    @Test
    void versionCommandPrintsTheBuildVersion() throws Exception {
        Path output = dir.resolve("out.txt");
        assertEquals(0, installation.run(output, "version"));
        assertTrue(Files.readString(output).startsWith("Syncline " + installation.version + "\n"),
                Files.readString(output));
    }

    @Test
    void portThatIsNotANumberIsReportedWithExitCode2() throws Exception {
        Path output = dir.resolve("out.txt");
        assertEquals(2, installation.run(output, "engine", "--port", "notanumber"));
        String text = Files.readString(output);
        assertTrue(text.contains("Invalid value for option '--port': 'notanumber' is not a port number"),
                text);
    }

    @Test
    void badValueInTheConfigFileIsReportedWithExitCode2() throws Exception {
        Path config = Files.writeString(dir.resolve("bad.properties"), "agent.port=nine\n");
        Path output = dir.resolve("out.txt");
        assertEquals(2, installation.run(output, "agent", "--config", config.toString()));
        assertTrue(Files.readString(output).contains(
                "agent.port must be a port number from 0 to 65535, but is 'nine'"),
                Files.readString(output));
    }

    @Test
    void scriptRefusesJavaOlderThan21() throws Exception {
        Path fakeHome = dir.resolve("old-java");
        Path java = Files.createDirectories(fakeHome.resolve("bin")).resolve("java");
        Files.writeString(java, "#!/bin/sh\n"
                + "echo 'openjdk version \"17.0.9\" 2023-10-17' >&2\n"
                + "echo 'the script should not have run this Java' \n"
                + "exit 0\n");
        java.toFile().setExecutable(true);
        Path output = dir.resolve("out.txt");

        assertEquals(1, installation.run(output, fakeHome, "version"));
        String text = Files.readString(output);
        assertTrue(text.contains("Java 21 or newer is needed, but " + java + " is version 17.0.9"),
                text);
        assertTrue(!text.contains("should not have run"), text);
    }

    @Test
    void scriptReportsAJavaHomeWithoutJava() throws Exception {
        Path output = dir.resolve("out.txt");
        assertEquals(1, installation.run(output, dir, "version"));
        assertTrue(Files.readString(output).contains("has no bin/java"), Files.readString(output));
    }

    /** The name of a command's start-up cache files: the command, the Java version, the installation's build. */
    private String cacheName(String command) throws IOException {
        return command + "-" + System.getProperty("java.version") + "-"
                + Files.readString(installation.home.resolve("lib/build.id")).strip();
    }

    private Path sourceWithOneFile() throws IOException {
        Path source = Files.createDirectories(dir.resolve("source"));
        Files.writeString(source.resolve("file.txt"), "content");
        return source;
    }
}
