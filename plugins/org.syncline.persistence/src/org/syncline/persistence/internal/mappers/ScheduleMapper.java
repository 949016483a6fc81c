package org.syncline.persistence.internal.mappers;

import java.util.List;

import org.apache.ibatis.annotations.Param;
import org.syncline.model.Schedule;

/**
 * Schedules with their trigger (columns trigger_* of the schedule row) and their ordered jobs
 * (schedule_job). Update and delete return the number of rows changed: 0 means a version conflict.
 */
public interface ScheduleMapper {

    List<Schedule> selectAll();

    void insert(Schedule schedule);

    int update(Schedule schedule);

    int delete(@Param("id") long id, @Param("version") long version);

    Long selectVersion(long id);

    void insertJob(@Param("scheduleId") long scheduleId, @Param("ordinal") int ordinal, @Param("jobId") long jobId);

    void deleteJobs(long scheduleId);
}
