package org.syncline.sync.exec;

/**
 * A snapshot of a running execution.
 *
 * @param filesDone      actions finished (successfully or not)
 * @param filesTotal     actions planned
 * @param bytesDone      bytes copied so far
 * @param bytesTotal     bytes the plan copies
 * @param bytesPerSecond average rate since the start
 * @param currentFile    the file being worked on, or empty
 */
public record Progress(long filesDone, long filesTotal, long bytesDone, long bytesTotal, double bytesPerSecond,
                       String currentFile) {
}
