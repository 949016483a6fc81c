package org.syncline.sync;

/**
 * Reads the tuning settings Syncline takes from Java system properties (set through
 * {@code SYNCLINE_JAVA_OPTS}) strictly: a value that is set but not understood stops the program with
 * a message naming the property, instead of being ignored for the default.
 */
public final class SystemProperties {

    private SystemProperties() {
    }

    /**
     * The whole number the system property {@code name} is set to, or {@code fallback} when it is not
     * set.
     *
     * @param unit what the number counts, for the message ({@code "minutes"})
     * @throws IllegalArgumentException when it is set to anything but a whole number of at least {@code min}
     */
    public static long wholeNumber(String name, long min, long fallback, String unit) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            long number = Long.parseLong(value.strip());
            if (number >= min) {
                return number;
            }
        } catch (NumberFormatException e) {
            // said below, as a number out of range is
        }
        throw new IllegalArgumentException("The system property " + name + " must be a whole number of " + unit + ", "
                + min + " or more, but is '" + value + "'. Correct it in SYNCLINE_JAVA_OPTS, or leave it out for the default.");
    }
}
