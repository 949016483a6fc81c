package org.syncline.sync.replica;

/**
 * What {@link Replica#write} put in place.
 *
 * @param size bytes written
 * @param hash {@link ContentHash} of the written content
 */
public record WriteResult(long size, String hash) {
}
