package org.syncline.persistence.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.eclipse.emf.ecore.util.EcoreUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.io.TempDir;
import org.syncline.model.Catalog;
import org.syncline.model.FileAction;
import org.syncline.model.FileActionKind;
import org.syncline.model.FileActionOutcome;
import org.syncline.model.Job;
import org.syncline.model.JobPath;
import org.syncline.model.ReplicaState;
import org.syncline.model.Run;
import org.syncline.model.RunOutcome;
import org.syncline.model.SynclineFactory;
import org.syncline.persistence.CatalogStore;
import org.syncline.persistence.ConcurrentChangeException;
import org.syncline.persistence.DatabaseException;
import org.syncline.persistence.DatabaseProfile;
import org.syncline.persistence.internal.DataSources;
import org.syncline.persistence.DatabaseUnavailableException;
import org.syncline.persistence.JobLease;
import org.syncline.persistence.JobLeaseStore;
import org.syncline.persistence.LeaseLostException;
import org.syncline.persistence.ReplicaStateStore;
import org.syncline.persistence.RunFence;
import org.syncline.persistence.SynclineDatabase;
import org.syncline.persistence.internal.SchemaMigrator;

/**
 * The persistence suite every supported database must pass. Each subclass supplies a fresh, empty
 * database per test.
 */
@ExtendWith(ContextResolver.class)
abstract class PersistenceContract {

    @TempDir
    Path folder;

    DatabaseProfile profile;

    /** A profile of a new, empty database whose key file lies in {@code folder}. */
    abstract DatabaseProfile newDatabase(Path folder, ExtensionContext context) throws Exception;

    @BeforeEach
    void createDatabase(ExtensionContext context) throws Exception {
        profile = newDatabase(folder, context);
    }

    /**
     * Shuts an embedded H2 file database down before its folder is deleted: it stays open for the
     * JVM's life otherwise, and its background writer could write into the folder while JUnit
     * deletes it.
     */
    @AfterEach
    void shutDownEmbeddedDatabase() throws SQLException {
        Databases.closeOpened();
        EmbeddedH2.shutDown(profile);
    }

    @Test
    void theFullModelSurvivesARoundTrip() {
        FullModel model = new FullModel();
        SynclineDatabase database = Databases.open(profile);
        model.savingOrder().forEach(database.catalog()::save);
        Run run = model.run();
        database.runs().start(run);
        database.runs().finish(run);
        ReplicaState state = model.replicaState();
        database.replicaStates().save(List.of(state));

        assertEquals(List.of(), FullModel.unsetFeatures(List.of(model.catalog, run, state)),
                "the fixture must set every stored feature to a non-default value");

        Catalog loaded = Databases.open(profile).catalog().load();
        assertTrue(EcoreUtil.equals(model.catalog, loaded), () -> "the catalog changed on its way through the database:\n"
                + describe(model.catalog) + "\nbecame\n" + describe(loaded));
        Job loadedJob = loaded.getJobs().get(0);
        List<Run> runs = database.runs().recentRuns(loaded, loadedJob, 10);
        assertEquals(1, runs.size());
        database.runs().loadActions(runs.get(0));
        assertTrue(EcoreUtil.equals(run, runs.get(0)), () -> describe(run) + "\nbecame\n" + describe(runs.get(0)));
        List<ReplicaState> states = database.replicaStates().load(loadedJob.getPaths().get(0));
        assertEquals(1, states.size());
        assertTrue(EcoreUtil.equals(state, states.get(0)), () -> describe(state) + "\nbecame\n" + describe(states.get(0)));
    }

    @Test
    void oneJobLoadsByNameWithWhatItRefersToAndSavesLikeALoadedOne() {
        FullModel model = new FullModel();
        SynclineDatabase database = Databases.open(profile);
        model.savingOrder().forEach(database.catalog()::save);
        Job saved = model.catalog.getJobs().get(0);

        Job loaded = database.catalog().loadJob(saved.getName()).orElseThrow();

        assertTrue(EcoreUtil.equals(saved, loaded), () -> describe(saved) + "\nbecame\n" + describe(loaded));
        assertTrue(loaded.getPaths().stream().allMatch(p -> p.getMachine() == null || p.getMachine().eContainer() != null),
                "machines are resolved, not stubs");
        assertTrue(database.catalog().loadJob("no such job").isEmpty());
        loaded.setDescription("changed through a job loaded alone");
        database.catalog().save(loaded);
        assertEquals("changed through a job loaded alone", database.catalog().load().getJobs().stream()
                .filter(j -> j.getName().equals(saved.getName())).findFirst().orElseThrow().getDescription());
    }

