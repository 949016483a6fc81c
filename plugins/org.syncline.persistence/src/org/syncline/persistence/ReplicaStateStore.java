package org.syncline.persistence;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;

import org.apache.ibatis.exceptions.PersistenceException;
import org.apache.ibatis.session.ExecutorType;
import org.apache.ibatis.session.SqlSession;
import org.apache.ibatis.session.SqlSessionFactory;
import org.syncline.model.JobPath;
import org.syncline.model.ReplicaState;
import org.syncline.persistence.internal.mappers.ReplicaStateMapper;

/**
 * The state of each file of a job path as it was after the last successful run: the base of
 * three-way decisions. Thread-safe; every call is one transaction. Rows are keyed by the SHA-256 of
 * the relative path, so that paths of any length can be unique on every database.
 */
public final class ReplicaStateStore {

    private final SqlSessionFactory sessions;

    ReplicaStateStore(SqlSessionFactory sessions) {
        this.sessions = sessions;
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

    /** Inserts or replaces the states of their paths' files, in one transaction. */
    public void save(Collection<ReplicaState> states) {
        try (SqlSession session = sessions.openSession(ExecutorType.BATCH)) {
            ReplicaStateMapper mapper = session.getMapper(ReplicaStateMapper.class);
            for (ReplicaState state : states) {
                mapper.upsert(state.getPath().getId(), key(state.getRelativePath()), state);
            }
            session.commit();
        } catch (PersistenceException e) {
            throw CatalogStore.failure("The synchronized state could not be saved", e);
        }
    }

    /** Forgets the state of one file of {@code path}; returns whether there was one. */
    public boolean delete(JobPath path, String relativePath) {
        try (SqlSession session = sessions.openSession()) {
            int deleted = session.getMapper(ReplicaStateMapper.class).delete(path.getId(), key(relativePath));
            session.commit();
            return deleted > 0;
        } catch (PersistenceException e) {
            throw CatalogStore.failure("The synchronized state could not be deleted", e);
        }
    }

    static String key(String relativePath) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(relativePath.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }
}
