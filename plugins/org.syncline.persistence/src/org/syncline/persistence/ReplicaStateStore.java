package org.syncline.persistence;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import org.apache.ibatis.exceptions.PersistenceException;
import org.apache.ibatis.executor.BatchResult;
import org.apache.ibatis.session.ExecutorType;
import org.apache.ibatis.session.SqlSession;
import org.apache.ibatis.session.SqlSessionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.syncline.model.JobPath;
import org.syncline.model.ReplicaState;
import org.syncline.model.SynclineFactory;
import org.syncline.persistence.internal.UtcInstantTypeHandler;
import org.syncline.persistence.internal.mappers.JobLeaseMapper;
import org.syncline.persistence.internal.mappers.PathGeneration;
import org.syncline.persistence.internal.mappers.ReplicaStateMapper;
import org.syncline.persistence.internal.mappers.StoredKey;

/**
 * The state of each file of a job path as it was after the last successful run: the base of
 * three-way decisions. Thread-safe; every call is one transaction (an {@link Update} from
 * {@link #begin} is one until it is committed or closed). Rows are keyed by hashes, so that paths
 * of any length can be unique on every database: the key ({@link #key}) is the start of the SHA-256
 * of the parent folder's relative path followed by the start of the path's own, so the rows of one
 * folder lie together in the key's index: a run reads the state one folder at a time
 * ({@link #children}) as a range of keys, and writing the state of a tree changes few of the
 * index's pages. Each row also carries its whole parent folder hash, which tells the rows of two
 * folders apart should the starts of their hashes ever be the same. Every transaction that changes
 * a path's states also raises the path's {@linkplain #generations generation}, by which a process
 * that keeps the states in memory tells that they are still the database's.
 */
public final class ReplicaStateStore {

    private static final Logger LOG = LoggerFactory.getLogger(ReplicaStateStore.class);

    /** Statements sent to the database in one round trip by {@link #update}. */
    static final int BATCH = 1000;
    /** Hex digits of the parent folder's hash and of the path's own hash in a row's key. */
    private static final int FOLDER_PART = 24;
    private static final int PATH_PART = 40;
    private static final String LOWEST_PATH_PART = "0".repeat(PATH_PART);
    private static final String HIGHEST_PATH_PART = "f".repeat(PATH_PART);

    private final SqlSessionFactory sessions;

    ReplicaStateStore(SqlSessionFactory sessions) {
        this.sessions = sessions;
    }

    /** Changes collected by {@link #update}; not thread-safe, valid only while the update runs. */
    public interface Changes {

        /** Inserts or replaces the state of its path's file. */
        void put(ReplicaState state);

        /** Forgets the state of one file of {@code path}, if it has one. */
        void delete(JobPath path, String relativePath);
    }

    /** The states stored for {@code path} (which must be saved), ordered by relative path. */
    public List<ReplicaState> load(JobPath path) {
        try (SqlSession session = sessions.openSession()) {
            List<ReplicaState> states = session.getMapper(ReplicaStateMapper.class).selectForPath(path.getId());
            states.forEach(state -> state.setPath(path));
            return states;
        } catch (PersistenceException e) {
            throw CatalogStore.failure("The last synchronized state could not be loaded", e);
        }
    }

    /**
     * The states stored for the direct children of one folder of {@code path}, in no particular
     * order; rows written by a Syncline before schema 7 are found only after {@link #upgradeKeys}.
     * One connection per call: to read many folders, use {@link #folders}.
     *
     * @param folder the folder's relative path, {@code ""} for the path's root
     */
    public List<ReplicaState> children(JobPath path, String folder) {
        try (Folders folders = folders()) {
            return folders.children(path, folder);
        }
    }

    /** Opens a reader of the states folder by folder, over one connection it holds until closed. */
    public Folders folders() {
        return new Folders(sessions.openSession());
    }

    /**
     * Reads the states of job paths folder by folder over one connection and one prepared
     * statement, which it holds until closed. Not thread-safe.
     *
     * <p>This is the query a run makes for every saved file, so it bypasses MyBatis's reflective
     * row mapping (which cost more than the database here) and maps the rows by hand; the
     * statement is plain SQL that every supported database understands.
     */
    public static final class Folders implements AutoCloseable {

