package org.syncline.sync.replica;

/**
 * Who owns an entry on a POSIX file system, by numeric ids (as {@code rsync --numeric-ids} keeps
 * them, and as ACL entries name users and groups): the machines must share their user and group ids.
 *
 * @param uid the owning user's id
 * @param gid the owning group's id
 */
public record Ownership(int uid, int gid) {

    @Override
    public String toString() {
        return uid + ":" + gid;
    }
}
