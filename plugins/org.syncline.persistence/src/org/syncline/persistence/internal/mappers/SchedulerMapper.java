package org.syncline.persistence.internal.mappers;

import java.util.List;

import org.apache.ibatis.annotations.Param;
import org.syncline.model.Scheduler;

/** Registered engines. Update and delete return the number of rows changed: 0 means a version conflict. */
public interface SchedulerMapper {

    List<Scheduler> selectAll();

    void insert(Scheduler scheduler);

    int update(Scheduler scheduler);

    int delete(@Param("id") long id, @Param("version") long version);

    Long selectVersion(long id);
}
