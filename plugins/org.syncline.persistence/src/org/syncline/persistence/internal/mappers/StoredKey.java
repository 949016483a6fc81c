package org.syncline.persistence.internal.mappers;

/** The key a replica state row is stored under, and the relative path it is the state of. */
public record StoredKey(String pathKey, String relativePath) {
}
