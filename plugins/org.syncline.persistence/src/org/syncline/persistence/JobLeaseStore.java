package org.syncline.persistence;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

import org.apache.ibatis.exceptions.PersistenceException;
import org.apache.ibatis.session.SqlSession;
import org.apache.ibatis.session.SqlSessionFactory;
import org.syncline.persistence.internal.mappers.JobLeaseMapper;

/**
 * Leases that let one process at a time run a job, on the database every process shares: claim
 * with one statement, renew while the run lasts, release at its end. A holder that dies without
 * releasing loses the lease when it expires, and the next claim takes it over. Expiry is judged by
 * the database's clock, never by a machine's. Thread-safe; every call is one transaction.
 */
public final class JobLeaseStore {

    private final SqlSessionFactory sessions;

    JobLeaseStore(SqlSessionFactory sessions) {
        this.sessions = sessions;
    }

    /**
     * Claims the lease of {@code job} for {@code lease} from now, unless someone holds it.
     *
     * @param holder who claims it, in the user's words (host and process)
     * @return the new fencing token, larger than every earlier one of the job; empty when held
     */
    public OptionalLong claim(String job, String holder, Duration lease) {
        try (SqlSession session = sessions.openSession()) {
            Long token = session.getMapper(JobLeaseMapper.class).claim(job, holder, lease.toMillis());
            session.commit(true);
            return token == null ? OptionalLong.empty() : OptionalLong.of(token);
        } catch (PersistenceException e) {
            // Lost the race to insert the job's first lease row: the other process holds it.
            if (CatalogStore.isConstraintViolation(e)) {
                return OptionalLong.empty();
            }
            throw CatalogStore.failure("The run of job '" + job + "' could not be claimed", e);
        }
    }

    /**
     * Extends the lease with {@code token} to {@code lease} from now.
     *
     * @return {@code false} when it is not this token's any more: it expired and was taken over
     */
    public boolean renew(String job, long token, Duration lease) {
        try (SqlSession session = sessions.openSession()) {
            int renewed = session.getMapper(JobLeaseMapper.class).renew(job, token, lease.toMillis());
            session.commit();
            return renewed == 1;
        } catch (PersistenceException e) {
            throw CatalogStore.failure("The claim on the run of job '" + job + "' could not be renewed", e);
        }
    }

    /** Gives the lease with {@code token} up; nothing happens when it is not this token's any more. */
    public void release(String job, long token) {
        try (SqlSession session = sessions.openSession()) {
            session.getMapper(JobLeaseMapper.class).release(job, token);
            session.commit();
        } catch (PersistenceException e) {
            throw CatalogStore.failure("The claim on the run of job '" + job + "' could not be given up", e);
        }
    }

    /** The lease of {@code job}, or empty when it was never claimed. */
    public Optional<JobLease> find(String job) {
        try (SqlSession session = sessions.openSession()) {
            return Optional.ofNullable(session.getMapper(JobLeaseMapper.class).select(job));
        } catch (PersistenceException e) {
            throw CatalogStore.failure("The claim on the run of job '" + job + "' could not be read", e);
        }
    }
}
