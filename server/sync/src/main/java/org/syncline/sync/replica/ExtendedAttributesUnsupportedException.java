package org.syncline.sync.replica;

import java.nio.file.FileSystemException;

/**
 * The file system at a path cannot hold ACLs or extended attributes ({@code EOPNOTSUPP}, as on
 * vfat or ramfs). Not an error of the file: everything else the operation was asked to do has been
 * done, and callers usually tell the user once per file system and go on.
 */
public class ExtendedAttributesUnsupportedException extends FileSystemException {

    private final String fileSystem;

    /**
     * @param file       the path whose attributes could not be kept
     * @param fileSystem the file system in the user's words, e.g. {@code vfat on /media/usb}
     */
    public ExtendedAttributesUnsupportedException(String file, String fileSystem) {
        super(file, null, "its file system (" + fileSystem + ") cannot hold ACLs or extended attributes");
        this.fileSystem = fileSystem;
    }

    /** The file system that refused them, in the user's words. */
    public String fileSystem() {
        return fileSystem;
    }
}
