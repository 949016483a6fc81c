package org.syncline.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** The Syncline release this build is, as the build wrote it into {@code version.properties}. */
public final class SynclineVersion {

    private static final String RESOURCE = "version.properties";

    private SynclineVersion() {
    }

    /** The release, such as {@code 0.1.0}. */
    public static String current() {
        try (InputStream in = SynclineVersion.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the build");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Supplies {@code --version} output to picocli. */
    public static final class Provider implements IVersionProvider {

        @Override
        public String[] getVersion() {
            return new String[] {"Syncline " + current()};
        }
    }
}
