package org.syncline.sync.cli;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Lets a command that bin/syncline runs to record its start-up cache say that it ran code its
 * later runs will not (it created the database's schema, or it stopped on bad usage before doing
 * anything): the launcher then records again on the next run rather than build a cache from this
 * one. A cache built from the run that created the schema holds Liquibase, twice the size of one
 * built from an ordinary run, and every later start pays for mapping it.
 *
 * <p>The launcher sets the system property {@value #PROPERTY} to the file to create, and only in
 * the run that records.
 */
public final class StartupRecording {

    /** The file to create when this run is not one to build the start-up cache from. */
    public static final String PROPERTY = "syncline.startupCache.untypical";

    private static final Logger LOG = LoggerFactory.getLogger(StartupRecording.class);

    private StartupRecording() {
    }

    /** Marks the run that is recording the start-up cache as not typical, for the reason given. */
    public static void untypical(String reason) {
        String marker = System.getProperty(PROPERTY);
        if (marker == null || marker.isEmpty()) {
            return;
        }
        try {
            Files.writeString(Path.of(marker), reason + "\n");
        } catch (IOException | InvalidPathException e) {
            LOG.debug("Cannot mark the start-up cache's record as untypical ({}): {}", marker, e.toString());
        }
    }
}
