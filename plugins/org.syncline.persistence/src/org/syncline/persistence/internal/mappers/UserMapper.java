package org.syncline.persistence.internal.mappers;

import java.util.List;

import org.apache.ibatis.annotations.Param;
import org.syncline.model.User;

/** Users. Update and delete return the number of rows changed: 0 means a version conflict. */
public interface UserMapper {

    List<User> selectAll();

    void insert(User user);

    int update(User user);

    int delete(@Param("id") long id, @Param("version") long version);

    Long selectVersion(long id);
}
