package org.syncline.persistence.internal.mappers;

import java.util.List;

import org.apache.ibatis.annotations.Param;
import org.syncline.model.ReplicaState;

/** Last synchronized state of the files of one job path; rows are keyed by a hash of the relative path. */
public interface ReplicaStateMapper {

    List<ReplicaState> selectForPath(long pathId);

    void upsert(@Param("pathId") long pathId, @Param("pathKey") String pathKey, @Param("state") ReplicaState state);

    int delete(@Param("pathId") long pathId, @Param("pathKey") String pathKey);
}
