package org.syncline.ui.internal;

import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.Version;

/**
 * Name and version of the running workbench, read from this bundle's manifest so that the
 * build is the only place a version is set.
 */
public final class ProductInfo {

    private ProductInfo() {
    }

    /** The release version, {@code major.minor.micro}, e.g. {@code 0.1.0}. */
    public static String releaseVersion() {
        Version v = bundleVersion();
        return v.getMajor() + "." + v.getMinor() + "." + v.getMicro();
    }

    /** The build qualifier (a timestamp in release builds), or an empty string. */
    public static String buildQualifier() {
        return bundleVersion().getQualifier();
    }

    private static Version bundleVersion() {
        Bundle bundle = FrameworkUtil.getBundle(ProductInfo.class);
        return bundle == null ? Version.emptyVersion : bundle.getVersion();
    }
}
