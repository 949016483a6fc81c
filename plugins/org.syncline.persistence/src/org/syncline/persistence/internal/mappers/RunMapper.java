package org.syncline.persistence.internal.mappers;

import java.time.Instant;
import java.util.List;

import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.cursor.Cursor;
import org.syncline.model.FileAction;
import org.syncline.model.Run;

/** Run history and the per-file log. */
public interface RunMapper {

    void insert(Run run);

    int update(Run run);

    List<Run> selectRecent(@Param("jobId") long jobId, @Param("limit") int limit);

    void insertAction(@Param("runId") long runId, @Param("action") FileAction action);

    List<FileAction> selectActions(long runId);

    List<Run> selectRecentOfAll(@Param("limit") int limit);

    Run selectRun(@Param("id") long id);

    Long selectLatestRunning(@Param("jobId") long jobId);

    Run selectLoggedTotals(@Param("runId") long runId);

    int deleteStartedBefore(@Param("jobId") long jobId, @Param("before") Instant before, @Param("keep") long keep);

    Cursor<FileAction> streamActions(@Param("runId") long runId, @Param("problemsOnly") boolean problemsOnly);
}
