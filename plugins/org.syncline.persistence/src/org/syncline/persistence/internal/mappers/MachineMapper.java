package org.syncline.persistence.internal.mappers;

import java.util.List;

import org.apache.ibatis.annotations.Param;
import org.syncline.model.Machine;
import org.syncline.model.MachineConnection;

/** Machines and their connections. Update and delete return the number of rows changed: 0 means a version conflict. */
public interface MachineMapper {

    List<Machine> selectAll();

    void insert(Machine machine);

    int update(Machine machine);

    int delete(@Param("id") long id, @Param("version") long version);

    Long selectVersion(long id);

    void insertConnection(@Param("machineId") long machineId, @Param("ordinal") int ordinal, @Param("connection") MachineConnection connection);

    void deleteConnections(long machineId);
}
