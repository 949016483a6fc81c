package org.syncline.agent;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** The name of the machine this JVM runs on. */
public final class LocalHost {

    private LocalHost() {
    }

    /**
     * Returns the local host name as the resolver knows it, or {@code localhost} when the
     * machine's name cannot be resolved. May block on a name lookup; call it once and keep
     * the result.
     */
    public static String name() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