    @Test
    void aJobLeaseGoesToOneHolderAtATimeOnTheDatabasesClock() throws Exception {
        TimeZone zone = TimeZone.getDefault();
        // A zone far from UTC: the lease times must still be UTC, as every other time in the database.
        TimeZone.setDefault(TimeZone.getTimeZone("America/New_York"));
        try {
            JobLeaseStore leases = Databases.open(profile).jobLeases();
            long first = leases.claim("Nightly", "host-a (process 1)", Duration.ofMinutes(1)).orElseThrow();
            assertTrue(leases.claim("Nightly", "host-b (process 2)", Duration.ofMinutes(1)).isEmpty(), "held");
            JobLease held = leases.find("Nightly").orElseThrow();
            assertEquals("host-a (process 1)", held.holder());
            assertTrue(held.held());
            assertEquals(Duration.ofMinutes(1), Duration.between(held.claimedAt(), held.expiresAt()));
            assertTrue(Duration.between(held.claimedAt(), Instant.now()).abs().compareTo(Duration.ofMinutes(1)) < 0,
                    held.claimedAt() + " is the database's time in UTC (its clock is this machine's here)");

            assertTrue(leases.renew("Nightly", first, Duration.ofMinutes(2)));
            assertTrue(leases.find("Nightly").orElseThrow().expiresAt().isAfter(held.expiresAt()));
            leases.release("Nightly", first);
            assertFalse(leases.find("Nightly").orElseThrow().held());
            assertFalse(leases.renew("Nightly", first, Duration.ofMinutes(1)), "a released lease is not renewed");

            long second = leases.claim("Nightly", "host-b (process 2)", Duration.ofMillis(300)).orElseThrow();
            assertEquals(first + 1, second);
            Thread.sleep(600);
            long third = leases.claim("Nightly", "host-c (process 3)", Duration.ofMinutes(1)).orElseThrow();
            assertEquals(second + 1, third, "an expired lease is taken over");
            assertFalse(leases.renew("Nightly", second, Duration.ofMinutes(1)), "the expired holder's token is void");
            assertTrue(leases.find("Weekly").isEmpty());
        } finally {
            TimeZone.setDefault(zone);
        }
    }

    @Test
    void aRunWritesItsStateOnlyWhileItsClaimIsTheJobs() throws Exception {
        FullModel model = new FullModel();
        SynclineDatabase database = Databases.open(profile);
        model.savingOrder().forEach(database.catalog()::save);
        JobPath path = model.replicaState().getPath();
        JobLeaseStore leases = database.jobLeases();
        long stale = leases.claim("Nightly", "host-a (process 1)", Duration.ofMillis(300)).orElseThrow();
        database.replicaStates().update(new RunFence("Nightly", stale), changes -> changes.put(state(path, "early.txt", false)));
        Thread.sleep(600);
        long current = leases.claim("Nightly", "host-b (process 2)", Duration.ofMinutes(1)).orElseThrow();

        LeaseLostException refused = assertThrows(LeaseLostException.class, () -> database.replicaStates()
                .update(new RunFence("Nightly", stale), changes -> changes.put(state(path, "late.txt", false))));

        assertTrue(refused.getMessage().contains("another run took the job over"), refused.getMessage());
        assertEquals(List.of("early.txt"), names(database.replicaStates().load(path)), "the stale run wrote nothing");
        database.replicaStates().update(new RunFence("Nightly", current), changes -> changes.put(state(path, "current.txt", false)));
        assertEquals(List.of("current.txt", "early.txt"), names(database.replicaStates().load(path)));
        leases.release("Nightly", current);
        assertThrows(LeaseLostException.class, () -> database.replicaStates()
                .update(new RunFence("Nightly", current), changes -> changes.put(state(path, "after.txt", false))),
                "a released claim fences nothing in");
    }

