package org.syncline.persistence.internal.mappers;

import java.util.Collection;
import java.util.List;

import org.apache.ibatis.annotations.Param;
import org.syncline.model.ReplicaState;

/**
 * Last synchronized state of the files of one job path; rows are keyed by hashes of the parent
 * folder's and the file's relative path and carry the hash of the parent folder's relative path.
 */
public interface ReplicaStateMapper {

    List<ReplicaState> selectForPath(long pathId);

    int toUpgrade(long pathId);

    List<StoredKey> selectKeysAfter(@Param("pathId") long pathId, @Param("after") String after, @Param("limit") int limit);

    int rekey(@Param("pathId") long pathId, @Param("storedKey") String storedKey, @Param("pathKey") String pathKey,
            @Param("parentKey") String parentKey);

    int upgraded(long pathId);

    void upsert(@Param("pathId") long pathId, @Param("pathKey") String pathKey, @Param("parentKey") String parentKey,
            @Param("state") ReplicaState state);

    int delete(@Param("pathId") long pathId, @Param("pathKey") String pathKey);

    int count(long pathId);

    int raiseGeneration(long pathId);

    List<PathGeneration> selectGenerations(@Param("pathIds") Collection<Long> pathIds);
}
