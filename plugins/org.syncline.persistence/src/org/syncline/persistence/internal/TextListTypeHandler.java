package org.syncline.persistence.internal;

import java.sql.CallableStatement;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.ibatis.type.BaseTypeHandler;
import org.apache.ibatis.type.JdbcType;
import org.syncline.model.Weekday;

/**
 * Stores a short list of values as one comma-separated text column, e.g. a trigger's times of day
 * {@code 08:00,17:30}. Used for the small, bounded lists of a schedule's trigger, which are always
 * read and written with their schedule; a child table would add joins and nothing else.
 *
 * @param <T> the element type
 */
public abstract class TextListTypeHandler<T> extends BaseTypeHandler<List<T>> {

    private final Function<String, T> parse;
    private final Function<T, String> format;

    TextListTypeHandler(Function<String, T> parse, Function<T, String> format) {
        this.parse = parse;
        this.format = format;
    }

    @Override
    public void setNonNullParameter(PreparedStatement statement, int index, List<T> values, JdbcType jdbcType) throws SQLException {
        statement.setString(index, values.stream().map(format).collect(Collectors.joining(",")));
    }

    @Override
    public List<T> getNullableResult(ResultSet results, String column) throws SQLException {
        return parse(results.getString(column));
    }

    @Override
    public List<T> getNullableResult(ResultSet results, int index) throws SQLException {
        return parse(results.getString(index));
    }

    @Override
    public List<T> getNullableResult(CallableStatement statement, int index) throws SQLException {
        return parse(statement.getString(index));
    }

    private List<T> parse(String text) {
        List<T> values = new ArrayList<>();
        if (text != null && !text.isEmpty()) {
            for (String item : text.split(",")) {
                values.add(parse.apply(item));
            }
        }
        return values;
    }

    /** Times of day as {@code HH:mm[:ss]}. */
    public static final class TimesOfDay extends TextListTypeHandler<java.time.LocalTime> {
        public TimesOfDay() {
            super(java.time.LocalTime::parse, java.time.LocalTime::toString);
        }
    }

    /** Weekdays by name, e.g. {@code MONDAY,FRIDAY}. */
    public static final class Weekdays extends TextListTypeHandler<Weekday> {
        public Weekdays() {
            super(Weekday::valueOf, Weekday::name);
        }
    }

    /** Days of the month as numbers. */
    public static final class DaysOfMonth extends TextListTypeHandler<Integer> {
        public DaysOfMonth() {
            super(Integer::valueOf, String::valueOf);
        }
    }
}
