package org.syncline.persistence.internal.mappers;

import org.apache.ibatis.annotations.Param;
import org.syncline.model.Permission;

/** Permissions of machines, jobs, schedules and monitors, keyed by object kind and id. */
public interface PermissionMapper {

    void insert(@Param("kind") String kind, @Param("objectId") long objectId, @Param("ordinal") int ordinal, @Param("permission") Permission permission);

    void deleteFor(@Param("kind") String kind, @Param("objectId") long objectId);
}
