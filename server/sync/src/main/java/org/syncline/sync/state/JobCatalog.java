package org.syncline.sync.state;

import org.syncline.sync.job.InvalidJobException;
import org.syncline.sync.job.JobFolders;
import org.syncline.sync.job.SyncJob;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The jobs saved in one database, as the stand-alone {@code syncline sync} runs them: a job is
 * found by its name ({@link SyncJob#id()}) and holds its paths, rule, filter and options, so a job
 * defined in the workbench runs as defined and a job run from the command line shows in the
 * workbench as it ran. Opened by a {@link JobStorageProvider}; thread-safe. Closed by whoever opened
 * it, once done with it and with everything it handed out.
 */
public interface JobCatalog extends AutoCloseable {

    /** Lets go of what this catalog holds open (connections to its database); nothing by default. */
    @Override
    default void close() {
    }

    /**
     * The job saved under {@code name}, as the sync core runs it. How many files are copied at the
     * same time is not part of a saved job: the loaded job has the default.
     *
     * @return empty when no job has that name
     * @throws InvalidJobException when the job cannot be run by this process: fewer than two
     *     folders, a folder on another machine, or settings the workbench would refuse
     * @throws StorageUnavailableException when the database cannot be read
     */
    Optional<SyncJob> find(String name) throws StorageUnavailableException;

    /**
     * Where every saved job works, each as saved (also those that could not run here, with their
     * folders of other machines as {@code null}), in the order they were created.
     *
     * @throws StorageUnavailableException when the database cannot be read
     */
    List<JobFolders> jobs() throws StorageUnavailableException;

    /**
     * Deletes the job of that name with its run history and synchronized state (its folders are not
     * touched), having claimed it first, so that a job that is running is not deleted.
     *
     * @return {@code false} when no job has that name
     * @throws JobRunningException         when a run of the job is going on
     * @throws StorageUnavailableException when the database cannot be used, or something else (a
     *                                     schedule) still uses the job
     */
    boolean delete(String name) throws StorageUnavailableException, JobRunningException;

    /**
     * Saves {@code job} as the definition of the job of its name, creating it when there is none,
     * and opens its storage. An unchanged definition is not written again.
     *
     * @param replicaIds the {@link org.syncline.sync.replica.Replica#id() ids} of the job's
     *     replicas, in the order of {@code job.paths()}: the keys of the state it loads and saves
     * @param claim the run's claim on the job ({@link #lockRun}): the storage saves state only while
     *     it is the job's, so a run that lost it never overwrites a newer run's state
     * @throws InvalidJobException when the job of that name keeps other folders in step; nothing
     *     is changed
     */
    JobStorage save(SyncJob job, List<String> replicaIds, RunLock claim) throws StorageUnavailableException;

    /**
     * Opens the storage of {@code job} without changing the saved definition, for a preview. A job
     * not saved yet is saved first, since its runs must belong to a job.
     *
     * @throws InvalidJobException when the job of that name keeps other folders in step
     */
    JobStorage open(SyncJob job, List<String> replicaIds) throws StorageUnavailableException;

    /**
     * Claims the right to run the job of {@code name} for this process, against every process that
     * uses this database, on any machine. It is held until closed, kept alive while the run lasts,
     * and lost when this process dies without closing it, once its lease expires; the next claim
     * then takes it over.
     *
     * @param lost called, on another thread, if the right is lost while held (this process could not
     *     reach the database long enough and another process took it over): the run should stop
     * @throws JobRunningException when another process holds it; the message says who and since when
     * @throws StorageUnavailableException when the database cannot be used
     */
    RunLock lockRun(String name, Runnable lost) throws StorageUnavailableException, JobRunningException;

    /**
     * The latest {@code limit} runs, newest first, of the job {@code name}, or of every job when
     * {@code name} is {@code null}. A run whose process ended before it finished is
     * {@link RunRecord.Status#INTERRUPTED}.
     *
     * @return empty when no job has that name; an empty list when there are no runs
     */
    Optional<List<RunRecord>> runs(String name, int limit) throws StorageUnavailableException;

    /** The run numbered {@code id}, or empty when there is none (never recorded, or deleted with its job). */
    Optional<RunRecord> run(long id) throws StorageUnavailableException;

    /**
     * Hands the file log of run {@code id} to {@code each}, in the order it was written, without
     * holding it in memory (a run may log millions of files). With {@code problemsOnly}, only
     * failures, conflicts, warnings and entries left alone. The {@link FileAction#action() action}
     * is named as the run's console named it (COPY, MKDIR, DELETE, ...).
     */
    void fileLog(long id, boolean problemsOnly, Consumer<FileAction> each) throws StorageUnavailableException;

    /** Where the jobs are kept, for messages; never contains a password. */
    String description();
}
