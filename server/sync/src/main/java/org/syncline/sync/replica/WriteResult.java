package org.syncline.sync.replica;

/**
 * What {@link Replica#write} put in place.
 *
 * @param size                bytes written
 * @param hash                {@link ContentHash} of the written content, verified against the
 *                            request's expected hash; {@code null} when the request carried none
 *                            and the replica did not hash the content anyway
 * @param attributesRefusedBy {@code null} when the {@linkplain WriteRequest#attributes() requested}
 *                            ACLs and extended attributes were kept (or none were requested); else
 *                            the file system that cannot hold them, in the user's words (see
 *                            {@link ExtendedAttributesUnsupportedException#fileSystem()}): the
 *                            content was written all the same
 */
public record WriteResult(long size, String hash, String attributesRefusedBy) {

    /** A write whose attributes, if any were requested, were kept. */
    public WriteResult(long size, String hash) {
        this(size, hash, null);
    }
}
