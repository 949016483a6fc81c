package org.syncline.persistence.internal.mappers;

import java.util.List;

import org.apache.ibatis.annotations.Param;
import org.syncline.model.Job;
import org.syncline.model.JobPath;

/**
 * Jobs with their filter and options (columns of the job row) and their paths (rows of job_path,
 * whose ids are kept across saves). Update and delete return the number of rows changed: 0 means a
 * version conflict.
 */
public interface JobMapper {

    List<Job> selectAll();

    /** The jobs of that name, oldest first (names are not unique in the schema). */
    List<Job> selectByName(String name);

    /** Every job's paths, in order, job by job. */
    List<JobPathRow> selectOutlines();

    void insert(Job job);

    int update(Job job);

    int delete(@Param("id") long id, @Param("version") long version);

    Long selectVersion(long id);

    List<Long> selectPathIds(long jobId);

    void insertPath(@Param("jobId") long jobId, @Param("ordinal") int ordinal, @Param("path") JobPath path);

    int updatePath(@Param("jobId") long jobId, @Param("ordinal") int ordinal, @Param("path") JobPath path);

    void deletePath(long pathId);
}