        /** A folder's rows are a range of the primary key ({@link ReplicaStateStore#firstKeyIn}, {@link ReplicaStateStore#lastKeyIn}). */
        private static final String CHILDREN = "SELECT relative_path, size_bytes, modified, content_hash, folder, symlink"
                + " FROM replica_state WHERE path_id = ? AND path_key BETWEEN ? AND ? AND parent_key = ?";

        private final SqlSession session;
        private final UtcInstantTypeHandler instants = new UtcInstantTypeHandler();
        private PreparedStatement children;

        private Folders(SqlSession session) {
            this.session = session;
        }

        /**
         * The states stored for the direct children of one folder of {@code path}, in no particular
         * order; see {@link ReplicaStateStore#children}.
         */
        public List<ReplicaState> children(JobPath path, String folder) {
            List<ReplicaState> states = new ArrayList<>();
            try {
                if (children == null) {
                    children = session.getConnection().prepareStatement(CHILDREN);
                }
                String folderHash = hash(folder);
                children.setLong(1, path.getId());
                children.setString(2, firstKeyIn(folderHash));
                children.setString(3, lastKeyIn(folderHash));
                children.setString(4, folderHash);
                try (ResultSet rows = children.executeQuery()) {
                    while (rows.next()) {
                        ReplicaState state = SynclineFactory.eINSTANCE.createReplicaState();
                        state.setPath(path);
                        state.setRelativePath(rows.getString(1));
                        state.setSize(rows.getLong(2));
                        state.setModified(instants.getResult(rows, 3));
                        state.setHash(rows.getString(4));
                        state.setFolder(rows.getBoolean(5));
                        state.setLink(rows.getBoolean(6));
                        states.add(state);
                    }
                }
                return states;
            } catch (SQLException e) {
                throw CatalogStore.failure("The last synchronized state could not be loaded", new PersistenceException(e));
            }
        }

        /** Releases the statement and the connection. */
        @Override
        public void close() {
            try {
                if (children != null) {
                    children.close();
                }
            } catch (SQLException e) {
                LOG.debug("Closing a statement failed: {}", e.getMessage());
            } finally {
                session.close();
            }
        }
    }

    /**
     * Gives the rows of {@code path} that a Syncline before schema 7 wrote this schema's key and
     * their parent key, if the path is among those schema 7 listed for that; returns how many rows
     * changed. Walks the path's rows in key order, a chunk of {@value #BATCH} per transaction; a row
     * that moves ahead of the walk is met again with its new key and left as it is. Costs one
     * lookup when there is nothing to do. Idempotent, and safe to interrupt: a row is upgraded whole
     * or not at all, and the path stays listed until all its rows are.
     */
    public int upgradeKeys(JobPath path) {
        int upgraded = 0;
        try (SqlSession session = sessions.openSession(ExecutorType.BATCH)) {
            ReplicaStateMapper mapper = session.getMapper(ReplicaStateMapper.class);
            if (mapper.toUpgrade(path.getId()) == 0) {
                return 0;
            }
            LOG.info("Upgrading the synchronized state of {} to the keys of this version (once;"
                    + " some seconds per 10,000 files)", path.getFolder());
            String after = "";
            List<StoredKey> chunk;
            while (!(chunk = mapper.selectKeysAfter(path.getId(), after, BATCH)).isEmpty()) {
                for (StoredKey row : chunk) {
                    String parentKey = parentKey(row.relativePath());
                    String key = key(parentKey, row.relativePath());
                    if (!key.equals(row.pathKey())) {
                        mapper.rekey(path.getId(), row.pathKey(), key, parentKey);
                        upgraded++;
                    }
                }
                session.flushStatements();
                session.commit();
                after = chunk.getLast().pathKey();
            }
            mapper.upgraded(path.getId());
            session.flushStatements();
            session.commit();
            LOG.info("Upgraded the synchronized state of {}: {} files", path.getFolder(), upgraded);
            return upgraded;
        } catch (PersistenceException e) {
            throw CatalogStore.failure("The synchronized state could not be upgraded", e);
        }
    }

    /** Rows changed by a batch; a driver that does not tell counts one per statement. */
    private static int updated(List<BatchResult> results) {
        int updated = 0;
        for (BatchResult result : results) {
            for (int count : result.getUpdateCounts()) {
                updated += count == Statement.SUCCESS_NO_INFO ? 1 : Math.max(0, count);
            }
        }
        return updated;
    }

