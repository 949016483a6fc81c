package org.syncline.persistence.internal.secret;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

import org.syncline.model.Secret;

/**
 * Encrypts secrets for storage with AES-GCM: a fresh 96-bit nonce per value and a 128-bit tag,
 * stored as {@code v1:} followed by Base64 of nonce and cipher text. Thread-safe.
 */
public final class SecretCipher {

    private static final String PREFIX = "v1:";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKey key;
    private final SecureRandom random = new SecureRandom();

    public SecretCipher(SecretKey key) {
        this.key = key;
    }

    /** Returns the stored form of {@code secret}. */
    public String encrypt(Secret secret) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            byte[] sealed = cipher.doFinal(secret.reveal().getBytes(StandardCharsets.UTF_8));
            return PREFIX + Base64.getEncoder().encodeToString(ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot encrypt a secret: " + e.getMessage(), e);
        }
    }

    /**
     * Returns the secret from its stored form.
     *
     * @throws IllegalStateException when the value was encrypted with another key (a different key
     *         file) or was altered
     */
    public Secret decrypt(String stored) {
        if (!stored.startsWith(PREFIX)) {
            throw new IllegalStateException("A stored secret has an unknown format.");
        }
        try {
            byte[] data = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, data, 0, NONCE_BYTES));
            byte[] clear = cipher.doFinal(data, NONCE_BYTES, data.length - NONCE_BYTES);
            return Secret.of(new String(clear, StandardCharsets.UTF_8));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("A password stored in the database cannot be decrypted: it was saved with another "
                    + "secret key file than this program uses, or it was altered. Copy the key file from the machine that "
                    + "saved it, or enter the password again.", e);
        }
    }
}
