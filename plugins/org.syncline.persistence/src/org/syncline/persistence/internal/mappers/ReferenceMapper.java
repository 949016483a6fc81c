package org.syncline.persistence.internal.mappers;

/**
 * Holds the result maps of reference stubs (ReferenceMapper.xml): a referenced object loaded as
 * a new object with only its id, replaced by the real one afterwards (see ReferenceResolver).
 */
public interface ReferenceMapper {
}
