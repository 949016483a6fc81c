package org.syncline.persistence.internal;

import java.sql.CallableStatement;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

import org.apache.ibatis.type.BaseTypeHandler;
import org.apache.ibatis.type.JdbcType;

/**
 * Stores instants in {@code TIMESTAMP} columns as UTC wall-clock time, whatever the time zone of
 * the JVM: engines and workbenches in different zones then read the same instant back.
 */
public final class UtcInstantTypeHandler extends BaseTypeHandler<Instant> {

    @Override
    public void setNonNullParameter(PreparedStatement statement, int index, Instant value, JdbcType jdbcType) throws SQLException {
        statement.setObject(index, LocalDateTime.ofInstant(value, ZoneOffset.UTC));
    }

    @Override
    public Instant getNullableResult(ResultSet results, String column) throws SQLException {
        return toInstant(results.getObject(column, LocalDateTime.class));
    }

    @Override
    public Instant getNullableResult(ResultSet results, int index) throws SQLException {
        return toInstant(results.getObject(index, LocalDateTime.class));
    }

    @Override
    public Instant getNullableResult(CallableStatement statement, int index) throws SQLException {
        return toInstant(statement.getObject(index, LocalDateTime.class));
    }

    private static Instant toInstant(LocalDateTime value) {
        return value == null ? null : value.toInstant(ZoneOffset.UTC);
    }
}