    @Test
    void anOpenUpdateIsSeenByNobodyBeforeItsCommitAndUndoneWhenClosedWithout() {
        FullModel model = new FullModel();
        SynclineDatabase database = Databases.open(profile);
        model.savingOrder().forEach(database.catalog()::save);
        JobPath path = model.replicaState().getPath();
        ReplicaStateStore states = database.replicaStates();
        List<String> saved = names(states.load(path));

        try (ReplicaStateStore.Update update = states.begin()) {
            for (int i = 0; i < 1500; i++) {
                update.put(state(path, "ahead-" + i + ".txt", false));
            }
            update.delete(path, model.replicaState().getRelativePath());
            assertEquals(saved, names(states.load(path)), "statements sent in batches stay the transaction's");
        }
        assertEquals(saved, names(states.load(path)), "closed without a commit: nothing of it remains");

        try (ReplicaStateStore.Update update = states.begin()) {
            update.put(state(path, "kept.txt", false));
            update.put(state(path, "taken-back.txt", false));
            update.delete(path, "taken-back.txt");
            update.commit(null);
        }
        List<String> expected = new ArrayList<>(saved);
        expected.add("kept.txt");
        assertEquals(expected.stream().sorted().toList(), names(states.load(path)));
    }

    @Test
    void everyCommitThatChangesAPathsStateRaisesItsGenerationOnce() {
        FullModel model = new FullModel();
        SynclineDatabase database = Databases.open(profile);
        model.savingOrder().forEach(database.catalog()::save);
        JobPath path = model.replicaState().getPath();
        JobPath other = model.job.getPaths().get(1);
        ReplicaStateStore states = database.replicaStates();
        Map<Long, Long> before = states.generations(List.of(path, other));

        try (ReplicaStateStore.Update update = states.begin()) {
            for (int i = 0; i < 1500; i++) {
                update.put(state(path, "many-" + i + ".txt", false));
            }
            update.delete(path, "many-0.txt");
            update.commit(null);
            assertEquals(Map.of(path.getId(), before.get(path.getId()) + 1), update.generations(),
                    "one commit, however many rows, raises the generation of the path it changed by one");
        }
        try (ReplicaStateStore.Update update = states.begin()) {
            update.put(state(path, "rolled-back.txt", false));
        }
        assertEquals(Map.of(path.getId(), before.get(path.getId()) + 1, other.getId(), before.get(other.getId())),
                states.generations(List.of(path, other)), "a rolled-back update and an untouched path raise nothing");

        assertFalse(states.delete(path, "no-such-file.txt"));
        assertEquals(before.get(path.getId()) + 1, states.generations(List.of(path)).get(path.getId()),
                "a delete of nothing raises nothing");

        assertTrue(states.delete(path, "many-1.txt"));
        states.update(changes -> changes.put(state(other, "other.txt", false)));
        assertEquals(Map.of(path.getId(), before.get(path.getId()) + 2, other.getId(), before.get(other.getId()) + 1),
                states.generations(List.of(path, other)));
        assertEquals(1498 + names(states.load(path)).stream().filter(name -> !name.startsWith("many-")).count(),
                states.count(path));
    }

    @Test
    void replicaStatesAreReplacedNotDuplicated() {
        FullModel model = new FullModel();
        SynclineDatabase database = Databases.open(profile);
        model.savingOrder().forEach(database.catalog()::save);
        ReplicaState state = model.replicaState();
        database.replicaStates().save(List.of(state));
        state.setSize(42);
        state.setHash("00ff");
        database.replicaStates().save(List.of(state));
        List<ReplicaState> states = database.replicaStates().load(state.getPath());
        assertEquals(1, states.size());
        assertEquals(42, states.get(0).getSize());
        assertTrue(database.replicaStates().delete(state.getPath(), state.getRelativePath()));
        assertEquals(List.of(), database.replicaStates().load(state.getPath()));
    }