    /** Inserts or replaces the states of their paths' files, in one transaction. */
    public void save(Collection<ReplicaState> states) {
        update(changes -> states.forEach(changes::put));
    }

    /**
     * Runs {@code work}, which puts and deletes states, and commits all it did in one transaction:
     * the database holds either none of it or all of it. Statements go to the database in batches
     * of {@value #BATCH} while the work runs, so it may change any number of rows. An exception from
     * {@code work} rolls everything back and is rethrown.
     */
    public void update(Consumer<Changes> work) {
        update(null, work);
    }

    /**
     * {@link #update(Consumer)} under a run's claim on its job: before the commit the transaction
     * checks that the claim is still the job's and holds it until the commit, so a run that lost its
     * claim writes nothing.
     *
     * @param fence the run's claim, or {@code null} for none
     * @throws LeaseLostException when the claim is not the job's any more; nothing was written
     */
    public void update(RunFence fence, Consumer<Changes> work) {
        try (Update update = begin()) {
            work.accept(update);
            update.commit(fence);
        }
    }

    /**
     * Opens a transaction that puts and deletes states as they come and is committed, whole, only
     * by {@link Update#commit}: a run can write its state while it executes and commit once it
     * knows what succeeded. It holds one connection until closed.
     */
    public Update begin() {
        try {
            return new Update(sessions.openSession(ExecutorType.BATCH));
        } catch (PersistenceException e) {
            throw notSaved(e);
        }
    }

    /**
     * One open transaction of state changes; see {@link #begin}. Statements go to the database in
     * batches of {@value #BATCH}, so it may change any number of rows. Until the commit other
     * connections see none of them; closing it uncommitted rolls them back. Not thread-safe.
     */
    public static final class Update implements Changes, AutoCloseable {

        private final SqlSession session;
        private final ReplicaStateMapper mapper;
        private final Set<Long> changedPaths = new LinkedHashSet<>();
        private Map<Long, Long> generations = Map.of();
        private int pending;

        private Update(SqlSession session) {
            this.session = session;
            this.mapper = session.getMapper(ReplicaStateMapper.class);
        }

        @Override
        public void put(ReplicaState state) {
            try {
                String parentKey = parentKey(state.getRelativePath());
                mapper.upsert(state.getPath().getId(), key(parentKey, state.getRelativePath()), parentKey, state);
                changedPaths.add(state.getPath().getId());
                sent();
            } catch (PersistenceException e) {
                throw notSaved(e);
            }
        }

        @Override
        public void delete(JobPath path, String relativePath) {
            try {
                mapper.delete(path.getId(), key(relativePath));
                changedPaths.add(path.getId());
                sent();
            } catch (PersistenceException e) {
                throw notSaved(e);
            }
        }

        private void sent() {
            if (++pending == BATCH) {
                session.flushStatements();
                pending = 0;
            }
        }

        /**
         * Commits every change made, under {@code fence} if not {@code null}: the claim is checked
         * last, in this transaction, and its row stays locked until the commit, so no other run can
         * take the job over between the check and the commit. The transaction also raises the
         * {@linkplain #generations generation} of each path it changed.
         *
         * @throws LeaseLostException when the claim is not the job's any more; nothing was written
         */
        public void commit(RunFence fence) {
            try {
                session.flushStatements();
                pending = 0;
                if (fence != null) {
                    session.getMapper(JobLeaseMapper.class).fence(fence.job(), fence.token());
                    if (updated(session.flushStatements()) != 1) {
                        session.rollback(true);
                        throw new LeaseLostException("the claim on job '" + fence.job() + "' (fencing token "
                                + fence.token() + ") is not this run's any more: another run took the job over");
                    }
                }
                Map<Long, Long> raised = raiseGenerations(mapper, changedPaths);
                session.commit(true);
                generations = raised;
                Durability.force(session, "The saved state");
            } catch (PersistenceException e) {
                throw notSaved(e);
            }
        }

