package org.syncline.persistence.internal;

import java.time.Instant;

import javax.sql.DataSource;

import org.apache.ibatis.mapping.Environment;
import org.apache.ibatis.session.AutoMappingUnknownColumnBehavior;
import org.apache.ibatis.session.Configuration;
import org.apache.ibatis.session.SqlSessionFactory;
import org.apache.ibatis.session.SqlSessionFactoryBuilder;
import org.apache.ibatis.transaction.jdbc.JdbcTransactionFactory;
import org.apache.ibatis.type.JdbcType;
import org.eclipse.emf.ecore.EClass;
import org.eclipse.emf.ecore.EClassifier;
import org.syncline.model.Secret;
import org.syncline.model.SynclinePackage;
import org.syncline.persistence.internal.mappers.JobLeaseMapper;
import org.syncline.persistence.internal.mappers.JobMapper;
import org.syncline.persistence.internal.mappers.MachineMapper;
import org.syncline.persistence.internal.mappers.MonitorMapper;
import org.syncline.persistence.internal.mappers.PermissionMapper;
import org.syncline.persistence.internal.mappers.ReferenceMapper;
import org.syncline.persistence.internal.mappers.ReplicaStateMapper;
import org.syncline.persistence.internal.mappers.RunMapper;
import org.syncline.persistence.internal.mappers.ScheduleMapper;
import org.syncline.persistence.internal.mappers.SchedulerMapper;
import org.syncline.persistence.internal.mappers.UserMapper;
import org.syncline.persistence.internal.secret.SecretCipher;
import org.syncline.persistence.internal.secret.SecretTypeHandler;

/**
 * Builds the MyBatis configuration in code (no mybatis-config.xml).
 *
 * <p>In order: the {@code databaseId} is set first, because mapper XML is filtered by it while it
 * is parsed; then type aliases (each model class by its simple name, registered explicitly since
 * package scanning cannot list a bundle), type handlers, the EMF object factory and wrapper, and
 * last the mappers, whose XML files sit beside their interfaces. The thread's context class loader
 * is this bundle's loader while MyBatis parses, and is restored afterwards.
 */
public final class SessionFactories {

    private SessionFactories() {
    }

    /**
     * Builds a factory for {@code dataSource} speaking the dialect {@code databaseId} (see
     * {@link DatabaseIds}); secrets are encrypted with {@code cipher}. Does not connect.
     */
    public static SqlSessionFactory build(DataSource dataSource, String databaseId, SecretCipher cipher) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(SessionFactories.class.getClassLoader());
        try {
            Configuration configuration = new Configuration(new Environment("syncline", new JdbcTransactionFactory(), dataSource));
            configuration.setDatabaseId(databaseId);
            configuration.setMapUnderscoreToCamelCase(true);
            configuration.setAutoMappingUnknownColumnBehavior(AutoMappingUnknownColumnBehavior.NONE);
            configuration.setJdbcTypeForNull(JdbcType.NULL);
            configuration.setCacheEnabled(false);
            configuration.setObjectFactory(new EObjectFactory(SynclinePackage.eINSTANCE));
            configuration.setObjectWrapperFactory(new EObjectWrapperFactory());
            registerAliases(configuration);
            configuration.getTypeHandlerRegistry().register(Instant.class, new UtcInstantTypeHandler());
            configuration.getTypeHandlerRegistry().register(Secret.class, new SecretTypeHandler(cipher));
            for (Class<?> mapper : new Class<?>[] {ReferenceMapper.class, PermissionMapper.class, MachineMapper.class, JobMapper.class,
                SchedulerMapper.class, ScheduleMapper.class, MonitorMapper.class, UserMapper.class, RunMapper.class, ReplicaStateMapper.class,
                JobLeaseMapper.class}) {
                configuration.addMapper(mapper);
            }
            return new SqlSessionFactoryBuilder().build(configuration);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private static void registerAliases(Configuration configuration) {
        for (EClassifier classifier : SynclinePackage.eINSTANCE.getEClassifiers()) {
            if (classifier instanceof EClass eClass && !eClass.isAbstract()) {
                configuration.getTypeAliasRegistry().registerAlias(eClass.getName(), eClass.getInstanceClass());
            }
        }
        configuration.getTypeAliasRegistry().registerAlias("timesOfDay", TextListTypeHandler.TimesOfDay.class);
        configuration.getTypeAliasRegistry().registerAlias("weekdays", TextListTypeHandler.Weekdays.class);
        configuration.getTypeAliasRegistry().registerAlias("daysOfMonth", TextListTypeHandler.DaysOfMonth.class);
    }
}