    @Test
    void replicaStatesAreReadFolderByFolderAndChangedInOneTransaction() {
        FullModel model = new FullModel();
        SynclineDatabase database = Databases.open(profile);
        model.savingOrder().forEach(database.catalog()::save);
        JobPath path = model.replicaState().getPath();
        database.replicaStates().save(List.of(state(path, "docs", true), state(path, "docs/a.txt", false),
                state(path, "docs/sub", true), state(path, "docs/sub/b.txt", false), state(path, "top.txt", false)));

        assertEquals(List.of("docs", "top.txt"), names(database.replicaStates().children(path, "")));
        assertEquals(List.of("docs/a.txt", "docs/sub"), names(database.replicaStates().children(path, "docs")));
        assertEquals(List.of("docs/sub/b.txt"), names(database.replicaStates().children(path, "docs/sub")));

        IllegalStateException failure = assertThrows(IllegalStateException.class, () -> database.replicaStates().update(changes -> {
            changes.delete(path, "top.txt");
            changes.put(state(path, "new.txt", false));
            throw new IllegalStateException("the run's changes could not be read");
        }));
        assertEquals("the run's changes could not be read", failure.getMessage());
        assertEquals(List.of("docs", "top.txt"), names(database.replicaStates().children(path, "")), "all or nothing");

        database.replicaStates().update(changes -> {
            changes.delete(path, "top.txt");
            for (int i = 0; i < 2500; i++) {
                changes.put(state(path, "docs/sub/f" + i, false));
            }
        });
        assertEquals(List.of("docs"), names(database.replicaStates().children(path, "")));
        assertEquals(2501, database.replicaStates().children(path, "docs/sub").size());
    }

    @Test
    void replicaStatesOfAnOlderSchemaAreRekeyedAndThenFoundUpdatedAndDeletedInPlace() throws Exception {
        FullModel model = new FullModel();
        SynclineDatabase database = Databases.open(profile);
        model.savingOrder().forEach(database.catalog()::save);
        JobPath path = model.replicaState().getPath();
        List<ReplicaState> states = new ArrayList<>();
        for (int i = 0; i < 1200; i++) {
            states.add(state(path, "old/f" + i, false));
        }
        states.add(state(path, "old", true));
        database.replicaStates().save(states);
        keyAsBeforeSchema7(path, states);
        assertEquals(List.of(), database.replicaStates().children(path, ""));

        assertEquals(1201, database.replicaStates().upgradeKeys(path));
        assertEquals(List.of("old"), names(database.replicaStates().children(path, "")));
        assertEquals(1200, database.replicaStates().children(path, "old").size());
        assertEquals(0, database.replicaStates().upgradeKeys(path), "nothing left to do");
        keyAsBeforeSchema7(path, states.subList(0, 100));
        assertEquals(100, database.replicaStates().upgradeKeys(path), "an interrupted upgrade is completed");
        assertEquals(1200, database.replicaStates().children(path, "old").size());

        ReplicaState changed = state(path, "old/f7", false);
        changed.setSize(123_456);
        database.replicaStates().save(List.of(changed));
        assertTrue(database.replicaStates().delete(path, "old/f8"));
        List<ReplicaState> children = database.replicaStates().children(path, "old");
        assertEquals(1199, children.size(), "updated in place, not added beside the upgraded row");
        assertEquals(List.of(123_456L), children.stream().filter(state -> state.getRelativePath().equals("old/f7"))
                .map(ReplicaState::getSize).toList());
    }

