package org.syncline.persistence.internal.mappers;

import java.util.List;

import org.apache.ibatis.annotations.Param;
import org.syncline.model.FileAction;
import org.syncline.model.Run;

/** Run history and the per-file log. */
public interface RunMapper {

    void insert(Run run);

    int update(Run run);

    List<Run> selectRecent(@Param("jobId") long jobId, @Param("limit") int limit);

    void insertAction(@Param("runId") long runId, @Param("action") FileAction action);

    List<FileAction> selectActions(long runId);
}
