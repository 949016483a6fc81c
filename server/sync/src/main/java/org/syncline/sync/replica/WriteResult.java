package org.syncline.sync.replica;

/**
 * What {@link Replica#write} put in place.
 *
 * @param size                bytes written
 * @param hash                {@link ContentHash} of the written content (verified against the
 *                            request's expected hash when it carried one); of a link: its target's
 * @param attributesRefusedBy {@code null} when the {@linkplain WriteRequest#attributes() requested}
 *                            ACLs and extended attributes were kept (or none were requested); else
 *                            the file system that cannot hold them, in the user's words (see
 *                            {@link ExtendedAttributesUnsupportedException#fileSystem()}): the
 *                            content was written all the same
 * @param ownerNotKept        whether the {@linkplain WriteRequest#owner() requested owner} could not be
 *                            given (only root may give files to other users, and a share may refuse
 *                            even root): the file was written all the same, owned by this process's user
 */
public record WriteResult(long size, String hash, String attributesRefusedBy, boolean ownerNotKept) {

    /** A write whose owner, if one was requested, was kept. */
    public WriteResult(long size, String hash, String attributesRefusedBy) {
        this(size, hash, attributesRefusedBy, false);
    }

    /** A write whose attributes, if any were requested, were kept. */
    public WriteResult(long size, String hash) {
        this(size, hash, null);
    }
}
