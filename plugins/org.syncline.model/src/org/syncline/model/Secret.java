package org.syncline.model;

import java.util.Arrays;

/**
 * A password or other secret held by the model, such as a machine's login password.
 *
 * <p>The clear text is available only through {@link #reveal()}; {@link #toString()} is masked so
 * that a secret written to a log by mistake shows nothing. Instances are immutable and safe to
 * share between threads. The persistence layer stores secrets encrypted, never in clear.
 */
public final class Secret {

    private static final String MASK = "********";

    private final char[] value;

    private Secret(char[] value) {
        this.value = value.clone();
    }

    /** Returns a secret holding {@code clearText}; {@code null} stays {@code null}. */
    public static Secret of(String clearText) {
        return clearText == null ? null : new Secret(clearText.toCharArray());
    }

    /** Returns a secret holding a copy of {@code clearText}; {@code null} stays {@code null}. */
    public static Secret of(char[] clearText) {
        return clearText == null ? null : new Secret(clearText);
    }

    /** Returns the clear text. Callers must not log or store it. */
    public String reveal() {
        return new String(value);
    }

    /** Whether the secret is the empty string. */
    public boolean isEmpty() {
        return value.length == 0;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Secret secret && Arrays.equals(value, secret.value);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(value);
    }

    /** Always a mask: the clear text never appears. */
    @Override
    public String toString() {
        return MASK;
    }
}
