package org.syncline.persistence.internal.mappers;

import java.util.List;

import org.apache.ibatis.annotations.Param;
import org.syncline.model.RealTimeMonitor;

/** Real-time monitors. Update and delete return the number of rows changed: 0 means a version conflict. */
public interface MonitorMapper {

    List<RealTimeMonitor> selectAll();

    void insert(RealTimeMonitor monitor);

    int update(RealTimeMonitor monitor);

    int delete(@Param("id") long id, @Param("version") long version);

    Long selectVersion(long id);
}