        /**
         * The generation each path this update changed has after its commit (empty before the
         * commit, and for an update that changed nothing). A path's generation is raised by every
         * transaction that changes its state, so a copy of the state known to be of generation
         * {@code g} before this update, with this update's changes applied, is the database's when
         * the path's generation after it is {@code g + 1}.
         */
        public Map<Long, Long> generations() {
            return generations;
        }

        /** Rolls back what was not committed and releases the connection. */
        @Override
        public void close() {
            session.close();
        }
    }

    /**
     * Raises the generation of {@code pathIds} in the mapper's transaction and returns the raised
     * values (statements of a batch session are sent first).
     */
    private static Map<Long, Long> raiseGenerations(ReplicaStateMapper mapper, Collection<Long> pathIds) {
        if (pathIds.isEmpty()) {
            return Map.of();
        }
        pathIds.forEach(mapper::raiseGeneration);
        return generationsOf(mapper, pathIds);
    }

    private static Map<Long, Long> generationsOf(ReplicaStateMapper mapper, Collection<Long> pathIds) {
        Map<Long, Long> generations = new HashMap<>();
        for (PathGeneration row : mapper.selectGenerations(pathIds)) {
            generations.put(row.pathId(), row.generation());
        }
        return Map.copyOf(generations);
    }

    /**
     * The generation of each of {@code paths}' synchronized state, by path id: how many committed
     * transactions changed it (schema 11). A path missing from the database is missing here.
     */
    public Map<Long, Long> generations(Collection<JobPath> paths) {
        if (paths.isEmpty()) {
            return Map.of();
        }
        try (SqlSession session = sessions.openSession()) {
            return generationsOf(session.getMapper(ReplicaStateMapper.class), paths.stream().map(JobPath::getId).toList());
        } catch (PersistenceException e) {
            throw CatalogStore.failure("The generation of the synchronized state could not be read", e);
        }
    }

    /** How many states are stored for {@code path}, reachable by {@link #children} or not. */
    public int count(JobPath path) {
        try (SqlSession session = sessions.openSession()) {
            return session.getMapper(ReplicaStateMapper.class).count(path.getId());
        } catch (PersistenceException e) {
            throw CatalogStore.failure("The synchronized state could not be counted", e);
        }
    }

    private static DatabaseException notSaved(PersistenceException e) {
        return CatalogStore.failure("The synchronized state could not be saved", e);
    }

    /** Forgets the state of one file of {@code path}; returns whether there was one. */
    public boolean delete(JobPath path, String relativePath) {
        try (SqlSession session = sessions.openSession()) {
            ReplicaStateMapper mapper = session.getMapper(ReplicaStateMapper.class);
            int deleted = mapper.delete(path.getId(), key(relativePath));
            if (deleted > 0) {
                mapper.raiseGeneration(path.getId());
            }
            session.commit();
            return deleted > 0;
        } catch (PersistenceException e) {
            throw CatalogStore.failure("The synchronized state could not be deleted", e);
        }
    }

    /**
     * The primary key of the state of {@code relativePath}: the first {@value #FOLDER_PART} hex
     * digits of its {@link #parentKey} and the first {@value #PATH_PART} of its own {@link #hash}
     * (64 characters, as the column). Rows of one folder sort together; two paths share a key only
     * if 160 bits of their hashes do.
     */
    static String key(String relativePath) {
        return key(parentKey(relativePath), relativePath);
    }

    private static String key(String parentKey, String relativePath) {
        return parentKey.substring(0, FOLDER_PART) + hash(relativePath).substring(0, PATH_PART);
    }

    /** The lowest key a row of the folder whose {@link #hash} is {@code folderHash} can have. */
    private static String firstKeyIn(String folderHash) {
        return folderHash.substring(0, FOLDER_PART) + LOWEST_PATH_PART;
    }

    /** The highest key a row of the folder whose {@link #hash} is {@code folderHash} can have. */
    private static String lastKeyIn(String folderHash) {
        return folderHash.substring(0, FOLDER_PART) + HIGHEST_PATH_PART;
    }

    /** The hash of the folder holding {@code relativePath}; segments are separated by {@code /}. */
    static String parentKey(String relativePath) {
        return hash(relativePath.substring(0, Math.max(0, relativePath.lastIndexOf('/'))));
    }

    /** The SHA-256 of a relative path's UTF-8 bytes, in lower-case hex. */
    static String hash(String relativePath) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(relativePath.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }
}
