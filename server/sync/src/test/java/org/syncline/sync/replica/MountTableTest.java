package org.syncline.sync.replica;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class MountTableTest {

    /** As a container host shows it: a writable root, a read-only bind of one of its folders, a read-only disk. */
    private static final List<String> TABLE = List.of(
            "22 1 254:0 / / rw,relatime shared:1 - ext4 /dev/vda rw,discard",
            "45 22 254:0 /srv/data /srv/export ro,relatime shared:1 - ext4 /dev/vda rw,discard",
            "46 22 8:17 / /media/usb rw,nosuid - vfat /dev/sdb1 ro,fmask=0022",
            "47 22 0:50 / /mnt/my\\040share rw,relatime - cifs //server/share rw,vers=3.1.1",
            "48 47 0:51 / /mnt/my\\040share ro,relatime - tmpfs tmpfs rw",
            "broken line");

    @Test
    void theDeepestMountHoldingTheFolderCountsByItsOwnOptionsOrItsFileSystems() {
        assertEquals(Optional.of(false), MountTable.readOnly(TABLE, "/srv/data/reports"), "writable where it is not bound");
        assertEquals(Optional.of(true), MountTable.readOnly(TABLE, "/srv/export"), "the read-only bind itself");
        assertEquals(Optional.of(true), MountTable.readOnly(TABLE, "/srv/export/2026/q3"));
        assertEquals(Optional.of(false), MountTable.readOnly(TABLE, "/srv/exports"), "a longer name is not inside");
        assertEquals(Optional.of(true), MountTable.readOnly(TABLE, "/media/usb/backup"), "the file system turned read-only");
        assertEquals(Optional.of(true), MountTable.readOnly(TABLE, "/mnt/my share/docs"), "the last mount on a point covers the others");
        assertEquals(Optional.empty(), MountTable.readOnly(List.of("nothing to read"), "/srv"));
    }
}
