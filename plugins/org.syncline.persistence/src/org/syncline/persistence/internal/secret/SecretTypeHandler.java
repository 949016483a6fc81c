package org.syncline.persistence.internal.secret;

import java.sql.CallableStatement;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import org.apache.ibatis.type.BaseTypeHandler;
import org.apache.ibatis.type.JdbcType;
import org.syncline.model.Secret;

/** Writes {@link Secret} values encrypted and reads them back decrypted; the clear text never reaches JDBC. */
public final class SecretTypeHandler extends BaseTypeHandler<Secret> {

    private final SecretCipher cipher;

    public SecretTypeHandler(SecretCipher cipher) {
        this.cipher = cipher;
    }

    @Override
    public void setNonNullParameter(PreparedStatement statement, int index, Secret secret, JdbcType jdbcType) throws SQLException {
        statement.setString(index, cipher.encrypt(secret));
    }

    @Override
    public Secret getNullableResult(ResultSet results, String column) throws SQLException {
        return decrypt(results.getString(column));
    }

    @Override
    public Secret getNullableResult(ResultSet results, int index) throws SQLException {
        return decrypt(results.getString(index));
    }

    @Override
    public Secret getNullableResult(CallableStatement statement, int index) throws SQLException {
        return decrypt(statement.getString(index));
    }

    private Secret decrypt(String stored) {
        return stored == null ? null : cipher.decrypt(stored);
    }
}