    /**
     * Gives {@code states} the keys of schemas before 7 (the SHA-256 of the whole path), every other
     * one without a parent key (as before schema 5), and lists their job path for the upgrade, as
     * schema 7 does.
     */
    private void keyAsBeforeSchema7(JobPath path, List<ReplicaState> states) throws Exception {
        try (Connection connection = DataSources.create(profile).getConnection();
             PreparedStatement rekey = connection.prepareStatement(
                     "UPDATE replica_state SET path_key = ?, parent_key = CASE WHEN ? THEN NULL ELSE parent_key END"
                             + " WHERE path_id = ? AND relative_path = ?");
             PreparedStatement list = connection.prepareStatement("INSERT INTO replica_state_upgrade (path_id) VALUES (?)")) {
            for (int i = 0; i < states.size(); i++) {
                rekey.setString(1, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                        .digest(states.get(i).getRelativePath().getBytes(StandardCharsets.UTF_8))));
                rekey.setBoolean(2, i % 2 == 0);
                rekey.setLong(3, path.getId());
                rekey.setString(4, states.get(i).getRelativePath());
                rekey.addBatch();
            }
            rekey.executeBatch();
            list.setLong(1, path.getId());
            list.executeUpdate();
        }
    }

    @Test
    void theStatesOfOneFolderLieTogetherInTheKeyOrder() throws Exception {
        FullModel model = new FullModel();
        SynclineDatabase database = Databases.open(profile);
        model.savingOrder().forEach(database.catalog()::save);
        JobPath path = model.replicaState().getPath();
        database.replicaStates().update(changes -> {
            for (int i = 0; i < 300; i++) {
                changes.put(state(path, "folder-" + (i % 30) + "/file-" + i, false));
            }
        });
        List<String> folders = new ArrayList<>();
        try (Connection connection = DataSources.create(profile).getConnection();
             PreparedStatement rows = connection.prepareStatement(
                     "SELECT relative_path FROM replica_state WHERE path_id = ? ORDER BY path_key")) {
            rows.setLong(1, path.getId());
            try (ResultSet result = rows.executeQuery()) {
                while (result.next()) {
                    String folder = result.getString(1).substring(0, result.getString(1).indexOf('/'));
                    if (folders.isEmpty() || !folders.getLast().equals(folder)) {
                        folders.add(folder);
                    }
                }
            }
        }
        assertEquals(30, folders.size(), "each folder's rows in one run of keys: " + folders);
    }

    private static ReplicaState state(JobPath path, String relativePath, boolean folder) {
        ReplicaState state = SynclineFactory.eINSTANCE.createReplicaState();
        state.setPath(path);
        state.setRelativePath(relativePath);
        state.setFolder(folder);
        state.setSize(folder ? 0 : relativePath.length());
        state.setModified(java.time.Instant.ofEpochMilli(1_700_000_000_000L));
        return state;
    }

    private static List<String> names(List<ReplicaState> states) {
        return states.stream().map(ReplicaState::getRelativePath).sorted().toList();
    }

    @Test
    void theSecondOfTwoConcurrentEditsIsRefused() {
        SynclineDatabase database = Databases.open(profile);
        new FullModel().savingOrder().forEach(database.catalog()::save);
        CatalogStore first = Databases.open(profile).catalog();
        CatalogStore second = Databases.open(profile).catalog();
        Job mine = first.load().getJobs().get(0);
        Job theirs = second.load().getJobs().get(0);

        mine.setDescription("changed in workbench 1");
        first.save(mine);
        theirs.setDescription("changed in workbench 2");
        ConcurrentChangeException refused = assertThrows(ConcurrentChangeException.class, () -> second.save(theirs));

        assertEquals("Job 'Reports' was changed by someone else since you opened it. Your changes were not saved: "
                + "reload it and make them again.", refused.getMessage());
        assertEquals("changed in workbench 1", database.catalog().load().getJobs().get(0).getDescription());
        Job reloaded = second.load().getJobs().get(0);
        reloaded.setDescription("changed in workbench 2 after reloading");
        second.save(reloaded);
        assertEquals(3, reloaded.getVersion());
    }

    @Test
    void deletingAnObjectSomeoneElseChangedIsRefused() {
        SynclineDatabase database = Databases.open(profile);
        FullModel model = new FullModel();
        model.savingOrder().forEach(database.catalog()::save);
        Catalog stale = database.catalog().load();
        model.monitor.setChangeDelaySeconds(1);
        database.catalog().save(model.monitor);
        assertThrows(ConcurrentChangeException.class, () -> database.catalog().delete(stale.getMonitors().get(0)));
        database.catalog().delete(model.monitor);
        ConcurrentChangeException gone = assertThrows(ConcurrentChangeException.class, () -> database.catalog().save(model.monitor));
        assertEquals("Real-time monitor 'Live reports' was deleted by someone else since you opened it. Your changes were not saved.",
                gone.getMessage());
    }

    @Test
    void aJobStillInUseCannotBeDeleted() {
        SynclineDatabase database = Databases.open(profile);
        FullModel model = new FullModel();
        model.savingOrder().forEach(database.catalog()::save);
        DatabaseException refused = assertThrows(DatabaseException.class, () -> database.catalog().delete(model.job));
        assertEquals("Job 'Reports' is still used by other objects (a job path, schedule or monitor): remove it there first.",
                refused.getMessage());
    }

    @Test
    void pathsKeepTheirIdsAcrossSaves() {
        SynclineDatabase database = Databases.open(profile);
        FullModel model = new FullModel();
        model.savingOrder().forEach(database.catalog()::save);
        long firstPathId = model.job.getPaths().get(0).getId();
        model.job.getPaths().move(1, 0);
        model.job.getPaths().remove(0);
        database.catalog().save(model.job);
        Job loaded = database.catalog().load().getJobs().get(0);
        assertEquals(1, loaded.getPaths().size());
        assertEquals(firstPathId, loaded.getPaths().get(0).getId());
    }

    @Test
    void passwordsAreStoredEncrypted() throws Exception {
        SynclineDatabase database = Databases.open(profile);
        new FullModel().savingOrder().forEach(database.catalog()::save);
        List<String> found = new ArrayList<>();
        int textValues = 0;
        try (Connection connection = DataSources.create(profile).getConnection()) {
            DatabaseMetaData metaData = connection.getMetaData();
            List<String> tables = new ArrayList<>();
            try (ResultSet rows = metaData.getTables(null, connection.getSchema(), "%", new String[] {"TABLE"})) {
                while (rows.next()) {
                    tables.add(rows.getString("TABLE_NAME"));
                }
            }
            assertTrue(tables.size() >= 10, "expected the Syncline tables, found " + tables);
            for (String table : tables) {
                try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery("SELECT * FROM " + table)) {
                    while (rows.next()) {
                        for (int column = 1; column <= rows.getMetaData().getColumnCount(); column++) {
                            String value = rows.getString(column);
                            if (value != null) {
                                textValues++;
                                if (value.contains(FullModel.MACHINE_PASSWORD)) {
                                    found.add(table + "." + rows.getMetaData().getColumnName(column));
                                }
                            }
                        }
                    }
                }
            }
        }
        assertTrue(textValues > 50, "the scan read too little to prove anything: " + textValues + " values");
        assertEquals(List.of(), found, "the machine password is stored in clear");
        assertEquals(FullModel.MACHINE_PASSWORD, database.catalog().load().getMachines().get(0).getPassword().reveal());
        if (Files.getFileStore(profile.keyFile()).supportsFileAttributeView("posix")) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(profile.keyFile())));
        }
    }

    @Test
    void passwordsNeverReachTheLog() {
        try (LogCapture log = new LogCapture()) {
            SynclineDatabase database = Databases.open(profile);
            new FullModel().savingOrder().forEach(database.catalog()::save);
            database.catalog().load();
            assertTrue(log.messages().stream().anyMatch(message -> message.contains("INSERT INTO machine")),
                    "SQL statements were not logged, so this test proves nothing: " + log.messages().size() + " messages");
            assertTrue(log.messages().stream().anyMatch(message -> message.contains("Parameters:")), "SQL parameters were not logged");
            assertEquals(List.of(), log.messages().stream().filter(message -> message.contains(FullModel.MACHINE_PASSWORD)
                    || profile.password() != null && !profile.password().isEmpty() && message.contains(profile.password().reveal())).toList());
        }
    }

    @Test
    void twoEnginesStartingOnAnEmptyDatabaseMigrateItOnce() throws Exception {
        ExecutorService engines = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<SynclineDatabase>> opened = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                opened.add(engines.submit(() -> {
                    start.await();
                    return Databases.open(profile);
                }));
            }
            start.countDown();
            for (Future<SynclineDatabase> database : opened) {
                database.get(2, TimeUnit.MINUTES).catalog().load();
            }
        } finally {
            engines.shutdownNow();
        }
        try (Connection connection = DataSources.create(profile).getConnection(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT COUNT(*), COUNT(DISTINCT id) FROM databasechangelog")) {
            rows.next();
            assertTrue(rows.getInt(1) > 10);
            assertEquals(rows.getInt(2), rows.getInt(1), "a change was applied twice");
        }
    }

    @Test
    void aDatabaseMigratedOnceOpensAfterwardsWithoutChangingItsSchema() throws Exception {
        assertTrue(Databases.open(profile).schemaChangedOnOpen(), "a new database gets its schema");
        List<String> recorded = new ArrayList<>();
        try (Connection connection = DataSources.create(profile).getConnection(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT id FROM databasechangelog ORDER BY orderexecuted")) {
            while (rows.next()) {
                recorded.add(rows.getString(1));
            }
        }
        assertEquals(new SchemaMigrator().changeIds(), recorded,
                "every change set is recorded, also one that changes nothing on this database");
        assertFalse(Databases.open(profile).schemaChangedOnOpen(), "a current database is opened without Liquibase");
    }

    @Test
    void aDatabaseOfTheFirstSchemaIsUpgraded() throws Exception {
        DataSource dataSource = DataSources.create(profile);
        try (Connection connection = dataSource.getConnection()) {
            new SchemaMigrator().migrateTo(connection, SchemaMigrator.FIRST_SCHEMA_TAG);
            connection.setAutoCommit(true);
            try (Statement statement = connection.createStatement()) {
                statement.executeUpdate("INSERT INTO machine (row_version, name, host_name, runs_agent, agent_port, auto_discover, runs_scheduler)"
                        + " VALUES (1, 'Old server', 'old.example.org', " + bool(connection, true) + ", 9033, " + bool(connection, false) + ", "
                        + bool(connection, false) + ")");
                assertThrows(SQLException.class, () -> statement.executeQuery("SELECT COUNT(*) FROM app_user"),
                        "schema 1 must not have the tables of schema 2");
            }
        }
        SynclineDatabase database = Databases.open(profile);
        Catalog catalog = database.catalog().load();
        assertEquals("Old server", catalog.getMachines().get(0).getName());
        FullModel model = new FullModel();
        model.savingOrder().forEach(database.catalog()::save);
        assertEquals(3, database.catalog().load().getMachines().size());
    }

    @Test
    void theRunHistoryIsReadNewestFirstCountedWhileUnfinishedAndStreamedWithOrWithoutWhatWasDone() {
        FullModel model = new FullModel();
        SynclineDatabase database = Databases.open(profile);
        model.savingOrder().forEach(database.catalog()::save);
        Run finished = model.run();
        database.runs().start(finished);
        database.runs().finish(finished);
        Run unfinished = model.run();
        unfinished.getActions().clear();
        unfinished.setOutcome(RunOutcome.RUNNING);
        database.runs().start(unfinished);
        List<FileAction> logged = new ArrayList<>();
        for (FileActionOutcome outcome : List.of(FileActionOutcome.DONE, FileActionOutcome.FAILED, FileActionOutcome.DONE)) {
            FileAction action = SynclineFactory.eINSTANCE.createFileAction();
            action.setKind(FileActionKind.COPY);
            action.setRelativePath("file-" + logged.size());
            action.setOutcome(outcome);
            action.setBytes(100);
            logged.add(action);
        }
        database.runs().appendActions(unfinished, logged);

        Catalog loaded = database.catalog().load();
        assertEquals(List.of(unfinished.getId(), finished.getId()),
                database.runs().recentRuns(loaded, 10).stream().map(Run::getId).toList());
        assertEquals(List.of(unfinished.getId()), database.runs().recentRuns(loaded, 1).stream().map(Run::getId).toList());
        Run found = database.runs().findRun(loaded, finished.getId()).orElseThrow();
        assertTrue(found.getJob() == loaded.getJobs().get(0), "its job is the catalog's object");
        assertEquals(finished.getFilesCopied(), found.getFilesCopied());
        assertTrue(database.runs().findRun(loaded, unfinished.getId() + 1000).isEmpty());
        assertTrue(database.runs().isLatestRunning(unfinished));
        assertFalse(database.runs().isLatestRunning(found));

        Run counted = database.runs().findRun(loaded, unfinished.getId()).orElseThrow();
        database.runs().countLogged(counted);
        assertEquals(List.of(2, 1, 200L), List.of(counted.getFilesCopied(), counted.getErrors(), counted.getBytesTransferred()));

        List<String> all = new ArrayList<>();
        database.runs().forEachAction(unfinished.getId(), false, action -> all.add(action.getRelativePath()));
        assertEquals(List.of("file-0", "file-1", "file-2"), all);
        List<String> problems = new ArrayList<>();
        database.runs().forEachAction(unfinished.getId(), true, action -> problems.add(action.getRelativePath()));
        assertEquals(List.of("file-1"), problems);

        assertEquals(1, database.runs().deleteRunsStartedBefore(loaded.getJobs().get(0), finished.getStartedAt().plusSeconds(1),
                unfinished), "every run that started before, but the one kept");
        assertEquals(List.of(unfinished.getId()), database.runs().recentRuns(loaded, 10).stream().map(Run::getId).toList());
        List<String> deletedLog = new ArrayList<>();
        database.runs().forEachAction(finished.getId(), false, action -> deletedLog.add(action.getRelativePath()));
        assertEquals(List.of(), deletedLog, "its file log went with it");
    }

    @Test
    void fileActionsLoggedBeforeTheirOutcomeWasStoredGetOne() throws Exception {
        Run run = startedRun(Databases.open(profile));
        List<String> errors = Arrays.asList(null, "Access denied", "conflict: both changed; kept the newer",
                "warning: modified in the future", "skipped: excluded by a filter");
        try (Connection connection = DataSources.create(profile).getConnection()) {
            connection.setAutoCommit(true);
            try (Statement statement = connection.createStatement()) {
                statement.executeUpdate("DELETE FROM databasechangelog WHERE id LIKE '3-file-action-%-of-old-rows'");
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO file_action (run_id, kind, bytes, bytes_saved_by_delta, error) VALUES (?, 'COPY', 0, 0, ?)")) {
                for (String error : errors) {
                    insert.setLong(1, run.getId());
                    insert.setString(2, error);
                    insert.executeUpdate();
                }
            }
        }
        Databases.open(profile).runs().loadActions(run);
        List<String> actions = run.getActions().stream()
                .map(action -> action.getOutcome() + " / " + action.getMessage() + " / " + action.getError()).toList();
        assertEquals(List.of("DONE / null / null", "FAILED / null / Access denied",
                "CONFLICT / both changed; kept the newer / null", "WARNING / modified in the future / null",
                "SKIPPED / excluded by a filter / null"), actions);
    }

    /** A run of the full model's job, saved as started with no file action yet, in {@code database} (given that model). */
    static Run startedRun(SynclineDatabase database) {
        FullModel model = new FullModel();
        model.savingOrder().forEach(database.catalog()::save);
        Run run = model.run();
        run.getActions().clear();
        database.runs().start(run);
        return run;
    }

    @Test
    void aSchemaFromANewerSynclineIsRefused() throws Exception {
        Databases.open(profile);
        try (Connection connection = DataSources.create(profile).getConnection(); Statement statement = connection.createStatement()) {
            statement.executeUpdate("INSERT INTO databasechangelog (id, author, filename, dateexecuted, orderexecuted, exectype)"
                    + " VALUES ('99-from-the-future', 'syncline', 'db/changelog/changes-99.xml', CURRENT_TIMESTAMP, 999, 'EXECUTED')");
        }
        DatabaseUnavailableException refused = assertThrows(DatabaseUnavailableException.class, () -> Databases.open(profile));
        assertEquals(DatabaseUnavailableException.Reason.SCHEMA_TOO_NEW, refused.reason());
        assertTrue(refused.getMessage().contains("was upgraded by a newer version of Syncline than this one"), refused.getMessage());
        assertTrue(refused.getMessage().contains("99-from-the-future"), refused.getMessage());
    }

    @Test
    void profilesNeverShowTheirPassword() {
        assertFalse(profile.toString().contains("Secret"), profile.toString());
        if (profile.password() != null && !profile.password().isEmpty()) {
            assertFalse(profile.toString().contains(profile.password().reveal()));
        }
        assertNotEquals("", profile.location());
    }

    private static String bool(Connection connection, boolean value) throws SQLException {
        boolean bitColumns = connection.getMetaData().getURL().toUpperCase(java.util.Locale.ROOT).contains("MODE=MSSQLSERVER");
        return bitColumns ? (value ? "1" : "0") : String.valueOf(value).toUpperCase(java.util.Locale.ROOT);
    }

    private static String describe(org.eclipse.emf.ecore.EObject object) {
        StringBuilder text = new StringBuilder(object.toString());
        object.eAllContents().forEachRemaining(child -> text.append("\n  ").append(child));
        return text.toString();
    }
}
